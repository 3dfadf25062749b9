package dev.multitasking.threads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.StrategyContract;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ForkJoinStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "forkjoin";
    }

    @Test
    @Timeout(30)
    void newPool_twoWorkersRunningAtOnce_haveTwoNames() throws Exception {
        // Spans name their worker by its thread: two threads with one name would be one lane in a timeline.
        Set<String> names = ConcurrentHashMap.newKeySet();
        CountDownLatch bothRunning = new CountDownLatch(2);
        try (ForkJoinPool pool = ForkJoinStrategy.newPool("fj", 2)) {
            Future<?> a = pool.submit(() -> meet(bothRunning, names));
            Future<?> b = pool.submit(() -> meet(bothRunning, names));
            a.get(20, TimeUnit.SECONDS);
            b.get(20, TimeUnit.SECONDS);
        }
        assertThat(names).containsExactlyInAnyOrder("fj-worker-1", "fj-worker-2");
    }

    private static Void meet(CountDownLatch latch, Set<String> names) throws InterruptedException {
        names.add(Thread.currentThread().getName());
        latch.countDown();
        assertThat(latch.await(15, TimeUnit.SECONDS)).as("the other worker ran at the same time").isTrue();
        return null;
    }
}
