package dev.multitasking.core.lesson;

import dev.multitasking.core.measure.Rounds;
import dev.multitasking.core.measure.RunStats;
import dev.multitasking.core.measure.Trial;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * <b>Concurrency on one processor, literally.</b> The notes define the two words by processors:
 * concurrency is one processor doing several tasks at once, parallelism is several processors at
 * once. On a machine with many cores the difference hides, since the same pool does both. Here
 * it does not hide: {@code bound-01}'s two workloads run on thread pools of 1, 2 and 8 in a
 * child JVM confined to one CPU ({@code taskset -c}), then in one on every CPU this process may
 * use.
 *
 * <p>On one CPU the I/O-bound requests still overlap: a thread waiting for its response is off
 * the CPU, so eight of them wait at once and the run is close to eight times faster. That is
 * concurrency, on one processor. The CPU-bound count does not speed up at all: one processor
 * runs one thread's instructions at a time, and the pool's threads take turns on it (CPU time
 * equals wall time: one core busy). On every CPU, the same CPU-bound pool is parallel: it speeds
 * up to the core count, and the cores-busy column reads the core count. (The JVM confined to one
 * CPU also sees one: {@code availableProcessors()} follows the affinity, so its JIT and garbage
 * collector size themselves for one CPU too.)
 *
 * <p>A CPU-bound speedup a hair above the core count is the one-thread run's spread, not free work:
 * that run lands on whichever CPU the scheduler gives it, and the virtual CPUs of a VM can differ.
 * A machine without {@code taskset} shows the all-CPU half, and says so. Each figure is the
 * best of 3 runs, the pool sizes interleaved run by run, after one round of warm-up for the
 * I/O-bound work and after the JIT is quiet for the CPU-bound.
 *
 * <p>Run: {@code ./primes demo concurrency-01}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-02):
 * <pre>
 * on CPU 0 (taskset -c 0): the JVM sees 1 processor
 * threads   io:16:10ms   speedup   count:4000000:16   speedup   cores busy
 *       1       197 ms     1.00x             159 ms     1.00x          0.9
 *       2       107 ms     1.84x             158 ms     1.01x          1.0
 *       8        32 ms     6.01x             158 ms     1.01x          1.0
 * on every CPU (0-1): the JVM sees 2 processors
 * threads   io:16:10ms   speedup   count:4000000:16   speedup   cores busy
 *       1       189 ms     1.00x             162 ms     1.00x          1.0
 *       2        95 ms     1.98x              84 ms     1.92x          1.9
 *       8        27 ms     6.93x              83 ms     1.95x          2.0
 * </pre>
 */
public final class Concurrency_01_OnOneProcessor {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Confined to one CPU, waiting threads still overlap; computing threads take turns and gain nothing.";

    static final String IO = "io:16:10ms";
    static final String CPU = "count:4000000:16";
    private static final String CHILD = "--child";
    private static final Duration WATCHDOG = Duration.ofSeconds(120);

    private Concurrency_01_OnOneProcessor() {
    }

    /**
     * One JVM's pools.
     *
     * @param where      the CPUs it could use, in words
     * @param processors what its {@code availableProcessors()} said
     * @param rows       one per pool size, as {@code bound-01} measures them
     */
    record Run(String where, int processors, List<Bound_01_SamePoolsDifferentBounds.Row> rows) {

        double ioSpeedup(int row) {
            return (double) rows.get(0).ioNanos() / rows.get(row).ioNanos();
        }

        double cpuSpeedup(int row) {
            return (double) rows.get(0).cpuNanos() / rows.get(row).cpuNanos();
        }

        double coresBusy(int row) {
            var r = rows.get(row);
            return (double) r.cpuWorkCpuNanos() / r.cpuNanos();
        }
    }

    /** The pools in a child JVM confined to the first CPU this process may use, or empty with no taskset. */
    static Optional<Run> onOneCpu(int... poolSizes) throws IOException, InterruptedException {
        Optional<java.nio.file.Path> taskset = LessonJvm.taskset();
        if (taskset.isEmpty()) {
            return Optional.empty();
        }
        int cpu = LessonJvm.allowedCpus().map(LessonJvm::firstCpu).orElse(0);
        return Optional.of(run("CPU " + cpu + " (taskset -c " + cpu + ")", List.of(taskset.get().toString(), "-c", Integer.toString(cpu)), poolSizes));
    }

