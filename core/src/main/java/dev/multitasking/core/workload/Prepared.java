package dev.multitasking.core.workload;

import dev.multitasking.core.Task;
import java.util.List;
import java.util.function.Function;

/**
 * The one {@link PreparedWorkload} the workloads share: tasks, an oracle over results whose count
 * has already been checked, and what to stop on close.
 *
 * @param tasks   the tasks, in order
 * @param oracle  judges a full list of results
 * @param onClose stops what the workload started; a no-op for CPU-bound workloads
 */
record Prepared<T>(List<Task<T>> tasks, Function<List<T>, Verdict> oracle, AutoCloseable onClose) implements PreparedWorkload<T> {

    Prepared(List<Task<T>> tasks, Function<List<T>, Verdict> oracle) {
        this(tasks, oracle, () -> { });
    }

    @Override
    public Verdict verify(List<T> results) {
        if (results.size() != tasks.size()) {
            return Verdict.wrong(results.size() + " results for " + tasks.size() + " tasks");
        }
        return oracle.apply(results);
    }


    @Override
    public void close() {
        try {
            onClose.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the workload's resources", e);
        }
    }
}
