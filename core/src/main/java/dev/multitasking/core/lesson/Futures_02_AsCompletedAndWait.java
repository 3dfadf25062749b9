package dev.multitasking.core.lesson;

import dev.multitasking.core.futures.DoneAndNotDone;
import dev.multitasking.core.futures.Futures;
import dev.multitasking.core.futures.ResultIterator;
import dev.multitasking.core.futures.ReturnWhen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * <b>concurrent.futures in Java: as_completed and wait.</b> Three deliveries take 300, 100 and
 * 200 ms. {@link Futures#asCompleted} hands each future over as soon as it is done, so the
 * shortest arrives first, whatever the submission order: use it to act on results as they come.
 * {@link Futures#await} (Python's {@code wait}) returns when a condition holds: with
 * {@link ReturnWhen#FIRST_COMPLETED} as soon as one is done, giving back the done and the
 * not-done sets, so the caller can, say, cancel the rest.
 *
 * <p>Run: {@code ./primes demo futures-02}. Sample output (2-core AMD EPYC, JDK 25):
 * <pre>
 * submitted: 300 ms, 100 ms, 200 ms
 * as completed: 100 ms, 200 ms, 300 ms
 * wait(FIRST_COMPLETED): 1 done, 2 not done
 * </pre>
 */
public final class Futures_02_AsCompletedAndWait {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "as_completed hands over each result as it finishes; wait returns at the first, the first failure, or all.";

    private Futures_02_AsCompletedAndWait() {
    }

    /** The order futures completed in (their delays), and the sizes of wait's two sets. */
    record Seen(List<Long> completionOrder, int doneAtFirst, int notDoneAtFirst) {
    }

    static Seen run(List<Long> delaysMillis) throws Exception {
        List<Long> order = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(delaysMillis.size())) {
            List<Future<Long>> deliveries = submitAll(executor, delaysMillis);
            try (ResultIterator<Future<Long>> done = Futures.asCompleted(deliveries, Duration.ofSeconds(30))) {
                while (done.hasNext()) {
                    order.add(done.next().resultNow());
                }
            }
            System.out.println("submitted: " + ms(delaysMillis));
            System.out.println("as completed: " + ms(order));

            DoneAndNotDone<Long> first = Futures.await(submitAll(executor, delaysMillis), ReturnWhen.FIRST_COMPLETED, Duration.ofSeconds(30));
            System.out.printf("wait(FIRST_COMPLETED): %d done, %d not done%n", first.done().size(), first.notDone().size());
            first.notDone().forEach(f -> f.cancel(true));   // no longer needed
            return new Seen(order, first.done().size(), first.notDone().size());
        }
    }

    private static List<Future<Long>> submitAll(ExecutorService executor, List<Long> delaysMillis) {
        List<Future<Long>> futures = new ArrayList<>();
        for (long delay : delaysMillis) {
            futures.add(executor.submit(() -> {
                Thread.sleep(delay);
                return delay;
            }));
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
