package dev.multitasking.core.lesson;

import dev.multitasking.core.measure.MachineCpu;
import dev.multitasking.core.primes.Primes;
import dev.multitasking.core.workload.SeedWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * <b>Parallelism inside one core.</b> The notes define parallelism as several processors at work
 * at once, then add a line no lesson had taught: as CPUs developed, the meaning of parallelism
 * widened. One core now does several things at once by itself. Its vector units apply one
 * instruction to 4, 8 or 16 numbers (AVX2, AVX-512), and a core with two hardware threads (SMT,
 * Intel's hyper-threading) runs two instruction streams on one set of execution units.
 *
 * <p>First, vectors, on one thread. The lecture tests each divisor with {@code n % d}: a 64-bit
 * integer division that waits for the one before it, one at a time. The project's trial division
 * ({@link Primes#smallestFactorByTrialDivision}) tries the same divisors in the same order but asks
 * whether the floating-point quotient is whole, 64 divisors at a time, in a loop with no branch
 * and no dependence between its steps: the JIT compiles that loop into vector divisions
 * (HotSpot's SuperWord pass). Both run here on one thread over the lecture's six numbers, and
 * give the same answers. Then the same two loops in a child JVM started with
 * {@code -XX:-UseSuperWord}, which turns only that pass off: the whole-quotient loop loses most of
 * its lead, so the vector units, not the floating-point trick alone, are the cause. (What is left
 * is the scalar floating-point divider, faster than the integer one and not waiting on the last
 * division.) A third JVM is held to half the vector width ({@code -XX:UseAVX=2}, AVX2, on an
 * AVX-512 machine; {@code -XX:UseAVX=1}, 128-bit, on an AVX2 one): whether the wider vectors pay
 * depends on the core's dividers.
 *
 * <p>Then hardware threads. Where {@code /sys/devices/system/cpu/*}{@code /topology} shows a core
 * with two hardware threads and {@code taskset} is there, two threads of the lecture's loop run
 * in a JVM confined to the two hardware threads of one core, then in one confined to two separate
 * cores: the first pair shares one core's divider. A machine without such a core says so, and
 * why it cannot show it. Each figure is the median of 5 timed rounds after 2 of warm-up, the
 * loops interleaved.
 *
 * <p>Run: {@code ./primes demo parallelism-01}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-02):
 * <pre>
 * one thread, 6 of the lecture's numbers, median of 5 rounds (AMD EPYC, AVX-512)
 * JVM                    n % d loop  whole-quotient loop    ratio
 * default                     50 ms                13 ms    3.63x
 * -XX:UseAVX=2                52 ms                14 ms    3.59x
 * -XX:-UseSuperWord           51 ms                33 ms    1.53x
 * both loops found the same smallest factor of every number, in every JVM
 * hardware threads: no core here has two hardware threads (2 CPUs on 2 cores): two threads on one core cannot be shown
 * </pre>
 */
public final class Parallelism_01_InsideOneCore {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "One core computes in parallel: vector instructions test many divisors at once; turn them off and the lead goes.";

    private static final String KERNELS = "--kernels";
    private static final String PAIR = "--pair";
    private static final int WARM_ROUNDS = 2;
    private static final int TIMED_ROUNDS = 5;
    private static final Duration WATCHDOG = Duration.ofSeconds(120);

    private Parallelism_01_InsideOneCore() {
    }

    /**
     * The two loops in one JVM.
     *
     * @param jvm            the JIT flags it ran with, in words
     * @param remainderNanos the lecture's {@code n % d} loop over the numbers, median of the timed rounds
     * @param quotientNanos  the whole-quotient loop over the same numbers
     * @param sameAnswers    whether both loops found the same smallest factor of every number
     */
    record Kernels(String jvm, long remainderNanos, long quotientNanos, boolean sameAnswers) {

        double ratio() {
            return (double) remainderNanos / quotientNanos;
        }
    }

    /** Two threads of the lecture's loop confined to two CPUs: wall time of the pair. */
    record Pair(String cpus, String where, long nanos) {
    }

    /** Runs the two loops in a child JVM started with {@code jvmOptions}. */
    static Kernels kernels(String jvm, List<String> jvmOptions, int numbers) throws IOException, InterruptedException {
        LessonJvm.Output out = LessonJvm.run(List.of(), jvmOptions, Parallelism_01_InsideOneCore.class, WATCHDOG, KERNELS,
                Integer.toString(numbers));
        String[] f = out.tagged("kernels ").stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the child JVM (" + jvm + ") printed no result: " + out.lines()))
                .split(" ");
        return new Kernels(jvm, Long.parseLong(f[0]), Long.parseLong(f[1]), Boolean.parseBoolean(f[2]));
    }

    /**
     * The JVMs the loops run in: default; held to half the vector width (AVX2 on an AVX-512
     * machine, 128-bit AVX on an AVX2 one); and vectors off.
     */
    static List<Kernels> allKernels(int numbers) throws IOException, InterruptedException {
        List<Kernels> all = new ArrayList<>();
        all.add(kernels("default", List.of(), numbers));
        String half = MachineCpu.vectors().equals("AVX-512") ? "-XX:UseAVX=2" : "-XX:UseAVX=1";
        all.add(kernels(half, List.of(half), numbers));
        all.add(kernels("-XX:-UseSuperWord", List.of("-XX:-UseSuperWord"), numbers));
        return all;
    }

    /** In the child JVM: both loops interleaved, round by round; prints the medians and whether the answers agree. */
    private static void runKernels(int numbers) {
        List<Long> n = SeedWorkload.NUMBERS.subList(0, numbers);
        long[] remainder = new long[TIMED_ROUNDS];
        long[] quotient = new long[TIMED_ROUNDS];
        boolean same = true;
        for (int round = 0; round < WARM_ROUNDS + TIMED_ROUNDS; round++) {
            long start = System.nanoTime();
            long[] byRemainder = n.stream().mapToLong(Primes::smallestFactorByRemainder).toArray();
            long middle = System.nanoTime();
            long[] byQuotient = n.stream().mapToLong(Primes::smallestFactorByTrialDivision).toArray();
            long end = System.nanoTime();
            same &= Arrays.equals(byRemainder, byQuotient);
            if (round >= WARM_ROUNDS) {
                remainder[round - WARM_ROUNDS] = middle - start;
                quotient[round - WARM_ROUNDS] = end - middle;
            }
        }
        System.out.println("kernels " + median(remainder) + " " + median(quotient) + " " + same);
    }

    /** In the child JVM: two threads of the lecture's loop at once, warm-up then timed; prints the timed pair's wall time. */
    private static void runPair() throws InterruptedException {
        long n = SeedWorkload.NUMBERS.get(0);
        long[] timed = new long[TIMED_ROUNDS];
        for (int round = 0; round < WARM_ROUNDS + TIMED_ROUNDS; round++) {
            long start = System.nanoTime();
            Thread a = Thread.ofPlatform().start(() -> Primes.smallestFactorByRemainder(n));
            Thread b = Thread.ofPlatform().start(() -> Primes.smallestFactorByRemainder(n));
            a.join();
            b.join();
            if (round >= WARM_ROUNDS) {
                timed[round - WARM_ROUNDS] = System.nanoTime() - start;
            }
        }
        System.out.println("pair " + median(timed));
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * The CPUs this process may use, by core: each core (package and core id, from
     * {@code /sys/devices/system/cpu/cpuN/topology}) with its hardware threads.
     */
    static Map<String, List<Integer>> cores() {
        Map<String, List<Integer>> byCore = new TreeMap<>();
        Path cpus = Path.of("/sys/devices/system/cpu");
        List<Integer> allowed = LessonJvm.allowedCpus().map(Parallelism_01_InsideOneCore::expand).orElse(List.of());
        try (Stream<Path> all = Files.list(cpus)) {
            for (Path cpu : all.filter(p -> p.getFileName().toString().matches("cpu\\d+")).sorted().toList()) {
                int id = Integer.parseInt(cpu.getFileName().toString().substring(3));
                Path topology = cpu.resolve("topology");
                if (!allowed.contains(id) || !Files.isReadable(topology.resolve("core_id"))) {
                    continue;
                }
                String core = Files.readString(topology.resolve("physical_package_id")).strip() + ":"
                        + Files.readString(topology.resolve("core_id")).strip();
                byCore.computeIfAbsent(core, k -> new ArrayList<>()).add(id);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return byCore;
    }

    /** {@code 0-2,5} as 0, 1, 2, 5. */
    static List<Integer> expand(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.split(",")) {
            String[] range = part.strip().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int cpu = from; cpu <= to; cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }

    /**
     * Two hardware threads of one core against two separate cores, or empty with the reason in
     * {@code why} when this machine cannot show it.
     */
    static Optional<List<Pair>> pairs(StringBuilder why) throws IOException, InterruptedException {
        Map<String, List<Integer>> cores = cores();
        Optional<Path> taskset = LessonJvm.taskset();
        Optional<List<Integer>> shared = cores.values().stream().filter(threads -> threads.size() >= 2).findFirst();
        int cpus = cores.values().stream().mapToInt(List::size).sum();
        if (shared.isEmpty() || cores.size() < 2 || taskset.isEmpty()) {
            why.append(shared.isEmpty()
                    ? "no core here has two hardware threads (" + cpus + " CPUs on " + cores.size() + " cores): two threads on one core cannot be shown"
                    : cores.size() < 2 ? "one core only: two separate cores cannot be shown"
                    : "no taskset here to confine a JVM to chosen CPUs");
            return Optional.empty();
        }
        int a = shared.get().get(0);
        int sibling = shared.get().get(1);
        int other = cores.values().stream().filter(threads -> !threads.contains(a)).findFirst().orElseThrow().get(0);
        return Optional.of(List.of(pair(taskset.get(), a, sibling, "one core, two hardware threads"),
                pair(taskset.get(), a, other, "two cores")));
    }

    private static Pair pair(Path taskset, int a, int b, String where) throws IOException, InterruptedException {
        String cpus = a + "," + b;
        LessonJvm.Output out = LessonJvm.run(List.of(taskset.toString(), "-c", cpus), List.of(),
                Parallelism_01_InsideOneCore.class, WATCHDOG, PAIR);
        String nanos = out.tagged("pair ").stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the child JVM on CPUs " + cpus + " printed no result: " + out.lines()));
        return new Pair(cpus, where, Long.parseLong(nanos));
    }

    /** {@code [numbers]}: how many of the lecture's six numbers to test (all six unless told). */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(KERNELS)) {
            runKernels(Integer.parseInt(args[1]));
            return;
        }
        if (args.length > 0 && args[0].equals(PAIR)) {
            runPair();
            return;
        }
        int numbers = args.length > 0 ? Integer.parseInt(args[0]) : SeedWorkload.NUMBERS.size();
        System.out.printf("one thread, %d of the lecture's numbers, median of %d rounds (%s, %s)%n", numbers, TIMED_ROUNDS,
                MachineCpu.model(), MachineCpu.vectors());
        System.out.printf("%-20s %12s %20s %8s%n", "JVM", "n % d loop", "whole-quotient loop", "ratio");
        boolean same = true;
        for (Kernels k : allKernels(numbers)) {
            System.out.printf("%-20s %9d ms %17d ms %7.2fx%n", k.jvm(), k.remainderNanos() / 1_000_000,
                    k.quotientNanos() / 1_000_000, k.ratio());
            same &= k.sameAnswers();
        }
        System.out.println(same ? "both loops found the same smallest factor of every number, in every JVM"
                : "WRONG: the loops disagree on a factor");
        StringBuilder why = new StringBuilder();
        Optional<List<Pair>> pairs = pairs(why);
        if (pairs.isEmpty()) {
            System.out.println("hardware threads: " + why);
            return;
        }
        System.out.println("two threads of the n % d loop, median of " + TIMED_ROUNDS + " rounds:");
        for (Pair p : pairs.get()) {
            System.out.printf("  CPUs %-7s %-32s %6d ms%n", p.cpus(), p.where(), p.nanos() / 1_000_000);
        }
    }
}
