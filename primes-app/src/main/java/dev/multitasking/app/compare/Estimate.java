package dev.multitasking.app.compare;

import dev.multitasking.core.primes.CountPrimes;
import dev.multitasking.core.primes.SieveSegment;
import dev.multitasking.core.workload.CountWorkload;
import dev.multitasking.core.workload.SieveWorkload;
import dev.multitasking.core.workload.Workload;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a prime workload takes on one thread, estimated from a small sample of its most
 * expensive end timed here and now, so that a run that will take minutes says so before it starts.
 * An estimate, within a factor of about two: good enough to tell seconds from an hour.
 */
public final class Estimate {

    /** What is worth announcing: shorter runs just run. */
    public static final Duration WORTH_SAYING = Duration.ofSeconds(20);

    private Estimate() {
    }

    /** The sequential time of a counting or sieving workload; empty for the others (they are quick, or bounded by their latency). */
    public static Optional<Duration> sequential(Workload<?> w) {
        return switch (w) {
            case CountWorkload c -> Optional.of(trialDivision(c.n()));
            case SieveWorkload s -> Optional.of(sieve(s.n()));
            default -> Optional.empty();
        };
    }

    /**
     * Trial division of x costs about sqrt(x) for a prime and less for the rest, so the whole of
     * [0, n) costs about 2/3 of n times the cost per number near n (the integral of sqrt).
     */
    public static Duration trialDivision(long n) {
        long width = Math.min(n, 2_048);
        long nanos = fastestOf3(() -> new CountPrimes(n - width, n).call());
        return Duration.ofNanos((long) (nanos * ((double) n / width) * 2 / 3));
    }

    /** The sieve's cost grows with n (times log log n, which this ignores): a window at the top, scaled. */
    public static Duration sieve(long n) {
        long width = Math.min(n, Math.max(4_000_000, Math.min(n / 1_000, 200_000_000)));   // wide enough that the per-call set-up does not dominate
        long nanos = fastestOf3(() -> new SieveSegment(n - width, n).call());
        return Duration.ofNanos((long) (nanos * ((double) n / width)));
    }

    /** The fastest of three timings: the first runs interpreted, and would overstate. */
    private static long fastestOf3(Runnable sample) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long begin = System.nanoTime();
            sample.run();
            best = Math.min(best, System.nanoTime() - begin);
        }
        return best;
    }

    /** "300 ms", "45 s", "12 min", "3.5 h". */
    public static String words(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 2 * 3600) {
            return (s / 60) + " min";
        }
        return String.format(java.util.Locale.ROOT, "%.1f h", s / 3600.0);
    }
}
