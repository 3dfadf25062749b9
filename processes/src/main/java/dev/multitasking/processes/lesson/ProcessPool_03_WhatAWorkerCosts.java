package dev.multitasking.processes.lesson;

import dev.multitasking.core.NumberText;
import dev.multitasking.core.measure.RoundTrips;
import dev.multitasking.processes.ProcessPoolExecutor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * <b>What a worker costs: a process against a thread.</b> The lecture's reason for pools:
 * creating a worker is the expensive part, so make a few and reuse them. This lesson measures
 * both parts. Starting two worker JVMs (launch to "ready") takes a good fraction of a second;
 * starting two threads takes microseconds. Once started, handing a trivial task to a worker
 * and getting the answer back (a round trip) costs tens of microseconds for a process, which
 * must serialize the task, write it to a socket, wake another JVM and do it all again for the
 * answer, and a few for a thread, which hands over a reference. Worth it only when a task is
 * much longer than its round trip, or must be isolated.
 *
 * <p>"Warm" matters twice over here: the worker JVM compiles its side of the protocol only after
 * some ten thousand frames, so the round trips are timed after as many again as are measured
 * (20,000 by default; give another count as the argument, e.g. 2000, to see a colder worker).
 *
 * <p>Run: {@code ./primes demo processpool-03}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 *                        start 2 workers     round trip, median  99th percentile
 * worker processes             398.2 ms                  36 us          1485 us
 * worker threads                 4.1 ms                  25 us           120 us
 * a process against a thread: 96x to start, 1.4x per round trip
 * </pre>
 */
public final class ProcessPool_03_WhatAWorkerCosts {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A worker JVM costs tens to hundreds of times a thread to start, a few times a thread per task: hence pools.";

    private ProcessPool_03_WhatAWorkerCosts() {
    }

    /** Start-up of 2 workers, and round-trip median and 99th percentile, in microseconds. */
    record Costs(long processStartMicros, long processMedianMicros, long processP99Micros,
                 long threadStartMicros, long threadMedianMicros, long threadP99Micros) {
    }

    static Costs measure(int roundTrips) throws Exception {
        long start = System.nanoTime();
        try (ProcessPoolExecutor processes = new ProcessPoolExecutor(2)) {
            processes.awaitWorkersReady();
            long processStart = (System.nanoTime() - start) / 1_000;
            long[] process = RoundTrips.time(task -> processes.submit(task).get(), roundTrips);

            start = System.nanoTime();
            try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
                threads.submit(() -> 0).get();   // the first submit starts a thread
                threads.submit(() -> 0).get();
                long threadStart = (System.nanoTime() - start) / 1_000;
                long[] thread = RoundTrips.time(task -> threads.submit(task).get(), roundTrips);
                return new Costs(processStart, RoundTrips.percentileMicros(process, 50), RoundTrips.percentileMicros(process, 99),
                        threadStart, RoundTrips.percentileMicros(thread, 50), RoundTrips.percentileMicros(thread, 99));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Costs c = measure(args.length > 0 ? (int) NumberText.parseLong(args[0], "processpool-03: the number of round trips", 1, 1000000) : 20_000);
        System.out.printf("%-22s %14s %22s %16s%n", "", "start 2 workers", "round trip, median", "99th percentile");
        System.out.printf("%-22s %11.1f ms %19d us %13d us%n", "worker processes", c.processStartMicros() / 1000.0, c.processMedianMicros(),
                c.processP99Micros());
        System.out.printf("%-22s %11.1f ms %19d us %13d us%n", "worker threads", c.threadStartMicros() / 1000.0, c.threadMedianMicros(),
                c.threadP99Micros());
        System.out.printf("a process against a thread: %.0fx to start, %.1fx per round trip%n",
                (double) c.processStartMicros() / Math.max(1, c.threadStartMicros()),
                (double) c.processMedianMicros() / Math.max(1, c.threadMedianMicros()));
    }
}
