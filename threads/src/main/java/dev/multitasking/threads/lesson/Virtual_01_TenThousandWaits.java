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

/**
 * <b>Virtual threads: ten thousand waits at once.</b> Ten thousand tasks each make one HTTP
 * request to a local server that answers after 100 ms: 1,000 s of waiting in all, done two ways
 * that both overlap every wait. A platform thread per request: ten thousand threads of the
 * operating system, each with its own stack, each parked in a socket read. A virtual thread per
 * request: a virtual thread blocked in a socket read is unmounted, and its carrier (a platform
 * thread, one per core) runs another, so a handful of platform threads serve them all. The
 * lesson shows the time each takes and the most platform threads alive meanwhile.
 *
 * <p>What it shows: the waits overlap either way, and neither takes "one wait": what remains is
 * the CPU cost of ten thousand connections at both ends (client and server live in this JVM),
 * seconds on 2 cores, and, for platform threads, the cost of starting and ending an operating
 * system thread per request. That cost is why they never are ten thousand at once: a few hundred
 * are alive at the peak, each started as another ends, and the run is slower. Virtual threads need
 * about a dozen platform threads for all of it. (Each blocked platform thread also holds its own
 * stack, about 18 KiB resident against 2.6 KiB for a virtual thread: {@code profiling-04}. A fixed
 * pool of a few threads would take the waits in turns: ten thousand times 100 ms over 4 threads is
 * four minutes.)
 *
 * <p>Two file descriptors per request are open at once; where the process may open fewer than
 * 20,000 files, the lesson says so and runs as many requests as fit.
 *
 * <p>Run: {@code ./primes demo virtual-01}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * (this process may open too few files for 10,000 socket pairs at once: running 9,700 requests)
 * 9,700 requests of 100 ms each, all at once (970 s of waiting, in turn):
 *   a virtual thread each:   3,428 ms; peak platform threads     13
 *   a platform thread each:  5,202 ms; peak platform threads    487
 * </pre>
 */
public final class Virtual_01_TenThousandWaits {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Ten thousand waits overlap on a virtual thread each, on a dozen platform threads; a platform thread each costs an OS thread.";

    static final int REQUESTS = 10_000;
    static final Duration LATENCY = Duration.ofMillis(100);

    private Virtual_01_TenThousandWaits() {
    }

    /**
     * One way of running every request at once.
     *
     * @param millis      how long all of them took
     * @param peakThreads the most platform threads alive meanwhile (this JVM's, server included)
     */
    record Way(long millis, int peakThreads) {
    }

    /** The two ways over the same {@code requests}. */
    record Outcome(int requests, Way virtual, Way platform) {
    }

    /** As many requests as this process can hold open at once, up to {@code wanted}. */
    static int requestsThatFit(int wanted) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            long spare = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - 500;
            return (int) Math.max(1, Math.min(wanted, spare / 2 / 100 * 100));
        }
        return wanted;
    }

    static Outcome run(int requests) throws Exception {
        try (PreparedWorkload<String> io = new IoWorkload(requests, LATENCY).prepare()) {
            List<Task<String>> tasks = io.tasks();
            tasks.get(0).call();   // connect once: the HTTP client's start-up is not what is measured
            Way virtual = allAtOnce(tasks, Executors.newVirtualThreadPerTaskExecutor());
            Way platform = allAtOnce(tasks, Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory()));
            return new Outcome(requests, virtual, platform);
        }
    }

    /** Every task at once on {@code executor}, which it closes: the time, and the peak of platform threads. */
    private static Way allAtOnce(List<Task<String>> tasks, ExecutorService executor) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        long start = System.nanoTime();
        try (executor) {
            List<Future<String>> answers = new ArrayList<>(tasks.size());
            for (Task<String> task : tasks) {
                answers.add(executor.submit(task));
            }
            for (Future<String> answer : answers) {
                answer.get();
            }
        }
        return new Way((System.nanoTime() - start) / 1_000_000, threads.getPeakThreadCount());
    }

    public static void main(String[] args) throws Exception {
        int requests = requestsThatFit(REQUESTS);
        if (requests < REQUESTS) {
            System.out.printf("(this process may open too few files for %,d socket pairs at once: running %,d requests)%n", REQUESTS, requests);
        }
        Outcome o = run(requests);
        System.out.printf("%,d requests of %d ms each, all at once (%,d s of waiting, in turn):%n", o.requests(), LATENCY.toMillis(),
                o.requests() * LATENCY.toMillis() / 1000);
        print("a virtual thread each: ", o.virtual());
        print("a platform thread each:", o.platform());
    }

    private static void print(String name, Way w) {
        System.out.printf("  %s %,6d ms; peak platform threads %,6d%n", name, w.millis(), w.peakThreads());
    }
}
