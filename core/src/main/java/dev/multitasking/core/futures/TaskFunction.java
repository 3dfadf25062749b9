package dev.multitasking.core.futures;

import java.io.Serializable;

/**
 * A function for {@link Futures#map}: it may throw, like a Python function may raise, and it is
 * serializable, so a lambda of this type travels to a process pool or a cluster member as part
 * of a task.
 *
 * @param <T> the argument
 * @param <R> the result
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable {

    R apply(T argument) throws Exception;
}
