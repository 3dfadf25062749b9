package dev.multitasking.app;

import dev.multitasking.core.SequentialStrategy;
import dev.multitasking.core.measure.RunStats;
import dev.multitasking.core.Span;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * One line of a comparison: a strategy with a number of workers on one workload, timed over its
 * runs and verified against the workload's oracle.
 *
 * @param strategy   the strategy's name ({@code python-sequential} and {@code python-processes}
 *                   for the lecture's own program)
 * @param workers    how many workers it was given
 * @param pooled     whether the workers are a fixed number (efficiency means nothing for a thread
 *                   per task, where the count is the tasks')
 * @param timed      the timed runs, fastest first; empty when it failed
 * @param spans      who ran each task in the median run, and when (empty for Python)
 * @param speedup    the median wall time of {@code sequential} over this one's (of {@code python-sequential}
 *                   for a Python row); null without one
 * @param verified   whether every run's result agreed with the oracle
 * @param verdict    what the oracle said, or why the row failed
 * @param flameGraph the flame graph of one more run, when {@code --profile} asked for it
 */
record Row(String strategy, int workers, boolean pooled, List<RunStats> timed, List<Span> spans, Double speedup, boolean verified,
        String verdict, Path flameGraph) {

    Row {
        timed = timed.stream().sorted(Comparator.comparingLong(RunStats::wallNanos)).toList();
        spans = List.copyOf(spans);
    }

    static Row failed(String strategy, int workers, String why) {
        return new Row(strategy, workers, true, List.of(), List.of(), null, false, why, null);
    }

    boolean failedToRun() {
        return timed.isEmpty();
    }

    /** The median timed run (the upper one of an even count); null when the row failed. */
    RunStats median() {
        return timed.isEmpty() ? null : timed.get(timed.size() / 2);
    }

    /** The fastest timed run's wall time, in ms (the row must have run). */
    double minWallMs() {
        return ms(timed.get(0).wallNanos());
    }

    /** The slowest timed run's wall time, in ms (the row must have run). */
    double maxWallMs() {
        return ms(timed.get(timed.size() - 1).wallNanos());
    }

    /** Whether this is the lecture's Python program, whose speedup is over {@code python-sequential}. */
    boolean isPython() {
        return strategy.startsWith("python-");
    }

    /** The lecture's Python program in a plain loop: the Python rows' baseline. */
    static final String PYTHON_SEQUENTIAL = "python-" + SequentialStrategy.NAME;

    /** The row this one's speedup is measured against. */
    String baseline() {
        return isPython() ? PYTHON_SEQUENTIAL : SequentialStrategy.NAME;
    }

    /** Speedup per worker: 1.0 means every worker was busy all the time. */
    Double efficiency() {
        return speedup == null || !pooled ? null : speedup / workers;
    }

    Row withSpeedup(Double s) {
        return new Row(strategy, workers, pooled, timed, spans, s, verified, verdict, flameGraph);
    }

    Row withFlameGraph(Path p) {
        return new Row(strategy, workers, pooled, timed, spans, speedup, verified, verdict, p);
    }

    static final String HEADER = String.format("%-18s %7s %24s %9s %9s %8s %5s  %s",
            "strategy", "workers", "wall ms (min-max)", "cpu ms", "start ms", "speedup", "eff", "verified");

    String format() {
        if (failedToRun()) {
            return String.format("%-18s %7d %24s %9s %9s %8s %5s  %s", strategy, workers, "-", "-", "-", "-", "-", verdict);
        }
        RunStats m = median();
        String wall = String.format("%.1f (%.1f-%.1f)", ms(m.wallNanos()), minWallMs(), maxWallMs());
        return String.format("%-18s %7d %24s %9s %9.1f %8s %5s  %s", strategy, workers, wall,
                m.cpuNanos() > 0 ? String.format("%.0f", ms(m.cpuNanos())) : "-", ms(m.startupNanos()),
                speedup == null ? "-" : String.format("%.2fx", speedup),
                efficiency() == null ? "-" : String.format("%.2f", efficiency()),
                (verified ? "yes: " : "") + verdict);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
