package dev.multitasking.app.lesson;

import dev.multitasking.app.compare.PythonProgram;
import dev.multitasking.core.primes.IsPrime;
import dev.multitasking.core.primes.Primes;
import dev.multitasking.core.workload.SeedWorkload;
import dev.multitasking.processes.ProcessPoolExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * <b>The lecture's prime problem, its climax.</b> The Python documentation's example: six
 * numbers of 15 and 16 digits, {@code is_prime} by trial division over odd divisors up to the
 * square root, first in a plain loop, then with {@code ProcessPoolExecutor().map(is_prime,
 * PRIMES)}. The lecture reports 2.29 s for the loop and 0.56 s for the pool. Here the same
 * ways in Java, each timed with its pool's start-up inside (as the lecture's {@code with}
 * block has it), each answer checked:
 * <ol>
 * <li>the plain loop, twice: first the lecture's own, {@code n % d} for every odd {@code d},
 *     beside which Python's plain loop measures the language; then the project's, which tests
 *     64 divisors at a time as whole floating-point quotients, arithmetic the JIT turns into
 *     vector divisions, which measures the algorithm and the hardware (about 2.7x);</li>
 * <li>a process pool's {@code map}: one worker JVM per core, the numbers sent over, the answers
 *     back;</li>
 * <li>a thread pool: in Python this gains nothing, since the global interpreter lock lets one
 *     thread run Python at a time; in Java threads run on every core at once, and they need no
 *     new JVM, so this is the fastest way here.</li>
 * </ol>
 * The pools run the project's test. The last line says which comparison each ratio is.
 * When {@code python3} is on the PATH, the lecture's own program runs too, on this machine, beside
 * Java, its thread pool included (no faster than its loop: the GIL); the lecture's own figures
 * come last. For six numbers a Java process pool does not pay: starting its worker JVMs costs more
 * than the work (see {@code processpool-03}). On 2 cores the six numbers cannot split evenly: five
 * are primes of the same size, each about a fifth of the work, and the sixth has a small factor;
 * one core gets three of the five, so about 1.8x is the most any pool can reach.
 *
 * <p>Run: {@code ./primes demo primes-01}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * the six numbers of the lecture, is_prime by trial division, pool start-up included (best of 3)
 *                              wall      answers
 * Java, plain loop          55.5 ms      right   (n % d, the lecture's loop)
 * Java, vectorized loop     19.1 ms      right   (64 divisors at a time, vectorized)
 * Java, process pool         405 ms      right   (2 worker JVMs; starting them is most of it)
 * Java, thread pool         13.4 ms      right   (2 threads: no GIL)
 * Python, plain loop         1.04 s      right
 * Python, thread pool        975 ms      right   (the GIL: one thread runs Python at a time)
 * Python, process pool       522 ms      right
 * the lecture (its machine): 2.29 s plain loop, 0.56 s process pool
 * Java over Python, the same loop: 19x (the language); with the vectorized test: 54x (2.9x more: the algorithm and the hardware)
 * </pre>
 */
public final class Primes_01_TheLecturesProblem {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "The lecture's six primes: Python needs processes to go faster; in Java (no GIL) threads are fastest.";

    private Primes_01_TheLecturesProblem() {
    }

    /** One way, timed: its wall time with the pool's start-up, and whether every answer was right. */
    record Way(String name, double millis, boolean right, String note) {
    }

    static final String LECTURES_LOOP = "Java, plain loop";
    static final String VECTORIZED_LOOP = "Java, vectorized loop";
    static final double LECTURE_LOOP_SECONDS = 2.29;
    static final double LECTURE_POOL_SECONDS = 0.56;

    /** The three Java ways, each best of {@code runs}; then the lecture's program when python3 is there. */
    static List<Way> measure(int runs, boolean python) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Way> ways = new ArrayList<>();
        ways.add(best(runs, LECTURES_LOOP, "(n % d, the lecture's loop)",
                () -> SeedWorkload.NUMBERS.stream().map(n -> n >= 2 && Primes.smallestFactorByRemainder(n) == n).toList()));
        ways.add(best(runs, VECTORIZED_LOOP, "(64 divisors at a time, vectorized)", () -> SeedWorkload.NUMBERS.stream().map(Primes::isPrime).toList()));
        ways.add(best(runs, "Java, process pool", "(" + cores + " worker JVMs; starting them is most of it)", () -> {
            try (ProcessPoolExecutor pool = new ProcessPoolExecutor(cores)) {
                return answers(pool);
            }
        }));
        ways.add(best(runs, "Java, thread pool", "(" + cores + " threads: no GIL)", () -> {
            try (ExecutorService pool = Executors.newFixedThreadPool(cores)) {
                return answers(pool);
            }
        }));
        if (python) {
            PythonProgram program = PythonProgram.find().orElse(null);
            if (program != null) {
                ways.add(python(program, runs, "sequential", "Python, plain loop"));
                ways.add(python(program, runs, "threads", "Python, thread pool"));
                ways.add(python(program, runs, "processes", "Python, process pool"));
            }
        }
        return ways;
    }

    private static List<Boolean> answers(ExecutorService pool) throws Exception {
        List<Future<Boolean>> futures = new ArrayList<>();
        for (long n : SeedWorkload.NUMBERS) {
            futures.add(pool.submit(new IsPrime(n)));   // map, in order
        }
        List<Boolean> answers = new ArrayList<>();
        for (Future<Boolean> f : futures) {
            answers.add(f.get());
        }
        return answers;
    }

    private static Way best(int runs, String name, String note, Callable<List<Boolean>> way) throws Exception {
        double best = Double.MAX_VALUE;
        boolean right = true;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            List<Boolean> answers = way.call();
            best = Math.min(best, (System.nanoTime() - t) / 1e6);
            right &= answers.equals(expected());
        }
        return new Way(name, best, right, note);
    }

    private static Way python(PythonProgram program, int runs, String strategy, String name) throws Exception {
        String note = strategy.equals("threads") ? "(the GIL: one thread runs Python at a time)" : "";
        double best = Double.MAX_VALUE;
        boolean right = true;
        for (int i = 0; i < runs; i++) {
            var out = program.call("seed", strategy, Runtime.getRuntime().availableProcessors());
            best = Math.min(best, out.get("seconds").asDouble() * 1000);
            List<Boolean> answers = new ArrayList<>();
            out.get("answer").forEach(a -> answers.add(a.asBoolean()));
            right &= answers.equals(expected());
        }
        return new Way(name, best, right, note);
    }

    /** What the oracle says of the six numbers. */
    private static List<Boolean> expected() {
        return SeedWorkload.NUMBERS.stream().map(n -> Primes.isPrimeMillerRabin(n)).toList();
    }

    private static Way named(List<Way> ways, String name) {
        return ways.stream().filter(w -> w.name().equals(name)).findFirst().orElse(null);
    }

    public static void main(String[] args) throws Exception {
        List<Way> ways = measure(3, true);
        System.out.println("the six numbers of the lecture, is_prime by trial division, pool start-up included (best of 3)");
        System.out.printf("%-22s %10s      answers%n", "", "wall");
        for (Way w : ways) {
            String wall = w.millis() >= 1000 ? String.format(Locale.ROOT, "%.2f s", w.millis() / 1000)
                    : String.format(Locale.ROOT, w.millis() >= 100 ? "%.0f ms" : "%.1f ms", w.millis());
            System.out.printf("%-22s %10s      %-7s %s%n", w.name(), wall, w.right() ? "right" : "WRONG", w.note());
        }
        if (ways.stream().noneMatch(w -> w.name().startsWith("Python"))) {
            System.out.println("(no python3 on the PATH: the lecture's own program is not measured here)");
        }
        System.out.printf(Locale.ROOT, "the lecture (its machine): %.2f s plain loop, %.2f s process pool%n",
                LECTURE_LOOP_SECONDS, LECTURE_POOL_SECONDS);
        Way same = named(ways, LECTURES_LOOP);
        Way vector = named(ways, VECTORIZED_LOOP);
        Way python = named(ways, "Python, plain loop");
        if (python != null) {
            System.out.printf(Locale.ROOT, "Java over Python, the same loop: %.0fx (the language); with the vectorized test: %.0fx "
                    + "(%.1fx more: the algorithm and the hardware)%n", python.millis() / same.millis(), python.millis() / vector.millis(),
                    same.millis() / vector.millis());
        }
    }
}
