package dev.multitasking.core.primes;

import java.util.BitSet;

/**
 * Prime arithmetic on {@code long}: the lecture's trial division, a deterministic Miller-Rabin and
 * a segmented sieve. Every method is correct for its whole input range and free of overflow,
 * {@code Long.MAX_VALUE} included.
 */
public final class Primes {

    /**
     * The largest number the sieve takes: 2^62, far beyond any range it could finish (pi(10^12)
     * takes minutes), and low enough that no multiple it strikes can overflow a {@code long}.
     */
    public static final long SIEVE_LIMIT = 1L << 62;

    /**
     * Bases that make Miller-Rabin deterministic below 3.3 * 10^24, so for every {@code long}
     * (Sorenson and Webster, 2015).
     */
    private static final long[] WITNESSES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};

    private Primes() {
    }

    /**
     * Below 2^53 a {@code long} is exact as a {@code double}, and so is the quotient test: for
     * {@code n < 2^53} and {@code d <= sqrt(n)}, the rounded {@code n / d} is a whole number exactly
     * when {@code d} divides {@code n} (a true quotient {@code k + r/d}, {@code 0 < r < d}, lies at
     * least {@code 1/d} from a whole number, and rounding moves it by at most {@code n/d * 2^-53},
     * less than that).
     */
    static final long EXACT_IN_DOUBLE = 1L << 53;
    /** Divisors tested at once in the vector loop: 64 quotients, eight AVX-512 divisions. */
    private static final int BLOCK = 64;
    /** Odd divisors below this are tried one at a time: most composites end there, before a block's work. */
    private static final int FIRST_ONE_BY_ONE = 64;
    /** 0, 2, 4, ...: the block's divisors as offsets from its first, for the loop the compiler vectorizes. */
    private static final double[] BLOCK_OFFSETS = new double[BLOCK];
    /**
     * Each thread's block of quotients. A new array per call was 1 GB of garbage per pi(2,000,000)
     * by trial division, and its collections stopped both workers: 2 threads ran 1.5x one.
     */
    private static final ThreadLocal<double[]> QUOTIENTS = ThreadLocal.withInitial(() -> new double[BLOCK]);

    static {
        for (int j = 0; j < BLOCK; j++) {
            BLOCK_OFFSETS[j] = 2 * j;
        }
    }

    /**
     * Trial division as the lecture writes it: 2 is prime, other evens are not, then every odd
     * divisor from 3 to floor(sqrt(n)), the smallest first. Slow on purpose: it is the CPU-bound
     * work the strategies share. See {@link #smallestFactorByTrialDivision(long)} for how each
     * divisor is tested.
     */
    public static boolean isPrime(long n) {
        return smallestFactorByTrialDivision(n) == n && n >= 2;
    }

    /**
     * The smallest prime factor of {@code n} found by trial division, or {@code n} itself when
     * {@code n} is prime; 0 and 1 (and negatives) answer themselves.
     *
     * <p>The same divisors in the same order as {@link #smallestFactorByRemainder(long)}; only the
     * test differs. A 64-bit {@code n % d} is a hardware division of 10 to 20 cycles that waits for
     * the one before it; below {@link #EXACT_IN_DOUBLE} the test is instead whether the
     * floating-point quotient is whole, which is exact there (see the constant), and 64 of them at
     * a time are plain array arithmetic that HotSpot's compiler turns into vector divisions. On the
     * lecture's six numbers this is 2.7x the remainder loop ({@code PrimeAlgorithmBenchmark}).
     * Larger {@code n} take the remainder loop.
     */
    public static long smallestFactorByTrialDivision(long n) {
        if (n < 2) {
            return n;
        }
        if ((n & 1) == 0) {
            return 2;
        }
        if (n >= EXACT_IN_DOUBLE) {
            return smallestFactorByRemainder(n);
        }
        long limit = isqrt(n);
        double nd = n;
        long d = 3;
        for (; d <= limit && d < FIRST_ONE_BY_ONE; d += 2) {
            if (wholeQuotient(nd, d)) {
                return d;
            }
        }
        if (d + 2L * (BLOCK - 1) <= limit) {
            double[] quotients = QUOTIENTS.get();
            for (; d + 2L * (BLOCK - 1) <= limit; d += 2L * BLOCK) {
                double first = d;
                for (int j = 0; j < BLOCK; j++) {   // vectorized: no branch, no dependence between j
                    quotients[j] = nd / (first + BLOCK_OFFSETS[j]);
                }
                for (int j = 0; j < BLOCK; j++) {
                    if (quotients[j] == Math.floor(quotients[j])) {
                        return d + 2L * j;
                    }
                }
            }
        }
        for (; d <= limit; d += 2) {
            if (wholeQuotient(nd, d)) {
                return d;
            }
        }
        return n;
    }

    private static boolean wholeQuotient(double n, long d) {
        double q = n / d;
        return q == Math.floor(q);
    }

    /**
     * The lecture's loop word for word: every odd {@code d} up to the square root, {@code n % d == 0}
     * the test. Correct for every {@code long}; {@link #smallestFactorByTrialDivision(long)} gives the
     * same answer faster below 2^53.
     */
    public static long smallestFactorByRemainder(long n) {
        if (n < 2) {
            return n;
        }
        if ((n & 1) == 0) {
            return 2;
        }
        long limit = isqrt(n);
        for (long d = 3; d <= limit; d += 2) {
            if (n % d == 0) {
                return d;
            }
        }
        return n;
    }

    /** Floor of the square root, exact for every non-negative {@code long}. */
    public static long isqrt(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("isqrt of a negative number: " + n);
        }
        long r = (long) Math.sqrt((double) n);
        // The double may be off by one either way near 2^63; settle without computing (r+1)^2,
        // which would overflow there.
        while (r > 0 && r > n / r) {
            r--;
        }
        while (r + 1 <= n / (r + 1)) {
            r++;
        }
        return r;
    }

    /**
     * Deterministic Miller-Rabin for every {@code long}, in Montgomery arithmetic: no division and
     * no {@code BigInteger} in the loop.
     */
    public static boolean isPrimeMillerRabin(long n) {
        if (n < 2) {
            return false;
        }
        for (long p : WITNESSES) {
            if (n % p == 0) {
                return n == p;
            }
        }
        if (n < 41 * 41) {
            return true;
        }
        Montgomery m = new Montgomery(n);
        long d = n - 1;
        int s = Long.numberOfTrailingZeros(d);
        d >>>= s;
        for (long a : WITNESSES) {
            if (!m.passes(a, d, s)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The smallest prime factor of {@code n}, or {@code n} when it is prime: Miller-Rabin first, so
     * a large prime costs microseconds; trial division only for composites.
     */
    public static long smallestFactor(long n) {
        if (n < 2) {
            return n;
        }
        return isPrimeMillerRabin(n) ? n : smallestFactorByTrialDivision(n);
    }

    /** The number of primes p with {@code from <= p < to}, by trial division of each number. */
    public static long countPrimes(long from, long to) {
        long count = 0;
        for (long n = Math.max(from, 0); n < to; n++) {
            if (isPrime(n)) {
                count++;
            }
            if (n == Long.MAX_VALUE) {
                break;
            }
        }
        return count;
    }

    /** pi(n): the number of primes {@code <= n}, by the segmented sieve; n at most {@link #SIEVE_LIMIT}. */
    public static long primePi(long n) {
        return n < 2 ? 0 : sieveCount(0, n + 1);
    }

    /**
     * The number of primes p with {@code from <= p < to}, by a segmented sieve of Eratosthenes on a
     * mod-30 wheel ({@link WheelSieve}). Memory is one 512 KiB segment plus the base primes up to
     * sqrt(to) and their positions, whatever the range, and the pre-sieve patterns (8 MiB, made
     * once): pi(10^12) needs about 7 MiB besides.
     *
     * @throws IllegalArgumentException when {@code to} exceeds {@link #SIEVE_LIMIT}
     */
    public static long sieveCount(long from, long to) {
        if (to > SIEVE_LIMIT + 1) {
            throw new IllegalArgumentException("sieve range ends at " + to + "; the sieve goes up to 2^62 = " + SIEVE_LIMIT);
        }
        from = Math.max(from, 0);
        return to <= from ? 0 : WheelSieve.count(from, to);
    }

    /** Odd primes {@code <= n} by a plain sieve; n is at most about 3.04 * 10^9 here (sqrt of a long). */
    static int[] oddPrimesUpTo(long n) {
        if (n < 3) {
            return new int[0];
        }
        int odds = (int) ((n - 1) / 2);                       // index i stands for 2i + 3
        BitSet composite = new BitSet(odds);
        for (long i = 0; ; i++) {
            long p = 2 * i + 3;
            if (p * p > n) {
                break;
            }
            if (!composite.get((int) i)) {
                for (long j = (p * p - 3) / 2; j < odds; j += p) {
                    composite.set((int) j);
                }
            }
        }
        int[] primes = new int[odds - composite.cardinality()];
        int k = 0;
        for (int i = composite.nextClearBit(0); i < odds; i = composite.nextClearBit(i + 1)) {
            primes[k++] = 2 * i + 3;
        }
        return primes;
    }

    /**
     * Arithmetic modulo an odd {@code n < 2^63} in Montgomery form with R = 2^64. Products are
     * 128-bit ({@code Math.unsignedMultiplyHigh}); reduction uses n^-1 mod 2^64 instead of a divide.
     */
    private static final class Montgomery {
        private final long n;
        private final long nInverse;  // n^-1 mod 2^64
        private final long one;       // R mod n
        private final long rSquared;  // R^2 mod n

        Montgomery(long n) {
            this.n = n;
            long inv = n;                       // correct to 3 bits for odd n; Newton doubles them
            for (int i = 0; i < 5; i++) {
                inv *= 2 - n * inv;
            }
            this.nInverse = inv;
            this.one = Long.remainderUnsigned(-n, n);  // (2^64 - n) mod n = 2^64 mod n
            long r2 = one;
            for (int i = 0; i < 64; i++) {      // r2 = one * 2^64 mod n, by doubling
                r2 <<= 1;
                if (Long.compareUnsigned(r2, n) >= 0) {
                    r2 -= n;
                }
            }
            this.rSquared = r2;
        }

        /** a * b * R^-1 mod n, for a, b < n. */
        long multiply(long a, long b) {
            long hi = Math.unsignedMultiplyHigh(a, b);
            long lo = a * b;
            long m = lo * nInverse;
            // (a*b - m*n) / 2^64: the low words cancel exactly, so only the high words remain.
            long t = hi - Math.unsignedMultiplyHigh(m, n);
            return t < 0 ? t + n : t;
        }

        boolean passes(long base, long d, int s) {
            long a = base % n;
            if (a == 0) {
                return true;
            }
            long minusOne = n - one;
            long x = power(multiply(a, rSquared), d);
            if (x == one || x == minusOne) {
                return true;
            }
            for (int r = 1; r < s; r++) {
                x = multiply(x, x);
                if (x == minusOne) {
                    return true;
                }
                if (x == one) {
                    return false;
                }
            }
            return false;
        }

        private long power(long base, long e) {
            long result = one;
            while (e != 0) {
                if ((e & 1) != 0) {
                    result = multiply(result, base);
                }
                base = multiply(base, base);
                e >>>= 1;
            }
            return result;
        }
    }
}
