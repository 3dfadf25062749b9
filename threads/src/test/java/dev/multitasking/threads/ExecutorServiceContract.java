package dev.multitasking.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.multitasking.core.NoLeakedThreads;
import dev.multitasking.threads.pool.Rejection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link ExecutorService} contract, as one suite every pool must pass: the project's own
 * pools, the process pool, and the JDK's {@code ThreadPoolExecutor}, whose passing proves the
 * suite asks only what the JDK itself promises. Ships in the threads test-jar.
 *
 * <p>Tasks block on latches, never on sleeps, so no test depends on timing; every pool a test
 * makes is shut down and its termination asserted.
 */
@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
public abstract class ExecutorServiceContract {

    /** A pool of {@code threads} workers on an unbounded queue. */
    protected abstract ExecutorService newPool(int threads);

    /** A pool whose queue holds {@code capacity} waiting tasks, full queues handled by {@code rejection}. */
    protected abstract ExecutorService newBoundedPool(int threads, int capacity, Rejection rejection);

    /** The tasks in this suite are plain lambdas; a pool that only takes its own task type wraps them here. */
    protected <T> Callable<T> task(Callable<T> callable) {
        return callable;
    }

    /** Tasks for the stress tests: {@code multitasking.stress.tasks} (1,000,000 for the full run). */
    protected static int stressTasks() {
        return Integer.getInteger("multitasking.stress.tasks", 50_000);
    }

    private final List<ExecutorService> pools = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    private ExecutorService pool(int threads) {
        ExecutorService pool = newPool(threads);
        pools.add(pool);
        return pool;
    }

    private ExecutorService bounded(int threads, int capacity, Rejection rejection) {
        ExecutorService pool = newBoundedPool(threads, capacity, rejection);
        pools.add(pool);
        return pool;
    }

