package dev.multitasking.profiling.lesson;

import dev.multitasking.core.Task;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import dev.multitasking.profiling.Profiler;
import java.nio.file.Path;

/**
 * <b>Profiling: where does the time go?</b> The lecture measures with {@code timeit} and points
 * at cProfile (time per function) and line_profiler (time per line). Here the {@code seed}
 * workload (the six numbers, trial division, one thread) runs for about two seconds under
 * {@link Profiler}: async-profiler samples the stacks, the JDK's Flight Recorder the lines.
 *
 * <p>What it shows: nearly every sample is under {@code Primes.isPrime} (its total), and by self
 * time in the one method it calls, {@code smallestFactorByTrialDivision}: the work is that loop
 * and nothing around it. The hottest line is the loop's remainder test, {@code n % d == 0}, run
 * about five million times per number. To make {@code seed} faster, change that loop (test fewer
 * divisors, or use Miller-Rabin): nothing else is worth touching. The
 * flame graph (an HTML file, written next to the collapsed stacks) shows the same at a glance.
 *
 * <p>Run: {@code ./primes demo profiling-01} (the files go to {@code target/profile}, or to the
 * directory given as the argument). Sample output (2-core AMD EPYC, JDK 25):
 * <pre>
 * seed ran 28 times; 2221 samples
 *
 * self (the method's own code)
 *    87.44%  dev.multitasking.core.primes.Primes.smallestFactorByTrialDivision
 *     0.09%  dev.multitasking.core.primes.IsPrime.call
 *
 * total (the method and what it called)
 *    88.47%  dev.multitasking.core.primes.IsPrime.call
 *    88.34%  dev.multitasking.core.primes.Primes.isPrime
 *    88.34%  dev.multitasking.core.primes.Primes.smallestFactorByTrialDivision
 *     0.23%  dev.multitasking.core.workload.SeedWorkload.prepare
 *
 * hottest lines
 *    95.64%  dev.multitasking.core.primes.Primes.smallestFactorByTrialDivision:53
 *     3.85%  dev.multitasking.core.primes.Primes.smallestFactorByTrialDivision:52
 * </pre>
 * The rest of the samples (about 12%) are the JIT, the kernel and the profilers themselves.
 */
public final class Profiling_01_WhereSeedSpendsItsTime {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A profiler shows where the time goes: in seed, one remainder test is nearly all of it.";

    private Profiling_01_WhereSeedSpendsItsTime() {
    }

    /** Runs the seed tasks again and again for about {@code millis}, under the profiler. */
    static Profiler.Profile<Long> profileSeed(Path dir, long millis) throws Exception {
        return Profiler.profile("cpu", dir, "seed", () -> runFor(Workload.parse("seed"), millis));
    }

    private static <T> Long runFor(Workload<T> workload, long millis) throws Exception {
        long rounds = 0;
        try (PreparedWorkload<T> prepared = workload.prepare()) {
            long end = System.nanoTime() + millis * 1_000_000;
            while (System.nanoTime() < end) {
                for (Task<T> t : prepared.tasks()) {
                    t.call();
                }
                rounds++;
            }
        }
        return rounds;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/profile");
        Profiler.Profile<Long> p = profileSeed(dir, 2_000);
        // The project's own methods: the callers above them (the demo command, reflection) hold
        // the same total and say nothing.
        System.out.println("seed ran " + p.value() + " times; " + p.summary().only("dev.multitasking.core").format(5));
        System.out.println("flame graph: " + p.flameGraph().toAbsolutePath());
        System.out.println("collapsed stacks: " + p.collapsed().toAbsolutePath());
    }
}
