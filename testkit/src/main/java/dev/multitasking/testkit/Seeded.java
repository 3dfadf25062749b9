package dev.multitasking.testkit;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Inputs for property tests, as arguments of JUnit parameterized tests: random longs from a
 * {@link SplittableRandom} whose seed is each case's first argument, so a test's display name
 * ({@code "seed {0}: ..."}) tells how to replay a failure:
 * {@code -Dmultitasking.test.seed=SEED}. A new seed each run, unless told; the range's ends come
 * first, since bugs live there.
 */
public final class Seeded {

    /** This run's seed: {@code multitasking.test.seed}, or a fresh one. */
    public static final long SEED = Long.getLong("multitasking.test.seed", new SplittableRandom().nextLong());

    private Seeded() {
    }

    /** {@code tries} cases of (seed, n), n in {@code [min, max]}: min and max first, then random ones. */
    public static Stream<Arguments> longs(int tries, long min, long max) {
        SplittableRandom random = new SplittableRandom(SEED);
        return IntStream.range(0, tries).mapToObj(i -> Arguments.of(SEED,
                i == 0 ? min : i == 1 ? max : random.nextLong(min, max + 1)));
    }

    /** {@code tries} cases of (seed, a, b), a in {@code [minA, maxA]} and b in {@code [minB, maxB]}: the corners first. */
    public static Stream<Arguments> pairs(int tries, long minA, long maxA, long minB, long maxB) {
        SplittableRandom random = new SplittableRandom(SEED);
        return IntStream.range(0, tries).mapToObj(i -> Arguments.of(SEED,
                i == 0 || i == 2 ? minA : i == 1 || i == 3 ? maxA : random.nextLong(minA, maxA + 1),
                i == 0 || i == 3 ? minB : i == 1 || i == 2 ? maxB : random.nextLong(minB, maxB + 1)));
    }
}
