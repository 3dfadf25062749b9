package dev.multitasking.app.anchors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multitasking.app.compare.PythonProgram;
import dev.multitasking.core.Strategies;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.measure.MachineCpu;
import dev.multitasking.core.measure.RoundTrips;
import dev.multitasking.core.measure.Rounds;
import dev.multitasking.core.measure.RunStats;
import dev.multitasking.core.measure.Summary;
import dev.multitasking.core.measure.Trial;
import dev.multitasking.core.primes.KnownPrimeCounts;
import dev.multitasking.core.workload.IoServer;
import dev.multitasking.core.workload.IoWorkload;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import dev.multitasking.processes.ChildProcess;
import dev.multitasking.processes.ProcessPoolExecutor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the project against its anchors, side by side on one machine in one run, and writes
 * {@code RESULTS.md}: the lecture's own Python program ({@link PythonProgram#find()}), what a
 * Python user would pick for each job ({@link PythonProgram#findStack()}: aiohttp on uvloop, a
 * thread per request, four process pools), {@code primesieve}, and the project's strategies.
 *
 * <p>Every comparison is interleaved: each round runs every side once, A, B, C, A, B, C, ..., so
 * a machine that slows down for a while slows all sides alike; each run is a fresh process (a
 * JVM, a Python, a primesieve) as a user meets it, and each figure is the median of
 * {@code --repeat} rounds with the range. Wall time and CPU time (user and system, of the
 * process and its pool's processes) stand side by side. The load average is written before the
 * run and after it, and before each section; a run that started on a busy machine says so at the
 * top.
 *
 * <p>{@code profiling/run-anchors.sh} installs primesieve and the Python packages when it can and
 * runs this through {@code ./primes anchors}.
 */
public final class Anchors {

    private final int repeat;
    private final long sieveLimit;
    private final PythonProgram python;   // null: no python3
    private final PythonProgram stack;    // null: no python3
    /** How large each comparison is: {@link #FULL} for RESULTS.md, {@link #SMOKE} to show every comparison runs, in a fraction of the time. */
    private final Sizes sizes;

    /**
     * The sizes of a run. {@code warmup}: runs before a warm figure (two were too few on 2 cores:
     * the JIT compiles in the background, and with both cores busy running workers it finishes
     * later than beside a sequential run; count:2000000 on 2 threads went 140, 130, 125, 120 ms run
     * after run). {@code longWarmup}: for the second, informative {@code processes} figure of the
     * scaling table. {@code trips}: round trips per process-pool figure, after as many again to
     * warm up. {@code streamTasks} in chunks of {@code streamChunk}: the stream comparison.
     * {@code ioRequests}, each answered after {@code ioLatencyMillis}: the I/O comparison.
     */
    record Sizes(boolean smoke, int warmup, int longWarmup, int trips, int streamTasks, int streamChunk, int ioRequests,
                 int ioLatencyMillis) {
        static final Sizes FULL = new Sizes(false, 5, 20, 10_000, 1_000_000, 1_000, 10_000, 100);
        static final Sizes SMOKE = new Sizes(true, 1, 2, 1_000, 100_000, 1_000, 1_000, 100);
    }

    /** A 1-minute load average above this before the run marks the run as not on an idle machine. */
    private static final double IDLE_LOAD = 0.5;

    private final StringBuilder md = new StringBuilder();

    private Anchors(int repeat, long sieveLimit, Sizes sizes, PythonProgram python, PythonProgram stack) {
        this.repeat = repeat;
        this.sizes = sizes;
        this.sieveLimit = sieveLimit;
        this.python = python;
        this.stack = stack;
    }

    /**
     * Runs every measurement and writes the Markdown to {@code out}, echoing it on stdout.
     *
     * @param repeat     rounds per comparison, the median reported
     * @param sieveLimit N for the pi(N) comparison with primesieve
     * @param smoke      every comparison at a size that shows it runs ({@link Sizes#SMOKE}), its figures no result
     */
    public static void write(int repeat, long sieveLimit, boolean smoke, Path out) throws Exception {
        Anchors a = new Anchors(repeat, sieveLimit, smoke ? Sizes.SMOKE : Sizes.FULL, PythonProgram.find().orElse(null),
                PythonProgram.findStack().orElse(null));
        String before = loadAverage();
        var cpuBefore = MachineCpu.now();
        long begin = System.nanoTime();
        a.run(before);
        String after = loadAverage();
        var cpuAfter = MachineCpu.now();
        double cores = Runtime.getRuntime().availableProcessors();
        String stolen = cpuBefore.isPresent() && cpuAfter.isPresent()
                ? String.format(Locale.ROOT, "; CPU time stolen by the host during the run: %.2f%% of the cores' time",
                        100.0 * (cpuAfter.get().stealNanos() - cpuBefore.get().stealNanos()) / ((System.nanoTime() - begin) * cores))
                : "";
        a.line("Load average (1, 5, 15 min) before the run: " + before + "; after: " + after
                + ". It counts the run's own processes too: a section's load is mostly the section before it" + stolen + ".");
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, a.md.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Milliseconds of one run: wall, and CPU (NaN where the program does not say). A round-trip
     * figure ({@link #roundTrips}) carries its trips' median and 99th percentile, in microseconds,
     * in the same two places.
     */
    record Measure(double wall, double cpu) {
    }

    /** One side of a comparison: who runs ({@code Java}, {@code Python}, ...), what, and one run of it in a fresh process. */
    record Side(String program, String label, Callable<Measure> once) {
    }

    /** A side's figure: the median and range of its runs, or why it failed. */
    record Figure(Side side, Summary wall, Summary cpu, String failure) {
        boolean ok() {
            return failure == null;
        }

        double median() {
            return ok() ? wall.median() : Double.NaN;
        }

        /** The wall time's cell, or the failure. */
        String wallCell() {
            return ok() ? wall.millisWithRange() : failure;
        }

        /** The wall and CPU cells of a row. */
        String cells() {
            return wallCell() + " | " + (!ok() || cpu == null ? "" : cpu.millisWithRange());
        }
    }

    /**
     * Runs every side once per round, {@link #repeat} rounds, in order: A, B, C, A, B, C, ... A
     * side that fails is dropped from the later rounds, with its reason; the others go on.
     */
    private List<Figure> interleaved(List<Side> sides) throws InterruptedException {
        List<List<Measure>> runs = new ArrayList<>();
        String[] failures = new String[sides.size()];
        sides.forEach(s -> runs.add(new ArrayList<>()));
        for (int round = 0; round < repeat; round++) {
            for (int i = 0; i < sides.size(); i++) {
                if (failures[i] != null) {
                    continue;
                }
                try {
                    runs.get(i).add(sides.get(i).once().call());
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    failures[i] = "failed: " + shorten(String.valueOf(e.getMessage()));
                }
            }
        }
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < sides.size(); i++) {
            List<Measure> m = runs.get(i);
            if (failures[i] != null) {
                figures.add(new Figure(sides.get(i), null, null, failures[i]));
                continue;
            }
            double[] cpu = m.stream().mapToDouble(Measure::cpu).filter(c -> !Double.isNaN(c)).toArray();
            figures.add(new Figure(sides.get(i), Summary.of(m.stream().mapToDouble(Measure::wall).toArray()), cpu.length == m.size()
                    ? Summary.of(cpu) : null, null));
        }
        return figures;
    }

    /** Rows of {@code | program | label | wall | CPU |}. */
    private void rows(List<Figure> figures) {
        line("| program | what | wall | CPU |");
        line("|---|---|---|---|");
        for (Figure f : figures) {
            line("| " + f.side().program() + " | " + f.side().label() + " | " + f.cells() + " |");
        }
    }

    private void run(String loadBefore) throws Exception {
        line("# Anchors: the project measured against the lecture's Python, the best Python stack, and primesieve");
        line("");
        line("Written by `profiling/run-anchors.sh` (" + LocalDate.now() + "). Each comparison is interleaved: every round runs each side once,");
        line("in the order of its table, each run in a fresh process; a figure is the median of " + repeat
                + " rounds with the range in brackets. CPU is user plus system time of the process and its pool's processes.");
        line("");
        machine();
        if (sizes.smoke()) {
            line("**A smoke run (`--smoke`): every comparison at a size that only shows it runs; these figures are not results.**");
            line("");
        }
        double load = Double.parseDouble(loadBefore.split(" ")[0].replace("unknown", "0"));
        if (load > IDLE_LOAD) {
            line("**The machine was not idle when the run began (1-minute load " + loadBefore.split(" ")[0]
                    + "): read these figures as upper bounds.**");
            line("");
        }
        seed();
        count();
        scaling();
        sieveAgainstPrimesieve();
        roundTrips();
        stream();
        io();
        cluster();
    }

    private void section(String title) {
        line("## " + title);
        line("");
        line("Load before: " + loadAverage() + ".");
        line("");
    }

    // 1. seed: the same algorithm on both sides, pool start-up included on both.
    private void seed() throws Exception {
        section("`seed`: the lecture's six numbers, trial division, pool start-up included");
        line("Java's figures: the JVM's JIT warmed by " + sizes.warmup() + " runs and at least 1 s first (each starting and closing its pool), then one run timed,");
        line("its pool's start-up included. Python's: one run of the lecture's program, its pool's start-up included.");
        line("");
        List<Side> sides = new ArrayList<>(pythonLecture("seed", "sequential", "threads", "processes"));
        List<String> java = List.of("sequential", "jdk-fixed", "fixed", "stealing", "forkjoin", "virtual", "processes");
        java.forEach(s -> sides.add(javaFresh("seed", s)));
        List<Figure> f = interleaved(sides);
        rows(f);
        line("");
        Figure pySeq = find(f, "Python", "sequential");
        Figure javaSeq = find(f, "Java", "`sequential`");
        ratio("Java sequential over Python sequential (target at least 30x)", pySeq, javaSeq, 30);
        ratio("best Java over best Python (target at least 30x)", best(f, "Python"), best(f, "Java"), 30);
        Figure pyThreads = find(f, "Python", "threads, 2 workers");
        if (pyThreads != null && pyThreads.ok() && pySeq.ok()) {
            line("- Python's threads: " + pyThreads.wall().millisWithRange() + ", against " + pySeq.wall().millisWithRange()
                    + " sequential: the GIL.");
        }
        line("- Java tests each divisor as a whole floating-point quotient, 64 at a time (`Primes.smallestFactorByTrialDivision`);");
        line("  the lecture's `n % d` is `smallestFactorByRemainder`, and `PrimeAlgorithmBenchmark` times both.");
        line("");
    }

    // 2. count: Python's best is a process pool over 8 range chunks.
    private void count() throws Exception {
        section("`count:2000000`: pi(2,000,000) by trial division, pool start-up included");
        line("Measured as `seed` is: Java after " + sizes.warmup() + " warm-up runs and at least 1 s of them, each run starting its own pool.");
        line("");
        List<Side> sides = new ArrayList<>(pythonLecture("count:2000000:8", "sequential", "processes"));
        List.of("sequential", "jdk-fixed", "fixed", "stealing", "forkjoin", "processes").forEach(s -> sides.add(javaFresh("count:2000000", s)));
        List<Figure> f = interleaved(sides);
        rows(f);
        line("");
        ratio("best Java over best Python (target at least 20x)", best(f, "Python"), best(f, "Java"), 20);
        line("");
    }

    // 3. scaling on 2 workers, start-up excluded, warm.
    private void scaling() throws Exception {
        section("CPU-bound scaling on 2 workers, start-up excluded, after " + sizes.warmup() + " warm-up runs and at least 1 s of them");
        line("| workload | strategy | wall | CPU | speedup | target |");
        line("|---|---|---|---|---|---|");
        // Two workers on a machine of at least two cores: no pool can be more than twice as fast as one thread.
        int bound = Math.min(2, Runtime.getRuntime().availableProcessors());
        boolean suspect = false;
        for (String w : List.of("count:2000000", "sieve:1000000000")) {
            List<Side> sides = new ArrayList<>();
            sides.add(new Side("Java", "sequential", () -> fork(w, "sequential", 1, "warm:" + sizes.warmup(), "")));
            for (String s : List.of("fixed", "stealing", "forkjoin", "jdk-fixed", "processes")) {
                sides.add(new Side("Java", s, () -> fork(w, s, 2, "warm:" + sizes.warmup(), "")));
            }
            sides.add(new Side("Java", "processes, after " + sizes.longWarmup() + " warm-up runs", () -> fork(w, "processes", 2, "warm:" + sizes.longWarmup(), "")));
            List<Figure> f = interleaved(sides);
            Figure base = f.getFirst();
            for (Figure x : f) {
                String label = x.side().label();
                if (x == base || !x.ok() || !base.ok()) {
                    line("| `" + w + "` | " + label + " | " + x.cells() + " | " + (x == base ? "1.00x" : "") + " | |");
                    continue;
                }
                double speedup = base.median() / x.median();
                double goal = label.equals("processes") ? 1.6 : 1.8;
                boolean impossible = speedup > bound;
                suspect |= impossible;
                String target = impossible ? "**suspect** (above " + bound + " workers' worth): not counted"
                        : label.contains("after") ? "(for comparison)"
                        : String.format(Locale.ROOT, "%.1fx %s", goal, speedup >= goal ? "met" : "**missed**");
                line(String.format(Locale.ROOT, "| `%s` | %s | %s | %.2fx | %s |", w, label, x.cells(), speedup, target));
            }
        }
        line("");
        if (suspect) {
            line("A speedup above the " + bound + " workers is physics' verdict on the figure, not a result: a bug until explained. The");
            line("medians of a few runs each are compared, and the sequential row's runs spread (its range above); when its median sits");
            line("at the slow end, a pool's speedup comes out above what its workers can give. More rounds (`--repeat`) narrow it.");
            line("");
        }
        line("A worker JVM compiles its side of the protocol only after a few hundred tasks (64 per run here), so the");
        line("`processes` row is also measured after " + sizes.longWarmup() + " warm-up runs on the same workers: what the pool does once warm.");
        line("");
    }

    /** The lecture's program on one workload, each strategy a side (2 workers for the pools). */
    private List<Side> pythonLecture(String workload, String... strategies) {
        List<Side> sides = new ArrayList<>();
        for (String strategy : strategies) {
            sides.add(new Side("Python", strategy + (strategy.equals("sequential") ? "" : ", 2 workers"), () -> {
                if (python == null) {
                    throw new IOException("no python3");
                }
                JsonNode out = python.call(workload, strategy, 2);
                return new Measure(out.get("seconds").asDouble() * 1000, out.path("cpu_seconds").asDouble(Double.NaN) * 1000);
            }));
        }
        return sides;
    }

    /**
     * Java in a fresh JVM: start the workers, run, close, the start-up counted in the wall time,
     * after the warm-up runs that warm the JIT (one was not enough: the vectorized
     * trial division is compiled by C2 only after a few runs, and one warm-up run left the timed
     * run at 37-48 ms against 19-20 ms warm).
     */
    private Side javaFresh(String workload, String strategy) {
        boolean takesWorkers = Strategies.discover().named(strategy).takesWorkers();
        return new Side("Java", "`" + strategy + "`" + (takesWorkers ? ", 2 workers" : ""),
                () -> fork(workload, strategy, takesWorkers ? 2 : 1, "fresh:" + sizes.warmup(), ""));
    }

    private static Figure find(List<Figure> figures, String program, String label) {
        return figures.stream().filter(f -> f.side().program().equals(program) && f.side().label().equals(label)).findFirst().orElse(null);
    }

    /** The fastest figure of a program, or null when none of its sides ran. */
    private static Figure best(List<Figure> figures, String program) {
        return figures.stream().filter(f -> f.side().program().equals(program) && f.ok())
                .min(java.util.Comparator.comparingDouble(Figure::median)).orElse(null);
    }

    /** The first three fields of {@code /proc/loadavg}, or "unknown" where there is none. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private void machine() throws IOException {
        // The model and its vector width: two VMs of one model name differ in it, and so do the kernels' times.
        String cpu = MachineCpu.model() + " (" + MachineCpu.vectors() + ")";
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        line("Machine: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memory / (1L << 30) + " GiB; "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + "; JDK " + Runtime.version()
                + " (" + System.getProperty("java.vendor") + ")" + (python == null ? "; no python3" : "; " + python.version())
                + (stack == null ? "" : "; the Python stack on " + stack.interpreter() + " (" + stack.version() + ")")
                + "; " + ChildProcess.which("primesieve").map(p -> primesieveVersion()).orElse("no primesieve") + ".");
        line("");
    }

    /**
     * One run in a JVM of its own, as JMH forks: a JVM that has run other work carries its JIT's
     * and GC's history into the next figure (seen here: a 2-thread run at half speed per thread
     * after a dozen other figures in the same JVM). {@code ioServer}, when not blank, is the
     * address of an {@link IoServer} the io requests go to.
     */
    private static Measure fork(String workload, String strategy, int workers, String mode, String ioServer) throws Exception {
        ChildProcess.Result r = ChildProcess.main(Figures.class)
                .jvmOptions("-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED")
                .args(workload, strategy, Integer.toString(workers), mode, ioServer)
                .timeout(Duration.ofMinutes(10))
                .tailLines(50)
                .run();
        String last = r.stdoutTail().isEmpty() ? "" : r.stdoutTail().getLast();
        if (r.exitCode() != 0 || !last.startsWith(Figures.PREFIX)) {
            throw new IllegalStateException(strategy + " on " + workload + " failed: " + r.stdoutTail() + " " + r.stderrTail());
        }
        String[] f = last.substring(Figures.PREFIX.length()).strip().split(" ");
        return new Measure(Double.parseDouble(f[0]), Double.parseDouble(f[1]));
    }

    /**
     * The {@code main} of one figure's JVM: prints {@value #PREFIX}, the wall and the CPU
     * milliseconds of one run. Arguments: workload, strategy, workers, mode, and the address of
     * an io server in another JVM (or an empty argument). Modes: {@code fresh:W} (start the workers,
     * run, close, the start-up in the wall time and its CPU with the pool's ended processes; after
     * W such runs that warm the JIT, as Python has none to warm; they last at least
     * {@link #MIN_WARMUP_NANOS}), {@code warm:W} (workers started once, at least W warm-up runs and
     * on until steady, as {@link Trial} warms up, then one timed run),
     * {@code startup} (the start-up alone, CPU unknown), {@code roundtrip:N} (a process pool of one
     * worker, N trivial tasks one at a time after N more to warm up: the median and the 99th
     * percentile in microseconds instead).
     */
    public static final class Figures {
        static final String PREFIX = "figure: ";
        /**
         * A fresh pool's warm-up of this JVM lasts at least this long, as well as W runs: after 5
         * short runs the JIT had not finished compiling the vectorized trial division (a fresh
         * pool cannot warm up until steady, since each run starts new workers).
         */
        static final long MIN_WARMUP_NANOS = 1_000_000_000L;
        static final int MAX_WARMUPS = 500;

        private Figures() {
        }

        public static void main(String[] args) throws Exception {
            Workload<?> workload = Workload.parse(args[0]);
            if (workload instanceof IoWorkload io && args.length > 4 && !args[4].isBlank()) {
                workload = io.against(args[4]);
            }
            Strategy s = Strategies.discover().named(args[1]);
            int workers = Integer.parseInt(args[2]);
            String mode = args[3];
            double wall;
            double cpu;
            if (mode.startsWith("stream:")) {
                String[] nc = mode.substring("stream:".length()).split(":");
                System.out.println(PREFIX + streamMillis(Integer.parseInt(nc[0]), Integer.parseInt(nc[1])) + " NaN");
                System.exit(0);
            }
            if (mode.startsWith("roundtrip:")) {
                try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
                    pool.awaitWorkersReady();
                    long[] nanos = RoundTrips.time(task -> pool.submit(task).get(), Integer.parseInt(mode.substring("roundtrip:".length())));
                    wall = Summary.percentile(nanos, 50) / 1e3;
                    cpu = Summary.percentile(nanos, 99) / 1e3;
                }
                System.out.println(PREFIX + wall + " " + cpu);
                System.exit(0);
            }
            try (PreparedWorkload<?> prepared = workload.prepare()) {
                if (mode.startsWith("warm:")) {
                    int warmups = Integer.parseInt(mode.substring("warm:".length()));
                    try (Trial<?> trial = Trial.start(s, Strategy.Options.NONE, prepared, workers)) {
                        // Warm until steady (the JIT done in this JVM and the workers'), then one timed run.
                        RunStats r = trial.runs(Rounds.Warmup.atLeast(warmups), 1, () -> { }).median().stats();
                        wall = r.wallNanos() / 1e6;
                        cpu = r.cpuNanos() / 1e6;
                    }
                } else if (mode.equals("startup")) {
                    try (Trial<?> trial = Trial.start(s, Strategy.Options.NONE, prepared, workers)) {
                        wall = trial.startupNanos() / 1e6;
                        cpu = Double.NaN;
                    }
                } else {
                    int warmups = Integer.parseInt(mode.substring("fresh:".length()));
                    long until = System.nanoTime() + MIN_WARMUP_NANOS;
                    for (int i = 0; i < warmups || (System.nanoTime() < until && i < MAX_WARMUPS); i++) {
                        Trial.once(s, Strategy.Options.NONE, prepared, workers);   // warms this JVM's JIT
                    }
                    double cpuBefore = cpuWithEndedChildrenMillis();
                    RunStats r = Trial.once(s, Strategy.Options.NONE, prepared, workers).stats();
                    wall = (r.wallNanos() + r.startupNanos()) / 1e6;
                    // As Python's figure counts it: start, run and close, the pool's ended processes included.
                    cpu = cpuWithEndedChildrenMillis() - cpuBefore;
                }
            }
            System.out.println(PREFIX + wall + " " + cpu);
            System.exit(0);
        }
    }

    /** The trivial function the stream comparison applies: a project class, so the frame filter admits it. */
    record Identity() implements dev.multitasking.core.futures.TaskFunction<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            return x;
        }
    }

    /**
     * {@code n} trivial tasks streamed through a warm process pool of two workers with
     * {@link dev.multitasking.core.futures.Futures#mapUnordered}, in chunks of {@code chunk},
     * every result read and their sum checked: one run's wall time in milliseconds, after one
     * run of warm-up (as Python's side warms its pool once).
     */
    static double streamMillis(int n, int chunk) throws Exception {
        long expected = (long) n * (n - 1) / 2;
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            pool.awaitWorkersReady();
            double wall = 0;
            for (int run = 0; run < 2; run++) {
                long start = System.nanoTime();
                long sum = 0;
                try (var results = dev.multitasking.core.futures.Futures.mapUnordered(pool, new Identity(),
                        java.util.stream.IntStream.range(0, n).boxed(), chunk, 4 * pool.workerPids().size(), null)) {
                    while (results.hasNext()) {
                        sum += results.next().value();
                    }
                }
                wall = (System.nanoTime() - start) / 1e6;
                if (sum != expected) {
                    throw new IllegalStateException("WRONG: the stream summed to " + sum + ", not " + expected);
                }
            }
            return wall;
        }
    }

    /**
     * This JVM's user and system time and that of its children that have ended and been waited
     * for (a closed pool's worker JVMs), in milliseconds, from {@code /proc/self/stat} (fields 14
     * to 17, in clock ticks, 100 a second); NaN where there is no such file.
     */
    static double cpuWithEndedChildrenMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");   // f[0] is field 3
            long ticks = 0;
            for (int field = 14; field <= 17; field++) {
                ticks += Long.parseLong(f[field - 3]);
            }
            return ticks * 10.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    // 4. the sieve against primesieve: the kernel (warm, in-process time) and the whole process.
    private void sieveAgainstPrimesieve() throws Exception {
        String n = String.format(Locale.ROOT, "%.0e", (double) sieveLimit).replace("+", "").replace("e0", "e");
        section("pi(" + n + "): the project's segmented sieve against primesieve");
        Optional<Path> primesieve = ChildProcess.which("primesieve");
        line("| threads | primesieve (its own timer) | Java sieve, warm | ratio (target at most 1.3x) | `primesieve " + n
                + "`, whole process | `primes count " + n + "`, whole process | ratio (target at most 1.5x) |");
        line("|---|---|---|---|---|---|---|");
        for (int threads : new int[] {1, 2}) {
            List<Side> sides = new ArrayList<>();
            sides.add(new Side("primesieve", "kernel", () -> primesieve(primesieve, threads).kernel()));
            sides.add(new Side("Java", "kernel", () -> fork("sieve:" + sieveLimit, threads == 1 ? "sequential" : "forkjoin", threads,
                    "warm:" + sizes.warmup(), "")));
            sides.add(new Side("primesieve", "process", () -> primesieve(primesieve, threads).process()));
            sides.add(new Side("Java", "process", () -> primesCount(threads)));
            List<Figure> f = interleaved(sides);
            line("| " + threads + " | " + f.get(0).wallCell() + " | " + f.get(1).wallCell() + " | " + ratioCell(f.get(1), f.get(0), 1.3)
                    + " | " + f.get(2).wallCell() + " | " + f.get(3).wallCell() + " | " + ratioCell(f.get(3), f.get(2), 1.5) + " |");
        }
        line("");
        line("The kernel: primesieve's own `--time` against the Java sieve's timed run in a warm JVM. The whole process: wall time from");
        line("start to exit, the JVM's start and the JIT's warm-up included, as a user meets `./primes count`.");
        line("");
    }

    private static String ratioCell(Figure ours, Figure theirs, double target) {
        if (!ours.ok() || !theirs.ok()) {
            return "";
        }
        double r = ours.median() / theirs.median();
        return String.format(Locale.ROOT, "%.2fx %s", r, r <= target ? "met" : "**missed**");
    }

    /** One primesieve run: its own timer's figure, and the process's wall from start to exit. */
    private record Primesieve(Measure kernel, Measure process) {
    }

    private Primesieve primesieve(Optional<Path> primesieve, int threads) throws IOException, InterruptedException {
        if (primesieve.isEmpty()) {
            throw new IOException("not installed");
        }
        long begin = System.nanoTime();
        String out = exec(primesieve.get().toString(), Long.toString(sieveLimit), "--threads=" + threads, "--time");
        double process = (System.nanoTime() - begin) / 1e6;
        Matcher m = Pattern.compile("Seconds: ([0-9.]+)").matcher(out);
        if (!m.find()) {
            throw new IOException("primesieve said: " + out);
        }
        return new Primesieve(new Measure(Double.parseDouble(m.group(1)) * 1000, Double.NaN), new Measure(process, Double.NaN));
    }

    /** {@code primes count N -n THREADS} as a process of its own, from start to exit; its answer checked. */
    private Measure primesCount(int threads) throws IOException, InterruptedException {
        long begin = System.nanoTime();
        ChildProcess.Result r = ChildProcess.main(dev.multitasking.app.PrimesCommand.class)
                .args("count", Long.toString(sieveLimit), "-n", Integer.toString(threads))
                .timeout(Duration.ofMinutes(10)).tailLines(5).run();
        double wall = (System.nanoTime() - begin) / 1e6;
        String said = String.join(" ", r.stdoutTail());
        long expected = KnownPrimeCounts.primePi(sieveLimit).orElse(-1);
        if (r.exitCode() != 0 || (expected >= 0 && !said.contains(" = " + expected + " "))) {
            throw new IOException("primes count said " + said + " " + r.stderrTail());
        }
        return new Measure(wall, Double.NaN);
    }

    // 5. a trivial task's round trip on a warm pool of one worker process.
    private void roundTrips() throws Exception {
        section("Process pools: the round trip of a trivial task on a warm pool of one worker process");
        List<Side> sides = new ArrayList<>();
        sides.add(new Side("Java", "`ProcessPoolExecutor` (this project)", () -> fork("seed", "processes", 1, "roundtrip:" + sizes.trips(), "")));
        for (String[] pool : new String[][] {{"apply", "`multiprocessing.Pool.apply`"}, {"futures", "`concurrent.futures.ProcessPoolExecutor`"},
                {"loky", "loky (`joblib`)"}, {"pebble", "pebble `ProcessPool`"}}) {
            sides.add(new Side("Python", pool[1], () -> {
                JsonNode out = stack().call("roundtrip", pool[0], Integer.toString(sizes.trips()), "1", "1");
                // Percentiles, taken by the script: the trips themselves make a line past what a child's line may be.
                return new Measure(out.get("median_micros").asDouble(), out.get("p99_micros").asDouble());
            }));
        }
        List<Figure> f = interleaved(sides);
        line("| program | pool | round trip, median | 99th percentile |");
        line("|---|---|---|---|");
        for (Figure x : f) {
            line("| " + x.side().program() + " | " + x.side().label() + " | "
                    + (x.ok() ? micros(x.wall()) + " | " + micros(x.cpu()) : x.failure() + " |") + " |");
        }
        line("");
        line("Each figure: the median (and 99th percentile) of " + sizes.trips() + " round trips, one at a time after " + sizes.trips()
                + " more to warm up, in a fresh process; the median and range of that over the rounds.");
        Figure ours = f.getFirst();
        Figure apply = f.get(1);
        if (ours.ok() && apply.ok()) {
            line(String.format(Locale.ROOT, "- This project's pool against `multiprocessing.Pool.apply` (target: below it): %.0f us against %.0f us, %s.",
                    ours.median(), apply.median(), ours.median() < apply.median() ? "met" : "**missed**"));
        }
        line("");
    }

    // 5b. a million tiny tasks streamed through two workers, in chunks, results as they come.
    private void stream() throws Exception {
        section("Process pools: " + String.format(Locale.ROOT, "%,d", sizes.streamTasks()) + " trivial tasks streamed through two worker processes, in chunks of "
                + sizes.streamChunk());
        List<Side> sides = new ArrayList<>();
        sides.add(new Side("Java", "`Futures.mapUnordered` on `ProcessPoolExecutor` (this project)",
                () -> fork("seed", "processes", 2, "stream:" + sizes.streamTasks() + ":" + sizes.streamChunk(), "")));
        for (String[] pool : new String[][] {{"futures", "`concurrent.futures.ProcessPoolExecutor.map(chunksize=...)`"},
                {"imap", "`multiprocessing.Pool.imap_unordered(chunksize=...)`"}}) {
            sides.add(new Side("Python", pool[1], () -> {
                JsonNode out = stack().call("stream", pool[0], Integer.toString(sizes.streamTasks()), Integer.toString(sizes.streamChunk()), "1", "1");
                return new Measure(out.get("seconds").get(0).asDouble() * 1000, Double.NaN);
            }));
        }
        List<Figure> f = interleaved(sides);
        line("| program | pool | wall | tasks a second |");
        line("|---|---|---|---|");
        for (Figure x : f) {
            line("| " + x.side().program() + " | " + x.side().label() + " | " + x.wallCell() + " | "
                    + (x.ok() ? String.format(Locale.ROOT, "%,.0f", sizes.streamTasks() / (x.median() / 1000)) : "") + " |");
        }
        line("");
        line("Each figure: one run on a pool of two workers already warmed by one run, in a fresh process; every result read (and their sum checked).");
        line("Java's stream keeps " + "4 chunks per worker in flight and reads its input only as they finish; Python's `map` submits every chunk at once.");
        Figure ours = f.getFirst();
        for (Figure other : f.subList(1, f.size())) {
            if (ours.ok() && other.ok()) {
                line(String.format(Locale.ROOT, "- Against %s: **%.1fx** the tasks a second.", other.side().label(), other.median() / ours.median()));
            }
        }
        line("");
    }

    private static String micros(Summary s) {
        return String.format(Locale.ROOT, "%.0f us (%.0f-%.0f)", s.median(), s.min(), s.max());
    }

    private PythonProgram stack() throws IOException {
        if (stack == null) {
            throw new IOException("no python3");
        }
        return stack;
    }

    // 6. I/O-bound: the same server, three clients.
    private void io() throws Exception {
        String workload = "io:" + sizes.ioRequests() + ":" + sizes.ioLatencyMillis() + "ms";
        section("I/O-bound: " + String.format(Locale.ROOT, "%,d", sizes.ioRequests()) + " requests in flight at once, each answered after "
                + sizes.ioLatencyMillis() + " ms");
        List<Side> sides = List.of(
                new Side("Java", "`virtual`: a virtual thread per request", () -> withIoServer(url -> fork(workload, "virtual", 2, "warm:1", url))),
                new Side("Python", "asyncio on uvloop, aiohttp", () -> withIoServer(url -> pythonIo("aiohttp", url))),
                new Side("Python", "`ThreadPoolExecutor`, a thread per request", () -> withIoServer(url -> pythonIo("threads", url))));
        List<Figure> f = interleaved(sides);
        rows(f);
        line("");
        line("Every run has a server JVM of its own (`IoServer`, the JDK's HTTP server on 127.0.0.1, C1 only so that its JIT takes less of the");
        line("cores the clients need) and one warm-up run before the timed one;");
        line("each request is a connection of its own on every side. A fresh server each run: 30,000 connections to one port leave more");
        line("sockets in TIME_WAIT than there are ephemeral ports, and the next run then waits on the kernel's search for a free one.");
        Figure java = f.getFirst();
        Figure aiohttp = f.get(1);
        if (java.ok() && aiohttp.ok()) {
            double r = aiohttp.median() / java.median();
            line(String.format(Locale.ROOT, "- Virtual threads against aiohttp on uvloop (target at least 6x): **%.1fx**, %s.", r, r >= 6 ? "met" : "missed"));
        }
        line("");
    }

    private Measure pythonIo(String client, String url) throws IOException, InterruptedException {
        JsonNode out = stack().call("io", client, url, Integer.toString(sizes.ioRequests()), "1", "1");
        return new Measure(out.get("seconds").get(0).asDouble() * 1000, out.path("cpu_seconds").asDouble(Double.NaN) * 1000);
    }

    /** Starts an {@link IoServer} JVM, runs {@code client} against its address, stops it. */
    private Measure withIoServer(IoClient client) throws Exception {
        // The server runs in a JVM of its own: 10,000 client and 10,000 server sockets in one JVM
        // pass a 20,000 file-descriptor limit (this machine's, hard). It is the fixture, not what is
        // measured, so it runs C1 only: in a fresh server C2 compiling the HTTP server was 43% of
        // its CPU during a run, on the same 2 cores as the client (server CPU per warm-up and timed
        // run 3.6-3.7 s with C2, 2.3-2.4 s without; the Java client's run 1.49-1.64 s, 1.35 s).
        try (ChildProcess.Launched server = ChildProcess.main(IoServer.class).jvmOptions("-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1")
                .args(Integer.toString(sizes.ioLatencyMillis())).timeout(Duration.ofMinutes(15)).talk().start()) {
            String ready = new BufferedReader(new InputStreamReader(server.stdout(), StandardCharsets.UTF_8)).readLine();
            if (ready == null || !ready.startsWith(IoServer.READY)) {
                throw new IllegalStateException("the io server said " + ready + " " + server.stderrTail());
            }
            try {
                return client.run(ready.substring(IoServer.READY.length()));
            } finally {
                server.stdin().close();   // its signal to stop
            }
        }
    }

    @FunctionalInterface
    private interface IoClient {
        Measure run(String url) throws Exception;
    }

    // 7. the cluster: members formed and seen by a client.
    private void cluster() throws Exception {
        section("Scale-out: 3 local Hazelcast members formed and seen by a client");
        double first;
        try {
            first = fork("seed", "cluster", 3, "startup", "").wall();
        } catch (IllegalStateException e) {
            line("Failed: " + shorten(e.getMessage()));
            line("");
            return;
        }
        List<Figure> f = interleaved(List.of(new Side("Java", "`cluster`, 3 members, start-up", () -> fork("seed", "cluster", 3, "startup", ""))));
        rows(f);
        line("");
        line(String.format(Locale.ROOT, "The run before these (not in the figure) took %.2f s; on a new build it writes the members' class archive,", first / 1000));
        line("which later members start from (`MemberClassArchive`).");
        if (f.getFirst().ok()) {
            line(String.format(Locale.ROOT, "- Formed within 3 s (target): %.2f s, %s.", f.getFirst().median() / 1000,
                    f.getFirst().median() <= 3000 ? "met" : "**missed**"));
        }
        line("");
    }

    /** The first line of a failure, and of that no more than a sentence's worth. */
    static String shorten(String message) {
        String first = message.lines().findFirst().orElse("");
        Matcher m = Pattern.compile("[A-Za-z.]*Exception: [^,]+").matcher(first);
        String why = first;
        while (m.find()) {
            why = m.group();   // the innermost cause is the last one named
        }
        return why.length() > 160 ? why.substring(0, 160) + "..." : why;
    }

    private void ratio(String what, Figure slow, Figure fast, double target) {
        if (slow == null || fast == null || !slow.ok() || !fast.ok()) {
            line("- " + what + ": not measured (" + (slow == null || !slow.ok() ? "the slower side" : "the faster side") + " did not run).");
            return;
        }
        double r = slow.median() / fast.median();
        line(String.format(Locale.ROOT, "- %s: **%.1fx** (%s, %s against %s, %s), %s.", what, r, fast.side().label(), fast.wall().millisWithRange(),
                slow.side().label(), slow.wall().millisWithRange(), r >= target ? "met" : "missed"));
    }

    private void line(String s) {
        md.append(s).append('\n');
        System.out.println(s);
    }

    private static String primesieveVersion() {
        try {
            return exec("primesieve", "--version").lines().findFirst().orElse("primesieve").strip();
        } catch (Exception e) {
            return "primesieve";
        }
    }

    /** Runs a program to its end; what it printed, stdout then stderr. */
    private static String exec(String... command) throws IOException, InterruptedException {
        ChildProcess.Result r = ChildProcess.program(command[0], Arrays.copyOfRange(command, 1, command.length))
                .timeout(Duration.ofMinutes(10)).tailLines(200).run();
        String out = String.join("\n", r.stdoutTail()) + (r.stderrTail().isEmpty() ? "" : "\n" + String.join("\n", r.stderrTail()));
        if (r.killed() || r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + (r.killed() ? " ran past 10 minutes: " : " failed: ") + out);
        }
        return out;
    }
}
