package dev.multitasking.core;

import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * A way to run tasks: in sequence, on threads, on child processes, on a cluster. Modules
 * contribute strategies through {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/dev.multitasking.core.Strategy}); {@link Strategies} finds them.
 *
 * <p>Implementations are stateless factories: all state lives in the {@link Workers} that
 * {@link #start(int)} returns.
 */
public interface Strategy {

    /** A short, unique, lower-case name: {@code sequential}, {@code jdk-fixed}, ... */
    String name();

    /** One line on what it is and how it runs tasks. */
    String description();

    /**
     * Whether the worker count changes anything. {@code sequential}, a thread per task and a
     * cached pool ignore it; their runs report the number of distinct workers that ran tasks.
     */
    default boolean takesWorkers() {
        return true;
    }

    /**
     * Whether a comparison runs it when no strategy is named. False for a strategy whose start
     * costs seconds (a cluster forming); such a one runs when asked for by name.
     */
    default boolean inDefaultSet() {
        return true;
    }

    /**
     * Memory one worker takes outside this JVM (a worker JVM, a cluster member), measured after
     * work, or 0 when its workers are threads of this JVM. A comparison refuses a worker count
     * whose workers would not fit the machine's available memory.
     */
    default long bytesPerWorker() {
        return 0;
    }

    /**
     * Starts the workers: the part of a run that a pool pays once, timed apart from the work.
     *
     * @param workers how many; ignored when {@link #takesWorkers()} is false
     */
    Workers start(int workers) throws Exception;

    /**
     * Starts workers, runs the tasks once, closes the workers, and measures each phase.
     *
     * @throws ExecutionException when a task fails (see {@link Workers#invokeAll})
     */
    default <T> RunResult<T> measure(List<? extends Task<T>> tasks, int workers) throws Exception {
        long startBegin = System.nanoTime();
        try (Workers started = start(takesWorkers() ? workers : 1)) {
            return measureOn(started, tasks, workers, System.nanoTime() - startBegin);
        }
    }

    /**
     * One timed run of the tasks on workers this strategy already started: how a pool is meant
     * to be used, started once and given work again and again.
     *
     * @param workers      the count the workers were started with
     * @param startupNanos what starting them cost, reported with the run
     * @throws ExecutionException when a task fails (see {@link Workers#invokeAll})
     */
    default <T> RunResult<T> measureOn(Workers started, List<? extends Task<T>> tasks, int workers, long startupNanos)
            throws InterruptedException, ExecutionException {
        long cpuBefore = RunStats.processCpuNanos() + started.childCpuNanos();
        long wallBegin = System.nanoTime();
        Batch<T> batch = started.invokeAll(tasks);
        long wall = System.nanoTime() - wallBegin;
        long cpu = RunStats.processCpuNanos() + started.childCpuNanos() - cpuBefore;
        // A strategy without a worker count (a thread per task, a cached pool) is credited
        // with the workers it was seen to use.
        int used = takesWorkers() ? workers : (int) Math.max(1, batch.spans().stream()
                .map(s -> s.pid() + "/" + s.worker()).distinct().count());
        return new RunResult<>(batch, new RunStats(name(), used, startupNanos, wall, cpu));
    }
}
