package dev.multitasking.app.compare;

import dev.multitasking.core.SequentialStrategy;
import dev.multitasking.core.Span;
import dev.multitasking.core.measure.Physics;
import dev.multitasking.core.measure.RunStats;
import dev.multitasking.core.measure.TimingVerdict;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One line of a comparison: a strategy with a number of workers on one workload, timed over its
 * runs, its answers checked by the workload's oracle and its timings by physics.
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
 * @param warmupRuns the untimed runs before the timed ones
 * @param steady     whether warm-up ended because the work was steady (false: its cap came first)
 * @param timing     what physics said of the timings ({@link TimingVerdict#SOUND} until checked)
 */
public record Row(String strategy, int workers, boolean pooled, List<RunStats> timed, List<Span> spans, Double speedup,
        boolean verified, String verdict, Path flameGraph, int warmupRuns, boolean steady, TimingVerdict timing) {

    public Row {
        timed = timed.stream().sorted(Comparator.comparingLong(RunStats::wallNanos)).toList();
        spans = List.copyOf(spans);
    }

    /** A row that ran, before its speedup and timing checks. */
    static Row ran(String strategy, int workers, boolean pooled, List<RunStats> timed, List<Span> spans, String verdict,
            int warmupRuns, boolean steady) {
        return new Row(strategy, workers, pooled, timed, spans, null, true, verdict, null, warmupRuns, steady, TimingVerdict.SOUND);
    }

    public static Row failed(String strategy, int workers, String why) {
        return new Row(strategy, workers, true, List.of(), List.of(), null, false, why, null, 0, false, TimingVerdict.SOUND);
    }

    public boolean failedToRun() {
        return timed.isEmpty();
    }

    /** Whether physics found its timing impossible on this machine: never a result, never a winner. */
    public boolean suspect() {
        return !timing.sound();
    }

    /** The median timed run (the upper one of an even count); null when the row failed. */
    public RunStats median() {
        return timed.isEmpty() ? null : timed.get(timed.size() / 2);
    }

    /** The fastest timed run's wall time, in ms (the row must have run). */
    public double minWallMs() {
        return ms(timed.get(0).wallNanos());
    }

    /** The slowest timed run's wall time, in ms (the row must have run). */
    public double maxWallMs() {
        return ms(timed.get(timed.size() - 1).wallNanos());
    }

    /** The JIT's CPU time in all the timed runs together, in ms. */
    public double jitMs() {
        return ms(timed.stream().mapToLong(RunStats::jitNanos).sum());
    }

    /** The collectors' CPU time in all the timed runs together, in ms. */
    public double gcMs() {
        return ms(timed.stream().mapToLong(RunStats::gcNanos).sum());
    }

    /** Whether this is the lecture's Python program, whose speedup is over {@code python-sequential}. */
    public boolean isPython() {
        return strategy.startsWith("python-");
    }

    /** The lecture's Python program in a plain loop: the Python rows' baseline. */
    public static final String PYTHON_SEQUENTIAL = "python-" + SequentialStrategy.NAME;

    /** The row this one's speedup is measured against. */
    public String baseline() {
        return isPython() ? PYTHON_SEQUENTIAL : SequentialStrategy.NAME;
    }

    /** Speedup per worker: 1.0 means every worker was busy all the time. */
    public Double efficiency() {
        return speedup == null || !pooled ? null : speedup / workers;
    }

    /** Its runs as the timing oracle reads them. */
    Physics.Figure figure() {
        return new Physics.Figure(timed, workers);
    }

    public Row withSpeedup(Double s) {
        return new Row(strategy, workers, pooled, timed, spans, s, verified, verdict, flameGraph, warmupRuns, steady, timing);
    }

    Row withFlameGraph(Path p) {
        return new Row(strategy, workers, pooled, timed, spans, speedup, verified, verdict, p, warmupRuns, steady, timing);
    }

    public Row withTiming(TimingVerdict t) {
        return new Row(strategy, workers, pooled, timed, spans, speedup, verified, verdict, flameGraph, warmupRuns, steady, t);
    }

    public static final String HEADER = String.format("%-18s %7s %24s %8s %6s %6s %9s %8s %5s  %s",
            "strategy", "workers", "wall ms (min-max)", "cpu ms", "jit", "gc", "start ms", "speedup", "eff", "verified");

    /** Its line of the table, and a second line when physics found it suspect. */
    public String format() {
        if (failedToRun()) {
            return String.format("%-18s %7d %24s %8s %6s %6s %9s %8s %5s  %s", strategy, workers, "-", "-", "-", "-", "-", "-", "-",
                    verdict);
        }
        RunStats m = median();
        String wall = String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", ms(m.wallNanos()), minWallMs(), maxWallMs());
        String line = String.format(Locale.ROOT, "%-18s %7d %24s %8s %6s %6s %9.1f %8s %5s  %s", strategy, workers, wall,
                m.cpuNanos() > 0 ? String.format(Locale.ROOT, "%.0f", ms(m.cpuNanos())) : "-",
                isPython() ? "-" : String.format(Locale.ROOT, "%.1f", ms(m.jitNanos())),
                isPython() ? "-" : String.format(Locale.ROOT, "%.1f", ms(m.gcNanos())),
                ms(m.startupNanos()),
                speedup == null ? "-" : String.format(Locale.ROOT, "%.2fx", speedup),
                efficiency() == null ? "-" : String.format(Locale.ROOT, "%.2f", efficiency()),
                (verified ? "yes: " : "") + verdict);
        return suspect() ? line + System.lineSeparator() + "  ^ suspect timing: " + timing.detail() : line;
    }

    public static double ms(long nanos) {
        return nanos / 1e6;
    }
}
