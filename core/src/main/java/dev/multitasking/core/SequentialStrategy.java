package dev.multitasking.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/** The baseline: every task on the calling thread, one after another, as a plain loop would. */
public final class SequentialStrategy implements Strategy {

    /** The name every speedup is measured against. */
    public static final String NAME = "sequential";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "one task after another on the calling thread (the baseline)";
    }

    @Override
    public boolean takesWorkers() {
        return false;
    }

    @Override
    public Workers start(int workers) {
        return new Workers() {
            @Override
            public <T> Batch<T> invokeAll(List<? extends Task<T>> tasks) throws ExecutionException, InterruptedException {
                List<Timed<T>> timed = new ArrayList<>(tasks.size());
                for (int i = 0; i < tasks.size(); i++) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("interrupted before task " + i);
                    }
                    try {
                        timed.add(Timed.call(i, tasks.get(i)));
                    } catch (InterruptedException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new ExecutionException("task " + i + " (" + tasks.get(i) + ") failed: " + e, e);
                    }
                }
                return Batch.of(timed);
            }

            @Override
            public void close() {
                // Nothing was started.
            }
        };
    }
}
