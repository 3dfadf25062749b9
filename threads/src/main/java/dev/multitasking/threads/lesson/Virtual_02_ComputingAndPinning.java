package dev.multitasking.threads.lesson;

import dev.multitasking.core.ExecutorWorkers;
import dev.multitasking.core.measure.Rounds;
import dev.multitasking.core.measure.RunStats;
import dev.multitasking.core.measure.Trial;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * <b>Virtual threads: concurrency, not parallelism; and what {@code synchronized} does to them.</b>
 * {@code virtual-01} shows what virtual threads are for: many waits at once. This lesson shows
 * the two things they are not. First, a way to compute faster: the same CPU-bound count runs on
 * one platform thread, on a fixed pool of one thread per core, and on a virtual thread per task.
 * Virtual threads run on carrier threads, one per core ({@code ForkJoinPool} parallelism), so 32
 * virtual threads of computing are as fast as the cores, as the fixed pool is, and no faster.
 *
 * <p>Second, pinning. A virtual thread that blocks gives its carrier back, unless it cannot:
 * through JDK 23, a virtual thread that blocked while holding a monitor ({@code synchronized})
 * was pinned to its carrier, and a handful of such threads stalled every other virtual thread.
 * JDK 24 changed the monitor implementation so that it unmounts there too (JEP 491). The lesson
 * measures it on the running JDK instead of asserting it: four times as many virtual threads as
 * carriers each sleep 50 ms inside a {@code synchronized} block of its own lock, then the same
 * inside a {@link ReentrantLock}, which never pinned. Pinned, the synchronized ones sleep a
 * carrier-load at a time, four rounds of 50 ms; unmounted, all at once, as with the lock.
 *
 * <p>Run: {@code ./primes demo virtual-02}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-02):
 * <pre>
 * count:4000000:32, 2 cores
 *                                   wall   speedup  cores busy
 * 1 platform thread               159 ms     1.00x         1.0
 * fixed pool of 2                  83 ms     1.91x         1.9
 * a virtual thread per task        81 ms     1.95x         2.0
 * 8 virtual threads on 2 carriers, each sleeping 50 ms holding its own lock (JDK 25):
 *   in synchronized:     50 ms
 *   in a ReentrantLock:  50 ms
 *   synchronized let go of its carrier as the lock did: no pinning on this JDK
 * </pre>
 */
public final class Virtual_02_ComputingAndPinning {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Virtual threads compute no faster than the cores; since JDK 24, blocking in synchronized no longer pins their carrier.";

    static final String CPU = "count:4000000:32";
    static final long SLEEP_MILLIS = 50;

    private Virtual_02_ComputingAndPinning() {
    }

    /** One way to run the count: its best wall time of 3 and its CPU time. */
    record Computing(String how, long wallNanos, long cpuNanos) {
    }

    /** Blocking inside a monitor and inside a lock, each on {@code threads} virtual threads at once. */
    record Pinning(int carriers, int threads, long synchronizedNanos, long lockNanos) {

        /** How many rounds of sleeps the synchronized run took, against the lock's. */
        double ratio() {
            return (double) synchronizedNanos / lockNanos;
        }
    }

    /** The three ways, interleaved run by run (warm-up included), so that each is measured with the JIT where the others were. */
    static List<Computing> computing() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> hows = List.of("1 platform thread", "fixed pool of " + cores, "a virtual thread per task");
        List<Trial<?>> trials = new ArrayList<>();
        try (PreparedWorkload<?> work = Workload.parse(CPU).prepare()) {
            try {
                trials.add(Trial.start(hows.get(0), 1, n -> new ExecutorWorkers(Executors.newFixedThreadPool(1)), work));
                trials.add(Trial.start(hows.get(1), cores, n -> new ExecutorWorkers(Executors.newFixedThreadPool(n)), work));
                trials.add(Trial.start(hows.get(2), 32, n -> new ExecutorWorkers(Executors.newVirtualThreadPerTaskExecutor()), work));
                List<RunStats> fastest = Rounds.fastestOf(trials, Rounds.Warmup.atLeast(2), 3);
                List<Computing> rows = new ArrayList<>();
                for (int i = 0; i < hows.size(); i++) {
                    rows.add(new Computing(hows.get(i), fastest.get(i).wallNanos(), fastest.get(i).cpuNanos()));
                }
                return rows;
            } finally {
                trials.forEach(Trial::close);
            }
        }
    }

    /** Four virtual threads per carrier sleep inside {@code synchronized}, then inside a {@link ReentrantLock}: best of 3 each, interleaved. */
    static Pinning pinning() throws Exception {
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
        int threads = 4 * carriers;
        long monitor = Long.MAX_VALUE;
        long lock = Long.MAX_VALUE;
        for (int round = 0; round < 4; round++) {   // the first round warms up
            long m = sleepers(threads, true);
            long l = sleepers(threads, false);
            if (round > 0) {
                monitor = Math.min(monitor, m);
                lock = Math.min(lock, l);
            }
        }
        return new Pinning(carriers, threads, monitor, lock);
    }

    private static long sleepers(int threads, boolean inMonitor) throws Exception {
        long start = System.nanoTime();
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Object monitor = new Object();
                ReentrantLock lock = new ReentrantLock();
                all.add(virtual.submit(() -> {
                    if (inMonitor) {
                        synchronized (monitor) {
                            Thread.sleep(SLEEP_MILLIS);
                        }
                    } else {
                        lock.lock();
                        try {
                            Thread.sleep(SLEEP_MILLIS);
                        } finally {
                            lock.unlock();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        return System.nanoTime() - start;
    }

    public static void main(String[] args) throws Exception {
        List<Computing> rows = computing();
        System.out.printf("%s, %d cores%n", CPU, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-28s %9s %9s %11s%n", "", "wall", "speedup", "cores busy");
        for (Computing c : rows) {
            System.out.printf("%-28s %6d ms %8.2fx %11.1f%n", c.how(), c.wallNanos() / 1_000_000,
                    (double) rows.get(0).wallNanos() / c.wallNanos(), (double) c.cpuNanos() / c.wallNanos());
        }
        Pinning p = pinning();
        System.out.printf("%d virtual threads on %d carriers, each sleeping %d ms holding its own lock (JDK %d):%n",
                p.threads(), p.carriers(), SLEEP_MILLIS, Runtime.version().feature());
        System.out.printf("  in synchronized:   %4d ms%n", p.synchronizedNanos() / 1_000_000);
        System.out.printf("  in a ReentrantLock: %3d ms%n", p.lockNanos() / 1_000_000);
        System.out.println(p.ratio() < 2
                ? "  synchronized let go of its carrier as the lock did: no pinning on this JDK"
                : String.format("  synchronized pinned the carriers: %.1f rounds of sleeps for the lock's one", p.ratio()));
    }
}
