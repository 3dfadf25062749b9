package dev.multitasking.core.futures;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A list as a chunk of {@link Futures#map} carries it into another process and back: a list of
 * {@code Integer}s as one {@code int[]}, of {@code Long}s as one {@code long[]}, anything else as
 * it is. Java serialization writes, and a filtered reader checks, every boxed number as an object
 * of its own; a million of them in chunks of a thousand cost the process pool most of its time.
 */
record Packed(int[] ints, long[] longs, List<?> other) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static Packed of(List<?> list) {
        if (!list.isEmpty() && list.stream().allMatch(x -> x instanceof Integer)) {
            return new Packed(list.stream().mapToInt(x -> (Integer) x).toArray(), null, null);
        }
        if (!list.isEmpty() && list.stream().allMatch(x -> x instanceof Long)) {
            return new Packed(null, list.stream().mapToLong(x -> (Long) x).toArray(), null);
        }
        return new Packed(null, null, list instanceof ArrayList<?> || list.isEmpty() ? list : new ArrayList<>(list));
    }

    /** The list again, a new one the caller owns. */
    @SuppressWarnings("unchecked")
    <E> List<E> list() {
        if (ints != null) {
            List<Integer> l = new ArrayList<>(ints.length);
            Arrays.stream(ints).forEach(l::add);
            return (List<E>) l;
        }
        if (longs != null) {
            List<Long> l = new ArrayList<>(longs.length);
            Arrays.stream(longs).forEach(l::add);
            return (List<E>) l;
        }
        return new ArrayList<>((List<E>) other);
    }
}
