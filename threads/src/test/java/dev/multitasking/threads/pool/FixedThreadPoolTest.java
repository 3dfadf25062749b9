package dev.multitasking.threads.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.BoundedQueueContract;
import dev.multitasking.testkit.BoundedQueueContract.WhenFull;
import dev.multitasking.testkit.ExecutorServiceContract;
import dev.multitasking.testkit.InPoolSubmitContract;
import dev.multitasking.testkit.RunnableContract;
import dev.multitasking.testkit.SharedMemoryStressContract;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FixedThreadPoolTest extends ExecutorServiceContract
        implements RunnableContract, BoundedQueueContract, InPoolSubmitContract, SharedMemoryStressContract {

    @Override
    protected ExecutorService newPool(int threads) {
        return new FixedThreadPool("fixed", threads);
    }

    @Override
    public ExecutorService newBoundedPool(int threads, int capacity, WhenFull rejection) {
        return new FixedThreadPool("fixed", threads, capacity, Rejection.valueOf(rejection.name()));
    }

    @Test
    void workers_areNamedAfterThePool() throws Exception {
        Set<String> names = ConcurrentHashMap.newKeySet();
        try (FixedThreadPool pool = new FixedThreadPool("kitchen", 3)) {
            for (int i = 0; i < 300; i++) {
                pool.execute(() -> names.add(Thread.currentThread().getName()));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(names).isNotEmpty().allMatch(n -> n.matches("kitchen-worker-[123]"));
    }
}