    @AfterEach
    void closePools() throws InterruptedException {
        released.countDown();
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("%s terminates", pool).isTrue();
            assertThat(pool.isTerminated()).isTrue();
        }
    }

    /** A task that runs until {@link #released} (or until interrupted, which it reports). */
    private Callable<String> blocker(CountDownLatch started, AtomicBoolean interrupted) {
        return task(() -> {
            started.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return "released";
        });
    }

    /** Occupies every worker of a pool until released; returns once all are busy. */
    private void occupy(ExecutorService pool, int threads) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            pool.submit(blocker(started, new AtomicBoolean()));
        }
        assertThat(started.await(30, TimeUnit.SECONDS)).as("all workers busy").isTrue();
    }

    @Test
    void execute_runsTheTask() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        pool(2).execute(() -> ran.countDown());
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void submit_callableAndRunnable_futuresGiveTheirValues() throws Exception {
        ExecutorService pool = pool(2);
        assertThat(pool.submit(task(() -> 6 * 7)).get()).isEqualTo(42);
        assertThat(pool.submit(() -> { }, "done").get()).isEqualTo("done");
        assertThat(pool.submit(() -> { }).get()).isNull();
    }

    @Test
    void submit_taskThrows_getThrowsItsCause_andThePoolKeepsWorking() throws Exception {
        ExecutorService pool = pool(2);
        for (int i = 0; i < 10; i++) {
            Future<Object> failed = pool.submit(task(() -> {
                throw new IllegalStateException("boom");
            }));
            assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("boom");
        }
        assertThat(pool.submit(task(() -> "alive")).get()).isEqualTo("alive");
    }

    @Test
    void execute_taskThrows_workerSurvivesAndRunsMore() throws Exception {
        ExecutorService pool = pool(2);
        CountDownLatch threw = new CountDownLatch(6);
        Thread.UncaughtExceptionHandler quiet = (t, e) -> threw.countDown();
        for (int i = 0; i < 6; i++) {
            pool.execute(() -> {
                Thread.currentThread().setUncaughtExceptionHandler(quiet);
                throw new IllegalStateException("boom");
            });
        }
        assertThat(threw.await(30, TimeUnit.SECONDS)).isTrue();
        List<Future<Integer>> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            after.add(pool.submit(task(() -> n)));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(after.get(i).get()).isEqualTo(i);
        }
    }

    @Test
    void invokeAll_returnsDoneFuturesInTaskOrder() throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            tasks.add(task(() -> n * n));
        }
        List<Future<Integer>> futures = pool(3).invokeAll(tasks);
        assertThat(futures).hasSize(50).allMatch(Future::isDone);
        for (int i = 0; i < 50; i++) {
            assertThat(futures.get(i).get()).isEqualTo(i * i);
        }
    }

    @Test
    void invokeAll_timeoutPasses_unfinishedAreCancelled() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        List<Callable<String>> tasks = List.of(task(() -> "quick"), blocker(new CountDownLatch(1), interrupted));
        List<Future<String>> futures = pool(2).invokeAll(tasks, 200, TimeUnit.MILLISECONDS);
        assertThat(futures.get(0).get()).isEqualTo("quick");
        assertThat(futures.get(1).isCancelled()).isTrue();
        assertThatThrownBy(() -> futures.get(1).get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void invokeAny_someFail_returnsASuccessfulResult() throws Exception {
        List<Callable<String>> tasks = List.of(
                task(() -> {
                    throw new IllegalStateException("no");
                }),
                task(() -> "yes"),
                task(() -> {
                    throw new IllegalStateException("no");
                }));
        assertThat(pool(2).invokeAny(tasks)).isEqualTo("yes");
    }

    @Test
    void invokeAny_allFail_throwsExecutionException() {
        List<Callable<String>> tasks = List.of(
                task(() -> {
                    throw new IllegalStateException("first");
                }),
                task(() -> {
                    throw new IllegalStateException("second");
                }));
        assertThatThrownBy(() -> pool(2).invokeAny(tasks)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invokeAny_nothingFinishesInTime_throwsTimeoutException() {
        ExecutorService pool = pool(2);
        List<Callable<String>> tasks = List.of(blocker(new CountDownLatch(1), new AtomicBoolean()));
        assertThatThrownBy(() -> pool.invokeAny(tasks, 200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void shutdown_queuedTasksStillRun_newOnesAreRejected() throws Exception {
        ExecutorService pool = pool(1);
        occupy(pool, 1);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            pool.execute(ran::incrementAndGet);
        }
        pool.shutdown();
        assertThat(pool.isShutdown()).isTrue();
        assertThat(pool.isTerminated()).isFalse();
        assertThatThrownBy(() -> pool.execute(ran::incrementAndGet)).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> pool.submit(task(() -> 1))).isInstanceOf(RejectedExecutionException.class);
        assertThat(pool.awaitTermination(100, TimeUnit.MILLISECONDS)).as("still busy").isFalse();
        released.countDown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.get()).isEqualTo(5);
    }

    @Test
    void shutdownNow_returnsExactlyTheUnstartedTasksInOrder_andInterruptsTheRunningOne() throws Exception {
        ExecutorService pool = pool(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Future<String> running = pool.submit(blocker(started, interrupted));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ran = new AtomicInteger();
        List<Runnable> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Runnable r = ran::incrementAndGet;
            queued.add(r);
            pool.execute(r);
        }
        List<Runnable> neverStarted = pool.shutdownNow();
        assertThat(neverStarted).containsExactlyElementsOf(queued);
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isTrue();
        assertThatThrownBy(running::get).isInstanceOf(ExecutionException.class).cause().isInstanceOf(InterruptedException.class);
        assertThat(ran.get()).isZero();
    }

    @Test
    void shutdownNow_submittedFutures_comeBackAsTheSameObjects() throws Exception {
        ExecutorService pool = pool(1);
        occupy(pool, 1);
        Future<Integer> waiting = pool.submit(task(() -> 1));
        assertThat(pool.shutdownNow()).singleElement().isSameAs(waiting);
        assertThat(waiting.isDone()).isFalse();
    }

    @Test
    void awaitTermination_whileTasksRun_timesOutFalse() throws Exception {
        ExecutorService pool = pool(1);
        occupy(pool, 1);
        pool.shutdown();
        assertThat(pool.awaitTermination(50, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(pool.isTerminated()).isFalse();
    }

    @Test
    void close_waitsForEveryQueuedTask() {
        ExecutorService pool = pool(2);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 200; i++) {
            pool.execute(() -> {
                Thread.onSpinWait();
                ran.incrementAndGet();
            });
        }
        pool.close();
        assertThat(pool.isTerminated()).isTrue();
        assertThat(ran.get()).isEqualTo(200);
    }

    @Test
    void cancel_runningTask_interruptsIt_andTheInterruptDoesNotLeakIntoTheNextTask() throws Exception {
        ExecutorService pool = pool(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Future<String> running = pool.submit(blocker(started, interrupted));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(running.cancel(true)).isTrue();
        assertThat(pool.submit(task(() -> Thread.currentThread().isInterrupted())).get()).isFalse();
        assertThat(interrupted).isTrue();
    }

    @Test
    void bounded_abort_rejectsWhenTheQueueIsFull() throws Exception {
        ExecutorService pool = bounded(1, 2, Rejection.ABORT);
        occupy(pool, 1);
        pool.execute(() -> { });
        pool.execute(() -> { });
        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void bounded_callerRuns_runsOnTheSubmittingThread() throws Exception {
        ExecutorService pool = bounded(1, 1, Rejection.CALLER_RUNS);
        occupy(pool, 1);
        pool.execute(() -> { });
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        pool.execute(() -> ranOn.set(Thread.currentThread()));
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void bounded_block_waitsForRoom_thenQueues() throws Exception {
        ExecutorService pool = bounded(1, 1, Rejection.BLOCK);
        occupy(pool, 1);
        pool.execute(() -> { });
        CountDownLatch ran = new CountDownLatch(1);
        CountDownLatch submitting = new CountDownLatch(1);
        AtomicBoolean submitted = new AtomicBoolean();
        Thread producer = Thread.ofPlatform().start(() -> {
            submitting.countDown();
            pool.execute(ran::countDown);
            submitted.set(true);
        });
        assertThat(submitting.await(30, TimeUnit.SECONDS)).isTrue();
        producer.join(200);
        assertThat(submitted).as("blocked while the queue is full").isFalse();
        released.countDown();
        producer.join(30_000);
        assertThat(submitted).isTrue();
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void bounded_block_aSubmitterWaitingForRoom_isRejectedWhenThePoolShutsDown() throws Exception {
        ExecutorService pool = bounded(1, 1, Rejection.BLOCK);
        occupy(pool, 1);
        pool.execute(() -> { });
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread producer = Thread.ofPlatform().start(() -> {
            try {
                pool.execute(() -> { });
                outcome.set("accepted");
            } catch (RejectedExecutionException e) {
                outcome.set(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> producer.getState() == Thread.State.WAITING
                || producer.getState() == Thread.State.TIMED_WAITING);
        pool.shutdown();
        producer.join(30_000);
        assertThat(outcome.get()).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void stress_manyTasksFromEightThreads_eachRunsExactlyOnce() throws Exception {
        int tasks = stressTasks();
        int submitters = 8;
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
        ExecutorService pool = pool(4);
        CyclicBarrier go = new CyclicBarrier(submitters);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            int first = s;
            threads.add(Thread.ofPlatform().name("submitter-" + s).start(() -> {
                try {
                    go.await();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                for (int i = first; i < tasks; i += submitters) {
                    int slot = i;
                    pool.execute(() -> runs.incrementAndGet(slot));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < tasks; i++) {
            assertThat(runs.get(i)).as("runs of task %d", i).isEqualTo(1);
        }
    }

    @Test
    void stress_submitRacingShutdown_acceptedRunOnce_refusedThrow() throws Exception {
        for (int round = 0; round < 20; round++) {
            ExecutorService pool = pool(2);
            int submitters = 4;
            int perSubmitter = Math.max(100, stressTasks() / 200);
            AtomicIntegerArray runs = new AtomicIntegerArray(submitters * perSubmitter);
            AtomicIntegerArray accepted = new AtomicIntegerArray(submitters * perSubmitter);
            CyclicBarrier go = new CyclicBarrier(submitters + 1);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < submitters; s++) {
                int base = s * perSubmitter;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    for (int i = base; i < base + perSubmitter; i++) {
                        int slot = i;
                        try {
                            pool.execute(() -> runs.incrementAndGet(slot));
                            accepted.set(slot, 1);
                        } catch (RejectedExecutionException refused) {
                            accepted.set(slot, -1);
                        }
                    }
                }));
            }
            go.await();
            Thread.yield();
            pool.shutdown();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < runs.length(); i++) {
                int expected = accepted.get(i) == 1 ? 1 : 0;
                assertThat(accepted.get(i)).as("task %d answered", i).isNotZero();
                assertThat(runs.get(i)).as("round %d, task %d (accepted: %s)", round, i, accepted.get(i) == 1).isEqualTo(expected);
            }
        }
    }
}
