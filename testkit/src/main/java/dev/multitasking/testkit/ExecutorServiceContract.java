package dev.multitasking.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link ExecutorService} contract every pool passes, whatever runs its tasks: the project's
 * own thread pools, the process pool, and the JDK's {@code ThreadPoolExecutor}, whose passing
 * proves the suite asks only what the JDK itself promises. It covers what the JSR-166 TCK checks
 * of a generic executor service (written here from its list of behaviours, not copied): nulls,
 * results and exceptions of submitted tasks; {@code invokeAll} and {@code invokeAny}, empty, with
 * null elements, all failing, timed with timeouts that expire; shutdown, {@code shutdownNow},
 * {@code awaitTermination}, {@code isTerminated}, {@code close()} (waits, idempotent, keeps the
 * caller's interrupt); {@code Future} cancel, state, {@code resultNow} and {@code exceptionNow};
 * {@link ExecutorCompletionService} and {@link CompletableFuture} over the pool; many concurrent
 * submitters.
 *
 * <p>This class holds what every pool can do with {@link Callable}s made by its factories
 * ({@link #answer}, {@link #failing}, {@link #reportsInterrupted}, {@link #newGate}), so that a
 * pool whose tasks run in another process supplies tasks that travel there. What needs more is
 * split by capability, as JCTools' queue tests are: a pool's test implements
 * {@link RunnableContract} when it runs any {@code Runnable}, {@link BoundedQueueContract} when
 * its queue can be bounded, {@link InPoolSubmitContract} when its tasks can reach the pool, and
 * {@link SharedMemoryStressContract} when its tasks share this JVM's memory. Nothing is switched
 * off by hand. Ships in the test kit (module {@code testkit}).
 *
 * <p>Blocking tasks wait at a {@link Gate}, never on a sleep; every pool a test makes is shut down
 * and its termination asserted after the test.
 */
@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
public abstract class ExecutorServiceContract implements PoolFixture {

    /** A pool of {@code threads} workers on an unbounded queue. */
    protected abstract ExecutorService newPool(int threads);

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
    static int stressTasks() {
        return Integer.getInteger("multitasking.stress.tasks", 50_000);
    }

    /** How many tasks each of the concurrent submitters sends in {@link #submit_fromEightThreadsAtOnce_everyFutureGetsItsOwnAnswer}. */
    protected int tasksPerSubmitter() {
        return 2_000;
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

        /** How many blockers have started so far. */
        int started();

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
        public int started() {
            return started.get();
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
    private final List<Thread> helpers = new ArrayList<>();
    /** Opened after each test (before the pools close), so no task stays blocked behind a failed assertion. */
    private Gate gate;

    @BeforeEach
    void makeGate() {
        gate = newGate();
    }

    @Override
    public final Gate gate() {
        return gate;
    }

    @Override
    public final ExecutorService pool(int threads) {
        return track(newPool(threads));
    }

    @Override
    public final ExecutorService track(ExecutorService pool) {
        pools.add(pool);
        return pool;
    }

    @Override
    public final Thread startThread(Runnable body) {
        Thread t = Thread.ofPlatform().name("contract-helper-" + helpers.size()).start(body);
        helpers.add(t);
        return t;
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
            for (Thread t : helpers) {
                t.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(t.isAlive()).as("%s ended", t.getName()).isFalse();
            }
        } finally {
            gate.close();
        }
    }

    @Override
    public final List<Future<String>> occupy(ExecutorService pool, int threads) throws InterruptedException {
        List<Future<String>> blockers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            blockers.add(pool.submit(gate.blocker()));
        }
        assertThat(gate.awaitStarted(threads)).as("all workers busy").isTrue();
        return blockers;
    }

    // ---- submit: nulls, values, exceptions, interrupts ----

    @Test
    void nullTasks_areRefusedWithNullPointerException() {
        ExecutorService pool = pool(1);
        assertThatThrownBy(() -> pool.execute(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> pool.submit((Callable<String>) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> pool.submit((Runnable) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> pool.submit((Runnable) null, "value")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void submit_callable_futureGivesItsValue() throws Exception {
        Future<Integer> f = pool(2).submit(answer(42));
        assertThat(f.get()).isEqualTo(42);
        assertThat(f.get(0, TimeUnit.MILLISECONDS)).as("a done future answers a zero timeout").isEqualTo(42);
        assertThat(f.isDone()).isTrue();
        assertThat(f.isCancelled()).isFalse();
    }

    @Test
    void submit_taskThrows_getThrowsItsCause_andThePoolKeepsWorking() throws Exception {
        ExecutorService pool = pool(2);
        for (int i = 0; i < 10; i++) {
            Future<Integer> failed = pool.submit(failing("boom"));
            assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("boom");
            assertThatThrownBy(() -> failed.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
        assertThat(pool.submit(answer("alive")).get()).isEqualTo("alive");
    }

    @Test
    void get_byAThreadInterruptedWhileItWaits_throwsInterruptedException() throws Exception {
        ExecutorService pool = pool(1);
        Future<String> running = occupy(pool, 1).get(0);
        AtomicReference<Object> outcome = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = startThread(() -> {
            try {
                waiting.countDown();
                outcome.set(running.get());
            } catch (Exception e) {
                outcome.set(e);
            }
        });
        assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> waiter.getState() == Thread.State.WAITING);
        waiter.interrupt();
        waiter.join(30_000);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(running.isDone()).as("the task itself is not touched").isFalse();
    }

    @Test
    void get_byAnInterruptedThread_onAnUnfinishedTask_throwsInterruptedException() throws Exception {
        ExecutorService pool = pool(1);
        Future<String> running = occupy(pool, 1).get(0);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(running::get).isInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("status cleared, as InterruptedException says").isFalse();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void timedGet_onAnUnfinishedTask_throwsTimeoutException() throws Exception {
        ExecutorService pool = pool(1);
        Future<String> running = occupy(pool, 1).get(0);
        assertThatThrownBy(() -> running.get(50, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> running.get(0, TimeUnit.NANOSECONDS)).isInstanceOf(TimeoutException.class);
        gate().open();
        assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo("released");
    }

    // ---- Future: state, resultNow, exceptionNow, cancel ----

    @Test
    void futureState_followsTheTask_andResultNowAndExceptionNowAnswerOnlyWhenTheyMay() throws Exception {
        ExecutorService pool = pool(2);
        Future<String> running = occupy(pool, 1).get(0);
        assertThat(running.state()).isEqualTo(Future.State.RUNNING);
        assertThatThrownBy(running::resultNow).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(running::exceptionNow).isInstanceOf(IllegalStateException.class);

        Future<Integer> failed = pool.submit(failing("state"));
        assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class);
        assertThat(failed.state()).isEqualTo(Future.State.FAILED);
        assertThat(failed.exceptionNow()).isInstanceOf(IllegalStateException.class).hasMessage("state");
        assertThatThrownBy(failed::resultNow).isInstanceOf(IllegalStateException.class);

        gate().open();
        assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo("released");
        assertThat(running.state()).isEqualTo(Future.State.SUCCESS);
        assertThat(running.resultNow()).isEqualTo("released");
        assertThatThrownBy(running::exceptionNow).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cancel_aQueuedTask_itNeverRuns_andItsFutureIsCancelled() throws Exception {
        ExecutorService pool = pool(1);
        occupy(pool, 1);
        Future<String> queued = pool.submit(gate().blocker());
        assertThat(queued.cancel(false)).isTrue();
        assertThat(queued.isCancelled()).isTrue();
        assertThat(queued.isDone()).isTrue();
        assertThat(queued.state()).isEqualTo(Future.State.CANCELLED);
        assertThatThrownBy(queued::get).isInstanceOf(CancellationException.class);
        assertThatThrownBy(queued::resultNow).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(queued::exceptionNow).isInstanceOf(IllegalStateException.class);
        gate().open();
        assertThat(pool.submit(answer("after")).get(30, TimeUnit.SECONDS)).isEqualTo("after");
        assertThat(gate().started()).as("blockers that started").isEqualTo(1);
    }

    @Test
    void cancel_runningTask_interruptsIt_andTheInterruptDoesNotLeakIntoTheNextTask() throws Exception {
        ExecutorService pool = pool(1);
        Future<String> running = occupy(pool, 1).get(0);
        assertThat(running.cancel(true)).isTrue();
        assertThat(running.isCancelled()).isTrue();
        assertThat(pool.submit(reportsInterrupted()).get(60, TimeUnit.SECONDS)).isFalse();
        await().atMost(Duration.ofSeconds(30)).until(gate()::sawInterruption);
    }

    @Test
    void cancelWithoutInterrupt_aRunningTask_isCancelledButNotInterrupted() throws Exception {
        ExecutorService pool = pool(1);
        Future<String> running = occupy(pool, 1).get(0);
        assertThat(running.cancel(false)).isTrue();
        assertThat(running.isCancelled()).isTrue();
        assertThatThrownBy(running::get).isInstanceOf(CancellationException.class);
        gate().open();
        assertThat(pool.submit(answer("next")).get(30, TimeUnit.SECONDS)).isEqualTo("next");
        assertThat(gate().sawInterruption()).isFalse();
    }

    @Test
    void cancel_aDoneTask_returnsFalse_andLeavesItsResult() throws Exception {
        Future<Integer> done = pool(1).submit(answer(5));
        assertThat(done.get()).isEqualTo(5);
        assertThat(done.cancel(true)).isFalse();
        assertThat(done.cancel(false)).isFalse();
        assertThat(done.isCancelled()).isFalse();
        assertThat(done.get()).isEqualTo(5);
    }

    // ---- invokeAll ----

    @Test
    void invokeAll_null_throwsNullPointerException() {
        ExecutorService pool = pool(1);
        assertThatThrownBy(() -> pool.invokeAll(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> pool.invokeAll(null, 1, TimeUnit.SECONDS)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> pool.invokeAll(List.of(answer(1)), 1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void invokeAll_empty_returnsAnEmptyList() throws Exception {
        ExecutorService pool = pool(1);
        assertThat(pool.invokeAll(Collections.<Callable<String>>emptyList())).isEmpty();
        assertThat(pool.invokeAll(Collections.<Callable<String>>emptyList(), 1, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void invokeAll_aNullElement_throwsNullPointerException() {
        ExecutorService pool = pool(1);
        List<Callable<Integer>> tasks = new ArrayList<>();
        tasks.add(answer(1));
        tasks.add(null);
        assertThatThrownBy(() -> pool.invokeAll(tasks)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> pool.invokeAll(tasks, 30, TimeUnit.SECONDS)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void invokeAll_returnsDoneFuturesInTaskOrder() throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tasks.add(answer(i * i));
        }
        ExecutorService pool = pool(3);
        for (List<Future<Integer>> futures : List.of(pool.invokeAll(tasks), pool.invokeAll(tasks, 60, TimeUnit.SECONDS))) {
            assertThat(futures).hasSize(50).allMatch(Future::isDone);
            for (int i = 0; i < 50; i++) {
                assertThat(futures.get(i).get()).isEqualTo(i * i);
            }
        }
    }

    @Test
    void invokeAll_aFailingTask_failsOnlyItsOwnFuture() throws Exception {
        ExecutorService pool = pool(2);
        List<Callable<Integer>> tasks = List.of(answer(1), failing("one of them"), answer(3));
        for (List<Future<Integer>> futures : List.of(pool.invokeAll(tasks), pool.invokeAll(tasks, 60, TimeUnit.SECONDS))) {
            assertThat(futures.get(0).get()).isEqualTo(1);
            assertThatThrownBy(() -> futures.get(1).get()).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("one of them");
            assertThat(futures.get(2).get()).isEqualTo(3);
        }
    }

    @Test
    void invokeAll_timeoutPasses_unfinishedAreCancelled_andEveryFutureIsDone() throws Exception {
        ExecutorService pool = pool(2);
        List<Callable<String>> tasks = List.of(answer("quick"), gate().blocker(), gate().blocker());
        List<Future<String>> futures = pool.invokeAll(tasks, 1, TimeUnit.SECONDS);
        assertThat(futures).hasSize(3).allMatch(Future::isDone);
        assertThat(futures.get(0).get()).isEqualTo("quick");
        assertThat(futures.get(1).isCancelled()).isTrue();
        assertThat(futures.get(2).isCancelled()).isTrue();
        assertThatThrownBy(() -> futures.get(1).get()).isInstanceOf(CancellationException.class);
        assertThat(pool.submit(answer("alive")).get(60, TimeUnit.SECONDS)).isEqualTo("alive");
    }

    // ---- invokeAny ----

    @Test
    void invokeAny_null_throwsNullPointerException() {
        ExecutorService pool = pool(1);
        assertThatThrownBy(() -> pool.invokeAny(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> pool.invokeAny(null, 1, TimeUnit.SECONDS)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> pool.invokeAny(List.of(answer(1)), 1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void invokeAny_empty_throwsIllegalArgumentException() {
        ExecutorService pool = pool(1);
        Collection<Callable<String>> none = Collections.emptyList();
        assertThatThrownBy(() -> pool.invokeAny(none)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pool.invokeAny(none, 1, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invokeAny_aNullElement_throwsNullPointerException() {
        ExecutorService pool = pool(1);
        List<Callable<Integer>> tasks = new ArrayList<>();
        tasks.add(failing("first"));
        tasks.add(null);
        assertThatThrownBy(() -> pool.invokeAny(tasks)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> pool.invokeAny(tasks, 30, TimeUnit.SECONDS)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void invokeAny_someFail_returnsASuccessfulResult() throws Exception {
        List<Callable<Integer>> tasks = List.of(failing("no"), answer(7), failing("no"));
        ExecutorService pool = pool(2);
        assertThat(pool.invokeAny(tasks)).isEqualTo(7);
        assertThat(pool.invokeAny(tasks, 60, TimeUnit.SECONDS)).isEqualTo(7);
    }

    @Test
    void invokeAny_allFail_throwsExecutionExceptionWithACause() {
        List<Callable<Integer>> tasks = List.of(failing("first"), failing("second"));
        ExecutorService pool = pool(2);
        assertThatThrownBy(() -> pool.invokeAny(tasks)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pool.invokeAny(tasks, 60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invokeAny_oneSucceeds_theOthersStillRunningAreCancelledWithAnInterrupt() throws Exception {
        ExecutorService pool = pool(2);
        List<Callable<String>> tasks = List.of(gate().blocker(), answer("first"));
        assertThat(pool.invokeAny(tasks)).isEqualTo("first");
        // The blocker may not have started at all (then it never will); if it did, it is stopped.
        await().atMost(Duration.ofSeconds(30)).until(() -> gate().started() == 0 || gate().sawInterruption());
        assertThat(pool.submit(answer("alive")).get(60, TimeUnit.SECONDS)).isEqualTo("alive");
    }

    @Test
    void invokeAny_nothingFinishesInTime_throwsTimeoutException_andStopsWhatRuns() throws Exception {
        ExecutorService pool = pool(2);
        List<Callable<String>> tasks = List.of(gate().blocker());
        assertThatThrownBy(() -> pool.invokeAny(tasks, 500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> gate().started() == 0 || gate().sawInterruption());
    }

    // ---- shutdown, shutdownNow, awaitTermination, close ----

    @Test
    void aNewPool_isNeitherShutDownNorTerminated_andAwaitTerminationTimesOut() throws Exception {
        ExecutorService pool = pool(1);
        assertThat(pool.isShutdown()).isFalse();
        assertThat(pool.isTerminated()).isFalse();
        assertThat(pool.awaitTermination(10, TimeUnit.MILLISECONDS)).isFalse();
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
        pool.shutdown();   // idempotent
        assertThat(pool.isShutdown()).isTrue();
        assertThat(pool.isTerminated()).isFalse();
        assertThatThrownBy(() -> pool.submit(answer(1))).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> pool.invokeAll(List.of(answer(1)))).isInstanceOf(RejectedExecutionException.class);
        assertThat(pool.awaitTermination(100, TimeUnit.MILLISECONDS)).as("still busy").isFalse();
        gate().open();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.isTerminated()).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(queued.get(i).get()).isEqualTo(i);
        }
    }

    @Test
    void shutdown_ofAnIdlePool_terminates_andTheThreadsItStartedEnd() throws Exception {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        ExecutorService pool = pool(2);
        assertThat(pool.submit(answer(1)).get()).isEqualTo(1);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.isTerminated()).isTrue();
        assertThat(pool.shutdownNow()).as("nothing was waiting").isEmpty();
        // Terminated: no worker runs or takes a task; its thread ends a moment later.
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().untilAsserted(() ->
                assertThat(NoLeakedThreads.leaked(before)).as("threads the pool started, still alive").isEmpty());
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
        assertThat(pool.isShutdown()).isTrue();
        assertThat(neverStarted).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(neverStarted.get(i)).isSameAs(queued.get(i));
            assertThat(queued.get(i).isDone()).isFalse();
        }
        assertThatThrownBy(() -> pool.submit(answer(1))).isInstanceOf(RejectedExecutionException.class);
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(running::get).isInstanceOf(ExecutionException.class).cause().isInstanceOf(InterruptedException.class);
        await().atMost(Duration.ofSeconds(30)).until(gate()::sawInterruption);
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
        for (int i = 0; i < 200; i++) {
            assertThat(futures.get(i).resultNow()).isEqualTo(i);
        }
    }

    @Test
    void close_waitsForTheRunningTask_thenIsIdempotent() throws Exception {
        ExecutorService pool = pool(1);
        Future<String> running = occupy(pool, 1).get(0);
        AtomicBoolean closed = new AtomicBoolean();
        Thread closer = startThread(() -> {
            pool.close();
            closed.set(true);
        });
        await().atMost(Duration.ofSeconds(30)).until(pool::isShutdown);
        assertThat(closed).as("close waits while a task runs").isFalse();
        gate().open();
        closer.join(60_000);
        assertThat(closed).isTrue();
        assertThat(running.resultNow()).isEqualTo("released");
        pool.close();   // terminated already: nothing to do
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void close_byAnInterruptedThread_stopsTheTasks_andKeepsTheInterrupt() throws Exception {
        ExecutorService pool = pool(1);
        Future<String> running = occupy(pool, 1).get(0);
        Future<Integer> queued = pool.submit(answer(1));
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread closer = startThread(() -> {
            Thread.currentThread().interrupt();
            pool.close();
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        closer.join(60_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(stillInterrupted).as("close re-asserts the caller's interrupt").isTrue();
        assertThat(pool.isTerminated()).isTrue();
        assertThat(running.state()).isEqualTo(Future.State.FAILED);
        assertThat(queued.isDone()).as("a task still queued never runs").isFalse();
        await().atMost(Duration.ofSeconds(30)).until(gate()::sawInterruption);
    }

    // ---- the JDK's utilities over the pool ----

    @Test
    void completionService_overThePool_takesResultsAsTheyComplete() throws Exception {
        ExecutorService pool = pool(2);
        ExecutorCompletionService<Integer> ecs = new ExecutorCompletionService<>(pool);
        assertThat(ecs.poll()).as("nothing done yet").isNull();
        assertThat(ecs.poll(10, TimeUnit.MILLISECONDS)).isNull();
        List<Future<Integer>> submitted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            submitted.add(ecs.submit(answer(i)));
        }
        Future<Integer> failed = ecs.submit(failing("ecs"));
        List<Integer> results = new ArrayList<>();
        int failures = 0;
        for (int i = 0; i < 21; i++) {
            Future<Integer> f = ecs.take();
            assertThat(f.isDone()).isTrue();
            if (f == failed) {
                failures++;
                assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).cause().hasMessage("ecs");
            } else {
                assertThat(submitted).contains(f);
                results.add(f.get());
            }
        }
        assertThat(failures).isEqualTo(1);
        assertThat(results).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
        assertThat(ecs.poll()).isNull();
    }

    @Test
    void completionService_cancelledTask_isQueuedAsDone() throws Exception {
        ExecutorService pool = pool(1);
        occupy(pool, 1);
        ExecutorCompletionService<String> ecs = new ExecutorCompletionService<>(pool);
        Future<String> f = ecs.submit(gate().blocker());
        assertThat(f.cancel(false)).isTrue();
        gate().open();
        assertThat(ecs.poll(30, TimeUnit.SECONDS)).isSameAs(f);
    }

    @Test
    void completableFuture_supplyAsync_onThePool_completes() throws Exception {
        ExecutorService pool = pool(2);
        Callable<Integer> task = answer(21);
        CompletableFuture<Integer> doubled = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.submit(task).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, pool).thenApplyAsync(x -> x * 2, pool);
        assertThat(doubled.get(60, TimeUnit.SECONDS)).isEqualTo(42);
    }

    // ---- concurrency ----

    @Test
    void submit_fromEightThreadsAtOnce_everyFutureGetsItsOwnAnswer() throws Exception {
        ExecutorService pool = pool(2);
        int submitters = 8;
        int each = tasksPerSubmitter();
        CyclicBarrier go = new CyclicBarrier(submitters);
        List<List<Future<Integer>>> futures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            List<Future<Integer>> mine = Collections.synchronizedList(new ArrayList<>());
            futures.add(mine);
            int base = s * each;
            threads.add(startThread(() -> {
                try {
                    go.await();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < each; i++) {
                    mine.add(pool.submit(answer(base + i)));
                }
            }));
        }
        for (Thread t : threads) {
            t.join(120_000);
        }
        for (int s = 0; s < submitters; s++) {
            assertThat(futures.get(s)).hasSize(each);
            for (int i = 0; i < each; i++) {
                assertThat(futures.get(s).get(i).get(60, TimeUnit.SECONDS)).isEqualTo(s * each + i);
            }
        }
    }
}
