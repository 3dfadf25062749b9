package dev.multitasking.core.workload;

import dev.multitasking.core.Task;
import java.util.List;

/**
 * A workload ready to run: its tasks, the oracle that checks their results, and whatever the
 * tasks need while they run (closed by {@link #close()}).
 *
 * @param <T> what each task returns
 */
public interface PreparedWorkload<T> extends AutoCloseable {

    /** The tasks, in order; the same list every call. */
    List<Task<T>> tasks();

    /** Checks results (in task order) against the oracle; names the first wrong task. */
    Verdict verify(List<T> results);

    /** Stops what {@link Workload#prepare()} started; does not throw. */
    @Override
    default void close() {
    }
}
