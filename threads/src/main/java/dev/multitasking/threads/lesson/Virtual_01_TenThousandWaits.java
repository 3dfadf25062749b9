package dev.multitasking.threads.lesson;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.multitasking.core.Task;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.IoWorkload;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * <b>Virtual threads: ten thousand waits at once.</b> Ten thousand tasks each make one HTTP
 * request to a local server that answers after 100 ms: 1,000 s of waiting in all. With a virtual
 * thread per task, all of it overlaps: a virtual thread blocked in a socket read is parked, and
 * its carrier (a platform thread, one per core) runs another. What remains is the CPU cost of
 * 10,000 connections at both ends, which on 2 cores is several seconds; on more cores, less. On
 * a fixed pool of 2 x cores platform threads the requests go through that many at a time:
 * 10,000 x 100 ms / 4 threads is over four minutes on 2 cores. The lesson runs the pool for 3 s,
 * measures its rate, and says how long all of it would take. Peak platform thread counts show
 * the cost of each: a handful of carriers serve the 10,000 virtual threads.
 *
 * <p>Both client and server sockets live in this JVM, two file descriptors per request in
 * flight; where the process may open fewer than 20,000 files, the lesson says so and runs as
 * many requests as fit.
 *
 * <p>Run: {@code ./primes demo virtual-01}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * (this process may open too few files for 10,000 socket pairs at once: running 9,700 requests)
 * 9,700 requests of 100 ms each:
 *   a virtual thread each:    3,017 ms; peak platform threads 13
 *   fixed pool of  4 threads: 104 done in 3,107 ms; all would take about 290 s (96x longer); peak platform threads 17
 * </pre>
 */
public final class Virtual_01_TenThousandWaits {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Ten thousand waits at once on virtual threads take about one wait; a fixed pool takes them in turns.";

    static final int REQUESTS = 10_000;
    static final Duration LATENCY = Duration.ofMillis(100);

    private Virtual_01_TenThousandWaits() {
    }

    /**
     * @param requests     how many requests the virtual threads made
     * @param virtualMillis how long all of them took
     * @param virtualPeak   the most platform threads alive meanwhile (this JVM's, server included)
     * @param poolThreads   the fixed pool's size
     * @param poolDone      requests the pool finished within its time
     * @param poolMillis    the time it ran
     * @param poolPeak      the most platform threads alive meanwhile
     */
    record Outcome(int requests, long virtualMillis, int virtualPeak, int poolThreads, int poolDone, long poolMillis, int poolPeak) {
        /** How long the pool would take for all requests, at the rate it was seen to go. */
        double poolProjectedSeconds() {
            return requests * (poolMillis / 1000.0) / Math.max(1, poolDone);
        }
    }

    /** As many requests as this process can hold open at once, up to {@code wanted}. */
    static int requestsThatFit(int wanted) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            long spare = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - 500;
            return (int) Math.max(1, Math.min(wanted, spare / 2 / 100 * 100));
        }
        return wanted;
    }

    static Outcome run(int requests, Duration poolBudget) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int poolThreads = 2 * Runtime.getRuntime().availableProcessors();
        try (PreparedWorkload<String> io = new IoWorkload(requests, LATENCY).prepare()) {
            List<Task<String>> tasks = io.tasks();
            tasks.get(0).call();   // connect once: the HTTP client's start-up is not what is measured

            threads.resetPeakThreadCount();
            long start = System.nanoTime();
            try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<String>> answers = new ArrayList<>(requests);
                for (Task<String> task : tasks) {
                    answers.add(virtual.submit(task));
                }
                for (Future<String> answer : answers) {
                    answer.get();
                }
            }
            long virtualMillis = (System.nanoTime() - start) / 1_000_000;
            int virtualPeak = threads.getPeakThreadCount();

            threads.resetPeakThreadCount();
            start = System.nanoTime();
            int done;
            try (ExecutorService pool = Executors.newFixedThreadPool(poolThreads)) {
                List<Future<String>> answers = new ArrayList<>(requests);
                for (Task<String> task : tasks) {
                    answers.add(pool.submit(task));
                }
                pool.awaitTermination(poolBudget.toMillis(), TimeUnit.MILLISECONDS);
                pool.shutdownNow();   // enough seen: cancel the rest
                done = (int) answers.stream().filter(f -> f.state() == Future.State.SUCCESS).count();
            }
            long poolMillis = (System.nanoTime() - start) / 1_000_000;
            return new Outcome(requests, virtualMillis, virtualPeak, poolThreads, done, poolMillis, threads.getPeakThreadCount());
        }
    }

    public static void main(String[] args) throws Exception {
        int requests = requestsThatFit(REQUESTS);
        if (requests < REQUESTS) {
            System.out.printf("(this process may open too few files for %,d socket pairs at once: running %,d requests)%n", REQUESTS, requests);
        }
        Outcome o = run(requests, Duration.ofSeconds(3));
        System.out.printf("%,d requests of %d ms each:%n", o.requests(), LATENCY.toMillis());
        System.out.printf("  a virtual thread each:   %,6d ms; peak platform threads %d%n", o.virtualMillis(), o.virtualPeak());
        System.out.printf("  fixed pool of %2d threads: %,d done in %,d ms; all would take about %.0f s (%.0fx longer); peak platform threads %d%n",
                o.poolThreads(), o.poolDone(), o.poolMillis(), o.poolProjectedSeconds(),
                o.poolProjectedSeconds() * 1000 / o.virtualMillis(), o.poolPeak());
    }
}
