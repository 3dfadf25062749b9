package dev.multitasking.app;

import dev.multitasking.core.Batch;
import dev.multitasking.core.SequentialStrategy;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Task;
import dev.multitasking.core.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * A strategy, on the test class path only, that runs everything right and then changes the last
 * result: the oracle must catch it and {@code compare} must fail.
 */
public final class LyingStrategy implements Strategy {

    @Override
    public String name() {
        return "liar";
    }

    @Override
    public String description() {
        return "sequential, with the last result changed (test only)";
    }

    @Override
    public Workers start(int workers) {
        Workers honest = new SequentialStrategy().start(1);
        return new Workers() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Batch<T> invokeAll(List<? extends Task<T>> tasks) throws InterruptedException, ExecutionException {
                Batch<T> batch = honest.invokeAll(tasks);
                List<T> results = new ArrayList<>(batch.results());
                int last = results.size() - 1;
                Object lie = switch (results.get(last)) {
                    case Boolean b -> !b;
                    case Long n -> n + 1;
                    default -> results.get(last) + "?";
                };
                results.set(last, (T) lie);
                return new Batch<>(results, batch.spans());
            }

            @Override
            public void close() {
                honest.close();
            }
        };
    }
}
