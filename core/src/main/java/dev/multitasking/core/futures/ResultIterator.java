package dev.multitasking.core.futures;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * An iteration whose {@link #next()} may wait, fail or time out, as Python's
 * {@code Executor.map} and {@code as_completed} generators do. It is not a
 * {@link java.util.Iterator} because those exceptions are checked here, where Java's iterators
 * could only smuggle them out unchecked.
 *
 * <p>After {@code next()} throws, the iteration is over: {@link #hasNext()} answers false and
 * whatever was still pending has been cancelled. {@link #close()} ends it early the same way; use
 * it in try-with-resources.
 *
 * @param <E> what it yields
 */
public interface ResultIterator<E> extends AutoCloseable {

    /** Whether {@link #next()} has something to yield (or to throw). Does not wait. */
    boolean hasNext();

    /**
     * The next element, waiting for it if needed.
     *
     * @throws ExecutionException   a task failed; its exception is the cause
     * @throws TimeoutException     the iteration's deadline passed first
     * @throws InterruptedException the caller was interrupted while waiting
     * @throws java.util.NoSuchElementException when {@link #hasNext()} is false
     */
    E next() throws ExecutionException, TimeoutException, InterruptedException;

    /** Ends the iteration and cancels what is pending. Does not throw. */
    @Override
    void close();
}
