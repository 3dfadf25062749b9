package dev.multitasking.core.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.testkit.NoLeakedThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(30)
@ExtendWith(NoLeakedThreads.class)
class FuturesTest {

    private ExecutorService pool;
    /** Released in {@link #closePool()}, so that no task is left blocked behind a failed assertion. */
    private final CountDownLatch never = new CountDownLatch(1);

    @BeforeEach
    void openPool() {
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void closePool() throws InterruptedException {
        never.countDown();
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static <R> List<R> drain(ResultIterator<R> it) throws Exception {
        List<R> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void map_itemsFinishingOutOfOrder_yieldsInInputOrder() throws Exception {
        // Early items sleep longest, so they finish last.
        TaskFunction<Integer, Integer> slowFirst = i -> {
            Thread.sleep(40 - 4L * i);
            return i * 10;
        };
        try (ResultIterator<Integer> it = Futures.map(pool, slowFirst, IntStream.range(0, 10).boxed().toList(), 1)) {
            assertThat(drain(it)).containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80, 90);
        }
    }

    @Test
    void map_chunkSize_runsEachChunkAsOneTaskOnOneThread() throws Exception {
        TaskFunction<Integer, String> where = i -> i + "@" + Thread.currentThread().getName();
        List<String> results;
        try (ResultIterator<String> it = Futures.map(pool, where, IntStream.range(0, 12).boxed().toList(), 4)) {
            results = drain(it);
        }
        assertThat(results).hasSize(12);
        for (int chunk = 0; chunk < 3; chunk++) {
            List<String> threads = results.subList(4 * chunk, 4 * chunk + 4).stream().map(s -> s.substring(s.indexOf('@'))).distinct().toList();
            assertThat(threads).as("chunk %d", chunk).hasSize(1);
        }
    }

    @Test
    void map_endlessStream_readsOnlyABoundedWindowAhead() throws Exception {
        AtomicInteger pulled = new AtomicInteger();
        Stream<Integer> naturals = Stream.iterate(0, i -> i + 1).peek(i -> pulled.incrementAndGet());
        int chunkSize = 2;
        int inFlight = 3;
        List<Integer> first = new ArrayList<>();
        try (ResultIterator<Integer> it = Futures.map(pool, i -> i * i, naturals, chunkSize, inFlight, Duration.ofSeconds(20))) {
            while (first.size() < 10) {
                first.add(it.next());
            }
        }
        assertThat(first).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
        // Five chunks read, at most three more submitted ahead of them.
        assertThat(pulled.get()).isLessThanOrEqualTo((10 / chunkSize + inFlight) * chunkSize);
    }

    @Test
    void map_deadlinePasses_throwsTimeoutAndCancelsTheRest() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        TaskFunction<Integer, Integer> stuckAtTwo = i -> {
            if (i == 2) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            }
            return i;
        };
        ResultIterator<Integer> it = Futures.map(pool, stuckAtTwo, IntStream.range(0, 5).boxed().iterator(), 1, Duration.ofMillis(300));
        assertThat(it.next()).isZero();
        assertThat(it.next()).isOne();
        assertThatThrownBy(it::next).isInstanceOf(TimeoutException.class).hasMessageContaining("timed out");
        assertThat(it.hasNext()).isFalse();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the stuck item was interrupted").isTrue();
    }

