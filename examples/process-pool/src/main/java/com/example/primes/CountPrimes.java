package com.example.primes;

import dev.multitasking.core.Task;

/**
 * This project's own task: how many primes lie in {@code [from, to)}, by trial division. A record
 * of plain values, so it serializes as it is; a {@link Task} is a serializable {@code Callable}.
 */
public record CountPrimes(long from, long to) implements Task<Long> {

    @Override
    public Long call() {
        long count = 0;
        for (long n = from; n < to; n++) {
            if (isPrime(n)) {
                count++;
            }
        }
        return count;
    }

    static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
