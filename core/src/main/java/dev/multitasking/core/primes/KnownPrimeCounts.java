package dev.multitasking.core.primes;

import java.util.OptionalLong;

/** pi(10^k) for k = 0..12, from OEIS A006880: an oracle that owes nothing to this project's code. */
public final class KnownPrimeCounts {

    private static final long[] PI_OF_POWER_OF_TEN = {
        0L, 4L, 25L, 168L, 1_229L, 9_592L, 78_498L, 664_579L, 5_761_455L, 50_847_534L,
        455_052_511L, 4_118_054_813L, 37_607_912_018L,
    };

    private KnownPrimeCounts() {
    }

    /** pi(n) when {@code n} is a power of ten up to 10^12, else empty. */
    public static OptionalLong primePi(long n) {
        long power = 1;
        for (long known : PI_OF_POWER_OF_TEN) {
            if (power == n) {
                return OptionalLong.of(known);
            }
            power *= 10;
        }
        return OptionalLong.empty();
    }
}