    @Test
    void map_itemThrows_yieldsEverythingBeforeItThenTheFailure() throws Exception {
        TaskFunction<Integer, Integer> failsAtFive = i -> {
            if (i == 5) {
                throw new IllegalStateException("five");
            }
            return i;
        };
        ResultIterator<Integer> it = Futures.map(pool, failsAtFive, IntStream.range(0, 9).boxed().toList(), 3);
        List<Integer> seen = new ArrayList<>();
        Throwable failure = null;
        try {
            while (it.hasNext()) {
                seen.add(it.next());
            }
        } catch (ExecutionException e) {
            failure = e.getCause();
        }
        assertThat(seen).containsExactly(0, 1, 2, 3, 4);
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("five");
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void mapUnordered_yieldsAsTheyFinish_eachBesideItsInput() throws Exception {
        // Early items sleep longest: in finishing order the last come first.
        TaskFunction<Integer, Integer> slowFirst = i -> {
            Thread.sleep(i < 2 ? 400 : 0);
            return i * 10;
        };
        List<Mapped<Integer, Integer>> results;
        try (ResultIterator<Mapped<Integer, Integer>> it = Futures.mapUnordered(pool, slowFirst, IntStream.range(0, 8).boxed().toList(), 1)) {
            results = drain(it);
        }
        assertThat(results).hasSize(8).allSatisfy(m -> assertThat(m.value()).isEqualTo(m.input() * 10));
        assertThat(results).extracting(Mapped::input).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(results.subList(0, 6)).as("the six quick items, before the two slow ones").extracting(Mapped::input)
                .doesNotContain(0, 1);
    }

    @Test
    void mapUnordered_endlessStream_readsOnlyABoundedWindowAhead() throws Exception {
        AtomicInteger pulled = new AtomicInteger();
        Stream<Integer> naturals = Stream.iterate(0, i -> i + 1).peek(i -> pulled.incrementAndGet());
        int chunkSize = 2;
        int inFlight = 3;
        int read = 0;
        try (ResultIterator<Mapped<Integer, Integer>> it = Futures.mapUnordered(pool, i -> i * i, naturals, chunkSize, inFlight,
                Duration.ofSeconds(20))) {
            for (; read < 10; read++) {
                Mapped<Integer, Integer> m = it.next();
                assertThat(m.value()).isEqualTo(m.input() * m.input());
            }
        }
        assertThat(pulled.get()).isLessThanOrEqualTo((read / chunkSize + inFlight) * chunkSize);
    }

    @Test
    void mapUnordered_itemThrows_yieldsItsChunkUpToItThenTheFailure_andCancelsTheRest() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch secondChunkRuns = new CountDownLatch(1);
        TaskFunction<Integer, Integer> failsAtOne = i -> {
            if (i == 1) {
                secondChunkRuns.await();   // the other chunk is running when the failure is read: cancelling must interrupt it
                throw new IllegalStateException("one");
            }
            if (i >= 3) {
                secondChunkRuns.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            }
            return i;
        };
        ResultIterator<Mapped<Integer, Integer>> it = Futures.mapUnordered(pool, failsAtOne, IntStream.range(0, 6).boxed().toList(), 3);
        List<Integer> seen = new ArrayList<>();
        Throwable failure = null;
        try {
            while (it.hasNext()) {
                seen.add(it.next().input());
            }
        } catch (ExecutionException e) {
            failure = e.getCause();
        }
        assertThat(seen).containsExactly(0);
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("one");
        assertThat(it.hasNext()).isFalse();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the chunk still running was cancelled").isTrue();
    }

