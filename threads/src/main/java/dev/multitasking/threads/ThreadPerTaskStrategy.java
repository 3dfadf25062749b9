package dev.multitasking.threads;

import dev.multitasking.core.Batch;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Task;
import dev.multitasking.core.Timed;
import dev.multitasking.core.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The lecture's way before pools: a new platform {@link Thread} per task, {@code start()} them
 * all, {@code join()} them all. Every task pays for creating and destroying a thread, which is
 * what pools are for.
 */
public final class ThreadPerTaskStrategy implements Strategy {

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public String description() {
        return "a new platform Thread per task: start() them all, join() them all";
    }

    @Override
    public boolean takesWorkers() {
        return false;
    }

    @Override
    public Workers start(int workers) {
        return new Workers() {
            @Override
            public <T> Batch<T> invokeAll(List<? extends Task<T>> tasks) throws InterruptedException, ExecutionException {
                int n = tasks.size();
                AtomicReferenceArray<Timed<T>> done = new AtomicReferenceArray<>(n);
                AtomicReferenceArray<Exception> failed = new AtomicReferenceArray<>(n);
                List<Thread> threads = new ArrayList<>(n);
                try {
                    for (int i = 0; i < n; i++) {
                        int index = i;
                        Task<T> task = tasks.get(i);
                        threads.add(Thread.ofPlatform().name(name() + "-task-" + i).start(() -> {
                            try {
                                done.set(index, Timed.call(index, task));
                            } catch (Exception e) {
                                failed.set(index, e);
                            }
                        }));
                    }
                    for (Thread t : threads) {
                        t.join();
                    }
                } finally {
                    // Interrupted while joining: stop the others and wait, so no thread outlives the call.
                    threads.forEach(Thread::interrupt);
                    for (Thread t : threads) {
                        t.join();
                    }
                }
                List<Timed<T>> timed = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    if (failed.get(i) != null) {
                        throw new ExecutionException("task " + i + " (" + tasks.get(i) + ") failed: " + failed.get(i), failed.get(i));
                    }
                    timed.add(done.get(i));
                }
                return Batch.of(timed);
            }

            @Override
            public void close() {
                // Every thread was joined in invokeAll.
            }
        };
    }
}
