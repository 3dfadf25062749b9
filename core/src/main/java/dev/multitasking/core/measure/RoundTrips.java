package dev.multitasking.core.measure;

import dev.multitasking.core.Task;

import java.util.Arrays;

/**
 * Times trivial tasks sent one at a time, each waited for: the round trip of a pool, a worker
 * process or a cluster, with nothing of the task's own to hide it.
 */
public final class RoundTrips {

    private RoundTrips() {
    }

    /** Answers its argument: the least work a task can be, so what is timed is the trip. */
    public record Echo(int n) implements Task<Integer> {
        @Override
        public Integer call() {
            return n;
        }
    }

    /** Sends one task and waits for its answer. */
    @FunctionalInterface
    public interface Trip {
        Integer send(Echo task) throws Exception;
    }

    /**
     * {@code n} round trips after as many again to warm up, in nanoseconds, sorted; every answer
     * is checked.
     */
    public static long[] time(Trip trip, int n) throws Exception {
        long[] nanos = new long[n];
        for (int i = -n; i < n; i++) {
            long t = System.nanoTime();
            int answer = trip.send(new Echo(i));
            if (answer != i) {
                throw new IllegalStateException("asked " + i + ", got " + answer);
            }
            if (i >= 0) {
                nanos[i] = System.nanoTime() - t;
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** The {@code p}-th percentile of sorted nanoseconds, in microseconds. */
    public static long percentileMicros(long[] sortedNanos, int p) {
        return Summary.percentile(sortedNanos, p) / 1_000;
    }
}
