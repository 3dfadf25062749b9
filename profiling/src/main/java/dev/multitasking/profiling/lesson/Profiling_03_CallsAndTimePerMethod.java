package dev.multitasking.profiling.lesson;

import dev.multitasking.core.primes.IsPrime;
import dev.multitasking.core.primes.Primes;
import dev.multitasking.core.workload.SeedWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * <b>cProfile in Java: calls and time per method.</b> Python's cProfile counts every call of
 * every function and times it. A sampling profiler ({@code profiling-01}) cannot count calls; JDK
 * 25's Flight Recorder can, for the methods a filter names: its {@code jdk.MethodTiming} event
 * instruments them while the recording runs and reports, per method, the invocations and the
 * minimum, average and maximum time of a call (callees included: cProfile's {@code cumtime}).
 * Here the lecture's six numbers go through {@link IsPrime} twenty times, with
 * {@link Primes}'s and {@code IsPrime}'s methods timed.
 *
 * <p>What it shows: {@code isPrime} is called exactly 120 times (6 numbers, 20 rounds), each call
 * of the large numbers taking milliseconds, all of it inside
 * {@code smallestFactorByTrialDivision}: the same answer as the sampling profiler, now with the
 * call counts cProfile prints. On JDK 21 to 24 the event does not exist; the lesson says so.
 *
 * <p>Run: {@code ./primes demo profiling-03}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * the six numbers, 20 rounds, through IsPrime (cProfile's ncalls and cumtime)
 *    calls     total ms       per call   longest call   method
 *      120        456.4       3.803 ms      14.105 ms   dev.multitasking.core.primes.IsPrime.call
 *      120        455.4       3.795 ms      13.900 ms   dev.multitasking.core.primes.Primes.isPrime
 *      120        454.9       3.791 ms      13.883 ms   dev.multitasking.core.primes.Primes.smallestFactorByTrialDivision
 *        1          0.7       0.682 ms       0.682 ms   dev.multitasking.core.primes.Primes.&lt;clinit&gt;
 *     6400          0.3       0.000 ms       0.022 ms   dev.multitasking.core.primes.Primes.wholeQuotient
 *      120          0.1       0.001 ms       0.014 ms   dev.multitasking.core.primes.Primes.isqrt
 *      120          0.1       0.001 ms       0.004 ms   dev.multitasking.core.primes.IsPrime.&lt;init&gt;
 * </pre>
 */
public final class Profiling_03_CallsAndTimePerMethod {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Flight Recorder's method timing counts every call and times it, as cProfile does: isPrime, 120 calls.";

    private Profiling_03_CallsAndTimePerMethod() {
    }

    static final int ROUNDS = 20;

    /** One method's line: its calls, and the average, minimum and maximum time of a call. */
    record Timing(String method, long calls, Duration average, Duration minimum, Duration maximum) {
        Duration total() {
            return average.multipliedBy(calls);
        }
    }

    /** Whether this JDK has {@code jdk.MethodTiming} (JDK 25 and later). */
    static boolean supported() {
        return Runtime.version().feature() >= 25;
    }

    /** Runs the six numbers through {@link IsPrime} {@code rounds} times, with the prime methods timed. */
    static List<Timing> timeSeed(int rounds) throws IOException {
        Path jfr = Files.createTempFile("method-timing", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.MethodTiming")
                    .with("filter", Primes.class.getName() + ";" + IsPrime.class.getName())
                    .with("period", "endChunk");
            recording.start();
            int primes = 0;
            for (int r = 0; r < rounds; r++) {
                for (long n : SeedWorkload.NUMBERS) {
                    primes += new IsPrime(n).call() ? 1 : 0;
                }
            }
            recording.stop();
            if (primes != 5 * rounds) {
                throw new IllegalStateException("counted " + primes + " primes, expected " + 5 * rounds);
            }
            recording.dump(jfr);
            List<Timing> timings = new ArrayList<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
                if (!e.getEventType().getName().equals("jdk.MethodTiming") || e.getLong("invocations") == 0) {
                    continue;
                }
                var m = e.getValue("method");
                String name = ((jdk.jfr.consumer.RecordedMethod) m).getType().getName() + "." + ((jdk.jfr.consumer.RecordedMethod) m).getName();
                timings.add(new Timing(name, e.getLong("invocations"), duration(e, "average"), duration(e, "minimum"),
                        duration(e, "maximum")));
            }
            timings.sort(Comparator.comparing(Timing::total).reversed());
            return timings;
        } finally {
            Files.deleteIfExists(jfr);
        }
    }

    /** A timespan field, or zero where the clock could not tell (the event writes Long.MIN_VALUE then). */
    private static Duration duration(RecordedEvent e, String field) {
        long raw = e.getLong(field);
        return raw == Long.MIN_VALUE ? Duration.ZERO : e.getDuration(field);
    }

    public static void main(String[] args) throws Exception {
        if (!supported()) {
            System.out.println("jdk.MethodTiming needs JDK 25 or later; this is JDK " + Runtime.version().feature()
                    + " (profiling-01's sampling profiler works on any)");
            return;
        }
        List<Timing> timings = timeSeed(ROUNDS);
        System.out.printf("the six numbers, %d rounds, through IsPrime (cProfile's ncalls and cumtime)%n", ROUNDS);
        System.out.printf("%8s %12s %14s %14s   %s%n", "calls", "total ms", "per call", "longest call", "method");
        for (Timing t : timings) {
            System.out.printf(Locale.ROOT, "%8d %12.1f %11.3f ms %11.3f ms   %s%n", t.calls(), t.total().toNanos() / 1e6,
                    t.average().toNanos() / 1e6, t.maximum().toNanos() / 1e6, t.method());
        }
    }
}
