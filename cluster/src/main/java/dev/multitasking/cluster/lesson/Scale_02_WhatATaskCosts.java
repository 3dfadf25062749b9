package dev.multitasking.cluster.lesson;

import com.hazelcast.core.HazelcastInstance;
import dev.multitasking.cluster.Connection;
import dev.multitasking.cluster.LocalCluster;
import dev.multitasking.core.Task;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;

/**
 * <b>What a task costs on a cluster.</b> Scale-out pays per task: the task is serialized, sent
 * to the member that owns its partition, stored there and in a backup on another member (the
 * durable executor's promise), run, and its result fetched by a second call. This lesson times
 * that round trip for a trivial task, from a client (what {@code primes compare} uses) and from
 * an embedded lite member (a member in this JVM that holds no data and runs no tasks, but is
 * one network hop closer: it knows the partition table and talks to the owners directly, as a
 * client does too).
 *
 * <p>Compare with a thread pool (about 15 us here) and a process pool (about 45 us): a
 * cluster's tasks should each run for tens of milliseconds at least.
 *
 * <p>Run: {@code ./primes demo scale-02} (a 2-member cluster, 2,000 round trips each way after
 * as many to warm up). Sample output (2-core AMD EPYC, JDK 25):
 * <pre>
 * 2 members formed in 6820 ms
 *                              round trip, median  99th percentile
 * from a client                           1882 us         13038 us
 * from an embedded member                  703 us          5831 us
 * </pre>
 */
public final class Scale_02_WhatATaskCosts {

    private Scale_02_WhatATaskCosts() {
    }

    /** Answers its argument. */
    record Echo(int n) implements Task<Integer> {
        @Override
        public Integer call() {
            return n;
        }
    }

    /** Round trips in microseconds: median and 99th percentile, from a client and from an embedded lite member. */
    record Costs(long formationMillis, long clientMedianMicros, long clientP99Micros, long embeddedMedianMicros, long embeddedP99Micros) {
    }

    static Costs measure(int roundTrips) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(2, Duration.ofSeconds(90))) {
            long[] client;
            try (Connection c = cluster.connect(Duration.ofSeconds(15))) {
                client = roundTrips(c::call, roundTrips);
            }
            HazelcastInstance lite = cluster.embeddedLiteMember();
            long[] embedded;
            try {
                var executor = lite.getDurableExecutorService(LocalCluster.EXECUTOR);
                embedded = roundTrips(task -> executor.submit(task).get(), roundTrips);
            } finally {
                lite.shutdown();
            }
            return new Costs(cluster.formation().toMillis(), percentile(client, 50), percentile(client, 99),
                    percentile(embedded, 50), percentile(embedded, 99));
        }
    }

    private interface Caller {
        Integer call(Echo task) throws InterruptedException, ExecutionException;
    }

    /** Round trips one at a time, after as many again to warm up, in nanoseconds, sorted. */
    private static long[] roundTrips(Caller caller, int n) throws Exception {
        long[] nanos = new long[n];
        for (int i = -n; i < n; i++) {
            long t = System.nanoTime();
            int answer = caller.call(new Echo(i));
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

    private static long percentile(long[] sortedNanos, int p) {
        return sortedNanos[Math.min(sortedNanos.length - 1, sortedNanos.length * p / 100)] / 1_000;
    }

    public static void main(String[] args) throws Exception {
        Costs c = measure(args.length > 0 ? Integer.parseInt(args[0]) : 2_000);
        System.out.printf("2 members formed in %d ms%n", c.formationMillis());
        System.out.printf("%-26s %20s %16s%n", "", "round trip, median", "99th percentile");
        System.out.printf("%-26s %17d us %13d us%n", "from a client", c.clientMedianMicros(), c.clientP99Micros());
        System.out.printf("%-26s %17d us %13d us%n", "from an embedded member", c.embeddedMedianMicros(), c.embeddedP99Micros());
    }
}
