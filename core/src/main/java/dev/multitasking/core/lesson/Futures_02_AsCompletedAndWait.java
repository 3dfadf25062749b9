package dev.multitasking.core.lesson;

import dev.multitasking.core.futures.DoneAndNotDone;
import dev.multitasking.core.futures.Futures;
import dev.multitasking.core.futures.ResultIterator;
import dev.multitasking.core.futures.ReturnWhen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * <b>concurrent.futures in Java: as_completed and wait.</b> Three deliveries take 300, 100 and
 * 200 ms. {@link Futures#asCompleted} hands each future over as soon as it is done, so the
 * shortest arrives first, whatever the submission order: use it to act on results as they come.
 * The JDK's own answer is {@link ExecutorCompletionService}: submit through it, and
 * {@code take()} hands futures back in the order they finish (what it lacks is Python's overall
 * timeout and working on futures submitted elsewhere, which is why the helper exists).
 *
 * <p>{@link Futures#await} (Python's {@code wait}) returns when a condition holds, giving back the
 * done and the not-done sets, so the caller can, say, cancel the rest: {@code FIRST_COMPLETED}
 * as soon as one is done (the JDK's {@link CompletableFuture#anyOf} gives the first value, not
 * the sets); {@code FIRST_EXCEPTION} as soon as one fails (no released JDK API waits so for
 * futures: {@link CompletableFuture#allOf} waits for every one, failed or not; where the JDK is
 * heading is structured concurrency, {@code StructuredTaskScope}, whose default policy fails the
 * scope at the first failure and cancels the rest, a preview API in JDK 25 and so not used by this
 * project, which builds for 21); {@code ALL_COMPLETED} when all are (the JDK's {@code allOf}, or
 * {@code invokeAll}).
 *
 * <p>Run: {@code ./primes demo futures-02}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * submitted: 300 ms, 100 ms, 200 ms
 * as completed: 100 ms, 200 ms, 300 ms (Futures.asCompleted)
 * as completed: 100 ms, 200 ms, 300 ms (the JDK's ExecutorCompletionService)
 * wait(FIRST_COMPLETED): 1 done, 2 not done; the JDK's CompletableFuture.anyOf: 100 ms first
 * wait(FIRST_EXCEPTION): 1 done (it failed), 2 not done; allOf waits for all (StructuredTaskScope, a preview in JDK 25, would not)
 * wait(ALL_COMPLETED): 3 done, 0 not done; the JDK's CompletableFuture.allOf waits the same
 * </pre>
 */
public final class Futures_02_AsCompletedAndWait {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "as_completed hands over each result as it finishes; wait returns at the first, the first failure, or all.";

    private Futures_02_AsCompletedAndWait() {
    }

    /**
     * The order futures completed in (their delays), by the helper and by the JDK's completion
     * service; wait's sets at the first completion, at the first failure and at the end; and the
     * value {@code anyOf} gave.
     */
    record Seen(List<Long> completionOrder, List<Long> jdkCompletionOrder, int doneAtFirst, int notDoneAtFirst,
                int doneAtFirstException, int notDoneAtFirstException, int doneAtAll, long anyOf) {
    }

    static Seen run(List<Long> delaysMillis) throws Exception {
        List<Long> order = new ArrayList<>();
        List<Long> jdkOrder = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(delaysMillis.size())) {
            List<Future<Long>> deliveries = submitAll(executor, delaysMillis);
            try (ResultIterator<Future<Long>> done = Futures.asCompleted(deliveries, Duration.ofSeconds(30))) {
                while (done.hasNext()) {
                    order.add(done.next().resultNow());
                }
            }
            ExecutorCompletionService<Long> completion = new ExecutorCompletionService<>(executor);
            for (long delay : delaysMillis) {
                completion.submit(() -> deliver(delay));
            }
            for (int i = 0; i < delaysMillis.size(); i++) {
                jdkOrder.add(completion.take().resultNow());
            }
            System.out.println("submitted: " + ms(delaysMillis));
            System.out.println("as completed: " + ms(order) + " (Futures.asCompleted)");
            System.out.println("as completed: " + ms(jdkOrder) + " (the JDK's ExecutorCompletionService)");

            DoneAndNotDone<Long> first = Futures.await(submitAll(executor, delaysMillis), ReturnWhen.FIRST_COMPLETED, Duration.ofSeconds(30));
            first.notDone().forEach(f -> f.cancel(true));   // no longer needed
            long anyOf = (Long) CompletableFuture.anyOf(delaysMillis.stream()
                    .map(d -> CompletableFuture.supplyAsync(() -> deliver(d), executor)).toArray(CompletableFuture[]::new)).join();
            System.out.printf("wait(FIRST_COMPLETED): %d done, %d not done; the JDK's CompletableFuture.anyOf: %d ms first%n",
                    first.done().size(), first.notDone().size(), anyOf);

            // The shortest delivery fails: FIRST_EXCEPTION returns at it.
            long shortest = delaysMillis.stream().min(Long::compare).orElseThrow();
            List<Future<Long>> oneFails = new ArrayList<>();
            for (long delay : delaysMillis) {
                oneFails.add(executor.submit(() -> {
                    long d = deliver(delay);
                    if (d == shortest) {
                        throw new IllegalStateException("the " + d + " ms delivery crashed");
                    }
                    return d;
                }));
            }
            DoneAndNotDone<Long> failed = Futures.await(oneFails, ReturnWhen.FIRST_EXCEPTION, Duration.ofSeconds(30));
            System.out.printf("wait(FIRST_EXCEPTION): %d done (it failed), %d not done; allOf waits for all (StructuredTaskScope, a preview in JDK 25, would not)%n",
                    failed.done().size(), failed.notDone().size());
            DoneAndNotDone<Long> all = Futures.await(oneFails, ReturnWhen.ALL_COMPLETED, Duration.ofSeconds(30));
            System.out.printf("wait(ALL_COMPLETED): %d done, %d not done; the JDK's CompletableFuture.allOf waits the same%n",
                    all.done().size(), all.notDone().size());
            return new Seen(order, jdkOrder, first.done().size(), first.notDone().size(), failed.done().size(),
                    failed.notDone().size(), all.done().size(), anyOf);
        }
    }

    /** A delivery: takes {@code millis}, answers them. */
    private static long deliver(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return millis;
    }

    private static List<Future<Long>> submitAll(ExecutorService executor, List<Long> delaysMillis) {
        List<Future<Long>> futures = new ArrayList<>();
        for (long delay : delaysMillis) {
            futures.add(executor.submit(() -> deliver(delay)));
        }
        return futures;
    }

    private static String ms(List<Long> millis) {
        return String.join(", ", millis.stream().map(m -> m + " ms").toList());
    }

    public static void main(String[] args) throws Exception {
        run(List.of(300L, 100L, 200L));
    }
}
