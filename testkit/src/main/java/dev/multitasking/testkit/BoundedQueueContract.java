package dev.multitasking.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * For pools whose queue can be bounded, with a policy for a task that arrives when it is full.
 * The pool's test maps each {@link WhenFull} to the pool's own policy (the JDK's rejected-execution
 * handlers, or the project's {@code Rejection}).
 */
public interface BoundedQueueContract extends PoolFixture {

    /** What a pool does with a task that finds its queue full. */
    enum WhenFull {
        /** Throws {@link RejectedExecutionException} at once. */
        ABORT,
        /** Runs the task on the submitting thread. */
        CALLER_RUNS,
        /** Waits for room; a task submitted from one of the pool's own workers runs on that worker. */
        BLOCK
    }

    /** A pool whose queue holds {@code capacity} waiting tasks, full queues handled as {@code rejection} says. */
    ExecutorService newBoundedPool(int threads, int capacity, WhenFull rejection);

    private ExecutorService bounded(int threads, int capacity, WhenFull rejection) {
        return track(newBoundedPool(threads, capacity, rejection));
    }

    @Test
    default void bounded_abort_rejectsWhenTheQueueIsFull() throws Exception {
        ExecutorService pool = bounded(1, 2, WhenFull.ABORT);
        occupy(pool, 1);
        pool.execute(() -> { });
        pool.execute(() -> { });
        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    default void bounded_aTaskForAnIdleWorker_doesNotCountAsWaiting() throws Exception {
        // One idle worker, room for one waiting task: the first goes to the worker, the second waits.
        ExecutorService pool = bounded(1, 1, WhenFull.ABORT);
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Future<String> second = pool.submit(() -> "second");
        release.countDown();
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("second");
    }

    @Test
    default void bounded_callerRuns_runsOnTheSubmittingThread() throws Exception {
        ExecutorService pool = bounded(1, 1, WhenFull.CALLER_RUNS);
        occupy(pool, 1);
        pool.execute(() -> { });
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        pool.execute(() -> ranOn.set(Thread.currentThread()));
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    default void bounded_block_waitsForRoom_thenQueues() throws Exception {
        ExecutorService pool = bounded(1, 1, WhenFull.BLOCK);
        occupy(pool, 1);
        pool.execute(() -> { });
        CountDownLatch ran = new CountDownLatch(1);
        CountDownLatch submitting = new CountDownLatch(1);
        AtomicBoolean submitted = new AtomicBoolean();
        Thread producer = startThread(() -> {
            submitting.countDown();
            pool.execute(ran::countDown);
            submitted.set(true);
        });
        assertThat(submitting.await(30, TimeUnit.SECONDS)).isTrue();
        producer.join(200);
        assertThat(submitted).as("blocked while the queue is full").isFalse();
        gate().open();
        producer.join(30_000);
        assertThat(submitted).isTrue();
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    default void bounded_block_aSubmitterWaitingForRoom_isRejectedWhenThePoolShutsDown() throws Exception {
        ExecutorService pool = bounded(1, 1, WhenFull.BLOCK);
        occupy(pool, 1);
        pool.execute(() -> { });
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread producer = startThread(() -> {
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
}
