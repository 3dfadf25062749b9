package dev.multitasking.threads.lesson;

import dev.multitasking.core.primes.Primes;
import dev.multitasking.core.workload.SeedWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * <b>Pools: one built from a queue, next to the library's.</b> Starting a thread costs far more
 * than handing a task to one that already runs, so the lecture reuses threads. The first pool is
 * built by hand in a few lines: a {@link BlockingQueue} of jobs, N threads that {@code take()} from
 * it forever, and a "poison pill" per thread to tell it to stop. It works, but it has no results,
 * no errors, no timeouts, no way to cancel: a {@link Future} is missing. The second is
 * {@link ExecutorService} in try-with-resources, Java's {@code with ThreadPoolExecutor() as ex:},
 * where {@code close()} waits for the work and ends the threads. (The project's own full pools,
 * {@code FixedThreadPool} and {@code WorkStealingThreadPool}, fill in what the first one lacks.)
 *
 * <p>Run: {@code ./primes demo pools-01}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * by hand (a queue and two threads):
 *   112272535095293 prime? true on hand-worker-1
 *   112582705942171 prime? true on hand-worker-2
 *   115280095190773 prime? true on hand-worker-1
 *   115797848077099 prime? true on hand-worker-2
 *   1099726899285419 prime? false on hand-worker-2
 * by library (ExecutorService in try-with-resources):
 *   112272535095293 prime? true on pool-1-thread-1
 *   112582705942171 prime? true on pool-1-thread-2
 *   115280095190773 prime? true on pool-1-thread-1
 *   115797848077099 prime? true on pool-1-thread-1
 *   1099726899285419 prime? false on pool-1-thread-1
 * what reuse saves, 5,000 tiny tasks:
 *   a new thread for each:  685 ms
 *   a pool of 2 threads:    360 ms (1.9x less)
 * </pre>
 */
public final class Pools_01_ByHandAndByLibrary {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A pool reuses its threads: a queue and two threads run the jobs; ExecutorService runs them with futures and close().";

    private Pools_01_ByHandAndByLibrary() {
    }

    /** The whole pool by hand: a queue, workers that take from it, a pill that stops each. */
    private static final class HandMadePool {
        private static final Runnable POISON = () -> { };
        private final BlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
        private final List<Thread> workers = new ArrayList<>();

        HandMadePool(int threads) {
            for (int i = 1; i <= threads; i++) {
                workers.add(Thread.ofPlatform().name("hand-worker-" + i).start(() -> {
                    try {
                        for (Runnable job; (job = jobs.take()) != POISON; ) {
                            job.run();
                        }
                    } catch (InterruptedException e) {
                        // told to stop early: end the thread
                    }
                }));
            }
        }

        void submit(Runnable job) {
            jobs.add(job);
        }

        void stopAndWait() throws InterruptedException {
            workers.forEach(w -> jobs.add(POISON));   // one pill each, queued behind the work
            for (Thread w : workers) {
                w.join();
            }
        }
    }

    /** Number to "prime?, computed on thread", from each pool. */
    record Outcome(Map<Long, String> byHand, Map<Long, String> byLibrary) {
    }

    static Outcome run(int threads) throws Exception {
        List<Long> numbers = SeedWorkload.NUMBERS.stream().distinct().toList();

        Map<Long, String> byHand = new ConcurrentHashMap<>();
        HandMadePool hand = new HandMadePool(threads);
        for (long n : numbers) {
            hand.submit(() -> byHand.put(n, Primes.isPrime(n) + " on " + Thread.currentThread().getName()));
        }
        hand.stopAndWait();

        Map<Long, String> byLibrary = new TreeMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            Map<Long, Future<String>> futures = new TreeMap<>();
            for (long n : numbers) {
                futures.put(n, pool.submit(() -> Primes.isPrime(n) + " on " + Thread.currentThread().getName()));
            }
            for (var e : futures.entrySet()) {
                byLibrary.put(e.getKey(), e.getValue().get());   // results, errors, timeouts: a Future
            }
        }   // close(): shutdown, then wait for every task
        return new Outcome(new TreeMap<>(byHand), byLibrary);
    }

    /** Wall times of {@code tasks} tiny tasks (each adds one), each on a new thread, then on a pool of 2; checked. */
    record Reuse(int tasks, long newThreadEachMillis, long pooledMillis) {
    }

    static Reuse reuse(int tasks) throws Exception {
        java.util.concurrent.atomic.AtomicInteger sum = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < tasks; i++) {
            Thread.ofPlatform().start(sum::incrementAndGet).join();   // what a pool saves: a start per task
        }
        long newThreadEach = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < tasks; i++) {
                pool.submit(sum::incrementAndGet).get();
            }
        }
        long pooled = (System.nanoTime() - start) / 1_000_000;
        if (sum.get() != 2 * tasks) {
            throw new IllegalStateException("ran " + sum.get() + " of " + 2 * tasks + " tasks");
        }
        return new Reuse(tasks, newThreadEach, pooled);
    }

    public static void main(String[] args) throws Exception {
        Outcome o = run(2);
        System.out.println("by hand (a queue and two threads):");
        o.byHand().forEach((n, r) -> System.out.printf("  %d prime? %s%n", n, r));
        System.out.println("by library (ExecutorService in try-with-resources):");
        o.byLibrary().forEach((n, r) -> System.out.printf("  %d prime? %s%n", n, r));
        Reuse r = reuse(5_000);
        System.out.printf("what reuse saves, %,d tiny tasks:%n  a new thread for each: %4d ms%n  a pool of 2 threads:   %4d ms (%.1fx less)%n",
                r.tasks(), r.newThreadEachMillis(), r.pooledMillis(), (double) r.newThreadEachMillis() / Math.max(1, r.pooledMillis()));
    }
}
