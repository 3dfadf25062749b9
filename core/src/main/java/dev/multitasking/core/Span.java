package dev.multitasking.core;

import java.io.Serializable;
import java.time.Instant;

/**
 * Who ran one task, and when: the raw material of a timeline.
 *
 * <p>Times are wall-clock microseconds since the epoch, not {@code System.nanoTime()}: nano time
 * has an arbitrary origin per JVM, while the wall clock lines up spans recorded in different
 * processes on one machine.
 *
 * @param task        the task's index in its batch
 * @param pid         the process that ran it
 * @param worker      the thread (or member and thread) that ran it
 * @param startMicros when it started, microseconds since the epoch
 * @param endMicros   when it ended, microseconds since the epoch
 */
public record Span(int task, long pid, String worker, long startMicros, long endMicros) implements Serializable {

    private static final long PID = ProcessHandle.current().pid();

    public Span {
        if (endMicros < startMicros) {
            throw new IllegalArgumentException("span of task " + task + " ends before it starts");
        }
    }

    /** How long the task ran. */
    public long durationMicros() {
        return endMicros - startMicros;
    }

    /** The wall clock in microseconds since the epoch. */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** A span for a task that ran on the current thread of this process. */
    static Span ofCurrentThread(int task, long startMicros, long endMicros) {
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        // Virtual threads have no name unless given one; their id still tells them apart.
        String worker = name.isEmpty() ? (thread.isVirtual() ? "virtual-" : "thread-") + thread.threadId() : name;
        return new Span(task, PID, worker, startMicros, endMicros);
    }
}
