package dev.multitasking.processes;

import dev.multitasking.core.Task;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;

/**
 * The future of one task of a {@link ProcessPoolExecutor}. A conductor thread runs it, which
 * sends the task to its worker JVM ({@link Conductors#runRemotely}); the reply completes it.
 * Cancelling it while it runs kills its worker, the only way to interrupt a task in another JVM.
 *
 * @param <T> the task's value type
 */
final class RemoteFuture<T> extends FutureTask<T> {

    final Task<T> task;
    /** The worker running it now; null while it waits (in the queue, or in a worker's socket behind another task). */
    volatile WorkerJvm runningOn;
    volatile boolean interruptRequested;
    /** How long it may run once started; 0: no limit. Set before it is queued. */
    long timeoutNanos;
    /** The watch's kill for running past {@link #timeoutNanos}, once started. */
    volatile ScheduledFuture<?> clock;
    /** Set when its worker was killed because it ran past its time. */
    volatile boolean timedOut;

    RemoteFuture(Task<T> task, Conductors conductors) {
        this(task, new Call<>(task, conductors));
    }

    private RemoteFuture(Task<T> task, Call<T> call) {
        super(call);
        this.task = task;
        call.future = this;
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
