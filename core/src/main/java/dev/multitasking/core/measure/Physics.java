package dev.multitasking.core.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The second oracle of a figure: not "is the answer right?" (the workload's) but "can this
 * timing happen on this machine?". A figure that fails it is a measuring bug (a run timed while
 * the JIT compiled, a busy machine, a clock that disagrees with another), marked suspect with its
 * reason, and never a result.
 *
 * <p>What it checks, each with room for the run-to-run spread and the kernel's 10 ms CPU clock:
 * <ul>
 *   <li>a CPU-bound speedup above its workers or the cores, whichever is fewer, by more than
 *       the baseline's own spread;</li>
 *   <li>the same CPU-bound work done on far less CPU than the baseline's;</li>
 *   <li>more CPU than wall time times the cores;</li>
 *   <li>CPU-bound timed runs during which the JIT was still compiling (a warm-up cut short by its
 *       cap), in enough of them (a third) to move the median;</li>
 *   <li>a machine that other processes, or the hypervisor, used during the rounds.</li>
 * </ul>
 */
public final class Physics {

    /** Room above the limit for rounding and for a clock that is not perfectly steady. */
    static final double SPEEDUP_ROOM = 0.02;

    /** The same work on less than this share of the baseline's CPU is "far below" it. */
    static final double CPU_FLOOR = 0.75;

    /** A few of the kernel's 10 ms ticks: CPU times finer than this are not measured. */
    static final long CPU_RESOLUTION_NANOS = 30_000_000L;

    /**
     * The JIT's share of the timed runs' CPU, and of the machine in their wall time, above which
     * they were not steady: compiling takes a core from CPU-bound work, and hardly matters to work
     * that waits.
     */
    static final double JIT_SHARE = 0.10;

    /**
     * The JIT's share of the machine (wall times cores) in a row's timed runs that counts as
     * taking a core from them. Not less: a long-lived JVM compiles its cold code now and then for
     * ever, a few percent of the machine that falls on every row of the interleaved rounds alike
     * (and so biases none); a row still compiling its own hot code shows tens of percent.
     */
    static final double JIT_MACHINE_SHARE = 0.10;

    /**
     * A row is suspect when at least one in this many of its timed runs were compiled over: a
     * third, short of the half that would make the median one of them, for room.
     */
    static final int COMPILED_OVER_RUNS = 3;

    /** Whether the JIT took a real share of this run: of its CPU, and of the machine in its wall time. */
    private static boolean compiledOver(RunStats r, int cores) {
        return r.jitNanos() > JIT_SHARE * r.cpuNanos() && r.jitNanos() > JIT_MACHINE_SHARE * r.wallNanos() * cores;
    }

    /** Others' CPU, or steal, as a share of the machine above which it was not idle. */
    static final double BUSY_SHARE = 0.10;

    private Physics() {
    }

    /**
     * A row's timed runs, as this check needs them.
     *
     * @param timed   the timed runs (any order)
     * @param workers the workers it ran on; for a thread per task, the threads it used
     */
    public record Figure(List<RunStats> timed, int workers) {

        public Figure {
            if (timed.isEmpty()) {
                throw new IllegalArgumentException("a figure needs a timed run");
            }
            timed = timed.stream().sorted(java.util.Comparator.comparingLong(RunStats::wallNanos)).toList();
        }

        RunStats median() {
            return Summary.median(timed);
        }

        long minWall() {
            return timed.get(0).wallNanos();
        }

        long maxWall() {
            return timed.get(timed.size() - 1).wallNanos();
        }

        long cpu() {
            return timed.stream().mapToLong(RunStats::cpuNanos).sum();
        }

        long wall() {
            return timed.stream().mapToLong(RunStats::wallNanos).sum();
        }

        long jit() {
            return timed.stream().mapToLong(RunStats::jitNanos).sum();
        }
    }

