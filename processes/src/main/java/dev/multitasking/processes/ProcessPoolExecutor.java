package dev.multitasking.processes;

import dev.multitasking.core.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link java.util.concurrent.ExecutorService} whose workers are child JVMs: Python's
 * {@code ProcessPoolExecutor} for Java, with the Java contract and without Python's broken pool.
 *
 * <p>How it runs: N <em>conductor</em> threads in this JVM (a {@link ThreadPoolExecutor}, which
 * keeps the queue, the shutdown rules and the list of unstarted tasks) each own one worker JVM
 * running {@link ProcessWorker}. A conductor takes a task, writes it to its worker's stdin as a
 * frame, and waits for the reply frame on the worker's stdout. Worker JVMs are launched in
 * parallel when the pool is made.
 *
 * <p>While the queue holds at least one task per worker, a conductor also sends its worker the
 * next task before the reply to the current one (Python's pool queues one call ahead too): the
 * worker finds it in its stdin the moment it answers, instead of waiting for its conductor to
 * wake up, which on a busy machine, or an idle virtual CPU, takes a millisecond rather than the
 * 45 us of a warm round trip. Near the end of the queue nothing is sent ahead, so that no task
 * waits behind another while a worker is free. A task sent ahead is in its worker's hands, like
 * a task a pool thread has taken: {@code cancel(false)} lets it run and drops its result, and
 * {@code cancel(true)} kills the worker as soon as it starts, not while the task ahead of it
 * runs. If the task ahead crashes the worker, the one behind it goes to the replacement, and
 * {@code shutdownNow()} returns it with the queued ones (its worker is killed before it starts).
 *
 * <p>Only {@link Task}s run here: a task crosses a process boundary, so it must be serializable,
 * and its class must pass the {@link Frames#FILTER} on the worker side; its result must pass it
 * on the way back. Anything else is refused at submit with an {@link IllegalArgumentException}.
 *
 * <p>Failures leave the pool usable: a task that throws fails with its own exception (class,
 * message and stack trace travel back); a result that cannot be serialized fails with
 * {@link java.io.NotSerializableException}; a worker that dies mid-task (killed,
 * {@code System.exit}, out of memory) fails that task with {@link WorkerCrashedException} and is
 * replaced. {@code cancel(true)} on a running task and {@code shutdownNow()} kill the workers
 * running those tasks (a JVM cannot interrupt a thread in another JVM); the tasks then fail with
 * {@link InterruptedException}, as a thread pool's would.
 */
public final class ProcessPoolExecutor extends AbstractExecutorService {

    /**
     * Worker JVM options unless told otherwise. SerialGC: one GC thread and the fastest start for
     * a small heap. ExitOnOutOfMemoryError: a JVM that ran out of memory is in no state to run
     * the next task, so it exits, and its task fails as a crash. DisplayVMOutputToStderr: the
     * JVM's own messages (its last words on that exit among them) go to stderr, where the parent
     * keeps them, not to stdout, which carries the protocol. The JIT stays tiered (C1 then
     * C2): {@code -XX:TieredStopAtLevel=1} starts faster but runs trial division about twice as
     * slow, and this pool's tasks are CPU-bound; pass it for many short tasks.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xshare:auto",
            "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr");

    /**
     * The largest frame (length prefix included) sent ahead to a busy worker: the smallest pipe
     * buffer Linux gives, one page, so that writing it never blocks.
     */
    static final int AHEAD_FRAME_LIMIT = 4096;

    private static final System.Logger LOG = System.getLogger(ProcessPoolExecutor.class.getName());

    private final String name;
    private final List<String> jvmOptions;
    private final int maxTasksPerWorker;
    private final Task<?> initializer;
    private final ThreadPoolExecutor conductors;
    /** Workers launched ahead (at construction, or to replace one) and not yet claimed by a conductor. */
    private final ConcurrentLinkedQueue<Worker> spare = new ConcurrentLinkedQueue<>();
    /** Every worker whose JVM has not yet ended. */
    private final Set<Worker> live = ConcurrentHashMap.newKeySet();
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
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.maxTasksPerWorker = b.maxTasksPerWorker;
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
                // No conductor is left to use a worker: let every worker end (its stdin closes).
                for (Worker w; (w = spare.poll()) != null; ) {
                    w.retire();
                }
                live.forEach(Worker::retire);
            }
        };
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

        private Builder() {
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

    /** A worker JVM and the two pipes of its protocol. */
    private final class Worker {
        final JavaProcess.Launched process;
        final OutputStream requests;
        final InputStream replies;
        private final Frames.Decoder decoder = new Frames.Decoder();
        private boolean ready;       // guarded by this
        int tasksRun;                // only its conductor touches it
        /** Frames sent and not yet answered: a task running, and perhaps one waiting in its stdin. Written by its conductor only. */
        volatile int unanswered;

        Worker(JavaProcess.Launched process) {
            this.process = process;
            this.requests = process.stdin();
            this.replies = process.stdout();
        }

        long pid() {
            return process.pid();
        }

        /** Reads the hello frame and runs the initializer, once. */
        synchronized void awaitReady() throws IOException, ClassNotFoundException, ExecutionException {
            if (ready) {
                return;
            }
            if (Frames.read(replies) == null) {
                throw new IOException("worker " + pid() + " ended before it was ready");
            }
            ready = true;
            if (initializer != null) {
                Frames.Reply r = call(new Frames.Encoder().encode(initializer));
                if (r.failure() != null) {
                    throw new ExecutionException("the initializer failed in worker " + pid(), r.failure());
                }
            }
        }

        /** Sends one frame; an IOException means the worker is gone. */
        void send(byte[] request) throws IOException {
            Frames.write(requests, request);
        }

        /** Reads the reply to the oldest frame not yet answered; an IOException means the worker is gone. */
        Frames.Reply receive() throws IOException {
            byte[] reply = Frames.read(replies);
            if (reply == null) {
                throw new IOException("worker " + pid() + " ended during the task");
            }
            try {
                return decoder.reply(reply);
            } catch (IOException | ClassNotFoundException unreadable) {
                // The worker is fine; its answer is not admitted here (the filter) or cannot be read.
                return new Frames.Reply(null, unreadable, pid());
            }
        }

        Frames.Reply call(byte[] request) throws IOException {
            send(request);
            return receive();
        }

        /** Lets it end on its own: stdin closes, the worker exits. */
        void retire() {
            try {
                requests.close();
            } catch (IOException e) {
                // already gone
            }
        }

        void kill() {
            process.destroy();
        }
    }

    private Worker launch() throws IOException {
        AtomicLong pid = new AtomicLong();   // known once started; a worker's first words come later
        JavaProcess.Launched process = JavaProcess.main(ProcessWorker.class)
                .jvmOptions(jvmOptions.toArray(String[]::new))
                .name(name + "-worker")
                .tailLines(20)
                .onStderr(line -> LOG.log(System.Logger.Level.INFO, "[{0} worker {1}] {2}", name, String.valueOf(pid.get()), line))
                .talk()
                .start();
        pid.set(process.pid());
        Worker w = new Worker(process);
        live.add(w);
        process.completion().whenComplete((result, failure) -> live.remove(w));
        return w;
    }

    /** A thread of the conductor pool, with the worker it drives and the tasks it has taken on. */
    private static final class Conductor extends Thread {
        Worker worker;   // the worker JVM this conductor drives; only this thread touches it
        final Frames.Encoder encoder = new Frames.Encoder();
        /**
         * The tasks this conductor has taken on, in the order its worker answers them: the first
         * runs (or is about to be sent), the one behind it waits in the worker's stdin. Guarded by
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
        /** The worker running it now; null while it waits (in the queue, or in a worker's stdin behind another task). */
        private volatile Worker runningOn;
        private volatile boolean interruptRequested;
        /** Where to report completion, for invokeAny; null otherwise. */
        private volatile BlockingQueue<Future<T>> completions;

        @Override
        protected void done() {
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

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            interruptRequested |= mayInterruptIfRunning;
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            Worker w = runningOn;
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
        byte[] request = c.encoder.encode(task);   // not serializable: the task fails here, nothing is sent
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
            Worker w = c.worker;
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
        Worker w = c.worker;
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
            w.awaitReady();
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
                w.unanswered++;
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

    /** Encodes a task taken ahead; one that cannot be serialized fails here and leaves the line. */
    private void encodeAhead(Conductor c, Taken ahead) {
        byte[] frame;
        try {
            frame = c.encoder.encode(ahead.future.task);
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
    private Taken nextToSend(Conductor c, Worker w) {
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
                t.sent = true;
                return t;
            }
            return null;
        }
    }

    /** The head of the line answered: complete it, and move the task behind it up. */
    private void answered(Conductor c, Worker w, Taken head, Frames.Reply reply) throws IOException {
        Taken next;
        synchronized (lines) {
            c.line.remove(head);
            next = c.line.peekFirst();
            if (next != null && next.sent) {
                next.future.runningOn = w;   // the worker has started it
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
    private void crashed(Conductor c, Worker w, Taken head) throws IOException {
        c.worker = null;
        boolean interrupted = Thread.interrupted() || head.future.isCancelled();
        w.kill();
        JavaProcess.Result ended = awaitEnd(w);
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
        head.future.fail(new WorkerCrashedException(w.pid(), ended.exitCode(), ended.stderrTail()));
    }

    /** Tasks sent to a worker that is gone never started there: they go to the next one. */
    private void unsend(Conductor c) {
        synchronized (lines) {
            c.line.forEach(t -> t.sent = false);
        }
    }

    /** Waits for a killed worker to end, through an interrupt (one may arrive late from a cancel(true)). */
    private static JavaProcess.Result awaitEnd(Worker w) {
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
        for (Worker w : List.copyOf(spare)) {
            try {
                w.awaitReady();
            } catch (ClassNotFoundException | ExecutionException e) {
                throw new IOException("worker " + w.pid() + " did not get ready", e);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** The process ids of the worker JVMs alive now. */
    public List<Long> workerPids() {
        return live.stream().map(Worker::pid).sorted().toList();
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
        for (Worker w : live) {
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
        for (Worker w : List.copyOf(live)) {
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
