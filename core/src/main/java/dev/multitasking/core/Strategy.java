package dev.multitasking.core;

import java.util.Map;
import java.util.Objects;

/**
 * A way to run tasks: in sequence, on threads, on child processes, on a cluster. Modules
 * contribute strategies through {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/dev.multitasking.core.Strategy}); {@link Strategies} finds them.
 *
 * <p>Implementations are stateless factories: all state lives in the {@link Workers} that
 * {@link #start(int)} returns. What a strategy is given beyond the worker count (an existing
 * cluster to join) comes as {@link Options}, passed to {@link #start(int, Options)}, never through
 * global state. Timing a strategy is {@link dev.multitasking.core.measure.Trial}'s job.
 */
public interface Strategy {

    /** A short, unique, lower-case name: {@code sequential}, {@code jdk-fixed}, ... */
    String name();

    /** One line on what it is and how it runs tasks. */
    String description();

    /**
     * Whether the worker count changes anything. {@code sequential}, a thread per task and a
     * cached pool ignore it; their runs report the number of distinct workers that ran tasks.
     */
    default boolean takesWorkers() {
        return true;
    }

    /**
     * Whether a comparison runs it when no strategy is named. False for a strategy whose start
     * costs seconds (a cluster forming); such a one runs when asked for by name.
     */
    default boolean inDefaultSet() {
        return true;
    }

    /**
     * Memory one worker takes outside this JVM (a worker JVM, a cluster member), measured after
     * work, when started with {@code options}; 0 when its workers are threads of this JVM, or run
     * elsewhere (a joined cluster's members). A comparison refuses a worker count whose workers
     * would not fit the machine's available memory.
     */
    default long bytesPerWorker(Options options) {
        return 0;
    }

    /**
     * Starts the workers: the part of a run that a pool pays once, timed apart from the work.
     *
     * @param workers how many; ignored when {@link #takesWorkers()} is false
     */
    Workers start(int workers) throws Exception;

    /**
     * Refuses, before anything starts, options this strategy reads but cannot use: an
     * {@link IllegalArgumentException} whose message says what was expected. Options it does
     * not read are no concern of it.
     */
    default void check(Options options) {
    }

    /**
     * Starts the workers with options; a strategy that reads none ignores them and starts as
     * {@link #start(int)} does.
     */
    default Workers start(int workers, Options options) throws Exception {
        return start(workers);
    }

    /**
     * Named settings for a strategy, from the command line: {@code join} and
     * {@code cluster-name} for the cluster. A strategy documents the names it reads.
     *
     * @param values name to value
     */
    record Options(Map<String, String> values) {

        /** No options: every strategy's defaults. */
        public static final Options NONE = new Options(Map.of());

        public Options {
            values = Map.copyOf(values);
        }

        /** One option; add more with {@link #with}. */
        public static Options of(String name, String value) {
            return NONE.with(name, value);
        }

        /** These options and one more (a null or blank value adds nothing). */
        public Options with(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (value == null || value.isBlank()) {
                return this;
            }
            var copy = new java.util.HashMap<>(values);
            copy.put(name, value.strip());
            return new Options(copy);
        }

        /** The value, or {@code fallback} when not given. */
        public String get(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }
    }
}
