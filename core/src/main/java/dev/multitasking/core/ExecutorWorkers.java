package dev.multitasking.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * {@link Workers} over any {@link ExecutorService}: the bridge every pool-backed strategy uses.
 * It owns the executor: {@link #close()} shuts it down and waits for it.
 */
public final class ExecutorWorkers implements Workers {

    private final ExecutorService executor;

    public ExecutorWorkers(ExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public <T> Batch<T> invokeAll(List<? extends Task<T>> tasks) throws InterruptedException, ExecutionException {
        List<Future<Timed<T>>> futures = new ArrayList<>(tasks.size());
        try {
            for (int i = 0; i < tasks.size(); i++) {
                futures.add(executor.submit(new Spanned<>(i, tasks.get(i))));
            }
            List<Timed<T>> timed = new ArrayList<>(tasks.size());
            for (int i = 0; i < futures.size(); i++) {
                try {
                    timed.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    throw new ExecutionException("task " + i + " (" + tasks.get(i) + ") failed: " + e.getCause(), e.getCause());
                }
            }
            return Batch.of(timed);
        } finally {
            // On failure or interrupt, nothing submitted may keep running behind the caller's back.
            for (Future<?> f : futures) {
                f.cancel(true);
            }
        }
    }

    @Override
    public void close() {
        executor.close();
    }
}
