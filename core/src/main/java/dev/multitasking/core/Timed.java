package dev.multitasking.core;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A task's value together with the {@link Span} of its run.
 *
 * @param value what the task returned
 * @param span  who ran it and when
 * @param <T>   the value's type
 */
public record Timed<T>(T value, Span span) implements Serializable {

    /** Runs {@code task} on the current thread and records its span as task number {@code index}. */
    public static <T> Timed<T> call(int index, Callable<? extends T> task) throws Exception {
        long start = Span.nowMicros();
        T value = task.call();
        return new Timed<>(value, Span.ofCurrentThread(index, start, Span.nowMicros()));
    }
}
