package dev.multitasking.threads;

import dev.multitasking.core.Batch;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Task;
import dev.multitasking.core.Timed;
import dev.multitasking.core.Workers;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * A parallel stream over the tasks. A parallel stream runs in the {@link ForkJoinPool} of the
 * task that starts it, so starting it inside a pool of N workers (rather than the JVM-wide common
 * pool) gives it exactly N threads.
 */
public final class ParallelStreamStrategy implements Strategy {

    @Override
    public String name() {
        return "parallel-stream";
    }

    @Override
    public String description() {
        return "IntStream.range(...).parallel() inside a ForkJoinPool of N threads";
    }

    @Override
    public Workers start(int workers) {
        ForkJoinPool pool = ForkJoinStrategy.newPool(name(), workers);
        return new Workers() {
            @Override
            public <T> Batch<T> invokeAll(List<? extends Task<T>> tasks) throws InterruptedException, ExecutionException {
                // The stream's own exception may arrive as a copy made on another thread; the
                // failure itself is kept here, first one wins.
                AtomicReference<ExecutionException> failure = new AtomicReference<>();
                var running = pool.submit(() -> IntStream.range(0, tasks.size()).parallel()
                        .mapToObj(i -> {
                            try {
                                return Timed.call(i, tasks.get(i));
                            } catch (Exception e) {
                                failure.compareAndSet(null, new ExecutionException("task " + i + " (" + tasks.get(i) + ") failed: " + e, e));
                                throw new CompletionException(e);   // ends the stream
                            }
                        })
                        .toList());
                try {
                    return Batch.of(running.get());
                } catch (ExecutionException e) {
                    throw failure.get() != null ? failure.get() : e;
                } finally {
                    running.cancel(true);
                }
            }

            @Override
            public void close() {
                pool.shutdownNow();
                pool.close();
            }
        };
    }
}
