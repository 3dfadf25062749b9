package dev.multitasking.profiling.bench;

import dev.multitasking.core.primes.Primes;
import dev.multitasking.core.primes.KnownPrimeCounts;
import dev.multitasking.core.workload.SeedWorkload;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread, two questions. Is each of the lecture's six numbers prime: by the lecture's trial
 * division with its {@code n % d} test ({@code seedByRemainder}), by the same divisors tested as
 * whole quotients 64 at a time (the project's form, {@code seedByTrialDivision}), or by
 * deterministic Miller-Rabin? And how many primes are below 10^7: by trial division of every
 * number (both tests), or by the segmented sieve? Each answer is checked once against the oracle
 * in {@link #check()}, and every benchmark returns its answer.
 *
 * <p>Run: {@code java -jar profiling/target/benchmarks.jar PrimeAlgorithm}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PrimeAlgorithmBenchmark {

    static final long PI_OF = 10_000_000;
    private static final List<Long> SEED = SeedWorkload.NUMBERS;

    @Setup
    public void check() {
        List<Boolean> expected = List.of(true, true, true, true, true, false);
        if (!seedByTrialDivision().equals(expected) || !seedByRemainder().equals(expected) || !seedByMillerRabin().equals(expected)) {
            throw new IllegalStateException("the seed numbers came out wrong");
        }
        long pi = KnownPrimeCounts.primePi(PI_OF).orElseThrow();
        if (piByTrialDivision() != pi || piByRemainder() != pi || piBySieve() != pi) {
            throw new IllegalStateException("pi(" + PI_OF + ") came out wrong");
        }
    }

    @Benchmark
    public List<Boolean> seedByTrialDivision() {
        return SEED.stream().map(Primes::isPrime).toList();
    }

    /** The lecture's loop word for word: a 64-bit hardware division per divisor. */
    @Benchmark
    public List<Boolean> seedByRemainder() {
        return SEED.stream().map(n -> Primes.smallestFactorByRemainder(n) == n).toList();
    }

    @Benchmark
    public List<Boolean> seedByMillerRabin() {
        return SEED.stream().map(Primes::isPrimeMillerRabin).toList();
    }

    @Benchmark
    public long piByTrialDivision() {
        return Primes.countPrimes(2, PI_OF + 1);
    }

    @Benchmark
    public long piByRemainder() {
        long count = 0;
        for (long n = 2; n <= PI_OF; n++) {
            if (Primes.smallestFactorByRemainder(n) == n) {
                count++;
            }
        }
        return count;
    }

    @Benchmark
    public long piBySieve() {
        return Primes.primePi(PI_OF);
    }
}
