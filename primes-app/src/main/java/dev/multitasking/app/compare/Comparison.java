package dev.multitasking.app.compare;

import dev.multitasking.core.SequentialStrategy;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.measure.Amdahl;
import dev.multitasking.core.measure.Physics;
import dev.multitasking.core.measure.RunResult;
import dev.multitasking.core.measure.RunStats;
import dev.multitasking.core.measure.Rounds;
import dev.multitasking.core.measure.TimingVerdict;
import dev.multitasking.core.measure.Trial;
import dev.multitasking.core.measure.WrongAnswerException;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import dev.multitasking.profiling.Profiler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs workloads on strategies over a sweep of worker counts, every row of a workload side by
 * side: each row's workers are started once (start-up timed apart) and kept, then all rows are
 * run in rounds ({@link Rounds}: A, B, C, A, B, C), warmed up until steady, then timed (at least
 * {@code --repeat} rounds, more for a short workload, until they have lasted two seconds), every
 * result checked by the workload's oracle and every row's timings by physics ({@link Physics}).
 * {@link #cancel()} (Ctrl-C) stops it between or during runs, closes the running workers, and
 * {@link #run()} returns what was measured.
 *
 * <p>Why keep every row's workers for the whole workload instead of starting them per round: a
 * pool is for reuse, and a worker JVM started per round would be timed cold each time, so every
 * round would be a warm-up. Idle workers cost nothing measurable: parked threads, and worker
 * JVMs that only answer a heartbeat.
 *
 * <p>Owned by one thread, the one that calls {@link #run()}; {@link #cancel()} may come from any.
 */
public final class Comparison {

    /** What a caller sees while it runs: the table's lines and the progress bar's ticks. */
    public interface Listener {
        default void workloadStarted(Workload<?> workload) {
        }

        /** Warm-up of a workload's rows is over after this many rounds; the timed rounds start. */
        default void warmedUp(Workload<?> workload, int rounds) {
        }

        default void rowDone(Row row) {
        }

        /** A workload's rows are all in (also when cut short by Ctrl-C). */
        default void workloadDone(WorkloadResult result) {
        }

        /** One warm-up, timed or Python run ended. */
        default void runDone() {
        }

        /** A row failed with this exception (its verdict has the one-line version). */
        default void failed(String strategy, int workers, Throwable e) {
        }
    }

    /** Amdahl's law fitted to one strategy's sweep. */
    public record Fit(String strategy, double serialFraction, double speedupAt16, double speedupAt64) {
    }

    /**
     * Everything measured on one workload.
     *
     * @param window the machine during the Java rows' timed rounds
     */
    public record WorkloadResult(String spec, String description, List<Row> rows, List<Fit> fits, Rounds.Window window) {
    }

    /** The settings of a comparison, as the report records them. */
    public record Options(List<String> workloads, List<String> strategies, List<Integer> workers, int warmup,
            double maxWarmupSeconds, int repeat, boolean python, boolean profile) {
    }

    private final List<Workload<?>> workloads;
    private final List<Strategy> strategies;
    private final Strategy.Options options;
    private final List<Integer> workerCounts;
    private final Rounds.Warmup warmup;
    private final Rounds.Timed timed;
    private final PythonProgram python;      // null: no Python rows
    private final Path flameGraphs;          // null: no profiling
    private final Listener listener;

    private volatile boolean cancelled;
    private volatile Thread runner;

    public Comparison(List<Workload<?>> workloads, List<Strategy> strategies, Strategy.Options options, List<Integer> workerCounts,
            Rounds.Warmup warmup, Rounds.Timed timed, PythonProgram python, Path flameGraphs, Listener listener) {
        this.workloads = List.copyOf(workloads);
        this.strategies = List.copyOf(strategies);
        this.options = options;
        this.workerCounts = List.copyOf(workerCounts);
        this.warmup = warmup;
        this.timed = timed;
        this.python = python;
        this.flameGraphs = flameGraphs;
        this.listener = listener;
    }

    /** How many runs {@link Listener#runDone()} will count at least (warm-up may need more): the progress bar's total. */
    public long plannedRuns() {
        long perWorkload = 0;
        for (Strategy s : strategies) {
            perWorkload += (long) (s.takesWorkers() ? workerCounts.size() : 1)
                    * (Math.max(warmup.minRuns(), 2) + timed.minRounds() + (flameGraphs == null ? 0 : 1));
        }
        long total = perWorkload * workloads.size();
        if (python != null) {
            for (Workload<?> w : workloads) {
                if (PythonProgram.runs(w)) {
                    total += (long) (1 + workerCounts.size()) * timed.minRounds();
                }
            }
        }
        return total;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Stops the comparison: the run in progress is interrupted and its workers closed. */
    public void cancel() {
        cancelled = true;
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
        PythonProgram p = python;
        if (p != null) {
            p.killRunning();
        }
    }

    /** Runs it all, or until cancelled; returns what finished (a workload cut short keeps the rows it timed). */
    public List<WorkloadResult> run() {
        runner = Thread.currentThread();
        List<WorkloadResult> results = new ArrayList<>();
        try {
            for (Workload<?> workload : workloads) {
                if (cancelled) {
                    break;
                }
                WorkloadResult result = compare(workload);
                results.add(result);
                listener.workloadDone(result);
            }
        } finally {
            runner = null;
            Thread.interrupted();   // an interrupt from cancel() that came after the last wait
        }
        return results;
    }

    /** A row to be: its strategy and workers, and the trial once started. */
    private record Planned(Strategy strategy, int workers, Trial<?> trial, Row failedToStart) {
    }

    private <T> WorkloadResult compare(Workload<T> workload) {
        listener.workloadStarted(workload);
        List<Row> rows = new ArrayList<>();
        Rounds.Window window = null;
        try (PreparedWorkload<T> prepared = workload.prepare()) {
            List<Planned> planned = new ArrayList<>();
            try {
                for (Strategy strategy : strategies) {
                    for (int n : strategy.takesWorkers() ? workerCounts : List.of(1)) {
                        if (cancelled) {
                            break;
                        }
                        planned.add(start(strategy, n, prepared));
                    }
                }
                List<Trial<?>> trials = planned.stream().filter(p -> p.trial() != null).<Trial<?>>map(Planned::trial).toList();
                if (!cancelled && !trials.isEmpty()) {
                    Rounds.Result result = Rounds.run(trials, warmup, timed, new Rounds.Listener() {
                        @Override
                        public void runDone() {
                            listener.runDone();
                        }

                        @Override
                        public void warmedUp(int rounds) {
                            listener.warmedUp(workload, rounds);
                        }
                    });
                    window = result.interrupted() ? null : result.window();
                    int next = 0;
                    for (Planned p : planned) {
                        Row row = p.failedToStart() != null ? p.failedToStart()
                                : row(workload, p, result.outcomes().get(next++), result.interrupted());
                        if (row != null) {
                            rows.add(row);
                        }
                    }
                }
            } finally {
                for (Planned p : planned) {
                    if (p.trial() != null) {
                        p.trial().close();
                    }
                }
            }
        }
        rows = judged(rows, workload.cpuBound(), window);
        if (python != null && PythonProgram.runs(workload) && !cancelled) {
            rows.addAll(judged(pythonRows(workload), workload.cpuBound(), null));
        }
        rows.forEach(listener::rowDone);
        return new WorkloadResult(workload.spec(), workload.description(), rows, fits(rows), window == null ? Rounds.Window.NONE : window);
    }

    private <T> Planned start(Strategy strategy, int n, PreparedWorkload<T> prepared) {
        try {
            return new Planned(strategy, n, Trial.start(strategy, options, prepared, n), null);
        } catch (Exception e) {
            listener.failed(strategy.name(), n, e);
            return new Planned(strategy, n, null, Row.failed(strategy.name(), n, "FAILED to start: " + e));
        }
    }

    /** The row of one trial's outcome; null for one that Ctrl-C cut short before any timed run. */
    private Row row(Workload<?> workload, Planned p, Rounds.Outcome outcome, boolean interrupted) {
        String name = p.strategy().name();
        int n = p.workers();
        if (outcome.runs() == null) {
            Exception e = outcome.failure();
            if (e == null) {
                return interrupted ? null : Row.failed(name, n, "INTERRUPTED");
            }
            listener.failed(name, n, e);
            return Row.failed(name, n, (e instanceof WrongAnswerException ? "WRONG: " : "FAILED: ") + e.getMessage());
        }
        Trial.Runs<?> runs = outcome.runs();
        Path flameGraph = null;
        if (flameGraphs != null && !interrupted && !cancelled) {
            flameGraph = profile(workload, p);
            listener.runDone();
        }
        // Efficiency is speedup per worker for a fixed number of workers: sequential's one
        // included, a thread per task's (as many as tasks) not.
        boolean pooled = p.strategy().takesWorkers() || name.equals(SequentialStrategy.NAME);
        RunResult<?> median = runs.median();   // the run Row.median() will pick: its spans are the timeline
        // A thread per task is credited with the threads its median run was seen to use.
        int workersShown = p.strategy().takesWorkers() ? n : median.stats().workers();
        String verdict = median.verdict().detail();
        if (outcome.failure() != null) {
            verdict += " (then " + outcome.failure().getMessage() + ")";
        } else if (interrupted) {
            verdict += " (interrupted after " + runs.timed().size() + " timed runs)";
        }
        // A run that failed after others were timed leaves the row's figures standing, unverified.
        return new Row(name, workersShown, pooled, runs.stats(), median.batch().spans(), null, outcome.failure() == null, verdict,
                flameGraph, runs.warmupRuns(), runs.steady(), TimingVerdict.SOUND);
    }

    /** The rows with their speedups over their baseline (a row of the same rounds) and physics' verdict. */
    static List<Row> judged(List<Row> rows, boolean cpuBound, Rounds.Window window) {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.failedToRun()) {
                out.add(r);
                continue;
            }
            Row base = rows.stream().filter(b -> b.strategy().equals(r.baseline()) && !b.failedToRun()).findFirst().orElse(null);
            Row judged = r;
            if (base != null) {
                judged = judged.withSpeedup(r.median().speedupOver(base.median()));
            }
            Physics.Figure baseFigure = base == null ? null : base == r ? judged.figure() : base.figure();
            Physics.Figure own = judged.figure();
            out.add(judged.withTiming(Physics.check(own, base == r ? own : baseFigure, cpuBound, cores, window)));
        }
        return out;
    }

    /**
     * Amdahl's law for each Java strategy swept over two or more worker counts, suspect rows
     * included: a fit says what the measured points say, and the table marks which are suspect.
     */
    private static List<Fit> fits(List<Row> rows) {
        List<Fit> fits = new ArrayList<>();
        for (String strategy : rows.stream().filter(r -> !r.isPython() && r.pooled()).map(Row::strategy).distinct().toList()) {
            List<Amdahl.Point> points = rows.stream()
                    .filter(r -> r.strategy().equals(strategy) && r.speedup() != null)
                    .map(r -> new Amdahl.Point(r.workers(), r.speedup())).toList();
            // A fit needs a sweep: from one worker count it would say whatever that one point says.
            if (!strategy.equals(SequentialStrategy.NAME) && points.stream().map(Amdahl.Point::workers).distinct().count() >= 2) {
                Amdahl a = Amdahl.fit(points);
                fits.add(new Fit(strategy, a.serialFraction(), a.predict(16), a.predict(64)));
            }
        }
        return fits;
    }

    /**
     * The lecture's Python program, sequential and on each worker count, in rounds like the Java
     * rows (each run a fresh process, its pool's start-up inside its wall time, as the lecture times it).
     */
    private List<Row> pythonRows(Workload<?> workload) {
        List<Integer> counts = new ArrayList<>();
        counts.add(1);
        counts.addAll(workerCounts);
        List<List<RunStats>> runs = new ArrayList<>();
        String[] detail = new String[counts.size()];
        String[] failed = new String[counts.size()];
        counts.forEach(c -> runs.add(new ArrayList<>()));
        for (int round = 0; round < timed.minRounds() && !cancelled; round++) {
            for (int i = 0; i < counts.size() && !cancelled; i++) {
                if (failed[i] != null) {
                    continue;
                }
                try {
                    PythonProgram.Run run = python.once(workload, i == 0 ? "sequential" : "processes", counts.get(i));
                    runs.get(i).add(run.stats());
                    detail[i] = run.detail();
                } catch (WrongAnswerException e) {
                    failed[i] = "WRONG: " + e.getMessage();
                } catch (IOException e) {
                    failed[i] = cancelled ? null : "FAILED: " + e.getMessage();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } finally {
                    listener.runDone();
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            String name = i == 0 ? Row.PYTHON_SEQUENTIAL : "python-processes";
            if (failed[i] != null) {
                rows.add(Row.failed(name, counts.get(i), failed[i]));
            } else if (!runs.get(i).isEmpty()) {
                rows.add(Row.ran(name, counts.get(i), true, runs.get(i), List.of(),
                        detail[i] + " (pool start-up inside the wall time)", 0, false));
            }
        }
        return rows;
    }

    /** One more run under async-profiler; its flame graph, or null with the reason on stderr. */
    private Path profile(Workload<?> workload, Planned p) {
        String name = (workload.spec() + "-" + p.strategy().name() + "-" + p.workers()).replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            return Profiler.profile("cpu", flameGraphs, name, p.trial()::run).flameGraph();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            System.err.println("primes compare: no flame graph for " + name + ": " + e.getMessage());
            return null;
        }
    }
}
