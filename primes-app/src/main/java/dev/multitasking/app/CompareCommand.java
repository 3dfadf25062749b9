package dev.multitasking.app;

import dev.multitasking.app.compare.Comparison;
import dev.multitasking.app.compare.Estimate;
import dev.multitasking.app.compare.Finding;
import dev.multitasking.app.compare.PythonProgram;
import dev.multitasking.app.compare.Row;
import dev.multitasking.app.report.Machine;
import dev.multitasking.app.report.Report;
import dev.multitasking.core.NumberText;
import dev.multitasking.core.measure.MachineCpu;
import dev.multitasking.core.measure.Rounds;
import dev.multitasking.core.SequentialStrategy;
import dev.multitasking.core.Strategies;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.workload.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code primes compare}: every chosen strategy on every chosen workload, timed and verified. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Times strategies side by side on workloads, checking every answer and every timing.",
            "Every row of a workload runs in rounds, warmed up until the JIT is done; each answer is checked",
            "against the workload's oracle and each timing against physics (a speedup above the cores is",
            "marked suspect). Prints wall time, CPU time (with the JIT's and GC's part), speedup over",
            "'sequential' and efficiency, and writes a report (results.json, results.csv, report.html with",
            "charts and timelines). Ctrl-C stops it and keeps what was measured."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-w", "--workload"}, paramLabel = "WORKLOAD", converter = WorkloadConverter.class,
            description = {"What to run (repeatable; default: seed, count:1000000, sieve:1000000000, io:32:50ms:",
                    "one of each kind, about a minute and a half on 2 cores).",
                    "One of: " + Workload.FORMS + "."})
    private List<Workload<?>> workloads = new ArrayList<>();

    @Option(names = {"-s", "--strategies"}, split = ",", paramLabel = "NAME",
            description = "Strategies to run, comma-separated (default: every one found but cluster, which takes seconds to form).")
    private List<String> strategyNames = new ArrayList<>();

    @Option(names = {"-n", "--workers"}, paramLabel = "N[,N...]",
            description = {"Workers per strategy: one count, a sweep such as 1,2,4, or max (the number of cores).",
                    "Default: the number of cores. A sweep also fits Amdahl's law to each strategy."})
    private String workersText;

    /** The worker counts of the sweep, ascending. */
    private List<Integer> workerCounts = List.of();

    @Option(names = "--join", paramLabel = "HOST:PORT,...",
            description = {"Run the cluster strategy on the Hazelcast cluster at these members (started with",
                    "dev.multitasking.cluster.Member) instead of starting local members; implies -s cluster."})
    private String join;

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "The name of the --join cluster (default: the name a Member starts with).")
    private String clusterName;

    /** What the strategies are started with: {@code --join} and {@code --cluster-name}, for the cluster's. */
    private Strategy.Options options = Strategy.Options.NONE;

    @Option(names = "--warmup", paramLabel = "RUNS", description = {"At least this many untimed rounds before the timed ones; warm-up",
            "goes on until the JIT compiled next to nothing during a run and run times stopped falling (default: ${DEFAULT-VALUE})."})
    private int warmup = 2;

    @Option(names = "--max-warmup", paramLabel = "SECONDS", converter = SecondsConverter.class,
            description = {"Past --warmup, warm up until steady for at most this long per workload; 0 for exactly",
                    "--warmup rounds, steady or not (default: 20). A row still unsteady at the cap says so."})
    private double maxWarmupSeconds = Rounds.Warmup.DEFAULT_CAP.toSeconds();

    @Option(names = "--repeat", paramLabel = "RUNS", description = {"At least this many timed rounds, and more for a short workload, until they",
            "have lasted 2 s (at most 25); the median is reported (default: ${DEFAULT-VALUE})."})
    private int repeat = 3;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Where the report goes: results.json, results.csv, report.html (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("report");

    @Option(names = "--python", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Also run the lecture's Python program on the seed and count workloads, when python3 is on the PATH",
                    "(default); its rows' speedups are over python-sequential. --no-python leaves them out."})
    private boolean python;

    @Option(names = "--profile", description = "Write a flame graph per row (one more run under async-profiler) into DIR/flames.")
    private boolean profile;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar (it is shown only when stderr is a terminal anyway).")
    private boolean quiet;

    @Option(names = "--verbose", description = "Stack traces for failures, instead of one line.")
    private boolean verbose;

    /** The strategy {@code --join} is for, found at run time like every other; it reads the options {@code join} and {@code cluster-name}. */
    private static final String CLUSTER = "cluster";

    /** The default workloads: one of each kind, sized to finish in about a minute and a half on 2 cores. */
    static final List<String> DEFAULT_WORKLOADS = List.of("seed", "count:1000000", "sieve:1000000000", "io:32:50ms");

    @Override
    public Integer call() throws Exception {
        workerCounts = parseWorkers(workersText);
        check(warmup >= 0 && warmup <= 100, "--warmup must be from 0 to 100, got " + warmup);
        check(maxWarmupSeconds >= 0 && maxWarmupSeconds <= 3600, "--max-warmup must be from 0 to 3600 seconds, got " + maxWarmupSeconds);
        check(repeat >= 1 && repeat <= 100, "--repeat must be from 1 to 100, got " + repeat);
        check(clusterName == null || join != null, "--cluster-name names the --join cluster: give --join too");
        options = Strategy.Options.of("join", join).with("cluster-name", clusterName);
        List<Strategy> strategies = chosenStrategies();
        for (Strategy s : strategies) {
            try {
                s.check(options);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--join: " + e.getMessage());
            }
        }
        if (workloads.isEmpty()) {
            DEFAULT_WORKLOADS.forEach(w -> workloads.add(Workload.parse(w)));
        }
        checkMemory(strategies);
        prepareOut();
        PythonProgram pythonProgram = null;
        if (python) {
            pythonProgram = PythonProgram.find().orElse(null);
            if (pythonProgram == null) {
                spec.commandLine().getErr().println("primes compare: no python3 on the PATH, so no Python rows (a note, not an error)");
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        Machine machine = Machine.current();
        stdout.printf("%d cores, %s (%s), JDK %s, load average %.2f; warm-up until steady (at least %d round(s), at most %s s), "
                        + "then at least %d timed round(s), every row once per round; median shown%n",
                machine.cores(), machine.cpu(), machine.vectors(), Runtime.version(), MachineCpu.loadAverage(), warmup,
                new java.math.BigDecimal(maxWarmupSeconds).stripTrailingZeros().toPlainString(), repeat);
        sayWhatTakesLong(stdout, strategies);
        stdout.flush();

        Progress progress = quiet ? Progress.NONE : Progress.onTerminal();
        Rounds.Warmup warmups = new Rounds.Warmup(warmup, java.time.Duration.ofMillis((long) (maxWarmupSeconds * 1000)));
        Comparison comparison = new Comparison(workloads, strategies, options, workerCounts, warmups, Rounds.Timed.atLeast(repeat), pythonProgram,
                profile ? out.resolve("flames") : null, new Printer(stdout, spec.commandLine().getErr(), verbose, progress));
        // Ctrl-C: the hook stops the comparison (the running workers are closed, child JVMs killed)
        // and waits while this thread prints and writes what finished.
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            comparison.cancel();
            try {
                reported.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "primes-compare-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            progress.start(comparison.plannedRuns());
            List<Comparison.WorkloadResult> results = comparison.run();
            progress.close();
            results.forEach(r -> printFits(r, stdout));
            boolean interrupted = comparison.cancelled();
            Comparison.Options options = new Comparison.Options(workloads.stream().map(Workload::spec).toList(),
                    strategies.stream().map(Strategy::name).toList(), workerCounts, warmup, maxWarmupSeconds, repeat, pythonProgram != null,
                    profile);
            boolean written = writeReport(new Report(machine, options, results, interrupted));
            long rows = results.stream().mapToLong(r -> r.rows().size()).sum();
            if (interrupted) {
                stdout.printf("%ninterrupted: %d row(s) finished; report in %s%n", rows, out.resolve("report.html"));
                stdout.flush();
                return 130;
            }
            if (written) {
                stdout.printf("%nreport: %s (and results.json, results.csv)%n", out.resolve("report.html"));
                stdout.flush();
            }
            boolean allVerified = results.stream().allMatch(r -> r.rows().stream().allMatch(Row::verified));
            return allVerified && written ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
        } finally {
            progress.close();
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C came: the hook is running and lets the JVM go once it has the latch.
            }
        }
    }

    /**
     * Writes the report; a failure is one line on stderr (the table is already printed), e.g. a
     * disk that filled.
     */
    private boolean writeReport(Report report) {
        try {
            report.writeTo(out);
            return true;
        } catch (IOException | RuntimeException | LinkageError e) {
            spec.commandLine().getErr().println("primes compare: the report could not be written to " + out + ": " + e);
            if (verbose) {
                e.printStackTrace(spec.commandLine().getErr());
            }
            return false;
        }
    }

    /** Creates {@code --out} and checks that a file can be written there, before anything runs. */
    private void prepareOut() {
        if (out.toString().isBlank()) {
            throw new ParameterException(spec.commandLine(), "--out names no directory (give one, such as report)");
        }
        try {
            Files.createDirectories(out);
            // Every file is written beside its name and moved onto it, so a link planted under a name is
            // replaced, never followed; in a directory every user may write to, another could still swap
            // the files after they are written, or plant the names first.
            var others = Files.getPosixFilePermissions(out);
            if (others.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
                throw new ParameterException(spec.commandLine(), "--out " + out + " is a directory every user may write to ("
                        + java.nio.file.attribute.PosixFilePermissions.toString(others) + "): give a directory of your own, such as report");
            }
            Path probe = Files.createTempFile(out, ".probe", ".tmp");
            Files.delete(probe);
        } catch (ParameterException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String why = e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ParameterException(spec.commandLine(), "--out " + out + " is not a writable directory (" + why + ")");
        }
    }

    private static void printFits(Comparison.WorkloadResult result, PrintWriter out) {
        if (result.fits().isEmpty()) {
            return;
        }
        out.printf("Amdahl's law fitted to %s (what the serial part allows on more cores):%n", result.spec());
        for (Comparison.Fit f : result.fits()) {
            out.println(String.format("  %-16s serial fraction %.3f: %.1fx on 16 workers, %.1fx on 64",
                    f.strategy(), f.serialFraction(), f.speedupAt16(), f.speedupAt64()));
        }
        out.flush();
    }

    /** Prints the table as rows finish, and ticks the progress bar. */
    private record Printer(PrintWriter out, PrintWriter err, boolean verbose, Progress progress) implements Comparison.Listener {
        @Override
        public void failed(String strategy, int workers, Throwable e) {
            if (verbose) {
                progress.clearLine();
                err.println(strategy + " on " + workers + " worker(s) failed:");
                e.printStackTrace(err);
                err.flush();
            }
        }

        @Override
        public void workloadStarted(Workload<?> workload) {
            progress.clearLine();
            out.printf("%nworkload %s: %s%n%s%n", workload.spec(), workload.description(), Row.HEADER);
            out.flush();
        }

        @Override
        public void warmedUp(Workload<?> workload, int rounds) {
            progress.clearLine();
            out.printf("(warmed up: %d round(s); timing now)%n", rounds);
            out.flush();
        }

        @Override
        public void rowDone(Row row) {
            progress.clearLine();
            out.println(row.format());
            out.flush();
        }

        @Override
        public void workloadDone(Comparison.WorkloadResult result) {
            progress.clearLine();
            dev.multitasking.core.measure.Physics.busy(result.window()).ifPresent(b -> out.println("Busy machine: " + b + "; every row is suspect."));
            result.rows().stream().filter(r -> !r.failedToRun() && !r.isPython() && !r.steady()).findFirst().ifPresent(r ->
                    out.printf("Not steady: %s and others were still warming when the warm-up cap came (--max-warmup)%n", r.strategy()));
            out.println(Finding.of(result.rows()));
            Finding.JavaOverPython.of(result.rows()).ifPresent(j -> out.println(j.sentence()));
            out.flush();
        }

        @Override
        public void runDone() {
            progress.step();
        }
    }

    /**
     * Refuses worker counts whose worker JVMs or cluster members would not fit the memory this
     * machine has available (each strategy says what one of its workers takes, measured).
     */
    private void checkMemory(List<Strategy> strategies) {
        long available = Machine.availableMemoryBytes();
        // Every row of a workload keeps its workers for the workload's rounds: the whole sweep is alive at once.
        int all = workerCounts.stream().mapToInt(Integer::intValue).sum();
        long total = 0;
        StringBuilder who = new StringBuilder();
        for (Strategy s : strategies) {
            long each = s.bytesPerWorker(options);
            if (each <= 0 || !s.takesWorkers()) {
                continue;
            }
            total += all * each;
            who.append(who.isEmpty() ? "" : ", ").append(s.name()).append(String.format(java.util.Locale.ROOT, " %d x %d MiB", all, each >> 20));
        }
        if (total > available) {
            throw new ParameterException(spec.commandLine(), String.format(java.util.Locale.ROOT,
                    "--workers %s: the rows keep their worker JVMs for a workload's rounds (%s, measured after work), %.1f GiB; "
                            + "this machine has %.1f GiB available, room for %d of them", workersText, who, total / (double) (1L << 30),
                    available / (double) (1L << 30), available / Math.max(1, total / all)));
        }
    }

    /** A comparison that will take minutes says so first, with the estimate it is based on. */
    private void sayWhatTakesLong(PrintWriter stdout, List<Strategy> strategies) {
        int runsEach = (Math.max(warmup, 2) + repeat) * workerCounts.size();
        for (Workload<?> w : workloads) {
            Estimate.sequential(w).filter(d -> d.multipliedBy(runsEach).compareTo(Estimate.WORTH_SAYING) > 0).ifPresent(d ->
                    stdout.printf("%s: about %s per run on one thread (estimated from a sample timed now); "
                                    + "%d run(s) for each of %d strategies: this will take a while (Ctrl-C keeps what finished)%n",
                            w.spec(), Estimate.words(d), runsEach, strategies.size()));
        }
    }

    private List<Integer> parseWorkers(String text) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (text == null) {
            return List.of(cores);
        }
        if (text.strip().isEmpty() || text.split(",").length == 0) {
            throw new ParameterException(spec.commandLine(), "--workers " + NumberText.quote(text)
                    + " names no count (a count from 1 to 4096, a list such as 1,2,4, or max)");
        }
        java.util.TreeSet<Integer> counts = new java.util.TreeSet<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.equals("max")) {
                counts.add(cores);
                continue;
            }
            try {
                counts.add((int) NumberText.parseLong(p, "--workers", 1, 4096));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage() + " (a count from 1 to 4096, a list such as 1,2,4, or max)");
            }
        }
        return List.copyOf(counts);
    }

    /** The chosen strategies, {@code sequential} first when chosen: the baseline every speedup needs. */
    private List<Strategy> chosenStrategies() {
        Strategies found = Strategies.discover();
        if (strategyNames.isEmpty()) {
            return found.all().stream().filter(s -> s.inDefaultSet() || (join != null && s.name().equals(CLUSTER))).toList();
        }
        if (join != null && !strategyNames.contains(CLUSTER)) {
            strategyNames.add(CLUSTER);
        }
        List<Strategy> chosen = new ArrayList<>();
        for (String name : strategyNames) {
            try {
                Strategy s = found.named(name.strip());
                if (!chosen.contains(s)) {
                    chosen.add(s);
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--strategies: " + e.getMessage());
            }
        }
        chosen.sort(Comparator.comparing((Strategy s) -> !s.name().equals(SequentialStrategy.NAME)));
        return chosen;
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

}
