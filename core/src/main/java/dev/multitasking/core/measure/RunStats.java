package dev.multitasking.core.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The measured cost of one run.
 *
 * @param strategy     the strategy's name
 * @param workers      how many workers ran the tasks (1 for {@code sequential})
 * @param startupNanos starting the workers, before any task
 * @param wallNanos    elapsed time of the work itself, first submit to last result
 * @param cpuNanos     CPU time spent during the work: this JVM's threads (all of them, including
 *                     the JIT and GC) plus the strategy's child processes
 * @param jitNanos     of that CPU time, the JIT compilers' (this JVM's and the workers' JVMs')
 * @param gcNanos      of that CPU time, the garbage collectors' (with the VM threads), likewise
 */
public record RunStats(String strategy, int workers, long startupNanos, long wallNanos, long cpuNanos, long jitNanos,
        long gcNanos) {

    /** A run whose JIT and GC time was not measured (a program of another language). */
    public RunStats(String strategy, int workers, long startupNanos, long wallNanos, long cpuNanos) {
        this(strategy, workers, startupNanos, wallNanos, cpuNanos, 0, 0);
    }

    /** How many times faster than {@code baseline}: its wall time over this one's. */
    public double speedupOver(RunStats baseline) {
        return (double) baseline.wallNanos / Math.max(1, wallNanos);
    }

    /** Speedup per worker: 1.0 means every worker was fully used. */
    public double efficiencyOver(RunStats baseline) {
        return speedupOver(baseline) / workers;
    }

    /** Looked up once: the lookup runs code of the platform's that the JIT would compile mid-measurement. */
    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    /** CPU time of this JVM so far, in nanoseconds, or 0 where the platform does not tell. */
    public static long processCpuNanos() {
        if (OS instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            return Math.max(0, hotspot.getProcessCpuTime());
        }
        return 0;
    }
}
