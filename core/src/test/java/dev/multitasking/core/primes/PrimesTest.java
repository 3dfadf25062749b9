package dev.multitasking.core.primes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.testkit.Seeded;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrimesTest {

    private static final long LARGEST_PRIME_IN_A_LONG = 9_223_372_036_854_775_783L;
    /** The largest prime whose square fits in a long: trial division must run all the way up to it. */
    private static final long LARGEST_PRIME_BELOW_SQRT_OF_MAX = 3_037_000_493L;

    @ParameterizedTest(name = "pi(10^{0})")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void primePi_powerOfTen_matchesA006880(int k) {
        long n = LongStream.range(0, k).reduce(1, (p, i) -> p * 10);
        assertThat(Primes.primePi(n)).isEqualTo(KnownPrimeCounts.primePi(n).orElseThrow());
    }

    @Test
    @Timeout(120)
    void primePi_tenToTheTen_matchesA006880_whenCutIntoSegments() {
        long n = 10_000_000_000L;
        int parts = 16;
        // Uneven cut points on purpose (not multiples of the segment size), summed in parallel.
        long total = LongStream.range(0, parts).parallel()
                .map(i -> Primes.sieveCount(n * i / parts + i, n * (i + 1) / parts + (i + 1 == parts ? 1 : i + 1)))
                .sum();
        assertThat(total).isEqualTo(455_052_511L);
    }

    @Test
    void primePi_smallNumbers_countByHand() {
        assertThat(LongStream.rangeClosed(-3, 12).map(Primes::primePi).toArray())
                .containsExactly(0, 0, 0, 0, 0, 1, 2, 2, 3, 3, 4, 4, 4, 4, 5, 5);
    }

    @Test
    void sieveCount_rangeBeyondLimit_isRefused() {
        assertThatThrownBy(() -> Primes.sieveCount(0, Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2^62");
    }

    @Test
    void trialDivisionAndMillerRabin_belowOneMillion_agreeOnEveryNumber() {
        long disagreements = LongStream.range(-10, 1_000_000)
                .filter(n -> Primes.isPrime(n) != Primes.isPrimeMillerRabin(n))
                .count();
        assertThat(disagreements).isZero();
        assertThat(LongStream.range(0, 1_000_000).filter(Primes::isPrimeMillerRabin).count()).isEqualTo(78_498);
    }

    static Stream<Arguments> belowTenToTheThirteen() {
        return Seeded.longs(300, 0, 10_000_000_000_000L);
    }

    @ParameterizedTest(name = "seed {0}: n = {1}")
    @MethodSource("belowTenToTheThirteen")
    void trialDivisionAndMillerRabin_belowTenToTheThirteen_agree(long seed, long n) {
        assertThat(Primes.isPrimeMillerRabin(n)).isEqualTo(Primes.isPrime(n));
    }

    static Stream<Arguments> startsBelowTenToTheThirteen() {
        return Seeded.longs(200, 0, 10_000_000_000_000L);
    }

    @ParameterizedTest(name = "seed {0}: from {1}")
    @MethodSource("startsBelowTenToTheThirteen")
    void trialDivisionAndMillerRabin_fromAnyStartToTheNextPrime_agreeOnEveryNumber(long seed, long start) {
        // Random longs are mostly composite with small factors; walking to the next prime makes
        // every try check one prime (the slow, full trial division) and the composites before it.
        long n = start;
        while (!Primes.isPrimeMillerRabin(n)) {
            assertThat(Primes.isPrime(n)).as("%d", n).isFalse();
            n++;
        }
        assertThat(Primes.isPrime(n)).as("%d", n).isTrue();
    }

    static Stream<Arguments> factorPairs() {
        return Seeded.pairs(300, 3, 3_000_000, 3, 3_000_000);
    }

    @ParameterizedTest(name = "seed {0}: a = {1}, b = {2}")
    @MethodSource("factorPairs")
    void trialDivisionAndMillerRabin_onOddProductsOfTwoPrimes_sayComposite(long seed, long a, long b) {
        long p = Primes.smallestFactor(a);
        long q = Primes.smallestFactor(b);
        long n = p * q;
        assertThat(Primes.isPrimeMillerRabin(n)).isFalse();
        assertThat(Primes.smallestFactorByTrialDivision(n)).isEqualTo(Math.min(p, q));
    }

    @Test
    void quotientTestAndRemainderTest_belowOneMillion_findTheSameSmallestFactor() {
        long disagreements = LongStream.range(-10, 1_000_000)
                .filter(n -> Primes.smallestFactorByTrialDivision(n) != Primes.smallestFactorByRemainder(n))
                .count();
        assertThat(disagreements).isZero();
    }

    static Stream<Arguments> squaresOfPrimesAroundTheExactLimit() {
        // The quotient test is exact below 2^53 only: squares of the primes on either side of its
        // square root (the factor is the loop's last divisor), a product of two primes just below
        // it, and the largest prime below 2^53 (the whole loop, no factor).
        long below = 94_906_249L;   // 94906249^2 < 2^53
        long above = 94_906_297L;   // 94906297^2 > 2^53
        return Stream.of(Arguments.of(below * below, below), Arguments.of(above * above, above),
                Arguments.of(94_906_247L * below, 94_906_247L), Arguments.of(9_007_199_254_740_881L, 9_007_199_254_740_881L));
    }

    @ParameterizedTest(name = "n = {0}")
    @MethodSource("squaresOfPrimesAroundTheExactLimit")
    void trialDivision_aroundTwoToTheFiftyThree_findsTheFactorAtTheEndOfTheLoop(long n, long factor) {
        assertThat(Primes.smallestFactorByTrialDivision(n)).isEqualTo(factor);
        assertThat(Primes.isPrimeMillerRabin(factor)).isTrue();
    }

    static Stream<Arguments> oddProductsOfTwoPrimesBelowTwoToTheFiftyThree() {
        return Seeded.pairs(200, 3, 90_000_000, 3, 90_000_000);
    }

    @ParameterizedTest(name = "seed {0}: a = {1}, b = {2}")
    @MethodSource("oddProductsOfTwoPrimesBelowTwoToTheFiftyThree")
    void quotientTest_onProductsUpToTwoToTheFiftyThree_findsTheSmallerPrime(long seed, long a, long b) {
        // Products of primes near 10^7..10^8 put the factor anywhere in a 64-divisor block, and
        // exercise quotients near the double's precision.
        long p = Primes.smallestFactor(a | 1);
        long q = Primes.smallestFactor(b | 1);
        long n = p * q;
        assertThat(Primes.smallestFactorByTrialDivision(n)).isEqualTo(Math.min(p, q));
    }

    static Stream<Arguments> windows() {
        return Seeded.pairs(200, 0, 2_000_000_000L, 0, 3_000);
    }

    @ParameterizedTest(name = "seed {0}: from {1}, width {2}")
    @MethodSource("windows")
    void sieveCount_anyWindow_equalsTrialDivisionCount(long seed, long from, long width) {
        assertThat(Primes.sieveCount(from, from + width)).isEqualTo(Primes.countPrimes(from, from + width));
    }

    @Test
    void sieveCount_everyWindowBelow400_equalsTrialDivisionCount() {
        // Every start and end against the wheel's 30-number bytes, 1 and the pre-sieved primes 7..19.
        for (long from = 0; from <= 400; from++) {
            for (long to = from; to <= 400; to++) {
                assertThat(Primes.sieveCount(from, to)).as("[%d, %d)", from, to).isEqualTo(Primes.countPrimes(from, to));
            }
        }
    }

    static Stream<Arguments> wideWindows() {
        return Seeded.pairs(6, 0, 1_000_000_000_000L, 1_000_000, 2_500_000);
    }

    @ParameterizedTest(name = "seed {0}: from {1}, width {2}")
    @MethodSource("wideWindows")
    void sieveCount_windowAcrossSegments_equalsMillerRabinCount(long seed, long from, long width) {
        // A window this wide crosses one or two 983,040-number segments; primes near 10^12 reach
        // beyond a segment, so the bucketed lanes are in play.
        long expected = LongStream.range(from, from + width).filter(Primes::isPrimeMillerRabin).count();
        assertThat(Primes.sieveCount(from, from + width)).isEqualTo(expected);
    }

    @Test
    void sieveCount_shortWindowHighUp_equalsMillerRabinCount() {
        long from = 1_000_000_000_000_000L - 7;
        long expected = LongStream.range(from, from + 20_000).filter(Primes::isPrimeMillerRabin).count();
        assertThat(Primes.sieveCount(from, from + 20_000)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {
        // Carmichael numbers: Fermat's test calls them prime for every coprime base.
        561, 1105, 1729, 2465, 2821, 6601, 8911, 41041, 825265, 321197185, 5394826801L, 232250619601L, 9746347772161L,
        // Strong pseudoprimes to the first 4, 5, 6, 7 and 9 prime bases.
        3215031751L, 2152302898747L, 3474749660383L, 341550071728321L, 3825123056546413051L,
        // Products of two primes just below sqrt(Long.MAX_VALUE).
        9_223_371_873_002_223_329L,
    })
    void hardComposites_bothMethods_sayComposite(long n) {
        assertThat(Primes.isPrimeMillerRabin(n)).isFalse();
        assertThat(Primes.isPrime(n)).isFalse();
    }

    @Test
    @Timeout(120)
    void squareOfLargestPrimeBelowSqrtOfMax_bothMethods_sayComposite() {
        long n = LARGEST_PRIME_BELOW_SQRT_OF_MAX * LARGEST_PRIME_BELOW_SQRT_OF_MAX;
        assertThat(Primes.isPrimeMillerRabin(n)).isFalse();
        assertThat(Primes.smallestFactorByTrialDivision(n)).isEqualTo(LARGEST_PRIME_BELOW_SQRT_OF_MAX);
    }

    @Test
    @Timeout(120)
    void largestPrimeInALong_bothMethods_sayPrime() {
        assertThat(Primes.isPrimeMillerRabin(LARGEST_PRIME_IN_A_LONG)).isTrue();
        assertThat(Primes.isPrime(LARGEST_PRIME_IN_A_LONG)).isTrue();
        assertThat(Primes.isPrimeMillerRabin(Long.MAX_VALUE)).isFalse();   // 7^2 * 73 * 127 * 337 * 92737 * 649657
        assertThat(Primes.isPrime(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void isqrt_nearPerfectSquaresAndMax_isExact() {
        for (long r : new long[] {0, 1, 2, 3, 94_906_265L, 3_037_000_498L, 3_037_000_499L}) {
            long square = r * r;
            assertThat(Primes.isqrt(square)).isEqualTo(r);
            if (r > 0) {
                assertThat(Primes.isqrt(square - 1)).isEqualTo(r - 1);
            }
        }
        assertThat(Primes.isqrt(Long.MAX_VALUE)).isEqualTo(3_037_000_499L);
    }

    @Test
    void theLecturesNumbers_trialDivision_fivePrimesAndOneComposite() {
        long[] seed = {112272535095293L, 112582705942171L, 112272535095293L, 115280095190773L, 115797848077099L, 1099726899285419L};
        assertThat(LongStream.of(seed).mapToObj(Primes::isPrime)).containsExactly(true, true, true, true, true, false);
        assertThat(Primes.smallestFactor(1099726899285419L)).isEqualTo(Primes.smallestFactorByTrialDivision(1099726899285419L));
    }
}