    @Test
    void mapUnordered_deadlinePasses_throwsTimeout() {
        TaskFunction<Integer, Integer> stuck = i -> {
            never.await();
            return i;
        };
        ResultIterator<Mapped<Integer, Integer>> it = Futures.mapUnordered(pool, stuck, Stream.of(1, 2), 1, 2, Duration.ofMillis(200));
        assertThatThrownBy(it::next).isInstanceOf(TimeoutException.class).hasMessageContaining("2 chunk(s) unfinished");
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void map_badChunkSize_isRefused() {
        assertThatThrownBy(() -> Futures.map(pool, i -> i, List.of(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunkSize");
    }

    /** Futures that finish only when their latch is released. */
    private List<Future<Integer>> gated(List<CountDownLatch> gates) {
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < gates.size(); i++) {
            int n = i;
            CountDownLatch gate = gates.get(i);
            Callable<Integer> task = () -> {
                gate.await();
                if (n < 0) {
                    throw new AssertionError();
                }
                return n;
            };
            futures.add(pool.submit(task));
        }
        return futures;
    }

    private static List<CountDownLatch> latches(int n) {
        return IntStream.range(0, n).mapToObj(i -> new CountDownLatch(1)).toList();
    }

    @Test
    void asCompleted_yieldsInTheOrderTheyFinish() throws Exception {
        List<CountDownLatch> gates = latches(3);
        List<Future<Integer>> futures = gated(gates);
        try (ResultIterator<Future<Integer>> it = Futures.asCompleted(futures, Duration.ofSeconds(20))) {
            for (int i : new int[] {2, 0, 1}) {
                gates.get(i).countDown();
                assertThat(it.next()).isSameAs(futures.get(i));
            }
            assertThat(it.hasNext()).isFalse();
        }
    }

    @Test
    void asCompleted_doneAlready_comeFirstAndDuplicatesOnce() throws Exception {
        List<CountDownLatch> gates = latches(2);
        List<Future<Integer>> futures = gated(gates);
        gates.get(1).countDown();
        futures.get(1).get();
        List<Future<Integer>> withDuplicate = List.of(futures.get(0), futures.get(1), futures.get(1));
        try (ResultIterator<Future<Integer>> it = Futures.asCompleted(withDuplicate)) {
            assertThat(it.next()).isSameAs(futures.get(1));
            gates.get(0).countDown();
            assertThat(it.next()).isSameAs(futures.get(0));
            assertThat(it.hasNext()).isFalse();
        }
    }

    @Test
    void asCompleted_deadlinePasses_saysHowManyAreUnfinished() throws Exception {
        List<CountDownLatch> gates = latches(3);
        List<Future<Integer>> futures = gated(gates);
        gates.get(0).countDown();
        ResultIterator<Future<Integer>> it = Futures.asCompleted(futures, Duration.ofMillis(200));
        assertThat(it.next()).isSameAs(futures.get(0));
        assertThatThrownBy(it::next).isInstanceOf(TimeoutException.class).hasMessageContaining("2 of 3 futures unfinished");
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void await_firstCompleted_returnsAsSoonAsOneIsDone() throws Exception {
        List<CountDownLatch> gates = latches(3);
        List<Future<Integer>> futures = gated(gates);
        gates.get(1).countDown();
        DoneAndNotDone<Integer> result = Futures.await(futures, ReturnWhen.FIRST_COMPLETED, Duration.ofSeconds(20));
        assertThat(result.done()).containsExactly(futures.get(1));
        assertThat(result.notDone()).containsExactly(futures.get(0), futures.get(2));
    }

    @Test
    void await_firstException_returnsOnTheFailureWhileOthersStillRun() throws Exception {
        List<CountDownLatch> gates = latches(2);
        List<Future<Integer>> futures = new ArrayList<>(gated(gates));
        gates.get(0).countDown();
        futures.get(0).get();
        futures.add(pool.submit(() -> {
            throw new IllegalStateException("fails");
        }));
        DoneAndNotDone<Integer> result = Futures.await(futures, ReturnWhen.FIRST_EXCEPTION, Duration.ofSeconds(20));
        assertThat(result.done()).containsExactly(futures.get(0), futures.get(2));
        assertThat(result.notDone()).containsExactly(futures.get(1));
    }

    @Test
    void await_firstExceptionWithNoFailure_waitsForAll() throws Exception {
        List<CountDownLatch> gates = latches(2);
        List<Future<Integer>> futures = gated(gates);
        gates.get(0).countDown();
        Thread releaser = Thread.ofPlatform().start(() -> {
            try {
                futures.get(0).get();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            gates.get(1).countDown();
        });
        DoneAndNotDone<Integer> result = Futures.await(futures, ReturnWhen.FIRST_EXCEPTION, Duration.ofSeconds(20));
        releaser.join();
        assertThat(result.done()).containsExactlyElementsOf(futures);
        assertThat(result.notDone()).isEmpty();
    }

    @Test
    void await_allCompletedButDeadlinePasses_reportsTheRestAsNotDone() throws Exception {
        List<CountDownLatch> gates = latches(3);
        List<Future<Integer>> futures = gated(gates);
        gates.get(2).countDown();
        futures.get(2).get();
        DoneAndNotDone<Integer> result = Futures.await(futures, ReturnWhen.ALL_COMPLETED, Duration.ofMillis(200));
        assertThat(result.done()).containsExactly(futures.get(2));
        assertThat(result.notDone()).containsExactly(futures.get(0), futures.get(1));
    }

    @Test
    void await_allCompleted_waitsForEveryOne() throws Exception {
        List<CountDownLatch> gates = latches(4);
        List<Future<Integer>> futures = gated(gates);
        gates.forEach(CountDownLatch::countDown);
        DoneAndNotDone<Integer> result = Futures.await(futures, ReturnWhen.ALL_COMPLETED);
        assertThat(result.done()).hasSize(4);
        assertThat(result.notDone()).isEmpty();
        assertThat(futures).allSatisfy(f -> assertThat(f.resultNow()).isBetween(0, 3));
    }
}
