package dev.multitasking.core.futures;

import dev.multitasking.core.Task;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One chunk of a {@link Futures#map}: the function applied to consecutive items, as one task.
 * A failure stops the chunk but keeps the values computed before it, so the caller sees every
 * result up to the failing item, then the failure, in input order.
 *
 * @param function what to apply
 * @param items    the chunk's items, in input order
 */
record MapChunk<T, R>(TaskFunction<? super T, ? extends R> function, List<T> items)
        implements Task<MapChunk.Outcome<R>> {

    /**
     * @param values  the results, one per item up to the failure
     * @param failure what the item after the last value threw, or null
     */
    record Outcome<R>(List<R> values, Exception failure) implements Serializable {

        /** Crosses a process as {@link Packed} values. */
        @java.io.Serial
        private Object writeReplace() {
            return new OutcomeWire(Packed.of(values), failure);
        }
    }

    /** An {@link Outcome} as it crosses a process. */
    private record OutcomeWire(Packed values, Exception failure) implements Serializable {
        @java.io.Serial
        private Object readResolve() {
            return new Outcome<>(values.list(), failure);
        }
    }

    /** A chunk as it crosses a process: its items {@link Packed}. */
    private record Wire(TaskFunction<?, ?> function, Packed items) implements Serializable {
        @java.io.Serial
        @SuppressWarnings({"unchecked", "rawtypes"})
        private Object readResolve() {
            return new MapChunk(function, items.list());
        }
    }

    @java.io.Serial
    private Object writeReplace() {
        return new Wire(function, Packed.of(items));
    }

    @Override
    public Outcome<R> call() {
        List<R> values = new ArrayList<>(items.size());
        for (T item : items) {
            try {
                values.add(function.apply(item));
            } catch (Exception e) {
                return new Outcome<>(values, e);
            }
        }
        return new Outcome<>(values, null);
    }
}
