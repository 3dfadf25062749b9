package dev.multitasking.core;

import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * A strategy's workers, started and ready: threads, child JVMs or cluster members. Closing them
 * releases everything they hold and waits until it is gone.
 */
public interface Workers extends AutoCloseable {

    /**
     * Runs every task and waits for all of them.
     *
     * @return results in task order, one span per task
     * @throws ExecutionException   when a task fails; the message names the task, the cause is its
     *                              exception, and the tasks not yet finished are cancelled
     * @throws InterruptedException when the caller is interrupted while waiting
     */
    <T> Batch<T> invokeAll(List<? extends Task<T>> tasks) throws InterruptedException, ExecutionException;

    /** CPU time used so far by child processes these workers started, in nanoseconds; 0 when none. */
    default long childCpuNanos() {
        return 0;
    }

    /**
     * The process ids of the child JVMs these workers run on now (worker JVMs, cluster members),
     * so that their JIT and GC time can be read beside the run's; empty when none.
     */
    default List<Long> childPids() {
        return List.of();
    }

    /** Stops the workers and waits for them; does not throw. */
    @Override
    void close();
}
