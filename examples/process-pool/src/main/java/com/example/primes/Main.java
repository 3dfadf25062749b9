package com.example.primes;

import dev.multitasking.core.futures.Futures;
import dev.multitasking.core.futures.ResultIterator;
import dev.multitasking.processes.ProcessPoolExecutor;
import dev.multitasking.threads.pool.WorkStealingThreadPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;

/**
 * Counts the primes below 2,000,000 with this project's own task, first in worker JVMs (a
 * {@link ProcessPoolExecutor}), then on threads ({@link WorkStealingThreadPool}); shows a per-task
 * time limit and a lazy {@code map} over a stream. Exits 1 when an answer is wrong.
 *
 * <p>Run it with its own class path: the worker JVMs start with it.
 * <pre>{@code
 * java -cp 'target/classes:target/lib/*' com.example.primes.Main
 * }</pre>
 */
public final class Main {

    private static final long N = 2_000_000;
    private static final long PI_OF_N = 148_933;   // the number of primes below 2,000,000

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<CountPrimes> chunks = new ArrayList<>();
        for (long from = 0; from < N; from += N / 8) {
            chunks.add(new CountPrimes(from, Math.min(N, from + N / 8)));
        }

        // Worker JVMs run this project's classes: admit its package into the frames both ways.
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(2).admit("com.example").build()) {
            check("process pool", total(pool, chunks));
            System.out.println("  worker JVMs: " + pool.workerPids() + ", this JVM: " + ProcessHandle.current().pid());

            Future<String> late = pool.submit(new Sleeps(60_000), Duration.ofMillis(500));
            try {
                late.get();
                throw new IllegalStateException("the time limit did not hold");
            } catch (ExecutionException e) {
                boolean timedOut = e.getCause() instanceof TimeoutException;
                System.out.println("  a task past its 500 ms limit: " + (timedOut ? "failed with TimeoutException, worker replaced" : e.getCause()));
                if (!timedOut) {
                    System.exit(1);
                }
            }

            // A lazy map over a stream, in input order, 1,000 numbers per task: Python's executor.map(fn, items, chunksize).
            long primes = 0;
            try (ResultIterator<Boolean> results = Futures.map(pool, CountPrimes::isPrime, LongStream.range(0, N).boxed(), 1_000, 4,
                    Duration.ofMinutes(5))) {
                while (results.hasNext()) {
                    primes += results.next() ? 1 : 0;
                }
            }
            check("process pool, map over a stream", primes);
        }

        try (WorkStealingThreadPool pool = new WorkStealingThreadPool("example", 2)) {
            check("work-stealing thread pool", total(pool, chunks));
        }
    }

    private static long total(ExecutorService pool, List<CountPrimes> chunks) throws InterruptedException, ExecutionException {
        long total = 0;
        for (Future<Long> f : pool.invokeAll(chunks)) {
            total += f.get();
        }
        return total;
    }

    private static void check(String where, long count) {
        System.out.printf("%s: %,d primes below %,d (%s)%n", where, count, N, count == PI_OF_N ? "right" : "WRONG");
        if (count != PI_OF_N) {
            System.exit(1);
        }
    }
}
