package dev.multitasking.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * For pools whose tasks share this JVM's memory: every accepted task runs exactly once, counted in
 * an array the tasks write. {@code multitasking.stress.tasks} sets the size (1,000,000 in CI's
 * stress run); the {@code stress} tag names them.
 */
public interface SharedMemoryStressContract extends PoolFixture {

    @Test
    @Tag("stress")
    default void stress_manyTasksFromEightThreads_eachRunsExactlyOnce() throws Exception {
        int tasks = ExecutorServiceContract.stressTasks();
        int submitters = 8;
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
        ExecutorService pool = pool(4);
        CyclicBarrier go = new CyclicBarrier(submitters);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            int first = s;
            threads.add(startThread(() -> {
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
    @Tag("stress")
    default void stress_submitRacingShutdown_acceptedRunOnce_refusedThrow() throws Exception {
        for (int round = 0; round < 20; round++) {
            ExecutorService pool = pool(2);
            int submitters = 4;
            int perSubmitter = Math.max(100, ExecutorServiceContract.stressTasks() / 200);
            AtomicIntegerArray runs = new AtomicIntegerArray(submitters * perSubmitter);
            AtomicIntegerArray accepted = new AtomicIntegerArray(submitters * perSubmitter);
            CyclicBarrier go = new CyclicBarrier(submitters + 1);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < submitters; s++) {
                int base = s * perSubmitter;
                threads.add(startThread(() -> {
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
