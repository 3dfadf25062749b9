package dev.multitasking.threads.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.BoundedQueueContract;
import dev.multitasking.testkit.BoundedQueueContract.WhenFull;
import dev.multitasking.testkit.ExecutorServiceContract;
import dev.multitasking.testkit.InPoolSubmitContract;
import dev.multitasking.testkit.RunnableContract;
import dev.multitasking.testkit.SharedMemoryStressContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkStealingThreadPoolTest extends ExecutorServiceContract
        implements RunnableContract, BoundedQueueContract, InPoolSubmitContract, SharedMemoryStressContract {

    @Override
    protected ExecutorService newPool(int threads) {
        return new WorkStealingThreadPool("stealing", threads);
    }

    @Override
    public ExecutorService newBoundedPool(int threads, int capacity, WhenFull rejection) {
        return new WorkStealingThreadPool("stealing", threads, capacity, Rejection.valueOf(rejection.name()));
    }

    /** Sums [from, to) by splitting in halves, submitting both to the pool and waiting for them. */
    private static long sum(ExecutorService pool, long from, long to) throws ExecutionException, InterruptedException {
        if (to - from <= 1_000) {
            long s = 0;
            for (long i = from; i < to; i++) {
                s += i;
            }
            return s;
        }
        long mid = (from + to) >>> 1;
        Future<Long> left = pool.submit(() -> sum(pool, from, mid));
        Future<Long> right = pool.submit(() -> sum(pool, mid, to));
        return left.get() + right.get();
    }

    @Test
    void tasksThatSplitAndWaitForTheirHalves_finishOnTwoWorkers_becauseWaitingWorkersHelp() throws Exception {
        // Depth 10 on 2 workers: a pool whose waiting workers only block would deadlock here.
        try (WorkStealingThreadPool pool = new WorkStealingThreadPool("split", 2)) {
            long n = 1_000_000;
            assertThat(pool.submit(() -> sum(pool, 0, n)).get(60, TimeUnit.SECONDS)).isEqualTo(n * (n - 1) / 2);
        }
    }

    @Test
    void tasksSubmittedInsideThePool_areStolenByIdleWorkers() throws Exception {
        Set<String> ranOn = ConcurrentHashMap.newKeySet();
        try (WorkStealingThreadPool pool = new WorkStealingThreadPool("steal", 3)) {
            // One task fans out 300 children into its own deque; the other workers must steal them.
            Future<?> parent = pool.submit(() -> {
                List<Future<?>> children = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    children.add(pool.submit(() -> {
                        ranOn.add(Thread.currentThread().getName());
                        long spin = System.nanoTime() + 200_000;
                        while (System.nanoTime() < spin) {
                            Thread.onSpinWait();
                        }
                    }));
                }
                for (Future<?> c : children) {
                    c.get();
                }
                return null;
            });
            parent.get(60, TimeUnit.SECONDS);
        }
        assertThat(ranOn).hasSizeGreaterThan(1).allMatch(n -> n.matches("steal-worker-[123]"));
    }

    // ---- helping in get() keeps the Future contract ----

    @Test
    void timedGet_onAWorker_doesNotHelp_soItReturnsInTime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (WorkStealingThreadPool pool = new WorkStealingThreadPool("timed", 1)) {
            try {
                Future<String> outer = pool.submit(() -> {
                    Future<Integer> awaited = pool.submit(() -> 1);
                    pool.submit(() -> release.await(60, TimeUnit.SECONDS));   // runs first if the get helps (LIFO)
                    try {
                        return "got " + awaited.get(100, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        return "timed out";
                    }
                });
                assertThat(outer.get(30, TimeUnit.SECONDS)).isEqualTo("timed out");
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void cancelTrue_ofATaskThatHelps_interruptsThatTask_notTheTaskItRunsForIt() throws Exception {
        CountDownLatch helpedStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean helpedSawInterrupt = new AtomicBoolean();
        AtomicReference<Object> outerOutcome = new AtomicReference<>();
        CountDownLatch outerEnded = new CountDownLatch(1);
        try (WorkStealingThreadPool pool = new WorkStealingThreadPool("cancel", 1)) {
            Future<?> outer = pool.submit(() -> {
                Future<Integer> awaited = pool.submit(() -> 1);
                pool.submit(() -> {
                    helpedStarted.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        helpedSawInterrupt.set(true);
                    }
                });
                try {
                    outerOutcome.set(awaited.get());
                } catch (Exception e) {
                    outerOutcome.set(e);
                } finally {
                    outerEnded.countDown();
                }
                return null;
            });
            assertThat(helpedStarted.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(outer.cancel(true)).isTrue();
            release.countDown();
            assertThat(outerEnded.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(helpedSawInterrupt).as("the helped task saw the other task's interrupt").isFalse();
            assertThat(outerOutcome.get()).as("the cancelled task learns of its interrupt").isInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void get_onAWorkerAlreadyInterrupted_throwsInterruptedException_andRunsNothingForIt() throws Exception {
        try (WorkStealingThreadPool pool = new WorkStealingThreadPool("interrupted", 1)) {
            Future<String> outer = pool.submit(() -> {
                Future<Integer> awaited = pool.submit(() -> 1);
                Thread.currentThread().interrupt();
                try {
                    return "got " + awaited.get();
                } catch (InterruptedException e) {
                    return "interrupted, status " + Thread.currentThread().isInterrupted() + ", awaited done " + awaited.isDone();
                }
            });
            assertThat(outer.get(30, TimeUnit.SECONDS)).isEqualTo("interrupted, status false, awaited done false");
        }
    }

    @Test
    void shutdownNow_whileAWorkerWaitsForATaskItTookBack_theWaiterIsInterrupted() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WorkStealingThreadPool pool = new WorkStealingThreadPool("stop", 2);
        try {
            Future<String> outer = pool.submit(() -> {
                Future<?> blocker = pool.submit(() -> release.await(60, TimeUnit.SECONDS));
                Future<Integer> awaited = pool.submit(() -> 1);
                waiting.countDown();
                try {
                    blocker.get();
                    return "got " + awaited.get();
                } catch (InterruptedException e) {
                    return "interrupted";
                }
            });
            assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(outer.state()).isIn(Future.State.SUCCESS, Future.State.FAILED);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
