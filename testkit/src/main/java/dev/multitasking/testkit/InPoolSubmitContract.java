package dev.multitasking.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** For pools whose tasks can reach the pool itself: a task submits tasks and waits for them from a worker. */
public interface InPoolSubmitContract extends PoolFixture {

    @Test
    default void aTask_submitsTasksToItsOwnPool_andWaitsForThem() throws Exception {
        ExecutorService pool = pool(2);
        Future<Integer> parent = pool.submit(() -> {
            List<Future<Integer>> children = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                int value = i;
                children.add(pool.submit(() -> value * value));
            }
            int sum = 0;
            for (Future<Integer> child : children) {
                sum += child.get();
            }
            return sum;
        });
        assertThat(parent.get(60, TimeUnit.SECONDS)).isEqualTo(385);
    }

    @Test
    default void aTask_invokesAllOnItsOwnPool() throws Exception {
        ExecutorService pool = pool(2);
        Future<Integer> parent = pool.submit(() -> {
            int sum = 0;
            List<Callable<Integer>> parts = List.of(() -> 1, () -> 2, () -> 3);
            for (Future<Integer> f : pool.invokeAll(parts)) {
                sum += f.get();
            }
            return sum;
        });
        assertThat(parent.get(60, TimeUnit.SECONDS)).isEqualTo(6);
    }
}
