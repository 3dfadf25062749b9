package dev.multitasking.app;

import dev.multitasking.core.SequentialStrategy;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.measure.Amdahl;
import dev.multitasking.core.measure.RunResult;
import dev.multitasking.core.measure.RunStats;
import dev.multitasking.core.measure.Trial;
import dev.multitasking.core.measure.WrongAnswerException;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import dev.multitasking.profiling.Profiler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Runs workloads on strategies over a sweep of worker counts: each strategy's workers started
 * once per count (start-up timed apart), warm-up runs, then timed runs, every result checked
 * against the workload's oracle. {@link #cancel()} (Ctrl-C) stops it between or during runs,
 * closes the running workers, and {@link #run()} returns what finished.
 *
 * <p>Owned by one thread, the one that calls {@link #run()}; {@link #cancel()} may come from any.
 */
final class Comparison {

    /** What a caller sees while it runs: the table's lines and the progress bar's ticks. */
    interface Listener {
        default void workloadStarted(Workload<?> workload) {
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
    record Fit(String strategy, double serialFraction, double at16, double at64) {
    }

    /** Everything measured on one workload. */
    record WorkloadResult(String spec, String description, List<Row> rows, List<Fit> fits) {
    }

    /** The settings of a comparison, as the report records them. */
    record Options(List<String> workloads, List<String> strategies, List<Integer> workers, int warmup, int repeat,
            boolean python, boolean profile) {
    }

    private final List<Workload<?>> workloads;
    private final List<Strategy> strategies;
    private final Strategy.Options options;
    private final List<Integer> workerCounts;
    private final int warmup;
    private final int repeat;
    private final PythonProgram python;      // null: no Python rows
    private final Path flameGraphs;          // null: no profiling
    private final Listener listener;

    private volatile boolean cancelled;
    private volatile Thread runner;

    Comparison(List<Workload<?>> workloads, List<Strategy> strategies, Strategy.Options options, List<Integer> workerCounts,
            int warmup, int repeat, PythonProgram python, Path flameGraphs, Listener listener) {
        this.workloads = List.copyOf(workloads);
        this.strategies = List.copyOf(strategies);
        this.options = options;
        this.workerCounts = List.copyOf(workerCounts);
        this.warmup = warmup;
        this.repeat = repeat;
        this.python = python;
        this.flameGraphs = flameGraphs;
        this.listener = listener;
    }

    /** How many runs {@link Listener#runDone()} will count: the progress bar's total. */
    long plannedRuns() {
        long perWorkload = 0;
        for (Strategy s : strategies) {
            perWorkload += (long) (s.takesWorkers() ? workerCounts.size() : 1) * (warmup + repeat + (flameGraphs == null ? 0 : 1));
        }
        long total = perWorkload * workloads.size();
        if (python != null) {
            for (Workload<?> w : workloads) {
                if (PythonProgram.runs(w)) {
                    total += (long) (1 + workerCounts.size()) * repeat;
                }
            }
        }
        return total;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Stops the comparison: the run in progress is interrupted and its workers closed. */
    void cancel() {
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

    /** Runs it all, or until cancelled; returns what finished (a workload cut short keeps its finished rows). */
    List<WorkloadResult> run() {
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

    private <T> WorkloadResult compare(Workload<T> workload) {
        listener.workloadStarted(workload);
        List<Row> rows = new ArrayList<>();
        List<Fit> fits = new ArrayList<>();
        RunStats baseline = null;
        try (PreparedWorkload<T> prepared = workload.prepare()) {
            for (Strategy strategy : strategies) {
                List<Amdahl.Point> points = new ArrayList<>();
                for (int n : strategy.takesWorkers() ? workerCounts : List.of(1)) {
                    if (cancelled) {
                        break;
                    }
                    Row row = run(workload, strategy, prepared, n);
                    if (strategy.name().equals(SequentialStrategy.NAME) && !row.failedToRun()) {
                        baseline = row.median();
                    }
                    if (baseline != null && !row.failedToRun()) {
                        row = row.withSpeedup(row.median().speedupOver(baseline));
                        points.add(new Amdahl.Point(n, row.speedup()));
                    }
                    if (cancelled && row.failedToRun()) {
                        break;   // cut short by Ctrl-C: not a finished row
                    }
                    rows.add(row);
                    listener.rowDone(row);
                }
                // A fit needs a sweep: from one worker count it would say whatever that one point says.
                if (strategy.takesWorkers() && points.stream().map(Amdahl.Point::workers).distinct().count() >= 2) {
                    Amdahl a = Amdahl.fit(points);
                    fits.add(new Fit(strategy.name(), a.serialFraction(), a.predict(16), a.predict(64)));
                }
            }
        }
        if (python != null && PythonProgram.runs(workload) && !cancelled) {
            List<Integer> counts = new ArrayList<>();
            counts.add(1);
            counts.addAll(workerCounts);
            RunStats pythonBaseline = null;   // Python's rows are measured against Python's own sequential run
            for (int i = 0; i < counts.size() && !cancelled; i++) {
                String strategy = i == 0 ? "sequential" : "processes";
                Row row = python.run(workload, strategy, counts.get(i), repeat, listener::runDone);
                if (i == 0 && !row.failedToRun()) {
                    pythonBaseline = row.median();
                }
                if (pythonBaseline != null && !row.failedToRun()) {
                    row = row.withSpeedup(row.median().speedupOver(pythonBaseline));
                }
                if (cancelled && row.failedToRun()) {
                    break;
                }
                rows.add(row);
                listener.rowDone(row);
            }
        }
        return new WorkloadResult(workload.spec(), workload.description(), rows, fits);
    }

    private <T> Row run(Workload<T> workload, Strategy strategy, PreparedWorkload<T> prepared, int workers) {
        int n = strategy.takesWorkers() ? workers : 1;
        Trial<T> trial;
        try {
            trial = Trial.start(strategy, options, prepared, n);
        } catch (Exception e) {
            listener.failed(strategy.name(), n, e);
            return Row.failed(strategy.name(), n, "FAILED to start: " + e);
        }
        // Started once, then reused for the warm-up and timed runs: a pool is for reuse, and its
        // workers (threads' JIT, worker JVMs' JIT) warm up with it.
        try (trial) {
            Trial.Runs<T> runs = trial.runs(warmup, repeat, listener::runDone);
            Path flameGraph = null;
            if (flameGraphs != null) {
                flameGraph = profile(workload, strategy, trial, workers);
                listener.runDone();
            }
            // Efficiency is speedup per worker for a fixed number of workers: sequential's one
            // included, a thread per task's (as many as tasks) not.
            boolean pooled = strategy.takesWorkers() || strategy.name().equals(SequentialStrategy.NAME);
            RunResult<T> median = runs.median();   // the run Row.median() will pick: its spans are the timeline
            // A thread per task is credited with the threads its median run was seen to use.
            int workersShown = strategy.takesWorkers() ? n : median.stats().workers();
            return new Row(strategy.name(), workersShown, pooled, runs.stats(), median.batch().spans(), null, true,
                    median.verdict().detail(), flameGraph);
        } catch (WrongAnswerException e) {
            listener.runDone();
            return Row.failed(strategy.name(), n, "WRONG: " + e.getMessage());
        } catch (ExecutionException e) {
            listener.failed(strategy.name(), n, e);
            return Row.failed(strategy.name(), n, "FAILED: " + e.getMessage());
        } catch (InterruptedException e) {
            return Row.failed(strategy.name(), n, "INTERRUPTED");
        }
    }

    /** One more run under async-profiler; its flame graph, or null with the reason on stderr. */
    private <T> Path profile(Workload<T> workload, Strategy strategy, Trial<T> trial, int workers) throws InterruptedException {
        String name = (workload.spec() + "-" + strategy.name() + "-" + workers).replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            return Profiler.profile("cpu", flameGraphs, name, trial::run).flameGraph();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            System.err.println("primes compare: no flame graph for " + name + ": " + e.getMessage());
            return null;
        }
    }
}
