package dev.multitasking.processes;

import dev.multitasking.core.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link java.util.concurrent.ExecutorService} whose workers are child JVMs: Python's
 * {@code ProcessPoolExecutor} for Java, with the Java contract and without Python's broken pool.
 *
 * <p>How it runs: N <em>conductor</em> threads in this JVM (a {@link ThreadPoolExecutor}, which
 * keeps the queue, the shutdown rules and the list of unstarted tasks) each own one worker JVM
 * running {@link ProcessWorker}. A conductor takes a task, writes it to its worker as a frame, and
 * waits for the reply frame. Worker JVMs are launched in parallel when the pool is made.
 *
 * <p>The channel belongs to the pool alone: a Unix-domain socket in a private directory, which
 * the worker joins with a one-time token the pool hands it on stdin. A
 * task's stdin is at its end and its stdout is logged with the worker's pid, as its stderr is:
 * whatever a task writes or reads there, or a thread or child it leaves behind, no result can
 * reach the wrong task.
 *
 * <p>While the queue holds at least one task per worker, a conductor also sends its worker the
 * next task before the reply to the current one (Python's pool queues one call ahead too): the
 * worker finds it waiting the moment it answers, instead of waiting for its conductor to wake up,
 * which on a busy machine, or an idle virtual CPU, takes far longer than a warm round trip. Near
 * the end of the queue nothing is sent ahead, so that no task waits behind another while a worker
 * is free. A task sent ahead is in its worker's hands, like a task a pool thread has taken.
 *
 * <p>Only {@link Task}s run in the workers: a task crosses a process boundary, so it must be
 * serializable, and its class must pass the frame filter (the project's classes and the JDK's value types, with
 * depth and size limits) on the worker side; its result must pass it on the way back. Another
 * {@code Callable}, or a bare {@code Runnable}, is refused with an
 * {@link IllegalArgumentException} naming its class; a {@code null} task with a
 * {@link NullPointerException}. The JDK's wrappers around this pool's futures
 * ({@link java.util.concurrent.ExecutorCompletionService}, a
 * {@link java.util.concurrent.CompletableFuture}'s stages) are {@code Future}s and run on a
 * conductor thread (see {@link #execute}).
 *
 * <p>What happens when things go wrong. Every failure fails the task it concerns, with an
 * exception that says what happened, and leaves the pool working; none gives a task another
 * task's result.
 * <table class="striped">
 *   <caption>Failures, and what the pool does</caption>
 *   <thead><tr><th>what happens</th><th>the task</th><th>the pool</th></tr></thead>
 *   <tbody>
 *   <tr><td>the task throws</td><td>fails with that exception: class, message, stack trace</td><td>goes on</td></tr>
 *   <tr><td>its result cannot be serialized (not {@code Serializable}, its {@code writeObject} throws)</td>
 *       <td>fails with {@code NotSerializableException} or an {@code IOException} saying why</td><td>goes on, same worker</td></tr>
 *   <tr><td>the task or its result is over the frame limit ({@link Builder#maxFrameBytes})</td>
 *       <td>fails with an {@code IOException} naming the limit; a task that large is never sent</td><td>goes on, same worker</td></tr>
 *   <tr><td>a frame holds a class outside the filter, objects nested too deep, too many references, an array longer than the frame</td>
 *       <td>fails with {@code InvalidClassException} naming the class or the limit; a refused task never runs</td><td>goes on, same worker</td></tr>
 *   <tr><td>the task throws an exception that cannot be serialized</td>
 *       <td>fails with an {@code Exception} carrying its class, message and stack trace as text</td><td>goes on</td></tr>
 *   <tr><td>the task writes to stdout, reads stdin, starts a child that inherits them</td>
 *       <td>unaffected: stdout is logged, stdin is at its end</td><td>unaffected</td></tr>
 *   <tr><td>the worker dies mid-task ({@code kill -9}, {@code System.exit}, out of memory)</td>
 *       <td>fails with {@link WorkerCrashedException}: pid, exit code, last stderr lines</td><td>replaces the worker</td></tr>
 *   <tr><td>a worker with a task says nothing for longer than the liveness limit ({@code SIGSTOP}, a frozen JVM; {@link Builder#liveness})</td>
 *       <td>fails with {@link WorkerUnresponsiveException}</td><td>kills and replaces the worker</td></tr>
 *   <tr><td>the task runs past its own limit ({@link #submit(Task, Duration)})</td>
 *       <td>fails with {@link TimeoutException}</td><td>kills and replaces the worker</td></tr>
 *   <tr><td>{@code cancel(true)} on a running task</td><td>cancelled; its worker is killed (a JVM cannot interrupt a thread in another JVM)</td>
 *       <td>replaces the worker</td></tr>
 *   <tr><td>{@code cancel(false)} on a running task, or one sent ahead</td><td>cancelled; it runs to its end and its result is dropped</td>
 *       <td>goes on, same worker</td></tr>
 *   <tr><td>{@code cancel(true)} on a task sent ahead</td><td>cancelled; the task ahead finishes, then the worker is killed as this one starts</td>
 *       <td>replaces the worker</td></tr>
 *   <tr><td>the worker dies with a task sent ahead behind the one it runs</td><td>the one it ran fails as above; the one behind runs on the replacement</td>
 *       <td>replaces the worker</td></tr>
 *   <tr><td>{@code shutdownNow()}</td><td>running tasks fail with {@link InterruptedException} (their workers are killed);
 *       queued ones, and those sent ahead, are returned</td><td>ends</td></tr>
 *   <tr><td>{@code close()} or {@code shutdown()} with a worker that will not exit</td><td></td>
 *       <td>kills it after the liveness limit: {@code close()} always returns</td></tr>
 *   <tr><td>the parent JVM dies, even by {@code kill -9}, while workers run tasks</td><td></td>
 *       <td>each worker's heartbeat finds the socket closed and it halts within about a second</td></tr>
 *   </tbody>
 * </table>
 */
public final class ProcessPoolExecutor extends AbstractExecutorService {

    /**
     * Worker JVM options unless told otherwise. SerialGC: one GC thread and the fastest start for
     * a small heap. ExitOnOutOfMemoryError: a JVM that ran out of memory is in no state to run
     * the next task, so it exits, and its task fails as a crash. DisplayVMOutputToStderr: the
     * JVM's own messages (its last words on that exit among them) go to stderr, whose last lines
     * the parent keeps for the crash report. The JIT stays tiered (C1 then
     * C2): {@code -XX:TieredStopAtLevel=1} starts faster but runs trial division about twice as
     * slow, and this pool's tasks are CPU-bound; pass it for many short tasks.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xshare:auto",
            "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr");

    /**
     * The largest frame (length prefix included) sent ahead to a busy worker: one page, far below
     * any socket buffer, so that writing it never blocks.
     */
    static final int AHEAD_FRAME_LIMIT = 4096;

    /** How long a busy worker may stay silent before it is killed, unless told otherwise. */
    public static final Duration DEFAULT_LIVENESS = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(ProcessPoolExecutor.class.getName());

    private final String name;
    private final WorkerJvm.Settings settings;
    /** Kills silent workers and tasks past their time, and workers that do not end when retired. */
    private final ScheduledThreadPoolExecutor watch;
    private final AtomicInteger launched = new AtomicInteger();
    /** Set once the conductors' pool has run its last task (its own isTerminated() turns true only after its terminated() hook). */
    private volatile boolean conductorsEnded;
    private final int maxTasksPerWorker;
    private final Task<?> initializer;
    private final ThreadPoolExecutor conductors;
    /** Workers launched ahead (at construction, or to replace one) and not yet claimed by a conductor. */
    private final ConcurrentLinkedQueue<WorkerJvm> spare = new ConcurrentLinkedQueue<>();
    /** Every worker whose JVM has not yet ended. */
    private final Set<WorkerJvm> live = ConcurrentHashMap.newKeySet();
    /** The conductor threads, for {@link #shutdownNow()} to find the tasks they took on ahead. */
    private final Set<Conductor> conductorThreads = ConcurrentHashMap.newKeySet();
    /** Guards every conductor's line of tasks, and {@link #stopping}. */
    private final Object lines = new Object();
    /** Set by {@link #shutdownNow()}; guarded by {@link #lines}. */
    private boolean stopping;

    /** {@code workers} worker JVMs with the default options. */
    public ProcessPoolExecutor(int workers) {
        this(builder().workers(workers));
    }

    private ProcessPoolExecutor(Builder b) {
        if (b.workers < 1) {
            throw new IllegalArgumentException("need at least 1 worker, got " + b.workers);
        }
        this.name = b.name;
        this.maxTasksPerWorker = b.maxTasksPerWorker;
        this.watch = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name(name + "-watch").daemon().factory());
        watch.setRemoveOnCancelPolicy(true);
        Path sockets;
        try {
            sockets = Files.createTempDirectory("multitasking-" + name + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            watch.shutdownNow();
            throw new UncheckedIOException("could not make a private directory for the workers' sockets", e);
        }
        sockets.toFile().deleteOnExit();   // if this JVM exits before the pool ends
        this.settings = new WorkerJvm.Settings(name, List.copyOf(b.jvmOptions), sockets, b.liveness, b.maxFrame, watch);
        this.initializer = b.initializer;
        AtomicInteger n = new AtomicInteger();
        this.conductors = new ThreadPoolExecutor(b.workers, b.workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Conductor c = new Conductor(r, name + "-conductor-" + n.incrementAndGet());
                    conductorThreads.add(c);
                    return c;
                }) {
            @Override
            protected void terminated() {
                // No conductor is left to use a worker: let every worker end (its socket closes).
                conductorsEnded = true;
                for (WorkerJvm w; (w = spare.poll()) != null; ) {
                    w.retire();
                }
                live.forEach(WorkerJvm::retire);
                endIfDone();
            }
        };
        long check = Math.max(10, b.liveness.toMillis() / 4);
        watch.scheduleWithFixedDelay(this::killSilentWorkers, check, check, TimeUnit.MILLISECONDS);
        try {
            for (int i = 0; i < b.workers; i++) {
                spare.add(launch());
            }
        } catch (IOException e) {
            shutdownNow();
            throw new IllegalStateException("could not start the worker JVMs of " + name, e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for a {@link ProcessPoolExecutor}. */
    public static final class Builder {
        private int workers = Runtime.getRuntime().availableProcessors();
        private String name = "processes";
        private final List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        private int maxTasksPerWorker;
        private Task<?> initializer;
        private Duration liveness = DEFAULT_LIVENESS;
        private int maxFrame = Frames.MAX_FRAME;

        private Builder() {
        }

        /**
         * How long a worker that has a task may go without a sign of life (its heartbeat comes
         * from a thread of its own every fifth of this, at most every second) before it is killed
         * and replaced, and its task fails with {@link WorkerUnresponsiveException}. Also how
         * long a retired worker may take to exit before it is killed.
         */
        public Builder liveness(Duration limit) {
            if (limit.toMillis() < 50) {
                throw new IllegalArgumentException("the liveness limit must be at least 50 ms, got " + limit.toMillis() + " ms");
            }
            this.liveness = limit;
            return this;
        }

        /** The largest frame, a task or a result serialized, in bytes (256 MiB unless told otherwise); no array in a frame may be longer. */
        public Builder maxFrameBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("the frame limit must be at least 1024 bytes, got " + bytes);
            }
            this.maxFrame = bytes;
            return this;
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /** Names the conductor threads and the log lines. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** Replaces the worker JVM options ({@link #DEFAULT_JVM_OPTIONS} by default). */
        public Builder jvmOptions(String... options) {
            jvmOptions.clear();
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** Retires a worker after this many tasks and starts a fresh one (0: never), like Python's {@code max_tasks_per_child}. */
        public Builder maxTasksPerWorker(int tasks) {
            if (tasks < 0) {
                throw new IllegalArgumentException("maxTasksPerWorker must be 0 (no limit) or more, got " + tasks);
            }
            this.maxTasksPerWorker = tasks;
            return this;
        }

        /** Runs once in every worker before its first task, like Python's {@code initializer}. */
        public Builder initializer(Task<?> task) {
            this.initializer = task;
            return this;
        }

        public ProcessPoolExecutor build() {
            return new ProcessPoolExecutor(this);
        }
    }

    private WorkerJvm launch() throws IOException {
        WorkerJvm w = WorkerJvm.launch(settings, launched.incrementAndGet());
        live.add(w);
        w.process.completion().whenComplete((result, failure) -> {
            live.remove(w);
            endIfDone();
        });
        return w;
    }

    /** Once no conductor is left and every worker has ended: stop the watch, remove the sockets' directory. */
    private void endIfDone() {
        if (conductorsEnded && live.isEmpty()) {
            watch.shutdownNow();
            try {
                Files.deleteIfExists(settings.socketDirectory());
            } catch (IOException e) {
                // a socket left by a worker that never connected: the directory stays, empty of use
            }
        }
    }

    /** Kills every worker that has work and has been silent past the liveness limit; its conductor sees it end. */
    private void killSilentWorkers() {
        for (WorkerJvm w : live) {
            if (w.unanswered > 0 && !w.silent && w.silentFor().compareTo(settings.liveness()) > 0) {
                w.silent = true;
                LOG.log(System.Logger.Level.WARNING, "[{0}] worker {1} silent for {2} ms with a task: killing it",
                        name, String.valueOf(w.pid()), String.valueOf(w.silentFor().toMillis()));
                w.kill();
            }
        }
    }

    /** The task has just started on {@code w}: kill {@code w} if the task outlives its time limit. */
    private void startClock(RemoteFuture<?> f, WorkerJvm w) {
        if (f.timeoutNanos > 0) {
            f.clock = watch.schedule(() -> {
                if (f.runningOn == w && !f.isDone()) {
                    f.timedOut = true;
                    w.kill();
                }
            }, f.timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Connects to a worker and runs the initializer in it, once. */
    private void awaitReady(WorkerJvm w) throws IOException, ClassNotFoundException, ExecutionException {
        synchronized (w) {
            boolean fresh = !w.isConnected();
            w.connect();
            if (fresh && initializer != null) {
                w.expectAnswer();
                w.send(new Frames.Encoder().encode(initializer));
                Frames.Reply r = w.receive();
                w.unanswered--;
                if (r.failure() != null) {
                    throw new ExecutionException("the initializer failed in worker " + w.pid(), r.failure());
                }
            }
        }
    }

    /** A thread of the conductor pool, with the worker it drives and the tasks it has taken on. */
    private static final class Conductor extends Thread {
        WorkerJvm worker;   // the worker JVM this conductor drives; only this thread touches it
        final Frames.Encoder encoder = new Frames.Encoder();
        /**
         * The tasks this conductor has taken on, in the order its worker answers them: the first
         * runs (or is about to be sent), the one behind it waits in the worker's socket. Guarded by
         * the pool's {@code lines} lock.
         */
        final ArrayDeque<Taken> line = new ArrayDeque<>();

        Conductor(Runnable r, String name) {
            super(r, name);
        }
    }

    /** A task a conductor has taken on: its future, its frame once encoded, whether the frame has gone to the worker. */
    private static final class Taken {
        final RemoteFuture<?> future;
        byte[] frame;
        boolean sent;

        Taken(RemoteFuture<?> future, byte[] frame) {
            this.future = future;
            this.frame = frame;
        }
    }

    /** The future of one remote task: cancelling it while it runs kills its worker. */
    private final class RemoteFuture<T> extends FutureTask<T> {
        private final Task<T> task;
        /** The worker running it now; null while it waits (in the queue, or in a worker's socket behind another task). */
        private volatile WorkerJvm runningOn;
        private volatile boolean interruptRequested;
        /** Where to report completion, for invokeAny; null otherwise. */
        private volatile BlockingQueue<Future<T>> completions;
        /** How long it may run once started; 0: no limit. */
        private long timeoutNanos;
        /** The watch's kill for running past {@link #timeoutNanos}, once started. */
        private volatile ScheduledFuture<?> clock;
        /** Set when its worker was killed because it ran past its time. */
        private volatile boolean timedOut;

        @Override
        protected void done() {
            ScheduledFuture<?> kill = clock;
            if (kill != null) {
                kill.cancel(false);
            }
            BlockingQueue<Future<T>> q = completions;
            if (q != null) {
                q.add(this);
            }
        }

        RemoteFuture(Task<T> task, RemoteCall<T> call) {
            super(call);
            this.task = task;
            call.future = this;
        }

        /**
         * Never interrupts the conductor thread (as {@code FutureTask} would): its channel would
         * close under it. A task in another JVM is interrupted the only way there is, by killing
         * its worker.
         */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            interruptRequested |= mayInterruptIfRunning;
            boolean cancelled = super.cancel(false);
            WorkerJvm w = runningOn;
            if (cancelled && mayInterruptIfRunning && w != null) {
                w.kill();   // the only way to interrupt a task in another JVM
            }
            return cancelled;
        }

        /** Completes it with its worker's answer (ignored when it was cancelled meanwhile). */
        void complete(Frames.Reply reply) {
            if (reply.failure() != null) {
                setException(reply.failure());
            } else {
                @SuppressWarnings("unchecked")
                T value = (T) reply.value();
                set(value);
            }
        }

        void fail(Throwable t) {
            setException(t);
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }

    private final class RemoteCall<T> implements Callable<T> {
        private final Task<T> task;
        private RemoteFuture<T> future;

        RemoteCall(Task<T> task) {
            this.task = task;
        }

        @Override
        public T call() throws Exception {
            return runRemotely(task, future);
        }
    }

    /**
     * Runs {@code first} on this conductor's worker, and with it the tasks the conductor takes on
     * ahead while the queue is long: it returns once its line is empty. Every task in the line,
     * {@code first} too, is completed as its reply arrives; the {@code null} returned is then
     * ignored by {@link FutureTask#run()}, which completes a future only once.
     */
    private <T> T runRemotely(Task<T> task, RemoteFuture<T> first) throws Exception {
        Conductor c = (Conductor) Thread.currentThread();
        byte[] request = encode(c, task);   // not serializable, or too large: the task fails here, nothing is sent
        synchronized (lines) {
            c.line.add(new Taken(first, request));
        }
        try {
            while (serve(c)) {
                // one reply a turn
            }
        } catch (Throwable t) {   // no worker JVM would start, say: no task this conductor took on may hang
            List<Taken> left;
            synchronized (lines) {
                left = List.copyOf(c.line);
                c.line.clear();
            }
            left.forEach(l -> l.future.fail(t));
            throw t;
        } finally {
            WorkerJvm w = c.worker;
            if (w != null && w.unanswered > 0) {
                // Tasks sent to it were taken back by shutdownNow(): nobody waits for them, so they must not run.
                c.worker = null;
                w.kill();
            }
        }
        return null;
    }

    /**
     * One turn of a conductor: makes sure it has a ready worker, takes one task more from the
     * queue while the queue is long, sends what may be sent, and reads one reply. False once its
     * line is empty.
     */
    private boolean serve(Conductor c) throws IOException, InterruptedException {
        WorkerJvm w = c.worker;
        if (w == null) {
            w = spare.poll();
            c.worker = w = (w != null ? w : launch());
        }
        Taken head;
        Taken ahead = null;
        synchronized (lines) {
            head = c.line.peekFirst();
            if (head == null) {
                return false;
            }
            if (stopping && !head.sent) {
                c.line.removeFirst();
                head.future.fail(new InterruptedException("the pool was shut down now before the task was sent"));
                return true;
            }
            if (!stopping && c.line.size() == 1 && conductors.getQueue().size() >= conductors.getMaximumPoolSize()
                    && (maxTasksPerWorker == 0 || w.tasksRun + 1 < maxTasksPerWorker)
                    && conductors.getQueue().peek() instanceof RemoteFuture<?> next && conductors.getQueue().remove(next)) {
                ahead = new Taken(next, null);
                c.line.add(ahead);
            }
        }
        if (ahead != null) {
            encodeAhead(c, ahead);
        }
        try {
            awaitReady(w);
        } catch (IOException gone) {
            crashed(c, w, head);
            return true;
        } catch (ExecutionException | ClassNotFoundException initializerFailed) {
            c.worker = null;
            w.retire();
            synchronized (lines) {
                c.line.remove(head);
            }
            head.future.fail(initializerFailed);
            return true;
        }
        try {
            for (Taken t; (t = nextToSend(c, w)) != null; ) {
                w.expectAnswer();
                w.send(t.frame);
            }
            if (!head.sent) {
                return true;   // cancelled before it was sent: it never runs
            }
            Frames.Reply reply = w.receive();
            w.unanswered--;
            answered(c, w, head, reply);
        } catch (IOException gone) {
            crashed(c, w, head);
        }
        return true;
    }

    /** A task's frame; an IOException when it cannot be serialized or is over the frame limit. */
    private byte[] encode(Conductor c, Task<?> task) throws IOException {
        byte[] frame = c.encoder.encode(task);
        if (frame.length + Integer.BYTES > settings.maxFrame()) {
            throw new IOException("the task is " + frame.length + " bytes serialized, over the frame limit of " + settings.maxFrame() + " bytes");
        }
        return frame;
    }

    /** Encodes a task taken ahead; one that cannot be serialized fails here and leaves the line. */
    private void encodeAhead(Conductor c, Taken ahead) {
        byte[] frame;
        try {
            frame = encode(c, ahead.future.task);
        } catch (IOException e) {
            boolean mine;
            synchronized (lines) {
                mine = c.line.remove(ahead);
            }
            if (mine) {
                ahead.future.fail(e);
            }
            return;
        }
        synchronized (lines) {
            ahead.frame = frame;
        }
    }

    /**
     * The next frame this conductor may write without waiting, marked sent; null when there is
     * none. The head of the line always may; the task behind it only when its frame fits the
     * smallest pipe buffer, since the worker reads it only after the task ahead of it, and a
     * conductor blocked writing would never read the reply that frees the worker.
     */
    private Taken nextToSend(Conductor c, WorkerJvm w) {
        synchronized (lines) {
            for (Iterator<Taken> it = c.line.iterator(); it.hasNext(); ) {
                Taken t = it.next();
                if (t.sent) {
                    continue;
                }
                boolean first = t == c.line.peekFirst();
                if (t.frame == null || !first && t.frame.length + Integer.BYTES > AHEAD_FRAME_LIMIT) {
                    return null;
                }
                if (first) {
                    t.future.runningOn = w;   // before the check below: a cancel(true) after it kills the worker
                }
                if (t.future.isCancelled()) {
                    t.future.runningOn = null;
                    it.remove();   // cancelled before it was sent: it never runs
                    continue;
                }
                if (first) {
                    startClock(t.future, w);
                }
                t.sent = true;
                return t;
            }
            return null;
        }
    }

    /** The head of the line answered: complete it, and move the task behind it up. */
    private void answered(Conductor c, WorkerJvm w, Taken head, Frames.Reply reply) throws IOException {
        Taken next;
        synchronized (lines) {
            c.line.remove(head);
            next = c.line.peekFirst();
            if (next != null && next.sent) {
                next.future.runningOn = w;   // the worker has started it
                startClock(next.future, w);
            }
        }
        head.future.runningOn = null;
        if (head.future.isCancelled() && head.future.interruptRequested) {
            // cancel(true) may have killed the worker just after it answered: never reuse it.
            c.worker = null;
            w.kill();
            unsend(c);
            if (!isShutdown()) {
                spare.add(launch());
            }
            return;
        }
        if (next != null && next.sent && next.future.isCancelled() && next.future.interruptRequested) {
            w.kill();   // cancel(true) came while it waited behind this one; it runs now, so stop it the only way there is
        }
        head.future.complete(reply);
        if (maxTasksPerWorker > 0 && ++w.tasksRun >= maxTasksPerWorker) {
            c.worker = null;   // nothing was sent ahead to it: the line takes no task past the limit
            w.retire();
            if (!isShutdown()) {
                spare.add(launch());
            }
        }
    }

    /** The worker is gone while running the head of the line: fail that task, send the rest to a fresh worker. */
    private void crashed(Conductor c, WorkerJvm w, Taken head) throws IOException {
        c.worker = null;
        boolean interrupted = Thread.interrupted() || head.future.isCancelled();
        w.kill();
        ChildProcess.Result ended = awaitEnd(w);
        boolean stop;
        synchronized (lines) {
            c.line.remove(head);
            stop = stopping;
        }
        unsend(c);
        head.future.runningOn = null;
        if (interrupted || stop) {
            head.future.fail(new InterruptedException("the task was stopped by killing worker " + w.pid()));
            return;
        }
        spare.add(launch());   // replace it now, so the next task does not wait for a JVM to start
        if (head.future.timedOut) {
            head.future.fail(new TimeoutException("the task ran past its limit of " + Duration.ofNanos(head.future.timeoutNanos).toMillis()
                    + " ms; worker " + w.pid() + " was killed and replaced"));
        } else if (w.silent) {
            head.future.fail(new WorkerUnresponsiveException(w.pid(), settings.liveness()));
        } else {
            head.future.fail(new WorkerCrashedException(w.pid(), ended.exitCode(), ended.stderrTail()));
        }
    }

    /** Tasks sent to a worker that is gone never started there: they go to the next one. */
    private void unsend(Conductor c) {
        synchronized (lines) {
            c.line.forEach(t -> t.sent = false);
        }
    }

    /** Waits for a killed worker to end, through an interrupt (one may arrive late from a cancel(true)). */
    private static ChildProcess.Result awaitEnd(WorkerJvm w) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return w.process.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        Objects.requireNonNull(callable, "task");
        if (!(callable instanceof Task<T> task)) {
            throw new IllegalArgumentException("a ProcessPoolExecutor runs only " + Task.class.getName()
                    + " (serializable, to cross into a worker JVM); got " + (callable == null ? "null" : callable.getClass().getName()));
        }
        return new RemoteFuture<>(task, new RemoteCall<>(task));
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        throw new IllegalArgumentException("a ProcessPoolExecutor runs only " + Task.class.getName()
                + ", not a Runnable; got " + (runnable == null ? "null" : runnable.getClass().getName()));
    }

    /**
     * Submits a task that may run at most {@code limit} once started (Python's pebble offers this;
     * nothing in the JDK does): past it, its worker is killed and replaced, and the task fails with
     * a {@link TimeoutException}. Time spent waiting in the queue does not count.
     */
    public <T> Future<T> submit(Task<T> task, Duration limit) {
        RemoteFuture<T> f = timed(task, limit);
        execute(f);
        return f;
    }

    /**
     * Runs every task, each with at most {@code limit} once started (see
     * {@link #submit(Task, Duration)}), and returns their futures in order once all are done.
     */
    public <T> List<Future<T>> invokeAll(Collection<? extends Task<T>> tasks, Duration limit) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Task<T> t : tasks) {
                futures.add(submit(t, limit));
            }
            for (Future<T> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException | CancellationException e) {
                    // the future holds it
                }
            }
            return futures;
        } catch (InterruptedException | RuntimeException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
    }

    private <T> RemoteFuture<T> timed(Task<T> task, Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("a task's time limit must be positive, got " + limit);
        }
        RemoteFuture<T> f = (RemoteFuture<T>) newTaskFor(task);
        f.timeoutNanos = limit.toNanos();
        return f;
    }

    /**
     * Runs the tasks until one succeeds, returns its value, and cancels the rest (killing the
     * workers still running them). AbstractExecutorService's version hands this pool futures of
     * its own making, which a process pool cannot run; this one uses the pool's own.
     */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no timeout was set", e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        long nanos = unit.toNanos(timeout);
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
        BlockingQueue<Future<T>> completions = new LinkedBlockingQueue<>();
        List<RemoteFuture<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> task : tasks) {
                RemoteFuture<T> f = (RemoteFuture<T>) newTaskFor(task);
                f.completions = completions;
                futures.add(f);
                execute(f);
            }
            ExecutionException last = null;
            for (int finished = 0; finished < futures.size(); finished++) {
                Future<T> f = deadline == Long.MAX_VALUE ? completions.take()
                        : completions.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (f == null) {
                    throw new TimeoutException("invokeAny: no task succeeded in time");
                }
                try {
                    return f.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException(e);
                }
            }
            throw last;
        } finally {
            for (RemoteFuture<T> f : futures) {
                f.cancel(true);
            }
        }
    }

    /**
     * Runs the futures this pool made ({@code submit}, {@code invokeAll}, {@code invokeAny}), and
     * other {@link Future}s that are {@code Runnable}: the JDK's wrappers around a pool's futures,
     * such as {@link java.util.concurrent.ExecutorCompletionService}'s, or the tasks of a
     * {@link java.util.concurrent.CompletableFuture} given this pool. Such a wrapper runs on a
     * conductor thread of this JVM, as the {@link java.util.concurrent.Executor} contract allows;
     * a future of this pool inside it still runs in the conductor's worker JVM. A bare
     * {@code Runnable} is refused: it cannot cross into a worker, and running it here would hide
     * that.
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        if (!(command instanceof Future<?>)) {
            throw new IllegalArgumentException("a ProcessPoolExecutor runs only " + Task.class.getName()
                    + " (use submit); got " + command.getClass().getName());
        }
        conductors.execute(command);
    }

    /** Waits until every worker launched so far has started and said hello (and run the initializer). */
    public void awaitWorkersReady() throws IOException, InterruptedException {
        for (WorkerJvm w : List.copyOf(spare)) {
            try {
                awaitReady(w);
            } catch (ClassNotFoundException | ExecutionException e) {
                throw new IOException("worker " + w.pid() + " did not get ready", e);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** The private directory of the workers' sockets; gone once the pool has terminated. */
    Path socketDirectory() {
        return settings.socketDirectory();
    }

    /** The process ids of the worker JVMs alive now. */
    public List<Long> workerPids() {
        return live.stream().map(WorkerJvm::pid).sorted().toList();
    }

    /** CPU time of the worker JVMs alive now, in nanoseconds (those already ended are not counted). */
    public long workerCpuNanos() {
        return live.stream().mapToLong(w -> w.process.handle().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L)).sum();
    }

    @Override
    public void shutdown() {
        conductors.shutdown();
    }

    /**
     * Kills the workers running tasks (their tasks fail with InterruptedException) and returns the
     * unstarted tasks: those sent ahead to a busy worker first, then the queued ones.
     */
    @Override
    public List<Runnable> shutdownNow() {
        synchronized (lines) {
            stopping = true;   // from here on no conductor takes a task ahead
        }
        List<Runnable> queued = conductors.shutdownNow();
        List<Runnable> neverStarted = new ArrayList<>();
        synchronized (lines) {
            for (Conductor c : conductorThreads) {
                while (c.line.size() > 1) {
                    neverStarted.add(c.line.removeLast().future);
                }
            }
        }
        neverStarted.addAll(queued);
        for (WorkerJvm w : live) {
            if (w.unanswered > 0) {
                w.kill();
            }
        }
        return neverStarted;
    }

    @Override
    public boolean isShutdown() {
        return conductors.isShutdown();
    }

    /** True once no task runs and every worker JVM has ended. */
    @Override
    public boolean isTerminated() {
        return conductors.isTerminated() && noWorkerRunning();
    }

    /** Judged by the workers' own completion, not by {@code live}, which their completion updates a moment later. */
    private boolean noWorkerRunning() {
        return live.stream().noneMatch(w -> w.process.isAlive());
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        if (!conductors.awaitTermination(timeout, unit)) {
            return false;
        }
        for (WorkerJvm w : List.copyOf(live)) {
            try {
                w.process.completion().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                // ended badly, but ended
            }
        }
        return noWorkerRunning();
    }

    /** Tasks taken on ahead by the conductors: sent, or about to be sent, to a worker busy with another. */
    int takenAhead() {
        synchronized (lines) {
            return conductorThreads.stream().mapToInt(c -> Math.max(0, c.line.size() - 1)).sum();
        }
    }

    @Override
    public String toString() {
        return name + "[" + conductors.getMaximumPoolSize() + " workers, " + live.size() + " JVMs alive, "
                + conductors.getQueue().size() + " queued, " + takenAhead() + " sent ahead" + (isShutdown() ? ", shut down" : "") + "]";
    }
}
