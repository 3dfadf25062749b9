package dev.multitasking.core;

import java.util.List;

/**
 * The outcome of running a list of tasks: results in task order, one {@link Span} per task.
 *
 * @param results the tasks' values, {@code results.get(i)} from task {@code i}
 * @param spans   {@code spans.get(i)} is the span of task {@code i}
 * @param <T>     the tasks' value type
 */
public record Batch<T>(List<T> results, List<Span> spans) {

    public Batch {
        results = List.copyOf(results);
        spans = List.copyOf(spans);
        if (results.size() != spans.size()) {
            throw new IllegalArgumentException(results.size() + " results but " + spans.size() + " spans");
        }
    }

    /** Collects timed values, which must be in task order. */
    public static <T> Batch<T> of(List<Timed<T>> timed) {
        return new Batch<>(timed.stream().map(Timed::value).toList(), timed.stream().map(Timed::span).toList());
    }
}
