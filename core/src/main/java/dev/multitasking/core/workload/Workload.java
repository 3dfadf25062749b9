package dev.multitasking.core.workload;

import dev.multitasking.core.NumberText;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * A named set of tasks with an oracle that knows the right answers, parsed from text:
 * {@code seed}, {@code count:N[:chunks]}, {@code sieve:N[:segments]}, {@code io:N[:latency]}.
 *
 * <p>A workload is a value; {@link #prepare()} starts what its tasks need (the HTTP server of
 * {@code io}) and hands back the tasks and their oracle, to be closed after the run.
 *
 * @param <T> what each task returns
 */
public sealed interface Workload<T> permits SeedWorkload, CountWorkload, SieveWorkload, IoWorkload {

    /** What to write to get this workload back from {@link #parse}: {@code count:1000000:64}. */
    String spec();

    /** One line for people: what is computed and how. */
    String description();

    /**
     * Whether its tasks keep a core busy from start to end (trial division, the sieve), so that
     * no strategy can run them faster than the cores allow; false for work that waits ({@code io}).
     */
    default boolean cpuBound() {
        return true;
    }

    /** Starts what the tasks need and returns them with their oracle. */
    PreparedWorkload<T> prepare();

    /** The forms {@link #parse} accepts, for error messages and help. */
    String FORMS = "seed, count:N[:chunks] (N up to 10^9), sieve:N[:segments] (N up to 10^12), io:N[:latency] (N up to 100000)";

    /**
     * Parses workload text.
     *
     * @throws IllegalArgumentException saying what is wrong and what is allowed
     */
    static Workload<?> parse(String text) {
        String[] parts = text.strip().split(":", -1);
        String kind = parts[0].toLowerCase(Locale.ROOT);
        try {
            return switch (kind) {
                case "seed" -> {
                    expectParts(parts, 1, 1);
                    yield new SeedWorkload();
                }
                case "count" -> split(parts, CountWorkload.MAX_N, "chunks", CountWorkload.MAX_CHUNKS, CountWorkload.DEFAULT_CHUNKS, CountWorkload::new);
                case "sieve" -> split(parts, SieveWorkload.MAX_N, "segments", SieveWorkload.MAX_SEGMENTS, SieveWorkload.DEFAULT_SEGMENTS, SieveWorkload::new);
                case "io" -> {
                    expectParts(parts, 2, 3);
                    int n = (int) NumberText.parseLong(parts[1], "N", 1, IoWorkload.MAX_REQUESTS);
                    Duration latency = parts.length > 2 ? NumberText.parseDuration(parts[2]) : IoWorkload.DEFAULT_LATENCY;
                    if (latency.compareTo(IoWorkload.MAX_LATENCY) > 0) {
                        throw new IllegalArgumentException("latency must be at most " + IoWorkload.MAX_LATENCY.toSeconds() + "s, got " + parts[2]);
                    }
                    yield new IoWorkload(n, latency);
                }
                default -> throw new IllegalArgumentException("unknown kind '" + parts[0] + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad workload '" + text + "': " + e.getMessage() + "; use " + FORMS, e);
        }
    }

    /** {@code kind:N[:parts]}: a range up to N cut into parts, each bounded, parts at most N. */
    private static <W> W split(String[] parts, long maxN, String partName, long maxParts, long defaultParts,
                               BiFunction<Long, Integer, W> make) {
        expectParts(parts, 2, 3);
        long n = NumberText.parseLong(parts[1], "N", 1, maxN);
        long cuts = parts.length > 2
                ? NumberText.parseLong(parts[2], partName, 1, Math.min(n, maxParts))
                : Math.min(n, defaultParts);
        return make.apply(n, (int) cuts);
    }

    private static void expectParts(String[] parts, int min, int max) {
        if (parts.length < min || parts.length > max) {
            throw new IllegalArgumentException(parts[0] + " takes " + (min - 1)
                    + (max > min ? " to " + (max - 1) : "") + " value(s) after it");
        }
    }
}