    /** The pools in a child JVM on every CPU this process may use. */
    static Run onEveryCpu(int... poolSizes) throws IOException, InterruptedException {
        return run("every CPU (" + LessonJvm.allowedCpus().orElse("?") + ")", List.of(), poolSizes);
    }

    private static Run run(String where, List<String> prefix, int... poolSizes) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(CHILD));
        for (int size : poolSizes) {
            args.add(Integer.toString(size));
        }
        LessonJvm.Output out = LessonJvm.run(prefix, List.of(), Concurrency_01_OnOneProcessor.class, WATCHDOG, args.toArray(String[]::new));
        List<Bound_01_SamePoolsDifferentBounds.Row> rows = out.tagged("row ").stream().map(line -> {
            String[] f = line.split(" ");
            return new Bound_01_SamePoolsDifferentBounds.Row(Integer.parseInt(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
        }).toList();
        if (rows.size() != poolSizes.length) {
            throw new IllegalStateException("the child JVM on " + where + " did not report every pool: " + out.lines());
        }
        return new Run(where, Integer.parseInt(out.tagged("processors ").get(0)), rows);
    }

    /**
     * In the child JVM: each pool size's best of 3 runs of both workloads, printed. The pool
     * sizes are interleaved, run by run, warm-up included: on one CPU the JIT's compiler threads
     * share the CPU with the work, and the first pool measured alone was measured before the
     * compiler was done (one thread then looked 1.5x slower than eight: a speedup that one CPU
     * cannot give).
     */
    private static void measureHere(int... poolSizes) throws Exception {
        System.out.println("processors " + Runtime.getRuntime().availableProcessors());
        try (PreparedWorkload<?> io = Workload.parse(IO).prepare(); PreparedWorkload<?> cpu = Workload.parse(CPU).prepare()) {
            List<RunStats> ioBest = fastest(io, Rounds.Warmup.exactly(1), poolSizes);
            List<RunStats> cpuBest = fastest(cpu, Rounds.Warmup.atLeast(2), poolSizes);
            for (int i = 0; i < poolSizes.length; i++) {
                System.out.println("row " + poolSizes[i] + " " + ioBest.get(i).wallNanos() + " " + cpuBest.get(i).wallNanos() + " "
                        + cpuBest.get(i).cpuNanos());
            }
        }
    }

    private static List<RunStats> fastest(PreparedWorkload<?> work, Rounds.Warmup warmup, int... poolSizes) throws Exception {
        List<Trial<?>> trials = new ArrayList<>();
        try {
            for (int threads : poolSizes) {
                trials.add(Trial.start("fixed-" + threads, threads, Bound_01_SamePoolsDifferentBounds::prestarted, work));
            }
            return Rounds.fastestOf(trials, warmup, 3);
        } finally {
            trials.forEach(Trial::close);
        }
    }

    /** {@code [pool sizes]}: 1, 2 and 8 threads unless told. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            int[] sizes = java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray();
            System.out.println("processors " + Runtime.getRuntime().availableProcessors());
            measureHere(sizes);
            return;
        }
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {1, 2, 8};
        Optional<Run> one = onOneCpu(sizes);
        if (one.isEmpty()) {
            System.out.println("no taskset here: a JVM cannot be confined to one CPU, so only every CPU is shown");
        }
        List<Run> runs = new ArrayList<>();
        one.ifPresent(runs::add);
        runs.add(onEveryCpu(sizes));
        for (Run run : runs) {
            System.out.printf("on %s: the JVM sees %d processor%s%n", run.where(), run.processors(), run.processors() == 1 ? "" : "s");
            System.out.printf("threads %12s   speedup %18s   speedup   cores busy%n", IO, CPU);
            for (int i = 0; i < run.rows().size(); i++) {
                var r = run.rows().get(i);
                System.out.printf("%7d %9d ms %8.2fx %15d ms %8.2fx %12.1f%n", r.threads(), r.ioNanos() / 1_000_000, run.ioSpeedup(i),
                        r.cpuNanos() / 1_000_000, run.cpuSpeedup(i), run.coresBusy(i));
            }
        }
    }
}
