package dev.multitasking.app;

import dev.multitasking.cluster.ClusterStrategy;
import dev.multitasking.cluster.Member;
import dev.multitasking.core.Amdahl;
import dev.multitasking.core.NumberText;
import dev.multitasking.core.RunResult;
import dev.multitasking.core.RunStats;
import dev.multitasking.core.SequentialStrategy;
import dev.multitasking.core.Strategies;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Workers;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Verdict;
import dev.multitasking.core.workload.Workload;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
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
            "Runs workloads on strategies, verifies every result against the workload's oracle,",
            "and prints wall time, CPU time and speedup over 'sequential'."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-w", "--workload"}, paramLabel = "WORKLOAD", converter = WorkloadConverter.class,
            description = {"What to run (repeatable; default: seed). One of: " + Workload.FORMS + "."})
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

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "The name of the --join cluster (default: ${DEFAULT-VALUE}).")
    private String clusterName = Member.DEFAULT_CLUSTER;

    @Option(names = "--warmup", paramLabel = "RUNS", description = "Untimed runs before the timed ones, so the JIT has compiled the hot loops (default: ${DEFAULT-VALUE}).")
    private int warmup = 2;

    @Option(names = "--repeat", paramLabel = "RUNS", description = "Timed runs; the median is reported (default: ${DEFAULT-VALUE}).")
    private int repeat = 3;

    @Override
    public Integer call() {
        workerCounts = parseWorkers(workersText);
        check(warmup >= 0 && warmup <= 100, "--warmup must be from 0 to 100, got " + warmup);
        check(repeat >= 1 && repeat <= 100, "--repeat must be from 1 to 100, got " + repeat);
        if (join != null) {
            try {
                ClusterStrategy.parse(join);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--join: " + e.getMessage());
            }
            System.setProperty(ClusterStrategy.JOIN_PROPERTY, join);
            System.setProperty(ClusterStrategy.NAME_PROPERTY, clusterName);
        }
        List<Strategy> strategies = chosenStrategies();
        if (workloads.isEmpty()) {
            workloads.add(Workload.parse("seed"));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d cores, JDK %s; %d warm-up and %d timed run(s) each, median shown%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), warmup, repeat);
        boolean allVerified = true;
        for (Workload<?> workload : workloads) {
            allVerified &= compare(workload, strategies, out);
        }
        out.flush();
        return allVerified ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    private List<Integer> parseWorkers(String text) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (text == null) {
            return List.of(cores);
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
            return found.all().stream().filter(s -> s.inDefaultSet() || (join != null && s instanceof ClusterStrategy)).toList();
        }
        if (join != null && !strategyNames.contains("cluster")) {
            strategyNames.add("cluster");
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

    private <T> boolean compare(Workload<T> workload, List<Strategy> strategies, PrintWriter out) {
        out.printf("%nworkload %s: %s%n", workload.spec(), workload.description());
        out.printf("%-16s %7s %22s %10s %9s %8s  %s%n", "strategy", "workers", "wall ms (min-max)", "cpu ms", "start ms", "speedup", "verified");
        boolean allVerified = true;
        RunStats baseline = null;
        List<String> amdahl = new ArrayList<>();
        try (PreparedWorkload<T> prepared = workload.prepare()) {
            for (Strategy strategy : strategies) {
                List<Amdahl.Point> points = new ArrayList<>();
                for (int n : strategy.takesWorkers() ? workerCounts : List.of(1)) {
                    Row row = run(strategy, prepared, n);
                    if (strategy.name().equals(SequentialStrategy.NAME) && row.median != null) {
                        baseline = row.median;
                    }
                    if (baseline != null && row.median != null) {
                        points.add(new Amdahl.Point(n, row.median.speedupOver(baseline)));
                    }
                    allVerified &= row.verified;
                    out.println(row.format(baseline));
                    out.flush();
                }
                if (strategy.takesWorkers() && points.stream().anyMatch(p -> p.workers() >= 2)) {
                    Amdahl a = Amdahl.fit(points);
                    amdahl.add(String.format("  %-16s serial fraction %.3f: %.1fx on 16 workers, %.1fx on 64",
                            strategy.name(), a.serialFraction(), a.predict(16), a.predict(64)));
                }
            }
        }
        if (!amdahl.isEmpty()) {
            out.println("Amdahl's law fitted to these speedups (what the serial part allows on more cores):");
            amdahl.forEach(out::println);
            out.flush();
        }
        return allVerified;
    }

    private <T> Row run(Strategy strategy, PreparedWorkload<T> prepared, int workers) {
        List<RunStats> timed = new ArrayList<>();
        Verdict verdict = null;
        Workers started;
        long startup;
        try {
            long begin = System.nanoTime();
            started = strategy.start(strategy.takesWorkers() ? workers : 1);
            startup = System.nanoTime() - begin;
        } catch (Exception e) {
            return Row.failed(strategy, workers, "FAILED to start: " + e);
        }
        // Started once, then reused for the warm-up and timed runs: a pool is for reuse, and its
        // workers (threads' JIT, worker JVMs' JIT) warm up with it.
        try (started) {
            for (int i = 0; i < warmup + repeat; i++) {
                RunResult<T> result = strategy.measureOn(started, prepared.tasks(), workers, startup);
                verdict = prepared.verify(result.batch().results());
                if (!verdict.ok()) {
                    return Row.failed(strategy, workers, "WRONG: " + verdict.detail());
                }
                if (i >= warmup) {
                    timed.add(result.stats());
                }
            }
        } catch (ExecutionException e) {
            return Row.failed(strategy, workers, "FAILED: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Row.failed(strategy, workers, "INTERRUPTED");
        }
        timed.sort(Comparator.comparingLong(RunStats::wallNanos));
        return new Row(strategy.name(), timed.get(0).workers(), timed.get(timed.size() / 2),
                timed.get(0).wallNanos(), timed.get(timed.size() - 1).wallNanos(), true, "yes: " + verdict.detail());
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** One line of the table; {@code median} is null when the strategy failed. */
    private record Row(String strategy, int workers, RunStats median, long minWall, long maxWall, boolean verified, String verdict) {

        static Row failed(Strategy strategy, int workers, String why) {
            return new Row(strategy.name(), strategy.takesWorkers() ? workers : 1, null, 0, 0, false, why);
        }

        String format(RunStats baseline) {
            if (median == null) {
                return String.format("%-16s %7d %22s %10s %9s %8s  %s", strategy, workers, "-", "-", "-", "-", verdict);
            }
            String wall = String.format("%.1f (%.1f-%.1f)", ms(median.wallNanos()), ms(minWall), ms(maxWall));
            String speedup = baseline == null ? "-" : String.format("%.2fx", median.speedupOver(baseline));
            return String.format("%-16s %7d %22s %10.0f %9.1f %8s  %s", strategy, workers, wall,
                    ms(median.cpuNanos()), ms(median.startupNanos()), speedup, verdict);
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }
}
