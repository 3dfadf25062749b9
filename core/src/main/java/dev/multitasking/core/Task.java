package dev.multitasking.core;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * The unit of work: a {@link Callable} that is also {@link Serializable}, so the same object runs
 * in a thread, in a child JVM or on a cluster member.
 *
 * <p>Implement it with a record whose components are plain values; a task must not capture
 * anything that only makes sense in the JVM that created it (a lock, a stream, a lambda's
 * enclosing instance).
 *
 * @param <T> what the task computes; serializable when the task runs outside this JVM
 */
@FunctionalInterface
public interface Task<T> extends Callable<T>, Serializable {
}
