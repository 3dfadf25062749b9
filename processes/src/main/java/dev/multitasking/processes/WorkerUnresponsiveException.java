package dev.multitasking.processes;

import java.time.Duration;

/**
 * A worker JVM said nothing for longer than its pool's liveness limit while it had a task, and
 * was stopped ({@code SIGSTOP}) or made no progress (its CPU time, as the kernel keeps it, did
 * not grow) for as long: frozen, or swapped out. Its heartbeat comes from a thread of its own, so
 * a task that merely runs long is not silent, and a JVM held at a safepoint while it computes
 * is not unresponsive. The pool killed and replaced the worker; the task did not finish.
 */
public final class WorkerUnresponsiveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long pid;

    public WorkerUnresponsiveException(long pid, Duration limit) {
        this(pid, limit, 1);
    }

    /** On the last of {@code attempts} workers the task was given (a {@link Retryable} task's). */
    public WorkerUnresponsiveException(long pid, Duration limit, int attempts) {
        super("worker " + pid + " sent no heartbeat for over " + limit.toMillis() + " ms while it had the task, stopped or making no progress; it was killed and replaced"
                + (attempts > 1 ? " (a worker died under it on each of " + attempts + " tries)" : ""));
        this.pid = pid;
    }

    public long pid() {
        return pid;
    }
}
