package dev.multitasking.threads;

import dev.multitasking.core.Batch;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Task;
import dev.multitasking.core.Timed;
import dev.multitasking.core.Workers;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Divide and conquer on a {@link ForkJoinPool}: one {@link RecursiveTask} covers the whole list
 * of tasks, splits its range in halves, forks one half, computes the other, and joins, until a
 * range holds a single task. The pool's work stealing spreads the halves; a waiting
 * {@code join()} runs other work instead of blocking.
 */
public final class ForkJoinStrategy implements Strategy {

    @Override
    public String name() {
        return "forkjoin";
    }

    @Override
    public String description() {
        return "ForkJoinPool: a RecursiveTask halves the task range until one task is left";
    }

    @Override
    public Workers start(int workers) {
        ForkJoinPool pool = newPool(name(), workers);
        return new Workers() {
            @Override
            public <T> Batch<T> invokeAll(List<? extends Task<T>> tasks) throws InterruptedException, ExecutionException {
                Range<T> root = new Range<>(tasks, 0, tasks.size(), new AtomicReferenceArray<>(tasks.size()));
                ForkJoinTask<Integer> running = pool.submit(root);
                try {
                    int failedAt = running.get();
                    if (failedAt >= 0) {
                        Exception cause = root.failures.get(failedAt);
                        throw new ExecutionException("task " + failedAt + " (" + tasks.get(failedAt) + ") failed: " + cause, cause);
                    }
                } finally {
                    running.cancel(true);
                }
                return Batch.of(Arrays.asList(root.results));
            }

            @Override
            public void close() {
                pool.shutdownNow();
                pool.close();
            }
        };
    }

    /** A pool of {@code workers} threads named {@code <name>-worker-<n>}, for this and the parallel-stream strategy. */
    static ForkJoinPool newPool(String name, int workers) {
        // Numbered here: a new thread's getPoolIndex() is 0 until it registers with the pool, so
        // naming by it would give every worker the same name (and the report's timeline one lane).
        AtomicInteger next = new AtomicInteger(1);
        return new ForkJoinPool(workers, p -> {
            var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            thread.setName(name + "-worker-" + next.getAndIncrement());
            return thread;
        }, null, false);
    }

    /**
     * Runs tasks [from, to); answers the lowest index that failed, or -1. After a failure the
     * ranges not yet started are skipped, as an invokeAll cancels what is left.
     */
    @SuppressWarnings("serial")   // ForkJoinTask is Serializable; this one never leaves its pool
    private static final class Range<T> extends RecursiveTask<Integer> {
        private final List<? extends Task<T>> tasks;
        private final int from;
        private final int to;
        private final AtomicReferenceArray<Exception> failures;
        private final Timed<T>[] results;

        @SuppressWarnings("unchecked")
        Range(List<? extends Task<T>> tasks, int from, int to, AtomicReferenceArray<Exception> failures) {
            this(tasks, from, to, failures, (Timed<T>[]) new Timed<?>[tasks.size()]);
        }

        private Range(List<? extends Task<T>> tasks, int from, int to, AtomicReferenceArray<Exception> failures, Timed<T>[] results) {
            this.tasks = tasks;
            this.from = from;
            this.to = to;
            this.failures = failures;
            this.results = results;
        }

        @Override
        protected Integer compute() {
            if (to - from <= 1) {
                if (from == to) {
                    return -1;
                }
                try {
                    results[from] = Timed.call(from, tasks.get(from));
                    return -1;
                } catch (Exception e) {
                    failures.set(from, e);
                    return from;
                }
            }
            int mid = (from + to) >>> 1;
            Range<T> left = new Range<>(tasks, from, mid, failures, results);
            Range<T> right = new Range<>(tasks, mid, to, failures, results);
            left.fork();                       // the other half is up for stealing
            int r = right.compute();
            int l = left.join();               // a worker waiting here runs other tasks
            return l >= 0 ? l : r;
        }
    }
}
