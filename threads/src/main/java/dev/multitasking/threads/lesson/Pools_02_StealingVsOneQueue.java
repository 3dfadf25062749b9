package dev.multitasking.threads.lesson;

import dev.multitasking.core.primes.Primes;
import dev.multitasking.threads.pool.FixedThreadPool;
import dev.multitasking.threads.pool.WorkStealingThreadPool;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * <b>Pools: when tasks spawn tasks, one queue loses to work stealing.</b> Counting primes below N
 * by splitting the range in halves, each half a new task, until pieces are small: uneven work
 * (larger numbers cost more), and tasks that submit tasks.
 *
 * <p>On {@code FixedThreadPool}, one FIFO queue behind one lock, the tree unfolds breadth-first:
 * every level is queued before the next is started, so nearly every leaf waits in the queue at
 * once, and every submit and take meets the others at the lock. On {@code WorkStealingThreadPool}
 * each worker pushes its children onto its own deque and takes the newest first, so it walks the
 * tree depth-first with a few dozen tasks pending; idle workers steal the oldest, biggest pieces.
 *
 * <p>On 2 cores the two take about the same time: the tasks are small enough that the lock is
 * rarely contended by just two workers. The queue is the difference here, a hundred thousand
 * waiting tasks against a few dozen, and on many cores the single lock becomes one too; give
 * the thread count as an argument to try ({@code ./primes demo pools-02 16}).
 *
 * <p>Second round: the same split, but each task <em>waits</em> for its halves ({@code get()}).
 * On the fixed pool every worker ends up waiting for a child that sits in the queue behind it,
 * with no worker left to run it: a deadlock, cut here after 2 s. On the stealing pool a waiting
 * worker runs queued tasks itself, and the count finishes.
 *
 * <p>Run: {@code ./primes demo pools-02}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * pi(1999999) by halving the range down to 20 numbers, every half a new task, 2 threads:
 *   fixed (one queue):       69 ms,  131,071 tasks waiting at the peak, 148933 primes
 *   stealing (deques):       90 ms,       30 tasks waiting at the peak, 148933 primes
 * the same, each task waiting for its halves:
 *   fixed:    stuck after 2 s: every worker waits for a task queued behind it
 *   stealing: 148933 primes: waiting workers ran the queued halves
 * </pre>
 */
public final class Pools_02_StealingVsOneQueue {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "When tasks spawn tasks and wait for them, one queue deadlocks and work stealing does not.";

    private static final long LEAF = 20;

    private Pools_02_StealingVsOneQueue() {
    }

    /** One fire-and-forget run: the count, the time, and the most tasks waiting at once. */
    record Spread(long primes, long millis, long peakWaiting) {
    }

    private record Tree(ExecutorService pool, LongAdder primes, AtomicLong unfinished, AtomicLong waiting,
                        AtomicLong peakWaiting, CountDownLatch done) {

        void split(long from, long to) {
            waiting.decrementAndGet();
            if (to - from <= LEAF) {
                primes.add(Primes.countPrimes(from, to));
            } else {
                long mid = (from + to) >>> 1;
                unfinished.addAndGet(2);
                peakWaiting.accumulateAndGet(waiting.addAndGet(2), Math::max);
                pool.execute(() -> split(from, mid));
                pool.execute(() -> split(mid, to));
            }
            if (unfinished.decrementAndGet() == 0) {
                done.countDown();
            }
        }
    }

    static Spread spread(ExecutorService pool, long n) throws InterruptedException {
        Tree tree = new Tree(pool, new LongAdder(), new AtomicLong(1), new AtomicLong(1), new AtomicLong(1), new CountDownLatch(1));
        long start = System.nanoTime();
        pool.execute(() -> tree.split(0, n));
        tree.done().await();
        return new Spread(tree.primes().sum(), (System.nanoTime() - start) / 1_000_000, tree.peakWaiting().get());
    }

    private static long splitAndWait(ExecutorService pool, long from, long to) throws ExecutionException, InterruptedException {
        if (to - from <= 10_000) {
            return Primes.countPrimes(from, to);
        }
        long mid = (from + to) >>> 1;
        Future<Long> left = pool.submit(() -> splitAndWait(pool, from, mid));
        long right = splitAndWait(pool, mid, to);
        return left.get() + right;   // a worker waiting here: blocked, or helping?
    }

    /** The count, or -1 when the pool was stuck for {@code patience}. */
    static long waitForHalves(ExecutorService pool, long n, Duration patience) throws InterruptedException, ExecutionException {
        Future<Long> root = pool.submit(() -> splitAndWait(pool, 0, n));
        try {
            return root.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stuck) {
            return -1;
        }
    }

    public static void main(String[] args) throws Exception {
        long n = 2_000_000;
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        System.out.printf("pi(%d) by halving the range down to %d numbers, every half a new task, %d threads:%n", n - 1, LEAF, threads);
        for (int round = 0; round < 3; round++) {   // the first rounds warm the JIT up
            try (var fixed = new FixedThreadPool("fixed", threads); var stealing = new WorkStealingThreadPool("stealing", threads)) {
                Spread f = spread(fixed, n);
                Spread s = spread(stealing, n);
                if (round == 2) {
                    System.out.printf("  fixed (one queue):     %4d ms, %,8d tasks waiting at the peak, %d primes%n", f.millis(), f.peakWaiting(), f.primes());
                    System.out.printf("  stealing (deques):     %4d ms, %,8d tasks waiting at the peak, %d primes%n", s.millis(), s.peakWaiting(), s.primes());
                }
            }
        }
        System.out.println("the same, each task waiting for its halves:");
        try (var fixed = new FixedThreadPool("fixed", threads)) {
            long count = waitForHalves(fixed, n, Duration.ofSeconds(2));
            System.out.println("  fixed:    " + (count < 0 ? "stuck after 2 s: every worker waits for a task queued behind it" : count + " primes"));
            fixed.shutdownNow();
        }
        try (var stealing = new WorkStealingThreadPool("stealing", threads)) {
            long count = waitForHalves(stealing, n, Duration.ofSeconds(60));
            System.out.println("  stealing: " + (count < 0 ? "stuck" : count + " primes: waiting workers ran the queued halves"));
        }
    }
}
