package dev.multitasking.cluster.lesson;

import com.hazelcast.core.HazelcastInstance;
import dev.multitasking.cluster.Connection;
import dev.multitasking.cluster.LocalCluster;
import dev.multitasking.core.NumberText;
import dev.multitasking.core.measure.RoundTrips;
import dev.multitasking.processes.ProcessPoolExecutor;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * <b>What a task costs on a cluster.</b> Scale-out pays per task: the task is serialized, sent
 * to the member that owns its partition, stored there and in a backup on another member (the
 * durable executor's promise), run, and its result fetched by a second call. This lesson times
 * that round trip for a trivial task, from a client (what {@code primes compare} uses) and from
 * an embedded lite member (a member in this JVM that holds no data and runs no tasks, but is
 * one network hop closer: it knows the partition table and talks to the owners directly, as a
 * client does too).
 *
 * <p>The lesson times a thread pool's and a process pool's round trip the same way, beside the
 * cluster's: a cluster's tasks should each run for tens of milliseconds at least.
 *
 * <p>Run: {@code ./primes demo scale-02} (a 2-member cluster, 2,000 round trips each way after
 * as many to warm up). Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * 2 members formed in 2439 ms
 *                              round trip, median  99th percentile
 * from a client                            886 us          8459 us
 * from an embedded member                  495 us          4836 us
 * a thread pool, for scale                   6 us            15 us
 * a process pool, for scale                 49 us          1317 us
 * </pre>
 */
public final class Scale_02_WhatATaskCosts {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A task on a cluster costs a network round trip, serialization and a backup copy: far more than on a thread.";

    private Scale_02_WhatATaskCosts() {
    }

    /**
     * Round trips in microseconds, median and 99th percentile: from a client and from an embedded
     * lite member; and, for scale, on a thread pool and a process pool of 2.
     */
    record Costs(long formationMillis, long clientMedianMicros, long clientP99Micros, long embeddedMedianMicros, long embeddedP99Micros,
                 long threadMedianMicros, long threadP99Micros, long processMedianMicros, long processP99Micros) {
    }

    static Costs measure(int roundTrips) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(2, Duration.ofSeconds(90))) {
            long[] client;
            try (Connection c = cluster.connect(Duration.ofSeconds(15))) {
                client = RoundTrips.time(c::call, roundTrips);
            }
            HazelcastInstance lite = cluster.embeddedLiteMember();
            long[] embedded;
            try {
                var executor = lite.getDurableExecutorService(LocalCluster.EXECUTOR);
                embedded = RoundTrips.time(task -> executor.submit(task).get(), roundTrips);
            } finally {
                lite.shutdown();
            }
            long[] thread;
            try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
                thread = RoundTrips.time(task -> threads.submit(task).get(), roundTrips);
            }
            long[] process;
            try (ProcessPoolExecutor processes = new ProcessPoolExecutor(2)) {
                process = RoundTrips.time(task -> processes.submit(task).get(), roundTrips);
            }
            return new Costs(cluster.formation().toMillis(), RoundTrips.percentileMicros(client, 50), RoundTrips.percentileMicros(client, 99),
                    RoundTrips.percentileMicros(embedded, 50), RoundTrips.percentileMicros(embedded, 99),
                    RoundTrips.percentileMicros(thread, 50), RoundTrips.percentileMicros(thread, 99),
                    RoundTrips.percentileMicros(process, 50), RoundTrips.percentileMicros(process, 99));
        }
    }

    public static void main(String[] args) throws Exception {
        Costs c = measure(args.length > 0 ? (int) NumberText.parseLong(args[0], "scale-02: the number of tasks", 1, 1000000) : 2_000);
        System.out.printf("2 members formed in %d ms%n", c.formationMillis());
        System.out.printf("%-26s %20s %16s%n", "", "round trip, median", "99th percentile");
        System.out.printf("%-26s %17d us %13d us%n", "from a client", c.clientMedianMicros(), c.clientP99Micros());
        System.out.printf("%-26s %17d us %13d us%n", "from an embedded member", c.embeddedMedianMicros(), c.embeddedP99Micros());
        System.out.printf("%-26s %17d us %13d us%n", "a thread pool, for scale", c.threadMedianMicros(), c.threadP99Micros());
        System.out.printf("%-26s %17d us %13d us%n", "a process pool, for scale", c.processMedianMicros(), c.processP99Micros());
    }
}
