package dev.multitasking.processes;

import dev.multitasking.core.Task;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The future of one task of a {@link ProcessPoolExecutor}. A conductor thread runs it, which
 * sends the task to its worker JVM ({@link Conductors#runRemotely}); the reply completes it.
 * Cancelling it while it runs kills its worker, the only way to interrupt a task in another JVM.
 *
 * @param <T> the task's value type
 */
final class RemoteFuture<T> extends FutureTask<T> {

    final Task<T> task;
    /** How long it may run once started; 0: no limit. */
    private final long timeLimitNanos;
    /** The worker running it now; null while it waits (in the queue, or in a worker's socket behind another task). */
    private volatile WorkerJvm runningOn;
    private volatile boolean interruptRequested;
    /** The watch's kill for running past its time limit, once started. */
    private volatile ScheduledFuture<?> clock;
    /** Set when its worker was killed because it ran past its time. */
    private volatile boolean timedOut;

    /** Where it is counted when it ends. */
    private final PoolStats stats;
    private final String pool;
    /** Its Flight Recorder event, begun at submit. */
    private final TaskEvent event = new TaskEvent();
    private final long submittedNanos = System.nanoTime();
    /** When a worker first started it, and last started it (a retry starts it again); 0 until then. */
    private volatile long firstStartNanos;
    private volatile long lastStartNanos;
    private volatile long workerPid;
    private volatile long bytesSent;
    private volatile long bytesReceived;
    /** Workers it was given; its conductor only. */
    private int tries;
    /** Set once its end is counted. */
    private final java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean();

    RemoteFuture(Task<T> task, long timeLimitNanos, Conductors conductors, PoolStats stats, String pool) {
        this(task, timeLimitNanos, new Call<>(task, conductors), stats, pool);
    }

    private RemoteFuture(Task<T> task, long timeLimitNanos, Call<T> call, PoolStats stats, String pool) {
        super(call);
        this.task = task;
        this.timeLimitNanos = timeLimitNanos;
        this.stats = stats;
        this.pool = pool;
        call.future = this;
        event.begin();
    }

    /** What the conductor thread runs: the task, sent to its worker. */
    private static final class Call<T> implements Callable<T> {
        private final Task<T> task;
        private final Conductors conductors;
        private RemoteFuture<T> future;

        Call(Task<T> task, Conductors conductors) {
            this.task = task;
            this.conductors = conductors;
        }

        @Override
        public T call() throws Exception {
            return conductors.runRemotely(task, future);
        }
    }

    @Override
    protected void done() {
        ScheduledFuture<?> kill = clock;
        if (kill != null) {
            kill.cancel(false);
        }
        if (isCancelled()) {
            record(PoolStats.Outcome.CANCELLED);
        }
    }

    /**
     * Counted before the future completes, so that {@link ProcessPoolExecutor#stats()} read after
     * {@code get()} returns includes it ({@link #done()} runs after the waiters are woken).
     */
    @Override
    protected void set(T value) {
        if (!isDone()) {
            record(PoolStats.Outcome.COMPLETED);
        }
        super.set(value);
    }

    @Override
    protected void setException(Throwable t) {
        if (!isDone()) {
            record(switch (t) {
                case WorkerCrashedException c -> PoolStats.Outcome.CRASHED;
                case WorkerUnresponsiveException u -> PoolStats.Outcome.UNRESPONSIVE;
                case java.util.concurrent.TimeoutException e -> PoolStats.Outcome.TIMED_OUT;
                case InterruptedException i -> PoolStats.Outcome.STOPPED;
                default -> PoolStats.Outcome.FAILED;
            });
        }
        super.setException(t);
    }

    /** Counts its end once, in the pool's stats and as its Flight Recorder event. */
    private void record(PoolStats.Outcome outcome) {
        if (!counted.compareAndSet(false, true)) {
            return;
        }
        long now = System.nanoTime();
        long waited = firstStartNanos == 0 ? -1 : firstStartNanos - submittedNanos;
        long ran = lastStartNanos == 0 || outcome == PoolStats.Outcome.CANCELLED ? -1 : now - lastStartNanos;
        stats.ended(outcome, waited, ran);
        if (event.shouldCommit()) {
            event.pool = pool;
            event.task = String.valueOf(task);
            event.outcome = outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            event.workerPid = workerPid;
            event.queued = Math.max(0, waited);
            event.ran = Math.max(0, ran);
            event.bytesSent = bytesSent;
            event.bytesReceived = bytesReceived;
            event.tries = tries;
            event.commit();
        }
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
            w.kill();
        }
        return cancelled;
    }

    /**
     * It is about to be sent to {@code w} as the task {@code w} runs next: from now on a
     * {@code cancel(true)} kills {@code w}. False, and it is on no worker, when it was cancelled
     * already (it never runs); else its time limit's clock starts.
     */
    boolean startOn(WorkerJvm w, ScheduledExecutorService watch) {
        runningOn = w;   // before the check below: a cancel(true) after it kills the worker
        if (isCancelled()) {
            runningOn = null;
            return false;
        }
        started(w, watch, System.nanoTime());
        return true;
    }

    /**
     * It was sent ahead to {@code w} and {@code w} started it at {@code atNanos} (as it answered
     * the task ahead of it): its clock starts.
     */
    void startedOn(WorkerJvm w, ScheduledExecutorService watch, long atNanos) {
        runningOn = w;
        started(w, watch, atNanos);
    }

    private void started(WorkerJvm w, ScheduledExecutorService watch, long now) {
        if (firstStartNanos == 0) {
            firstStartNanos = now;
        }
        lastStartNanos = now;
        workerPid = w.pid();
        tries++;
        startClock(w, watch);
    }

    /** Its frame went to a worker: {@code bytes} more sent. */
    void sent(int bytes) {
        bytesSent += bytes;
    }

    /** Its reply came: {@code bytes} received. */
    void received(int bytes) {
        bytesReceived += bytes;
    }

    /** How many workers started it so far. Its conductor only. */
    int tries() {
        return tries;
    }

    /** It is on no worker any more: answered, or its worker is gone. */
    void leftWorker() {
        runningOn = null;
    }

    /** Kills {@code w} if the task outlives its time limit there. */
    private void startClock(WorkerJvm w, ScheduledExecutorService watch) {
        if (timeLimitNanos > 0) {
            clock = watch.schedule(() -> {
                if (runningOn == w && !isDone()) {
                    timedOut = true;
                    w.killFor(this);
                }
            }, timeLimitNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Whether it was cancelled with {@code mayInterruptIfRunning}: the worker running it must not be used again. */
    boolean interruptRequested() {
        return interruptRequested;
    }

    /** Whether its worker was killed because it ran past its time limit. */
    boolean timedOut() {
        return timedOut;
    }

    long timeLimitNanos() {
        return timeLimitNanos;
    }

    /** When it last started on a worker (System.nanoTime), or 0 before it has. */
    long lastStartNanos() {
        return lastStartNanos;
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
