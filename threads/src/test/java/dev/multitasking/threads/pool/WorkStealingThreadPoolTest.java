package dev.multitasking.threads.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.threads.ExecutorServiceContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkStealingThreadPoolTest extends ExecutorServiceContract {

    @Override
    protected ExecutorService newPool(int threads) {
        return new WorkStealingThreadPool("stealing", threads);
    }

    @Override
    protected ExecutorService newBoundedPool(int threads, int capacity, Rejection rejection) {
        return new WorkStealingThreadPool("stealing", threads, capacity, rejection);
    }

    /** Sums [from, to) by splitting in halves, submitting both to the pool and waiting for them. */
    private static long sum(ExecutorService pool, long from, long to) throws ExecutionException, InterruptedException {
        if (to - from <= 1_000) {
            long s = 0;
            for (long i = from; i < to; i++) {
                s += i;
            }
            return s;
        }
        long mid = (from + to) >>> 1;
        Future<Long> left = pool.submit(() -> sum(pool, from, mid));
        Future<Long> right = pool.submit(() -> sum(pool, mid, to));
        return left.get() + right.get();
    }

    @Test
    void tasksThatSplitAndWaitForTheirHalves_finishOnTwoWorkers_becauseWaitingWorkersHelp() throws Exception {
        // Depth 10 on 2 workers: a pool whose waiting workers only block would deadlock here.
        try (WorkStealingThreadPool pool = new WorkStealingThreadPool("split", 2)) {
            long n = 1_000_000;
            assertThat(pool.submit(() -> sum(pool, 0, n)).get(60, TimeUnit.SECONDS)).isEqualTo(n * (n - 1) / 2);
        }
    }

    @Test
    void tasksSubmittedInsideThePool_areStolenByIdleWorkers() throws Exception {
        Set<String> ranOn = ConcurrentHashMap.newKeySet();
        try (WorkStealingThreadPool pool = new WorkStealingThreadPool("steal", 3)) {
            // One task fans out 300 children into its own deque; the other workers must steal them.
            Future<?> parent = pool.submit(() -> {
                List<Future<?>> children = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    children.add(pool.submit(() -> {
                        ranOn.add(Thread.currentThread().getName());
                        long spin = System.nanoTime() + 200_000;
                        while (System.nanoTime() < spin) {
                            Thread.onSpinWait();
                        }
                    }));
                }
                for (Future<?> c : children) {
                    c.get();
                }
                return null;
            });
            parent.get(60, TimeUnit.SECONDS);
        }
        assertThat(ranOn).hasSizeGreaterThan(1).allMatch(n -> n.matches("steal-worker-[123]"));
    }
}
