package dev.multitasking.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.multitasking.core.NoLeakedThreads;
import dev.multitasking.threads.pool.Rejection;
import java.io.Serializable;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link ExecutorService} contract, as one suite every pool must pass: the project's own
 * pools, the process pool, and the JDK's {@code ThreadPoolExecutor}, whose passing proves the
 * suite asks only what the JDK itself promises. Ships in the threads test-jar.
 *
 * <p>Tasks come from overridable factories ({@link #answer}, {@link #failing},
 * {@link #reportsInterrupted}, {@link #newGate}), so that a pool whose tasks run in another
 * process can supply tasks that travel there. Blocking tasks wait at a {@link Gate}, never on a
 * sleep, so no test depends on timing; every pool a test makes is shut down and its termination
 * asserted.
 */
@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
public abstract class ExecutorServiceContract {

    /** A pool of {@code threads} workers on an unbounded queue. */
    protected abstract ExecutorService newPool(int threads);

    /** A pool whose queue holds {@code capacity} waiting tasks, full queues handled by {@code rejection}. */
    protected abstract ExecutorService newBoundedPool(int threads, int capacity, Rejection rejection);

    /** A task that answers {@code value}. */
    protected <T extends Serializable> Callable<T> answer(T value) {
        return () -> value;
    }

    /** A task that throws {@code IllegalStateException(message)}. */
    protected Callable<Integer> failing(String message) {
        return () -> {
            throw new IllegalStateException(message);
        };
    }

    /** A task that answers whether its thread was interrupted when it started. */
    protected Callable<Boolean> reportsInterrupted() {
        return () -> Thread.currentThread().isInterrupted();
    }

    /** A gate for blocking tasks; latches in this JVM unless the pool's tasks run elsewhere. */
    protected Gate newGate() {
        return new LatchGate();
    }

    /** Tasks for the stress tests: {@code multitasking.stress.tasks} (1,000,000 for the full run). */
    protected static int stressTasks() {
        return Integer.getInteger("multitasking.stress.tasks", 50_000);
    }

    /**
     * Where blocking tasks wait: each {@link #blocker()} says it started, then waits until the gate
     * opens, and answers "released". A blocker stopped while waiting (interrupted, or its worker
     * killed) is seen by {@link #sawInterruption()}.
     */
    public interface Gate extends AutoCloseable {
        Callable<String> blocker();

        /** Waits until {@code count} blockers have started; false after 30 s. */
        boolean awaitStarted(int count) throws InterruptedException;

        /** Releases every blocker, those waiting and those still to come. */
        void open();

        boolean sawInterruption();

        @Override
        void close();
    }

    private static final class LatchGate implements Gate {
        private final CountDownLatch opened = new CountDownLatch(1);
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicBoolean interrupted = new AtomicBoolean();

        @Override
        public Callable<String> blocker() {
            return () -> {
                synchronized (started) {
                    started.incrementAndGet();
                    started.notifyAll();
                }
                try {
                    opened.await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                }
                return "released";
            };
        }

        @Override
        public boolean awaitStarted(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            synchronized (started) {
                while (started.get() < count) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(started, left);
                }
            }
            return true;
        }

        @Override
        public void open() {
            opened.countDown();
        }

        @Override
        public boolean sawInterruption() {
            return interrupted.get();
        }

        @Override
        public void close() {
            open();
        }
    }

    private final List<ExecutorService> pools = new ArrayList<>();
    /** Opened after each test (before the pools close), so no task stays blocked behind a failed assertion. */
    private Gate gate;

    @BeforeEach
    void makeGate() {
        gate = newGate();
    }

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
        gate.open();
        try {
            for (ExecutorService pool : pools) {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("%s terminates", pool).isTrue();
                assertThat(pool.isTerminated()).isTrue();
            }
        } finally {
            gate.close();
        }
    }

    /** Occupies every worker of a pool with a blocker; returns once all are busy. */
    private List<Future<String>> occupy(ExecutorService pool, int threads) throws InterruptedException {
        List<Future<String>> blockers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            blockers.add(pool.submit(gate.blocker()));
        }
        assertThat(gate.awaitStarted(threads)).as("all workers busy").isTrue();
        return blockers;
    }

    @Test
    protected void execute_runsTheTask() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        pool(2).execute(() -> ran.countDown());
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void submit_callable_futureGivesItsValue() throws Exception {
        assertThat(pool(2).submit(answer(42)).get()).isEqualTo(42);
    }

    @Test
    protected void submit_runnable_futureGivesTheGivenValue() throws Exception {
        ExecutorService pool = pool(2);
        assertThat(pool.submit(() -> { }, "done").get()).isEqualTo("done");
        assertThat(pool.submit(() -> { }).get()).isNull();
    }

    @Test
    void submit_taskThrows_getThrowsItsCause_andThePoolKeepsWorking() throws Exception {
        ExecutorService pool = pool(2);
        for (int i = 0; i < 10; i++) {
            Future<Integer> failed = pool.submit(failing("boom"));
            assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("boom");
        }
        assertThat(pool.submit(answer("alive")).get()).isEqualTo("alive");
    }

    @Test
    protected void execute_taskThrows_workerSurvivesAndRunsMore() throws Exception {
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
            after.add(pool.submit(answer(i)));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(after.get(i).get()).isEqualTo(i);
        }
    }

    @Test
    void invokeAll_returnsDoneFuturesInTaskOrder() throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tasks.add(answer(i * i));
        }
        List<Future<Integer>> futures = pool(3).invokeAll(tasks);
        assertThat(futures).hasSize(50).allMatch(Future::isDone);
        for (int i = 0; i < 50; i++) {
            assertThat(futures.get(i).get()).isEqualTo(i * i);
        }
    }

    @Test
    void invokeAll_timeoutPasses_unfinishedAreCancelled() throws Exception {
        List<Callable<String>> tasks = List.of(answer("quick"), gate.blocker());
        List<Future<String>> futures = pool(2).invokeAll(tasks, 2, TimeUnit.SECONDS);
        assertThat(futures.get(0).get()).isEqualTo("quick");
        assertThat(futures.get(1).isCancelled()).isTrue();
        assertThatThrownBy(() -> futures.get(1).get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void invokeAny_someFail_returnsASuccessfulResult() throws Exception {
        List<Callable<Integer>> tasks = List.of(failing("no"), answer(7), failing("no"));
        assertThat(pool(2).invokeAny(tasks)).isEqualTo(7);
    }

    @Test
    void invokeAny_allFail_throwsExecutionException() {
        List<Callable<Integer>> tasks = List.of(failing("first"), failing("second"));
        assertThatThrownBy(() -> pool(2).invokeAny(tasks)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invokeAny_nothingFinishesInTime_throwsTimeoutException() {
        ExecutorService pool = pool(2);
        List<Callable<String>> tasks = List.of(gate.blocker());
        assertThatThrownBy(() -> pool.invokeAny(tasks, 500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void shutdown_queuedTasksStillRun_newOnesAreRejected() throws Exception {
        ExecutorService pool = pool(1);
        occupy(pool, 1);
        List<Future<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(pool.submit(answer(i)));
        }
        pool.shutdown();
        assertThat(pool.isShutdown()).isTrue();
        assertThat(pool.isTerminated()).isFalse();
        assertThatThrownBy(() -> pool.submit(answer(1))).isInstanceOf(RejectedExecutionException.class);
        assertThat(pool.awaitTermination(100, TimeUnit.MILLISECONDS)).as("still busy").isFalse();
        gate.open();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(queued.get(i).get()).isEqualTo(i);
        }
    }

    @Test
    void shutdownNow_returnsExactlyTheUnstartedTasksInOrder_andInterruptsTheRunningOne() throws Exception {
        ExecutorService pool = pool(1);
        Future<String> running = occupy(pool, 1).get(0);
        List<Future<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(pool.submit(answer(i)));
        }
        List<Runnable> neverStarted = pool.shutdownNow();
        assertThat(neverStarted).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(neverStarted.get(i)).isSameAs(queued.get(i));
            assertThat(queued.get(i).isDone()).isFalse();
        }
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(running::get).isInstanceOf(ExecutionException.class).cause().isInstanceOf(InterruptedException.class);
        await().atMost(Duration.ofSeconds(30)).until(gate::sawInterruption);
    }

    @Test
    protected void shutdownNow_executedRunnables_comeBackAsTheSameObjects() throws Exception {
        ExecutorService pool = pool(1);
        occupy(pool, 1);
        AtomicInteger ran = new AtomicInteger();
        List<Runnable> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Runnable r = ran::incrementAndGet;
            queued.add(r);
            pool.execute(r);
        }
        assertThat(pool.shutdownNow()).containsExactlyElementsOf(queued);
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.get()).isZero();
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
    void close_waitsForEveryQueuedTask() throws Exception {
        ExecutorService pool = pool(2);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(pool.submit(answer(i)));
        }
        pool.close();
        assertThat(pool.isTerminated()).isTrue();
        assertThat(futures).allMatch(f -> f.state() == Future.State.SUCCESS);
    }

    @Test
    void cancel_runningTask_interruptsIt_andTheInterruptDoesNotLeakIntoTheNextTask() throws Exception {
        ExecutorService pool = pool(1);
        Future<String> running = occupy(pool, 1).get(0);
        assertThat(running.cancel(true)).isTrue();
        assertThat(pool.submit(reportsInterrupted()).get(60, TimeUnit.SECONDS)).isFalse();
        await().atMost(Duration.ofSeconds(30)).until(gate::sawInterruption);
    }

    @Test
    protected void bounded_abort_rejectsWhenTheQueueIsFull() throws Exception {
        ExecutorService pool = bounded(1, 2, Rejection.ABORT);
        occupy(pool, 1);
        pool.execute(() -> { });
        pool.execute(() -> { });
        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    protected void bounded_callerRuns_runsOnTheSubmittingThread() throws Exception {
        ExecutorService pool = bounded(1, 1, Rejection.CALLER_RUNS);
        occupy(pool, 1);
        pool.execute(() -> { });
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        pool.execute(() -> ranOn.set(Thread.currentThread()));
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    protected void bounded_block_waitsForRoom_thenQueues() throws Exception {
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
        gate.open();
        producer.join(30_000);
        assertThat(submitted).isTrue();
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    protected void bounded_block_aSubmitterWaitingForRoom_isRejectedWhenThePoolShutsDown() throws Exception {
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
    protected void stress_manyTasksFromEightThreads_eachRunsExactlyOnce() throws Exception {
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
    protected void stress_submitRacingShutdown_acceptedRunOnce_refusedThrow() throws Exception {
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
