package dev.multitasking.core.workload;

import dev.multitasking.core.Task;
import dev.multitasking.core.primes.KnownPrimeCounts;
import dev.multitasking.core.primes.Primes;
import dev.multitasking.core.primes.SieveSegment;
import java.util.List;
import java.util.OptionalLong;

/**
 * pi(N) by the segmented sieve, the range cut into segments that run as separate tasks.
 *
 * <p>Oracle: pi(10^k) from OEIS A006880 when N is a power of ten; otherwise one uncut sieve over
 * the whole range, whose segment boundaries differ from the tasks'.
 *
 * @param n        count the primes up to and including n
 * @param segments how many tasks
 */
public record SieveWorkload(long n, int segments) implements Workload<Long> {

    static final long MAX_N = 1_000_000_000_000L;
    static final long MAX_SEGMENTS = 1_000_000L;
    static final long DEFAULT_SEGMENTS = 64;

    public SieveWorkload {
        if (n < 1 || n > MAX_N || segments < 1 || segments > Math.min(n, MAX_SEGMENTS)) {
            throw new IllegalArgumentException("need 1 <= N <= 10^12 and 1 <= segments <= min(N, 10^6), got sieve:" + n + ":" + segments);
        }
    }

    @Override
    public String spec() {
        return "sieve:" + n + ":" + segments;
    }

    @Override
    public String description() {
        return "pi(" + n + ") by segmented sieve, " + segments + " segments";
    }

    @Override
    public PreparedWorkload<Long> prepare() {
        List<Task<Long>> tasks = Ranges.split(0, n + 1, segments, SieveSegment::new);
        return new Prepared<>(tasks, results -> {
            long total = results.stream().mapToLong(Long::longValue).sum();
            OptionalLong known = KnownPrimeCounts.primePi(n);
            long expected = known.isPresent() ? known.getAsLong() : Primes.primePi(n);
            String source = known.isPresent() ? "OEIS A006880" : "an uncut sieve";
            return total == expected
                    ? Verdict.right("pi(" + n + ") = " + total)
                    : Verdict.wrong("segments add up to " + total + ", but pi(" + n + ") = " + expected + " (" + source + ")");
        });
    }
}
