package dev.multitasking.processes;

import java.io.InvalidObjectException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bound on the work a value's decoding may do, by construction. A serialized value can share
 * parts (a list of six references to one list, nested 19 times, is 150 references), and decoding
 * it can walk every path through the shared parts: a {@code HashSet} hashes each element on
 * arrival, and {@code ArrayList.hashCode} visits what it holds as often as it is referenced,
 * 6^19 steps for those 150 references. What bounds it is the value's unfolded size: the objects
 * it would have if no part were shared.
 *
 * <p>Each object's unfolded size is reckoned as it is read, bottom up, from its parts' (already
 * reckoned, so each object costs its own references and no more): one for itself, plus what its
 * elements, entries, record components or fields unfold to. An object that would unfold to more
 * than {@link #MAX_UNFOLDED} is refused before anything hashes it. Hashing or comparing a value
 * visits at most its unfolded size, and every collection in a frame hashes parts of the frame's
 * root, at most {@link FrameFilter#MAX_DEPTH} collections deep: so no frame can make its decoding
 * take more than about {@code MAX_DEPTH x MAX_UNFOLDED} steps. A value without shared parts, what
 * a task returns nearly always, unfolds to its own size, which the frame filter already bounds.
 *
 * <p>Owned by the one thread that decodes; reset at each frame.
 */
final class Unfolding {

    /** The unfolded size above which a value is refused: a few times the references a frame may hold. */
    static final long MAX_UNFOLDED = 4 * FrameFilter.MAX_REFS;

    /** The fields that make up an object of a class that is not the JDK's, for the classes seen. */
    private static final ClassValue<List<Field>> PARTS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && !jdk(c); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive() && open(f)) {
                        fields.add(f);
                    }
                }
            }
            return List.copyOf(fields);
        }
    };

    private final Map<Object, Long> sizes = new IdentityHashMap<>();

    /** A new frame: its objects are new too. */
    void startFrame() {
        sizes.clear();
    }

    /**
     * Reckons the unfolded size of an object just read, whose parts were read before it.
     *
     * @throws InvalidObjectException when it unfolds to more than {@link #MAX_UNFOLDED}
     */
    void read(Object o) throws InvalidObjectException {
        if (o == null || leaf(o.getClass())) {
            return;
        }
        long size = 1;
        switch (o) {
            case Collection<?> c -> {
                for (Object e : c) {
                    size = plus(size, of(e));
                }
            }
            case Map<?, ?> m -> {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    size = plus(plus(size, of(e.getKey())), of(e.getValue()));
                }
            }
            case Map.Entry<?, ?> e -> size = plus(plus(size, of(e.getKey())), of(e.getValue()));
            case Object[] array -> {
                for (Object e : array) {
                    size = plus(size, of(e));
                }
            }
            default -> size = plus(size, parts(o));
        }
        if (size > MAX_UNFOLDED) {
            throw new InvalidObjectException("refused by the pool's filter: a " + o.getClass().getName() + " whose shared parts unfold to more than "
                    + MAX_UNFOLDED + " objects (decoding it would visit every one: hashing a set of lists that share one list, say)");
        }
        sizes.put(o, size);
    }

    /** A part's size: reckoned when it was read; 1 for one that is not (yet) reckoned, such as a reference back to an ancestor. */
    private long of(Object part) {
        if (part == null) {
            return 0;
        }
        Long s = sizes.get(part);
        return s == null ? 1 : s;
    }

    /**
     * The parts of an object of no collection type: the fields of a class of the user's or the
     * project's (a record's are its components), read as fields, so that no code of theirs runs.
     */
    private long parts(Object o) {
        Class<?> type = o.getClass();
        if (jdk(type)) {
            return 0;   // a JDK value type the filter admits: its hash does not walk a caller's objects
        }
        long size = 0;
        try {
            for (Field f : PARTS.get(type)) {
                size = plus(size, of(f.get(o)));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a part that cannot be read cannot be hashed by our code either: nothing more to reckon
        }
        return size;
    }

    private static boolean leaf(Class<?> c) {
        return c == String.class || c.isEnum() || Number.class.isAssignableFrom(c) && jdk(c) || c == Boolean.class
                || c == Character.class || c == Class.class || c.isArray() && c.getComponentType().isPrimitive();
    }

    private static boolean jdk(Class<?> c) {
        String n = c.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.");
    }

    private static boolean open(Field f) {
        try {
            return f.trySetAccessible();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long plus(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
