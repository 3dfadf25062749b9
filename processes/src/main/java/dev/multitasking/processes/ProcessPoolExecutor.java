package dev.multitasking.processes;

import dev.multitasking.core.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link java.util.concurrent.ExecutorService} whose workers are child JVMs: Python's
 * {@code ProcessPoolExecutor} for Java, with the Java contract and without Python's broken pool.
 *
 * <p>How it runs: N <em>conductor</em> threads in this JVM (a {@link ThreadPoolExecutor}, which
 * keeps the queue, the shutdown rules and the list of unstarted tasks) each own one worker JVM
 * running {@link ProcessWorker}. A conductor takes a task, writes it to its worker as a frame, and
 * waits for the reply frame. Worker JVMs are launched in parallel when the pool is made. An
 * elastic pool ({@link Builder#minWorkers} below {@link Builder#workers}) launches its minimum
 * then, starts a conductor and its worker when a task waits and none is free, and retires a worker
 * above the minimum that has been idle for {@link Builder#idleTimeout}.
 *
 * <p>Where the code lives: this class is the public API, its lifecycle and its builder;
 * {@link Conductors} holds the conductors' rules (the line of tasks each has taken on, what may be
 * sent ahead, what an answer, a crash or a cancel does), {@link RemoteFuture} the future of one
 * task, {@link Workforce} the worker JVMs (launched, spare, live, watched), {@link WorkerJvm} one
 * worker seen from here (launch, send, receive, end), {@link ProcessWorker} the worker's side, and
 * {@link Frames} what travels between them.
 *
 * <p>Workers start from an archive of the classes a worker loads ({@link ClassArchive}: on JDK 25
 * an ahead-of-time cache of them loaded and linked, with their profiles; before, an AppCDS
 * archive), where the pool's class path is all jars (a build's {@code target/classes} is not):
 * the first worker of the first pool on a class path, JDK and options writes it as it exits, which
 * holds that pool's end for a second or two, and every later worker maps it. Two workers were
 * ready in 126 ms from it against 155 ms without (the anchors' run of
 * {@code profiling/RESULTS.md}, interleaved, 2-core Intel Xeon, AVX-512, JDK 25).
 * {@link Builder#classArchive} turns it off; so do options that choose an archive or sharing of
 * their own.
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
 * is free. A task sent ahead is in its worker's hands, like a task a pool thread has taken. While
 * a worker's tasks are short (under 200 us), its conductor sends up to sixteen ahead, as long as the
 * queue holds that many for every worker: the worker then reads several frames per wake-up, and
 * sends each reply with the next task's receipt in one write, and its conductor reads several
 * replies per wake-up (the processes README has the figures). Every frame of a conductor's turn
 * goes out in one write.
 *
 * <p>Only {@link Task}s run in the workers: a task crosses a process boundary, so it must be
 * serializable, and its class must pass the frame filter (the project's classes, the JDK's value
 * types and the packages given to {@link Builder#admit}, with depth and size limits) on the worker
 * side; its result must pass it on the way back. Another
 * {@code Callable}, or a bare {@code Runnable}, is refused with an
 * {@link IllegalArgumentException} naming its class; a {@code null} task with a
 * {@link NullPointerException}. The JDK's wrappers around this pool's futures
 * ({@link java.util.concurrent.ExecutorCompletionService}, a
 * {@link java.util.concurrent.CompletableFuture}'s stages) are {@code Future}s and run on a
 * conductor thread (see {@link #execute}).
 *
 * <p>What it has done: {@link #stats()} counts each outcome and times the waits and runs, and
 * each task is a Flight Recorder event ({@code dev.multitasking.processes.Task}: its outcome, its
 * worker, its queue wait, run time and bytes each way), which a recording shows in JDK Mission
 * Control and {@code jfr print --events dev.multitasking.processes.Task} prints.
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
 *   <tr><td>a value whose shared parts unfold to more than 4,000,000 objects (a 1 KB set of lists
 *       sharing lists, whose hashing would take 6^19 steps)</td>
 *       <td>fails with {@code InvalidObjectException} before anything hashes it: decoding is bounded by construction</td>
 *       <td>goes on, same worker</td></tr>
 *   <tr><td>the task throws an exception that cannot be serialized</td>
 *       <td>fails with an {@code Exception} carrying its class, message and stack trace as text</td><td>goes on</td></tr>
 *   <tr><td>the task writes to stdout, reads stdin, starts a child that inherits them</td>
 *       <td>unaffected: stdout is logged, stdin is at its end</td><td>unaffected</td></tr>
 *   <tr><td>a child the task started outlives the task, holding the worker's stdout or stderr</td>
 *       <td></td><td>killed with its worker: by the worker as it exits (a task's {@code System.exit} too), by
 *       the pool when it kills the worker; only a worker killed outright by someone else (or out of memory)
 *       leaves it, and then the worker's end is read for at most 2 s</td></tr>
 *   <tr><td>the worker dies mid-task ({@code kill -9}, {@code System.exit}, even with
 *       {@link Builder#jvmOptions} of one's own)</td>
 *       <td>fails with {@link WorkerCrashedException}: pid, exit code, last stderr lines (each cut at 8 KiB); a
 *       {@link Retryable} task goes to a fresh worker first, up to its retries, and the exception counts the tries</td>
 *       <td>replaces the worker</td></tr>
 *   <tr><td>the task needs more heap than its worker has ({@link Builder#maxHeapBytes}, or the JVM's own limit)</td>
 *       <td>fails with {@link WorkerCrashedException} saying it ran out of memory ({@link WorkerCrashedException#outOfMemory()}):
 *       the worker exits on its first {@code OutOfMemoryError}</td><td>replaces the worker</td></tr>
 *   <tr><td>a worker's resident memory after a task is over {@link Builder#maxWorkerMemory}</td>
 *       <td>unaffected (a task already sent ahead to it runs there first)</td><td>retires and replaces the worker, and logs why</td></tr>
 *   <tr><td>an elastic pool's worker above {@link Builder#minWorkers} is idle past {@link Builder#idleTimeout}</td>
 *       <td>no task is affected: only a worker with nothing sent to it retires</td><td>retires it; the next task that waits starts another</td></tr>
 *   <tr><td>the worker dies while idle ({@code kill -9}, halted or interrupted by a thread an earlier task left)</td>
 *       <td>no task fails: the next one goes to a replacement (a worker says when it has a task's frame, so a
 *       task that never reached a worker is never blamed for its death)</td><td>replaces the worker</td></tr>
 *   <tr><td>a time limit kills a worker whose reply is already on its way</td>
 *       <td>the reply completes its task; a task sent ahead runs on the replacement</td><td>replaces the worker</td></tr>
 *   <tr><td>the task writes a frame of its own onto its worker's socket (reflection into the worker)</td>
 *       <td>its own reply answers it, or it fails with {@link WorkerCrashedException} saying so: the frame names
 *       a task that is not due (every reply names its task), so no later result is shifted</td>
 *       <td>kills and replaces the worker</td></tr>
 *   <tr><td>a process connects to a worker's socket first: another user, silent, or garbled</td>
 *       <td>unaffected: it is dropped (the kernel says who is on the other end; 5 s to say hello), and the worker waited for</td>
 *       <td>goes on</td></tr>
 *   <tr><td>a worker with a task says nothing for longer than the liveness limit, and the kernel says it is stopped
 *       ({@code SIGSTOP}) or its CPU time has not grown for as long (a frozen JVM; {@link Builder#liveness})</td>
 *       <td>fails with {@link WorkerUnresponsiveException} if the worker had read it; one it had not goes to the next worker</td>
 *       <td>kills and replaces the worker</td></tr>
 *   <tr><td>a worker with a task says nothing for longer than the limit while its CPU time grows (every thread held at a
 *       safepoint by one in a long counted loop)</td>
 *       <td>unaffected: it is computing; only the task's own time limit, if it has one, ends it</td><td>goes on</td></tr>
 *   <tr><td>the parent JVM itself is paused past the limit ({@code SIGSTOP}, a long collection) and resumes</td>
 *       <td>unaffected: the watch sees it came late, and judges no one silent for a limit's time</td><td>goes on</td></tr>
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
     * Worker JVM options unless told otherwise ({@link Builder#jvmOptions} replaces them).
     * SerialGC: one GC thread and the fastest start for a small heap. The JIT stays tiered (C1
     * then C2): {@code -XX:TieredStopAtLevel=1} starts faster but runs trial division about twice
     * as slow, and this pool's tasks are CPU-bound; pass it for many short tasks.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xshare:auto");

    /**
     * Worker JVM options the pool's promises stand on, added after whatever options it is given.
     * ExitOnOutOfMemoryError: a JVM that ran out of memory is in no state to run the next task
     * (and an {@code OutOfMemoryError} while a result is serialized would escape the worker's
     * handling, leaving a JVM that heartbeats but never answers), so it exits, and its task fails
     * as a crash. DisplayVMOutputToStderr: the JVM's own messages (its last words on that exit
     * among them) go to stderr, whose last lines the parent keeps for the crash report.
     */
    public static final List<String> REQUIRED_JVM_OPTIONS = List.of("-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr");

    /** How long a worker above an elastic pool's minimum may stay idle before it is retired, unless told otherwise. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** How long a busy worker may stay silent before it is killed, unless told otherwise. */
    public static final Duration DEFAULT_LIVENESS = Duration.ofSeconds(10);

    private final String name;
    private final WorkerJvm.PoolSettings settings;
    private final Workforce workers;
    private final Conductors conductors;
    private final PoolStats stats = new PoolStats();

    /** {@code workers} worker JVMs with the default options. */
    public ProcessPoolExecutor(int workers) {
        this(builder().workers(workers));
    }

    private ProcessPoolExecutor(Builder b) {
        if (b.workers < 1) {
            throw new IllegalArgumentException("need at least 1 worker, got " + b.workers);
        }
        int minWorkers = b.minWorkers < 0 ? b.workers : b.minWorkers;
        if (minWorkers > b.workers) {
            throw new IllegalArgumentException("minWorkers (" + minWorkers + ") is more than the most workers (" + b.workers + ")");
        }
        this.name = b.name;
        // Kills silent workers and tasks past their time, and workers that do not end when retired.
        ScheduledThreadPoolExecutor watch = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name(name + "-watch").daemon().factory());
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
        List<String> options = new ArrayList<>(b.jvmOptions);
        if (b.maxHeap > 0) {
            options.add("-Xmx" + b.maxHeap);
        }
        options.addAll(REQUIRED_JVM_OPTIONS);
        ClassArchive archive = b.classArchive && options.stream().noneMatch(ProcessPoolExecutor::choosesSharing)
                ? ClassArchive.of("worker", System.getProperty("java.class.path"), options).orElse(null) : null;
        this.settings = new WorkerJvm.PoolSettings(name, List.copyOf(options), sockets, b.liveness, b.maxFrame, watch, b.initializer,
                b.admitted, archive);
        this.workers = new Workforce(settings);
        this.conductors = new Conductors(settings, minWorkers, b.workers, b.idleTimeout, b.maxTasksPerWorker, b.maxWorkerMemory,
                workers, stats);
        try {
            for (int i = 0; i < minWorkers; i++) {
                workers.launchSpare();
            }
        } catch (IOException e) {
            shutdownNow();
            throw new IllegalStateException("could not start the worker JVMs of " + name, e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a worker option chooses class sharing itself (off, or an archive of its own): the pool's archive then stays out. */
    private static boolean choosesSharing(String option) {
        return option.equals("-Xshare:off") || option.startsWith("-XX:AOTCache") || option.startsWith("-XX:AOTMode")
                || option.startsWith("-XX:AOTConfiguration") || option.startsWith("-XX:SharedArchiveFile")
                || option.startsWith("-XX:ArchiveClassesAtExit") || option.contains("AutoCreateSharedArchive");
    }

    /** Options for a {@link ProcessPoolExecutor}. */
    public static final class Builder {
        private int workers = Runtime.getRuntime().availableProcessors();
        /** -1: as many as {@link #workers}, a fixed pool. */
        private int minWorkers = -1;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private String name = "processes";
        private final List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        private int maxTasksPerWorker;
        private long maxWorkerMemory;
        private long maxHeap;
        private Task<?> initializer;
        private Duration liveness = DEFAULT_LIVENESS;
        private int maxFrame = Frames.MAX_FRAME;
        private List<String> admitted = List.of();
        private boolean classArchive = true;

        private Builder() {
        }

        /**
         * Whether workers start from the class archive the pool's first worker writes (true unless
         * told otherwise; see the class comment): false starts every worker from the JDK's own
         * archive only, as a measurement of a cold start wants.
         */
        public Builder classArchive(boolean use) {
            this.classArchive = use;
            return this;
        }

        /**
         * How long a worker that has a task may go without a sign of life (its heartbeat comes
         * from a thread of its own every fifth of this, at most every second), while stopped or
         * making no progress (its CPU time, which the kernel keeps, not growing), before it is
         * killed and replaced, and its task fails with {@link WorkerUnresponsiveException}. Also
         * how long a retired worker may take to exit before it is killed.
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

        /**
         * Admits the classes of these packages, and of the packages under them, into frames on
         * both sides: a library's own tasks and results (say {@code com.example.tasks}). The
         * project's classes and the JDK's value types are admitted already; everything else is
         * refused, so that no frame can make either JVM build an object of an unexpected class.
         * The worker JVMs must find these classes on their class path (by default the pool's own).
         *
         * @throws IllegalArgumentException when one is not a package name
         */
        public Builder admit(String... packages) {
            this.admitted = FrameFilter.checkPackages(List.of(packages));
            return this;
        }

        /**
         * How many worker JVMs the pool has (the number of CPUs unless told otherwise), all launched
         * in parallel as it is made; with {@link #minWorkers} below it, the most it may have.
         */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * Makes the pool elastic (loky's reusable executor, PP4J's minimum and maximum): it launches
         * this many workers as it is made and keeps them, and {@link #workers} is the most it may
         * have. Another worker starts when a task is queued and no worker is free for it; its
         * conductor thread launches it, never the caller's thread, and the task waits for it (a JVM
         * start, about 100-400 ms). A worker above this minimum that has been idle for the
         * {@link #idleTimeout} is retired. 0 is allowed: an idle pool then holds no JVM at all.
         * Unless told, the minimum is {@link #workers}: a fixed pool.
         */
        public Builder minWorkers(int workers) {
            if (workers < 0) {
                throw new IllegalArgumentException("minWorkers must be 0 or more, got " + workers);
            }
            this.minWorkers = workers;
            return this;
        }

        /** How long a worker above {@link #minWorkers} may stay idle before it is retired ({@link #DEFAULT_IDLE_TIMEOUT} unless told). */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException("the idle timeout must be at least 1 ms, got " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /** Names the conductor threads and the log lines. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /**
         * Replaces the worker JVM options ({@link #DEFAULT_JVM_OPTIONS} by default); the
         * {@link #REQUIRED_JVM_OPTIONS} are added after them whatever they are.
         */
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

        /**
         * Each worker's largest heap, in bytes ({@code -Xmx}), added to the JVM options whatever
         * they are, the pool's own and {@link #REQUIRED_JVM_OPTIONS} kept: a task that needs more
         * fails with a {@link WorkerCrashedException} whose {@link WorkerCrashedException#outOfMemory()}
         * says so, and its worker is replaced. 0 (the default): the JVM's own choice.
         */
        public Builder maxHeapBytes(long bytes) {
            if (bytes != 0 && bytes < 16L << 20) {
                throw new IllegalArgumentException("a worker's heap must be at least 16 MiB (or 0: the JVM's choice), got " + bytes + " bytes");
            }
            this.maxHeap = bytes;
            return this;
        }

        /**
         * Retires a worker whose resident memory, read from the kernel after a task, is over this
         * many bytes, and starts a fresh one (0: never): loky's memory-leak guard, beside
         * {@link #maxTasksPerWorker}. The reason is logged. A task sent ahead to it still runs
         * there first; none more is.
         */
        public Builder maxWorkerMemory(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxWorkerMemory must be 0 (no limit) or more, got " + bytes);
            }
            this.maxWorkerMemory = bytes;
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

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        Objects.requireNonNull(callable, "task");
        if (!(callable instanceof Task<T> task)) {
            throw new IllegalArgumentException("a ProcessPoolExecutor runs only " + Task.class.getName()
                    + " (serializable, to cross into a worker JVM); got " + (callable == null ? "null" : callable.getClass().getName()));
        }
        return conductors.futureOf(task, 0);
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
        Objects.requireNonNull(task, "task");
        return conductors.futureOf(task, limit.toNanos());
    }

    /**
     * Runs the futures this pool made ({@code submit}, {@code invokeAll}), and
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
        workers.awaitSpareReady();
    }

    /** The private directory of the workers' sockets; gone once the pool has terminated. */
    Path socketDirectory() {
        return settings.socketDirectory();
    }

    /** The process ids of the worker JVMs alive now. */
    public List<Long> workerPids() {
        return workers.pids();
    }

    /** CPU time of the worker JVMs alive now, in nanoseconds (those already ended are not counted). */
    public long workerCpuNanos() {
        return workers.cpuNanos();
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
        List<Runnable> neverStarted = conductors.shutdownNow();
        workers.killBusy();
        return neverStarted;
    }

    @Override
    public boolean isShutdown() {
        return conductors.isShutdown();
    }

    /** True once no task runs and every worker JVM has ended. */
    @Override
    public boolean isTerminated() {
        return conductors.isTerminated() && workers.noneRunning();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        return conductors.awaitTermination(timeout, unit) && workers.awaitEnd(deadline);
    }

    /**
     * What the pool has done so far, and what it is doing now.
     *
     * @param completed    tasks that returned a value
     * @param failed       tasks that threw (their own exception, a value that could not cross, a frame over the limit)
     * @param crashed      tasks whose worker died under them ({@link WorkerCrashedException})
     * @param unresponsive tasks whose worker froze ({@link WorkerUnresponsiveException})
     * @param timedOut     tasks past their time limit
     * @param cancelled    tasks cancelled, or stopped by {@code shutdownNow}
     * @param retried      times a {@link Retryable} task went to another worker after its worker died
     * @param recycled     workers retired and replaced: past {@code maxTasksPerWorker} or {@code maxWorkerMemory}
     * @param idled        workers retired for being idle past the {@code idleTimeout}, above an elastic pool's {@code minWorkers}
     * @param queued       tasks waiting for a conductor now
     * @param workers      worker JVMs alive now
     * @param busyWorkers  workers running a task now
     * @param waitMicros   from submit until a worker started it, over the last {@value PoolStats#RECENT} tasks that started
     * @param runMicros    from its start until its answer, over the same
     */
    public record Stats(long completed, long failed, long crashed, long unresponsive, long timedOut, long cancelled, long retried,
                        long recycled, long idled, int queued, int workers, int busyWorkers, Percentiles waitMicros,
                        Percentiles runMicros) {
    }

    /** Percentiles of {@code count} values, in microseconds. */
    public record Percentiles(int count, long p50, long p90, long p99, long max) {
    }

    /** A snapshot of what the pool has done and is doing (piscina's run and wait statistics); see also its Flight Recorder events, {@code dev.multitasking.processes.Task}. */
    public Stats stats() {
        return stats.snapshot(conductors.queued(), workers.alive(), workers.busy());
    }

    /** Tasks taken on ahead by the conductors: sent, or about to be sent, to a worker busy with another. */
    int takenAhead() {
        return conductors.takenAhead();
    }

    @Override
    public String toString() {
        return name + "[" + conductors.conductors() + " of " + conductors.size() + " workers, " + workers.alive() + " JVMs alive, "
                + conductors.queued() + " queued, " + takenAhead() + " sent ahead" + (isShutdown() ? ", shut down" : "") + "]";
    }
}
