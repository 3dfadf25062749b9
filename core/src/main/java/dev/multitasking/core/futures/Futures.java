package dev.multitasking.core.futures;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Python's {@code concurrent.futures} helpers over any Java {@link ExecutorService}:
 * {@link #map}, {@link #asCompleted} and {@link #await} (Python's {@code wait}).
 *
 * <p>{@link #mapUnordered} yields results as they finish, each beside its input, as Python's
 * {@code Pool.imap_unordered} does, with the same bound on chunks in flight.
 *
 * <p>One deliberate difference: Python's {@code Executor.map} (before 3.14) submits its whole
 * input at once (cpython issue 74028), so an endless input never yields and a long one fills
 * memory. {@link #map} keeps a bounded number of chunks in flight and reads the input only as
 * slots free up, so it works on an endless {@link Stream} in bounded memory.
 */
public final class Futures {

    private Futures() {
    }

    /** Chunks in flight when the caller does not say: enough to keep every core busy while results are read. */
    public static int defaultChunksInFlight() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * {@code function} applied to every item on {@code executor}, results yielded lazily in input
     * order, as Python's {@code executor.map(fn, items, chunksize=..., timeout=...)}.
     *
     * @param chunkSize how many items one task takes (Python's {@code chunksize}); larger chunks cost
     *                  less per item in a process pool
     * @param timeout   measured from this call; when it passes before the next result,
     *                  {@link ResultIterator#next()} throws {@link TimeoutException} and the rest is
     *                  cancelled
     */
    public static <T, R> ResultIterator<R> map(ExecutorService executor, TaskFunction<? super T, ? extends R> function,
                                               Iterator<? extends T> items, int chunkSize, Duration timeout) {
        return new MapIterator<>(executor, function, items, chunkSize, defaultChunksInFlight(), deadline(timeout));
    }

    /** {@link #map(ExecutorService, TaskFunction, Iterator, int, Duration)} with no timeout. */
    public static <T, R> ResultIterator<R> map(ExecutorService executor, TaskFunction<? super T, ? extends R> function,
                                               Iterable<? extends T> items, int chunkSize) {
        return new MapIterator<>(executor, function, items.iterator(), chunkSize, defaultChunksInFlight(), Long.MAX_VALUE);
    }

    /**
     * {@link #map(ExecutorService, TaskFunction, Iterator, int, Duration)} over a stream, possibly
     * endless, with at most {@code chunksInFlight} chunks submitted and not yet read.
     */
    public static <T, R> ResultIterator<R> map(ExecutorService executor, TaskFunction<? super T, ? extends R> function,
                                               Stream<? extends T> items, int chunkSize, int chunksInFlight, Duration timeout) {
        return new MapIterator<>(executor, function, items.iterator(), chunkSize, chunksInFlight, deadline(timeout));
    }

    /**
     * {@code function} applied to every item on {@code executor}, each result yielded as soon as
     * its chunk finishes, beside its input: Python's {@code Pool.imap_unordered(fn, items,
     * chunksize)} with the back-pressure it lacks. At most {@code chunksInFlight} chunks are
     * submitted and not yet read, and the input is read only as they are, so an endless stream
     * runs in bounded memory; a slow chunk holds back no other. A failing item ends the
     * iteration: the values its chunk computed before it are yielded, then {@code next()} throws
     * its exception and the rest is cancelled.
     *
     * @param timeout measured from this call; when it passes before the next result,
     *                {@link ResultIterator#next()} throws {@link TimeoutException} and the rest is
     *                cancelled
     */
    public static <T, R> ResultIterator<Mapped<T, R>> mapUnordered(ExecutorService executor, TaskFunction<? super T, ? extends R> function,
                                                                   Stream<? extends T> items, int chunkSize, int chunksInFlight,
                                                                   Duration timeout) {
        return new UnorderedIterator<>(executor, function, items.iterator(), chunkSize, chunksInFlight, deadline(timeout));
    }

    /** {@link #mapUnordered(ExecutorService, TaskFunction, Stream, int, int, Duration)} with the default chunks in flight and no timeout. */
    public static <T, R> ResultIterator<Mapped<T, R>> mapUnordered(ExecutorService executor, TaskFunction<? super T, ? extends R> function,
                                                                   Iterable<? extends T> items, int chunkSize) {
        return new UnorderedIterator<>(executor, function, items.iterator(), chunkSize, defaultChunksInFlight(), Long.MAX_VALUE);
    }

    /**
     * The futures in the order they finish, those already done first, as Python's
     * {@code as_completed(fs, timeout)}. Duplicates are yielded once.
     *
     * @param timeout measured from this call; when it passes, {@link ResultIterator#next()} throws
     *                {@link TimeoutException} saying how many futures are unfinished
     */
    public static <T> ResultIterator<Future<T>> asCompleted(Collection<? extends Future<T>> futures, Duration timeout) {
        return new CompletionIterator<>(futures, deadline(timeout));
    }

    /** {@link #asCompleted(Collection, Duration)} with no timeout. */
    public static <T> ResultIterator<Future<T>> asCompleted(Collection<? extends Future<T>> futures) {
        return new CompletionIterator<>(futures, Long.MAX_VALUE);
    }

    /**
     * Waits until {@code when} holds or {@code timeout} passes, as Python's
     * {@code wait(fs, timeout, return_when)}, and reports which futures were done at that moment.
     * A timeout is not an error: the pending ones are in {@link DoneAndNotDone#notDone()}.
     */
    public static <T> DoneAndNotDone<T> await(Collection<? extends Future<T>> futures, ReturnWhen when, Duration timeout)
            throws InterruptedException {
        long deadline = deadline(timeout);
        Set<Future<T>> all = new LinkedHashSet<>(futures);
        try (CompletionWatch<T> watch = new CompletionWatch<>(all)) {
            // A completion is only a wake-up call: the futures' own state decides.
            while (!holds(when, all)) {
                long left = remaining(deadline);
                if (left <= 0 || watch.poll(left) == null) {
                    break;
                }
            }
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> notDone = new LinkedHashSet<>();
        for (Future<T> f : all) {
            (f.isDone() ? done : notDone).add(f);
        }
        return new DoneAndNotDone<>(done, notDone);
    }

    /** {@link #await(Collection, ReturnWhen, Duration)} with no timeout. */
    public static <T> DoneAndNotDone<T> await(Collection<? extends Future<T>> futures, ReturnWhen when)
            throws InterruptedException {
        return await(futures, when, null);
    }

    private static <T> boolean holds(ReturnWhen when, Set<Future<T>> all) {
        boolean allDone = all.stream().allMatch(Future::isDone);
        return switch (when) {
            case FIRST_COMPLETED -> all.isEmpty() || all.stream().anyMatch(Future::isDone);
            case FIRST_EXCEPTION -> allDone || all.stream().anyMatch(f -> f.isDone() && f.state() == Future.State.FAILED);
            case ALL_COMPLETED -> allDone;
        };
    }

    /** A deadline on the {@code System.nanoTime()} clock; {@code Long.MAX_VALUE} for none. */
    private static long deadline(Duration timeout) {
        if (timeout == null) {
            return Long.MAX_VALUE;
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
        long now = System.nanoTime();
        long nanos = timeout.compareTo(Duration.ofDays(365 * 100)) > 0 ? Long.MAX_VALUE / 2 : timeout.toNanos();
        return now + nanos;
    }

    private static long remaining(long deadline) {
        return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
    }

    private static void checkChunking(int chunkSize, int chunksInFlight) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, got " + chunkSize);
        }
        if (chunksInFlight < 1) {
            throw new IllegalArgumentException("chunksInFlight must be at least 1, got " + chunksInFlight);
        }
    }

    /** Up to {@code chunkSize} more items, read as the caller asks for them. */
    private static <T> List<T> nextChunk(Iterator<? extends T> items, int chunkSize) {
        List<T> chunk = new ArrayList<>(chunkSize);
        while (chunk.size() < chunkSize && items.hasNext()) {
            chunk.add(items.next());
        }
        return chunk;
    }

    /** Chunks submitted ahead, results read in order, refilled one chunk per chunk read. */
    private static final class MapIterator<T, R> implements ResultIterator<R> {
        private final ExecutorService executor;
        private final TaskFunction<? super T, ? extends R> function;
        private final Iterator<? extends T> items;
        private final int chunkSize;
        private final int chunksInFlight;
        private final long deadline;
        private final Deque<Future<MapChunk.Outcome<R>>> inFlight = new ArrayDeque<>();
        private Iterator<R> current = Collections.emptyIterator();
        private Exception pendingFailure;
        private boolean over;

        MapIterator(ExecutorService executor, TaskFunction<? super T, ? extends R> function, Iterator<? extends T> items,
                    int chunkSize, int chunksInFlight, long deadline) {
            checkChunking(chunkSize, chunksInFlight);
            this.executor = executor;
            this.function = function;
            this.items = items;
            this.chunkSize = chunkSize;
            this.chunksInFlight = chunksInFlight;
            this.deadline = deadline;
            fill();  // work starts now, as in Python, not at the first next()
        }

        private void fill() {
            while (inFlight.size() < chunksInFlight && items.hasNext()) {
                List<T> chunk = nextChunk(items, chunkSize);
                inFlight.add(executor.submit(new MapChunk<T, R>(function, chunk)));
            }
        }

        @Override
        public boolean hasNext() {
            return !over && (current.hasNext() || pendingFailure != null || !inFlight.isEmpty());
        }

        @Override
        public R next() throws ExecutionException, TimeoutException, InterruptedException {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                while (!current.hasNext()) {
                    if (pendingFailure != null) {
                        throw new ExecutionException(pendingFailure);
                    }
                    Future<MapChunk.Outcome<R>> head = inFlight.peek();
                    MapChunk.Outcome<R> outcome;
                    try {
                        outcome = head.get(Math.max(0, remaining(deadline)), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        throw new TimeoutException("map: timed out with " + inFlight.size() + " chunk(s) unfinished");
                    }
                    inFlight.remove();
                    fill();
                    current = outcome.values().iterator();
                    pendingFailure = outcome.failure();
                }
                return current.next();
            } catch (ExecutionException | TimeoutException | InterruptedException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            over = true;
            for (Future<?> f : inFlight) {
                f.cancel(true);
            }
            inFlight.clear();
        }
    }

    /**
     * Chunks submitted ahead, read as they finish, refilled one chunk per chunk read. A virtual
     * thread per chunk in flight waits in its {@code get()} and reports it done (a
     * {@code CompletableFuture} reports itself): a handful at a time, as few as the chunks in
     * flight, and {@link #close()} ends those still waiting.
     */
    private static final class UnorderedIterator<T, R> implements ResultIterator<Mapped<T, R>> {
        private final ExecutorService executor;
        private final TaskFunction<? super T, ? extends R> function;
        private final Iterator<? extends T> items;
        private final int chunkSize;
        private final int chunksInFlight;
        private final long deadline;
        /** Each chunk in flight, with its items, and the thread that waits for it (null for a CompletableFuture). */
        private final java.util.Map<Future<MapChunk.Outcome<R>>, List<T>> inFlight = new java.util.HashMap<>();
        private final java.util.Map<Future<MapChunk.Outcome<R>>, Thread> watchers = new java.util.HashMap<>();
        private final java.util.concurrent.BlockingQueue<Future<MapChunk.Outcome<R>>> finished = new java.util.concurrent.LinkedBlockingQueue<>();
        private final Deque<Mapped<T, R>> ready = new ArrayDeque<>();
        private Exception pendingFailure;
        private boolean over;

        UnorderedIterator(ExecutorService executor, TaskFunction<? super T, ? extends R> function, Iterator<? extends T> items,
                          int chunkSize, int chunksInFlight, long deadline) {
            checkChunking(chunkSize, chunksInFlight);
            this.executor = executor;
            this.function = function;
            this.items = items;
            this.chunkSize = chunkSize;
            this.chunksInFlight = chunksInFlight;
            this.deadline = deadline;
            fill();  // work starts now, as in Python, not at the first next()
        }

        private void fill() {
            while (inFlight.size() < chunksInFlight && items.hasNext()) {
                List<T> chunk = nextChunk(items, chunkSize);
                Future<MapChunk.Outcome<R>> f = executor.submit(new MapChunk<T, R>(function, chunk));
                inFlight.put(f, chunk);
                if (f instanceof java.util.concurrent.CompletableFuture<MapChunk.Outcome<R>> cf) {
                    cf.whenComplete((value, failure) -> finished.add(f));
                } else {
                    watchers.put(f, Thread.ofVirtual().name("map-unordered-watch").start(() -> {
                        try {
                            f.get();
                        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                            // done either way: next() reads the outcome from the future
                        } catch (InterruptedException e) {
                            return;   // the iteration was closed
                        }
                        finished.add(f);
                    }));
                }
            }
        }

        @Override
        public boolean hasNext() {
            return !over && (!ready.isEmpty() || pendingFailure != null || !inFlight.isEmpty());
        }

        @Override
        public Mapped<T, R> next() throws ExecutionException, TimeoutException, InterruptedException {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                while (ready.isEmpty()) {
                    if (pendingFailure != null) {
                        throw new ExecutionException(pendingFailure);
                    }
                    long left = remaining(deadline);
                    Future<MapChunk.Outcome<R>> done = left == Long.MAX_VALUE ? finished.take()
                            : finished.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                    if (done == null) {
                        throw new TimeoutException("mapUnordered: timed out with " + inFlight.size() + " chunk(s) unfinished");
                    }
                    List<T> inputs = inFlight.remove(done);
                    Thread watcher = watchers.remove(done);
                    if (watcher != null) {
                        watcher.join();   // it has added the future and is ending: none outlives its chunk
                    }
                    MapChunk.Outcome<R> outcome = done.get();
                    fill();
                    for (int i = 0; i < outcome.values().size(); i++) {
                        ready.add(new Mapped<>(inputs.get(i), outcome.values().get(i)));
                    }
                    pendingFailure = outcome.failure();
                }
                return ready.poll();
            } catch (ExecutionException | TimeoutException | InterruptedException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            over = true;
            for (Future<?> f : inFlight.keySet()) {
                f.cancel(true);
            }
            inFlight.clear();
            watchers.values().forEach(Thread::interrupt);
            boolean interrupted = false;
            for (Thread t : watchers.values()) {
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            watchers.clear();
            ready.clear();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Yields futures from a {@link CompletionWatch} until all are out or the deadline passes. */
    private static final class CompletionIterator<T> implements ResultIterator<Future<T>> {
        private final CompletionWatch<T> watch;
        private final int total;
        private final long deadline;
        private int yielded;
        private boolean over;

        CompletionIterator(Collection<? extends Future<T>> futures, long deadline) {
            Set<Future<T>> unique = new LinkedHashSet<>(futures);
            this.total = unique.size();
            this.deadline = deadline;
            this.watch = new CompletionWatch<>(unique);
        }

        @Override
        public boolean hasNext() {
            return !over && yielded < total;
        }

        @Override
        public Future<T> next() throws TimeoutException, InterruptedException {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                Future<T> f = watch.poll(remaining(deadline));
                if (f == null) {
                    throw new TimeoutException("asCompleted: " + (total - yielded) + " of " + total + " futures unfinished");
                }
                if (++yielded == total) {
                    close();
                }
                return f;
            } catch (TimeoutException | InterruptedException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            over = true;
            watch.close();
        }
    }
}
