package dev.multitasking.processes;

import java.util.Arrays;
import java.util.List;

/**
 * The classes this project lets Java serialization build from bytes that arrived from
 * elsewhere: the process pool's frames from a worker (and a worker's from its parent), and the
 * cluster's tasks and results from a member or a client. One list, so that the two filters
 * cannot drift apart.
 *
 * <p>The project's packages; {@code java.lang} (boxed values, strings, exceptions, stack
 * traces) and serialized lambdas; the JDK's value types and collections by name;
 * {@code java.util.concurrent}'s exceptions and collections; time, big numbers, URIs and
 * {@code java.io} (its exceptions). Not {@code java.util} as a whole, {@code javax}, RMI,
 * naming, Swing, or any library's classes: the usual gadgets of deserialization attacks live
 * there.
 */
public final class AdmittedClasses {

    /**
     * The list as an {@link java.io.ObjectInputFilter} pattern ({@code pkg.**} a package and its
     * subpackages, {@code pkg.*} a package, {@code prefix*} names that begin so, {@code !*} the
     * rest refused).
     */
    public static final String PATTERN = "dev.multitasking.**;java.lang.*;java.lang.invoke.SerializedLambda;"
            + "java.util.ArrayList;java.util.LinkedList;java.util.ArrayDeque;java.util.Vector;java.util.PriorityQueue;"
            + "java.util.HashMap;java.util.LinkedHashMap;java.util.TreeMap;java.util.Hashtable;java.util.IdentityHashMap;"
            + "java.util.EnumMap;java.util.HashSet;java.util.LinkedHashSet;java.util.TreeSet;java.util.EnumSet*;java.util.RegularEnumSet;java.util.JumboEnumSet;"
            + "java.util.Arrays$ArrayList;java.util.Collections$*;java.util.ImmutableCollections$*;java.util.CollSer;"
            + "java.util.Map$Entry;java.util.Hashtable$Entry;java.util.AbstractMap$*;java.util.KeyValueHolder;java.util.BitSet;java.util.UUID;java.util.Date;"
            + "java.util.Locale;java.util.ConcurrentModificationException;java.util.NoSuchElementException;"
            + "java.util.MissingResourceException;java.util.InputMismatchException;java.util.IllformedLocaleException;"
            + "java.util.EmptyStackException;java.util.concurrent.*;java.util.concurrent.atomic.*;java.util.concurrent.locks.*;"
            + "java.time.*;java.math.*;java.net.URI;java.io.*;!*";

    private AdmittedClasses() {
    }

    /** The admitting entries of {@link #PATTERN}, in its order, without the final {@code !*}. */
    public static List<String> entries() {
        return Arrays.stream(PATTERN.split(";")).filter(e -> !e.startsWith("!")).toList();
    }
}
