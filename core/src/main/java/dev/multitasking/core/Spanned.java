package dev.multitasking.core;

/**
 * A task wrapped so that it reports its own {@link Span} from wherever it runs: a pool thread, a
 * child JVM, a cluster member.
 *
 * @param index the task's index in its batch
 * @param task  the task to run
 * @param <T>   the task's value
 */
public record Spanned<T>(int index, Task<T> task) implements Task<Timed<T>> {

    @Override
    public Timed<T> call() throws Exception {
        return Timed.call(index, task);
    }
}
