package dev.multitasking.core.primes;

import dev.multitasking.core.Task;

/**
 * How many primes lie in {@code [from, to)}, by trial division of every number: uneven work,
 * since larger numbers take longer, which is what makes chunking and work stealing matter.
 */
public record CountPrimes(long from, long to) implements Task<Long> {

    public CountPrimes {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("need 0 <= from <= to, got [" + from + ", " + to + ")");
        }
    }

    @Override
    public Long call() {
        return Primes.countPrimes(from, to);
    }
}
