package dev.multitasking.core.workload;

import dev.multitasking.core.Task;
import dev.multitasking.core.primes.CountPrimes;
import dev.multitasking.core.primes.KnownPrimeCounts;
import dev.multitasking.core.primes.Primes;
import java.util.List;
import java.util.OptionalLong;

/**
 * pi(N) by trial division of every number up to N, the range cut into chunks. Later chunks cost
 * more (larger numbers have more divisors to try), so the work is uneven on purpose.
 *
 * <p>Oracle: each chunk against the sieve over the same range (a different algorithm), and the
 * total against pi(10^k) from OEIS A006880 when N is a power of ten.
 *
 * @param n      count the primes up to and including n
 * @param chunks how many tasks
 */
public record CountWorkload(long n, int chunks) implements Workload<Long> {

    static final long MAX_N = 1_000_000_000L;
    static final long MAX_CHUNKS = 1_000_000L;
    static final long DEFAULT_CHUNKS = 64;

    public CountWorkload {
        if (n < 1 || n > MAX_N || chunks < 1 || chunks > Math.min(n, MAX_CHUNKS)) {
            throw new IllegalArgumentException("need 1 <= N <= 10^9 and 1 <= chunks <= min(N, 10^6), got count:" + n + ":" + chunks);
        }
    }

    @Override
    public String spec() {
        return "count:" + n + ":" + chunks;
    }

    @Override
    public String description() {
        return "pi(" + n + ") by trial division, " + chunks + " chunks";
    }

    @Override
    public PreparedWorkload<Long> prepare() {
        List<Task<Long>> tasks = Ranges.split(0, n + 1, chunks, CountPrimes::new);
        return new Prepared<>(tasks, results -> {
            long total = 0;
            for (int i = 0; i < tasks.size(); i++) {
                CountPrimes chunk = (CountPrimes) tasks.get(i);
                long expected = Primes.sieveCount(chunk.from(), chunk.to());
                if (results.get(i) == null || results.get(i) != expected) {
                    return Verdict.wrong("task " + i + " (" + chunk + ") returned " + results.get(i) + ", the sieve says " + expected);
                }
                total += expected;
            }
            OptionalLong known = KnownPrimeCounts.primePi(n);
            if (known.isPresent() && known.getAsLong() != total) {
                return Verdict.wrong("chunks add up to " + total + ", but pi(" + n + ") = " + known.getAsLong());
            }
            return Verdict.right("pi(" + n + ") = " + total);
        });
    }
}
