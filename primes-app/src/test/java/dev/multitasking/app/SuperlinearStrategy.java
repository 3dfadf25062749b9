package dev.multitasking.app;

import dev.multitasking.core.Batch;
import dev.multitasking.core.SequentialStrategy;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Task;
import dev.multitasking.core.Workers;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * A strategy, on the test class path only, whose answers are right and whose times are
 * impossible: it computes a batch once, then hands back the same results in microseconds, as a
 * run timed before the JIT was done, or a clock gone wrong, would look. Physics must mark it
 * suspect, and no finding may name it.
 */
public final class SuperlinearStrategy implements Strategy {

    @Override
    public String name() {
        return "superlinear";
    }

    @Override
    public String description() {
        return "computes once, then answers at once: a speedup no cores can give (test only)";
    }

    /** Only when named: it would be every default comparison's impossible winner. */
    @Override
    public boolean inDefaultSet() {
        return false;
    }

    @Override
    public Workers start(int workers) {
        Workers honest = new SequentialStrategy().start(1);
        return new Workers() {
            private List<?> tasksSeen;
            private Batch<?> answered;

            @Override
            @SuppressWarnings("unchecked")
            public <T> Batch<T> invokeAll(List<? extends Task<T>> tasks) throws InterruptedException, ExecutionException {
                if (answered == null || !tasks.equals(tasksSeen)) {
                    tasksSeen = List.copyOf(tasks);
                    answered = honest.invokeAll(tasks);
                }
                return (Batch<T>) answered;
            }

            @Override
            public void close() {
                honest.close();
            }
        };
    }
}
