package dev.multitasking.core.futures;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Turns any futures into a queue of completed ones. Python futures take callbacks; a Java
 * {@link Future} from an {@code ExecutorService} does not, so for each one that is not a
 * {@link CompletableFuture} a virtual thread blocks in {@code get()} and reports it done. Virtual
 * threads make that cheap; {@link #close()} interrupts those still waiting, so none outlives the
 * watch.
 */
final class CompletionWatch<T> implements AutoCloseable {

    private final BlockingQueue<Future<T>> completed = new LinkedBlockingQueue<>();
    private final List<Thread> watchers = new ArrayList<>();

    CompletionWatch(Collection<Future<T>> futures) {
        for (Future<T> f : futures) {
            if (f.isDone()) {
                completed.add(f);
            } else if (f instanceof CompletableFuture<T> cf) {
                cf.whenComplete((value, failure) -> completed.add(f));
            } else {
                watchers.add(Thread.ofVirtual().name("completion-watch").start(() -> {
                    try {
                        f.get();
                    } catch (ExecutionException | CancellationException e) {
                        // Done either way: the caller reads the outcome from the future itself.
                    } catch (InterruptedException e) {
                        return;  // the watch was closed
                    }
                    completed.add(f);
                }));
            }
        }
    }

    /** The next completed future, or null when none completes within {@code nanos}. */
    Future<T> poll(long nanos) throws InterruptedException {
        return nanos == Long.MAX_VALUE ? completed.take() : completed.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        watchers.forEach(Thread::interrupt);
        for (Thread t : watchers) {
            // Each watcher ends at its next instant once interrupted; joining proves none outlives us.
            boolean interrupted = false;
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
