package dev.multitasking.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** For pools that run any {@link Runnable} (in this JVM): {@code execute} and {@code submit(Runnable)}. */
public interface RunnableContract extends PoolFixture {

    @Test
    default void execute_runsTheTask() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        pool(2).execute(ran::countDown);
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    default void submit_runnable_futureGivesTheGivenValue() throws Exception {
        ExecutorService pool = pool(2);
        AtomicBoolean ran = new AtomicBoolean();
        Future<?> plain = pool.submit(() -> ran.set(true));
        assertThat(plain.get()).isNull();
        assertThat(plain.get(0, TimeUnit.MILLISECONDS)).isNull();
        assertThat(ran).isTrue();
        assertThat(plain.isDone()).isTrue();
        assertThat(plain.isCancelled()).isFalse();
        assertThat(pool.submit(() -> { }, "done").get()).isEqualTo("done");
    }

    @Test
    default void execute_taskThrows_workerSurvivesAndRunsMore() throws Exception {
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
            int value = i;
            after.add(pool.submit(() -> value));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(after.get(i).get()).isEqualTo(i);
        }
    }

    @Test
    default void shutdownNow_executedRunnables_comeBackAsTheSameObjects() throws Exception {
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
}
