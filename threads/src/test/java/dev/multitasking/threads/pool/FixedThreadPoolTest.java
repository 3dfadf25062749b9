package dev.multitasking.threads.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.threads.BoundedQueueContract;
import dev.multitasking.threads.ExecutorServiceContract;
import dev.multitasking.threads.InPoolSubmitContract;
import dev.multitasking.threads.RunnableContract;
import dev.multitasking.threads.SharedMemoryStressContract;
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
    public ExecutorService newBoundedPool(int threads, int capacity, Rejection rejection) {
        return new FixedThreadPool("fixed", threads, capacity, rejection);
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
