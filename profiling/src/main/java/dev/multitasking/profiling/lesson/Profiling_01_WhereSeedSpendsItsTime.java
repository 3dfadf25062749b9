package dev.multitasking.profiling.lesson;

import dev.multitasking.core.Task;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import dev.multitasking.profiling.Profiler;
import java.nio.file.Path;
import java.util.List;

/**
 * <b>Profiling: where does the time go?</b> The lecture measures with {@code timeit} and points
 * at cProfile (time per function) and line_profiler (time per line). Here the {@code seed}
 * workload (the six numbers, trial division, one thread) runs for about two seconds under
 * {@link Profiler}: async-profiler samples the stacks, the JDK's Flight Recorder the lines.
 *
 * <p>What it shows: nearly every sample is under {@code Primes.isPrime} (its total), and by self
 * time in the one method it calls, {@code smallestFactorByTrialDivision}: the work is that loop
 * and nothing around it. The hottest lines are its divisibility test, run about five million
 * times per number: the quotients of 64 divisors at once (about two thirds of the samples), then
 * the check of each for a whole number (about a third). To make {@code seed} faster, change that
 * test or test fewer divisors (or use Miller-Rabin): nothing else is worth touching. The test was
 * the lecture's {@code n % d == 0} until a profile like this one pointed at it; the division it
 * costs is why it became a vector of floating-point quotients ({@code PrimeAlgorithmBenchmark}
 * times both). The flame graph (an HTML file, written next to the collapsed stacks) shows the
 * same at a glance.
 *
 * <p>Run: {@code ./primes demo profiling-01} (the files go to {@code target/profile}, or to the
 * directory given as the argument). Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-02):
 * <pre>
 * seed ran 97 times; 2213 samples
 *
 * self (the method's own code)
 *    84.23%  dev.multitasking.core.primes.Primes.smallestFactorByTrialDivision
 *     0.05%  dev.multitasking.core.primes.IsPrime.call
 *
 * total (the method and what it called)
 *    86.04%  dev.multitasking.core.primes.IsPrime.call
 *    85.95%  dev.multitasking.core.primes.Primes.isPrime
 *    85.95%  dev.multitasking.core.primes.Primes.smallestFactorByTrialDivision
 *     0.27%  dev.multitasking.core.workload.SeedWorkload.prepare
 *     0.05%  dev.multitasking.core.primes.Primes.&lt;clinit&gt;
 *
 * hottest lines
 *    47.33%  dev.multitasking.core.primes.Primes.smallestFactorByTrialDivision:98
 *    40.64%  dev.multitasking.core.primes.Primes.smallestFactorByTrialDivision:101
 *     5.88%  dev.multitasking.core.primes.Primes.smallestFactorByTrialDivision:100
 *     2.67%  dev.multitasking.core.primes.Primes.smallestFactorByTrialDivision:95
 *     2.14%  dev.multitasking.core.primes.Primes.smallestFactorByTrialDivision:97
 *
 * the hottest line, Primes.java:98: "quotients[j] = nd / (first + BLOCK_OFFSETS[j]);"
 * flame graph: /work/main/target/profile/seed.html
 * collapsed stacks: /work/main/target/profile/seed.collapsed
 * </pre>
 * The line's text is read from the source tree when the lesson runs in the repository: line
 * numbers move as the code changes, so the lesson shows the line itself, as line_profiler does
 * (the division and the whole-number test take turns at the top, run to run).
 * The rest of the samples (about 9%) are the JIT, the kernel and the profilers themselves.
 */
public final class Profiling_01_WhereSeedSpendsItsTime {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A profiler shows where the time goes: in seed, one loop's divisibility test is nearly all of it.";

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
        p.summary().only("dev.multitasking.core").hottestLines().stream().findFirst().ifPresent(l ->
                System.out.println("the hottest line, " + simpleFile(l.method()) + ":" + l.line() + ": "
                        + sourceLine(l.method(), l.line()).map(text -> "\"" + text + "\"").orElse("(no source tree here to show it from)")));
        System.out.println("flame graph: " + p.flameGraph().toAbsolutePath());
        System.out.println("collapsed stacks: " + p.collapsed().toAbsolutePath());
    }

    /** {@code Primes.java} for a method {@code dev.multitasking.core.primes.Primes.isPrime}. */
    private static String simpleFile(String method) {
        String type = method.substring(0, method.lastIndexOf('.'));
        return type.substring(type.lastIndexOf('.') + 1) + ".java";
    }

    /**
     * The text of a method's source line, from the module sources under the working directory
     * (the project's root) or the one above it (a module's, where its tests run), if there.
     */
    static java.util.Optional<String> sourceLine(String method, int line) {
        String type = method.substring(0, method.lastIndexOf('.'));
        String file = type.replace('.', '/') + ".java";
        for (Path root : List.of(Path.of("."), Path.of(".."))) {
            try (var modules = java.nio.file.Files.list(root)) {
                for (Path module : modules.toList()) {
                    Path source = module.resolve("src/main/java").resolve(file);
                    if (java.nio.file.Files.isRegularFile(source)) {
                        List<String> lines = java.nio.file.Files.readAllLines(source);
                        return line >= 1 && line <= lines.size() ? java.util.Optional.of(lines.get(line - 1).strip())
                                : java.util.Optional.empty();
                    }
                }
            } catch (java.io.IOException e) {
                // no such directory to look in
            }
        }
        return java.util.Optional.empty();
    }
}
