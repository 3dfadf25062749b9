package dev.multitasking.processes;

import dev.multitasking.core.Batch;
import dev.multitasking.core.ExecutorWorkers;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Task;
import dev.multitasking.core.Workers;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * A {@link ProcessPoolExecutor} of N worker JVMs. Starting them is the pool's start-up, timed
 * apart from the work; their CPU time counts as the run's.
 */
public final class ProcessesStrategy implements Strategy {

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public String description() {
        return "ProcessPoolExecutor: N worker JVMs, tasks and results as frames over a socket of the pool's own";
    }

    /**
     * What a worker JVM holds after work, rounded up: measured 117-127 MB resident (peak) after
     * three runs of {@code sieve:1e9} and one of {@code count:2000000} on 2 workers (Temurin 25,
     * {@link ProcessPoolExecutor#DEFAULT_JVM_OPTIONS}); 50-56 MB idle.
     * {@code ProcessesStrategyTest} measures it again and checks this covers it.
     */
    static final long WORKER_BYTES = 160L << 20;

    @Override
    public long bytesPerWorker(Options options) {
        return WORKER_BYTES;
    }

    @Override
    public Workers start(int workers) throws Exception {
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(workers).build();
        try {
            pool.awaitWorkersReady();
        } catch (Exception e) {
            pool.shutdownNow();
            pool.close();
            throw e;
        }
        ExecutorWorkers tasks = new ExecutorWorkers(pool);
        return new Workers() {
            @Override
            public <T> Batch<T> invokeAll(List<? extends Task<T>> list) throws InterruptedException, ExecutionException {
                return tasks.invokeAll(list);
            }

            @Override
            public long childCpuNanos() {
                return pool.workerCpuNanos();
            }

            @Override
            public List<Long> childPids() {
                return pool.workerPids();
            }

            @Override
            public void close() {
                tasks.close();
            }
        };
    }
}
