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
        return "ProcessPoolExecutor: N worker JVMs, tasks and results as frames over their stdin/stdout";
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
            public void close() {
                tasks.close();
            }
        };
    }
}
