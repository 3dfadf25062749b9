package dev.multitasking.core.lesson;

import dev.multitasking.core.futures.Futures;
import dev.multitasking.core.futures.ResultIterator;
import dev.multitasking.core.primes.Primes;
import dev.multitasking.core.workload.SeedWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * <b>concurrent.futures in Java: an executor, submit, map, shutdown.</b> Python's
 * {@code with ThreadPoolExecutor() as ex:} is Java's try-with-resources on an
 * {@link ExecutorService}: {@code close()} (Java 19+) shuts the pool down and waits for queued
 * work, as leaving Python's {@code with} block does. {@code submit} returns a {@link Future}, a
 * placeholder for a result that is not there yet; {@code get()} waits for it.
 * {@link Futures#map} is Python's {@code executor.map}: results come back in input order, however
 * the work finishes. The JDK's own answer is {@link ExecutorService#invokeAll}: the same results in
 * the same order, but only once every task is done, with one task per item and a timeout for the
 * whole batch; Python's {@code map} yields each result as soon as it and those before it are
 * done, packs items into chunks ({@code chunksize}) and gives up between results
 * ({@code timeout}), which is what {@code Futures.map} adds. After {@code shutdown()} the executor refuses new work with
 * {@link RejectedExecutionException}, where Python raises {@code RuntimeError}.
 *
 * <p>Run: {@code ./primes demo futures-01}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * submit: 112272535095293 is prime? true (future done: true)
 * map: 112272535095293=true 112582705942171=true 112272535095293=true 115280095190773=true 115797848077099=true 1099726899285419=false
 * the JDK's invokeAll: the same 6 answers, in the same order, once all are done
 * after shutdown, submit throws RejectedExecutionException
 * </pre>
 */
public final class Futures_01_SubmitMapShutdown {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Python's executor.submit, map and shutdown, in Java: a pool in try-with-resources.";

    private Futures_01_SubmitMapShutdown() {
    }

    /** What the lesson saw: one submitted result, the mapped results, whether a late submit was refused. */
    record Seen(boolean submitted, List<Boolean> mapped, List<Boolean> invokedAll, boolean refusedAfterShutdown) {
    }

    static Seen run() throws Exception {
        List<Long> numbers = SeedWorkload.NUMBERS;
        boolean submitted;
        List<Boolean> mapped = new ArrayList<>();
        List<Boolean> invokedAll = new ArrayList<>();
        boolean refused = false;
        try (ExecutorService executor = Executors.newFixedThreadPool(2)) {
            Future<Boolean> first = executor.submit(() -> Primes.isPrime(numbers.get(0)));
            submitted = first.get();
            System.out.printf("submit: %d is prime? %s (future done: %s)%n", numbers.get(0), submitted, first.isDone());

            try (ResultIterator<Boolean> results = Futures.map(executor, Primes::isPrime, numbers, 1)) {
                StringBuilder line = new StringBuilder("map:");
                for (int i = 0; results.hasNext(); i++) {
                    boolean prime = results.next();
                    mapped.add(prime);
                    line.append(' ').append(numbers.get(i)).append('=').append(prime);
                }
                System.out.println(line);
            }

            List<Callable<Boolean>> tasks = numbers.stream().<Callable<Boolean>>map(n -> () -> Primes.isPrime(n)).toList();
            for (Future<Boolean> f : executor.invokeAll(tasks)) {   // returns once every task is done
                invokedAll.add(f.resultNow());
            }
            System.out.printf("the JDK's invokeAll: %s%n", invokedAll.equals(mapped)
                    ? "the same " + invokedAll.size() + " answers, in the same order, once all are done" : "DIFFERENT answers: " + invokedAll);

            executor.shutdown();
            try {
                executor.submit(() -> Primes.isPrime(7));
            } catch (RejectedExecutionException e) {
                refused = true;
                System.out.println("after shutdown, submit throws RejectedExecutionException");
            }
        }   // close(): waits for everything queued before shutdown
        return new Seen(submitted, mapped, invokedAll, refused);
    }

    public static void main(String[] args) throws Exception {
        run();
    }
}
