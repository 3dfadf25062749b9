package dev.multitasking.processes;

import java.util.List;

/**
 * A worker JVM ended while it ran a task: killed, {@code System.exit}, out of memory, or killed
 * by the pool for writing to its socket what was not its answer. The task did not finish; the
 * pool has replaced the worker and goes on.
 */
public final class WorkerCrashedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long pid;
    private final int exitCode;
    @SuppressWarnings("serial")   // List.copyOf's lists are serializable
    private final List<String> stderrTail;

    public WorkerCrashedException(long pid, int exitCode, List<String> stderrTail) {
        this(pid, exitCode, stderrTail, "worker " + pid + " ended with exit code " + exitCode + " during the task");
    }

    /** A worker the pool killed for what it did during the task, {@code why} in words (a frame that was not its answer). */
    public WorkerCrashedException(long pid, int exitCode, List<String> stderrTail, String why) {
        super(why + (stderrTail.isEmpty() ? "" : "; its last words: " + String.join(" | ", stderrTail)));
        this.pid = pid;
        this.exitCode = exitCode;
        this.stderrTail = List.copyOf(stderrTail);
    }

    public long pid() {
        return pid;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The last lines the worker wrote on stderr. */
    public List<String> stderrTail() {
        return stderrTail;
    }
}
