package dev.multitasking.processes;

import java.util.List;

/**
 * A worker JVM ended while it ran a task: killed, {@code System.exit}, out of memory, or killed
 * by the pool for writing to its socket what was not its answer. The task did not finish; the
 * pool has replaced the worker and goes on.
 */
public final class WorkerCrashedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What a JVM started with {@code -XX:+ExitOnOutOfMemoryError} writes as it exits. */
    private static final String OUT_OF_MEMORY = "java.lang.OutOfMemoryError";

    private final long pid;
    private final int exitCode;
    @SuppressWarnings("serial")   // List.copyOf's lists are serializable
    private final List<String> stderrTail;
    private final int attempts;

    public WorkerCrashedException(long pid, int exitCode, List<String> stderrTail) {
        this(pid, exitCode, stderrTail, 1);
    }

    /** A crash on the last of {@code attempts} workers the task was given (a {@link Retryable} task's). */
    public WorkerCrashedException(long pid, int exitCode, List<String> stderrTail, int attempts) {
        this(pid, exitCode, stderrTail, attempts, died(pid, exitCode, stderrTail));
    }

    /** A worker the pool killed for what it did during the task, {@code why} in words (a frame that was not its answer). */
    public WorkerCrashedException(long pid, int exitCode, List<String> stderrTail, String why) {
        this(pid, exitCode, stderrTail, 1, why);
    }

    private WorkerCrashedException(long pid, int exitCode, List<String> stderrTail, int attempts, String why) {
        super(why + (attempts > 1 ? " (its worker died on each of " + attempts + " tries)" : "")
                + (stderrTail.isEmpty() ? "" : "; its last words: " + String.join(" | ", stderrTail)));
        this.pid = pid;
        this.exitCode = exitCode;
        this.stderrTail = List.copyOf(stderrTail);
        this.attempts = attempts;
    }

    private static String died(long pid, int exitCode, List<String> stderrTail) {
        return stderrTail.stream().filter(l -> l.contains(OUT_OF_MEMORY)).findFirst()
                .map(l -> "worker " + pid + " ran out of memory during the task ("
                        + l.substring(l.indexOf(OUT_OF_MEMORY)).strip() + ") and exited with code " + exitCode)
                .orElse("worker " + pid + " ended with exit code " + exitCode + " during the task");
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

    /** Whether the worker ran out of memory (an {@code OutOfMemoryError}, on which it exits): the task asked for more heap than it has. */
    public boolean outOfMemory() {
        return stderrTail.stream().anyMatch(l -> l.contains(OUT_OF_MEMORY));
    }

    /** How many workers the task was given, each of which died under it: 1 unless it is {@link Retryable}. */
    public int attempts() {
        return attempts;
    }
}
