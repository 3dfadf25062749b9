package dev.multitasking.core.primes;

import dev.multitasking.core.Task;

/** Is {@code n} prime? By the lecture's trial division: the CPU-bound task of the seed workload. */
public record IsPrime(long n) implements Task<Boolean> {

    @Override
    public Boolean call() {
        return Primes.isPrime(n);
    }
}
