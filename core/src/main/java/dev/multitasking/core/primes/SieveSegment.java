package dev.multitasking.core.primes;

import dev.multitasking.core.Task;

/** How many primes lie in {@code [from, to)}, by the segmented sieve: even, memory-bound work. */
public record SieveSegment(long from, long to) implements Task<Long> {

    public SieveSegment {
        if (from < 0 || to < from || to > Primes.SIEVE_LIMIT + 1) {
            throw new IllegalArgumentException("need 0 <= from <= to <= 2^62, got [" + from + ", " + to + ")");
        }
    }

    @Override
    public Long call() {
        return Primes.sieveCount(from, to);
    }
}
