package dev.multitasking.processes;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link ProcessPoolExecutor} has done so far, counted as each task's future completes:
 * how each ended, how long it waited before a worker started it, how long it ran there, and the
 * workers retired. Read with {@link ProcessPoolExecutor#stats()}.
 */
final class PoolStats {

    /** How a task ended. */
    enum Outcome {
        COMPLETED, FAILED, CRASHED, UNRESPONSIVE, TIMED_OUT, CANCELLED, STOPPED
    }

    /** How many recent tasks the percentiles are taken over. */
    static final int RECENT = 4096;

    private final LongAdder[] ended = new LongAdder[Outcome.values().length];
    private final LongAdder recycled = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder idled = new LongAdder();
    private final Recent waits = new Recent();
    private final Recent runs = new Recent();

    PoolStats() {
        Arrays.setAll(ended, i -> new LongAdder());
    }

    /** A task ended; {@code waitNanos} and {@code runNanos} are -1 for one that never started. */
    void ended(Outcome outcome, long waitNanos, long runNanos) {
        ended[outcome.ordinal()].increment();
        if (waitNanos >= 0) {
            waits.add(TimeUnit.NANOSECONDS.toMicros(waitNanos));
        }
        if (runNanos >= 0) {
            runs.add(TimeUnit.NANOSECONDS.toMicros(runNanos));
        }
    }

    /** A worker was retired and replaced: past {@code maxTasksPerWorker}, or over {@code maxWorkerMemory}. */
    void recycled() {
        recycled.increment();
    }

    /** A worker was retired for being idle past the idle timeout of an elastic pool. */
    void idled() {
        idled.increment();
    }

    /** A {@link Retryable} task went to another worker after its worker died under it. */
    void retried() {
        retried.increment();
    }

    ProcessPoolExecutor.Stats snapshot(int queued, int workers, int busyWorkers) {
        return new ProcessPoolExecutor.Stats(count(Outcome.COMPLETED), count(Outcome.FAILED), count(Outcome.CRASHED),
                count(Outcome.UNRESPONSIVE), count(Outcome.TIMED_OUT), count(Outcome.CANCELLED) + count(Outcome.STOPPED),
                retried.sum(), recycled.sum(), idled.sum(), queued, workers, busyWorkers, waits.percentiles(), runs.percentiles());
    }

    private long count(Outcome o) {
        return ended[o.ordinal()].sum();
    }

    /** The last {@link #RECENT} values, in microseconds. */
    private static final class Recent {
        private final long[] ring = new long[RECENT];
        private long added;

        synchronized void add(long micros) {
            ring[(int) (added++ % RECENT)] = micros;
        }

        synchronized ProcessPoolExecutor.Percentiles percentiles() {
            int n = (int) Math.min(added, RECENT);
            if (n == 0) {
                return new ProcessPoolExecutor.Percentiles(0, 0, 0, 0, 0);
            }
            long[] sorted = Arrays.copyOf(ring, n);
            Arrays.sort(sorted);
            return new ProcessPoolExecutor.Percentiles(n, at(sorted, 50), at(sorted, 90), at(sorted, 99), sorted[n - 1]);
        }

        private static long at(long[] sorted, int p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
        }
    }
}