    /**
     * Checks one row.
     *
     * @param row      the row's runs
     * @param baseline the baseline's runs of the same rounds (the row itself may be it), or null
     * @param cpuBound whether the work is CPU-bound (a speedup is then bounded by the cores)
     * @param cores    the processors the machine has
     * @param window   the machine during the rounds, or null when unknown
     */
    public static TimingVerdict check(Figure row, Figure baseline, boolean cpuBound, int cores, Rounds.Window window) {
        List<String> why = new ArrayList<>();
        RunStats m = row.median();
        if (cpuBound && baseline != null && baseline != row) {
            int limit = Math.min(row.workers(), cores);
            double speedup = (double) baseline.median().wallNanos() / Math.max(1, m.wallNanos());
            // Room for the baseline's own noise: half its relative range either side of its median.
            double room = SPEEDUP_ROOM + (baseline.maxWall() - baseline.minWall()) / (2.0 * baseline.median().wallNanos());
            if (speedup > limit * (1 + room)) {
                String what = (limit == cores ? "core" : "worker") + (limit == 1 ? "" : "s");
                why.add(String.format(Locale.ROOT, "a speedup of %.2fx on %d %s, above what %d %s can give (%.2fx with the baseline's spread)",
                        speedup, row.workers(), row.workers() == 1 ? "worker" : "workers", limit, what, limit * (1 + room)));
            }
            long cpu = row.cpu() / row.timed().size();
            long base = baseline.cpu() / baseline.timed().size();
            if (base > 4 * CPU_RESOLUTION_NANOS && cpu + CPU_RESOLUTION_NANOS < CPU_FLOOR * base) {
                why.add(String.format(Locale.ROOT, "%.0f ms of CPU per run for the work the baseline did on %.0f ms",
                        cpu / 1e6, base / 1e6));
            }
        }
        if (m.cpuNanos() > (long) (m.wallNanos() * (double) cores * (1 + SPEEDUP_ROOM)) + CPU_RESOLUTION_NANOS) {
            why.add(String.format(Locale.ROOT, "%.0f ms of CPU in %.1f ms of wall time, more than %d cores have",
                    m.cpuNanos() / 1e6, m.wallNanos() / 1e6, cores));
        }
        // Only where the work keeps the cores busy: a compile beside work that waits takes nothing from it.
        // And only where it could move the median: one compile over one run of forty (a long-lived JVM
        // compiles cold code now and then for ever) leaves the figure as it was.
        long compiledOver = row.timed().stream().filter(r -> compiledOver(r, cores)).count();
        if (cpuBound && compiledOver * COMPILED_OVER_RUNS >= row.timed().size() && row.jit() > CPU_RESOLUTION_NANOS / 3) {
            why.add(String.format(Locale.ROOT, "the JIT compiled during %d of its %d timed runs (%.0f ms of their %.0f ms of CPU)",
                    compiledOver, row.timed().size(), row.jit() / 1e6, row.cpu() / 1e6));
        }
        if (window != null) {
            busy(window).ifPresent(why::add);
        }
        return why.isEmpty() ? TimingVerdict.SOUND : TimingVerdict.suspect(String.join("; ", why));
    }

    /** Why the machine was not idle during the rounds, if it was not. */
    public static java.util.Optional<String> busy(Rounds.Window w) {
        List<String> why = new ArrayList<>();
        // The machine's counters tick every 10 ms per CPU: a short window is read to within two ticks a CPU.
        long resolution = 2L * w.cores() * MachineCpu.NANOS_PER_TICK;
        if (w.othersShare() > BUSY_SHARE && w.othersCpuNanos() > BUSY_SHARE * w.wallNanos() * w.cores() + resolution) {
            why.add(String.format(Locale.ROOT, "other processes used %.0f%% of the %d cores during the rounds",
                    100 * w.othersShare(), w.cores()));
        }
        if (w.stealShare() > BUSY_SHARE && w.stealNanos() > BUSY_SHARE * w.wallNanos() * w.cores() + resolution) {
            why.add(String.format(Locale.ROOT, "the hypervisor took %.0f%% of the CPUs (steal) during the rounds", 100 * w.stealShare()));
        }
        return why.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join("; ", why));
    }
}
