package dev.multitasking.app.anchors;

import dev.multitasking.core.Batch;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Task;
import dev.multitasking.core.Workers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Workers that start a strategy's pool afresh for every run and close it after: a run costs what
 * one run of the lecture's program costs, its pool's start and close included, while a
 * {@link dev.multitasking.core.measure.Trial} around it warms this JVM's JIT until steady.
 * {@link #childCpuNanos()} is the CPU of the ended pools' processes.
 */
final class FreshEachRun implements Workers {

    /** Clock ticks a second of {@code /proc/PID/stat}'s times: Linux's USER_HZ, 100 on every architecture it exports. */
    private static final long TICKS_PER_SECOND = 100;

    private final Strategy strategy;
    private final int workers;

    FreshEachRun(Strategy strategy, int workers) {
        this.strategy = strategy;
        this.workers = workers;
    }

    @Override
    public <T> Batch<T> invokeAll(List<? extends Task<T>> tasks) throws InterruptedException, ExecutionException {
        Workers pool;
        try {
            pool = strategy.start(workers, Strategy.Options.NONE);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new ExecutionException("starting " + strategy.name() + " failed", e);
        }
        try (pool) {
            return pool.invokeAll(tasks);
        }
    }

    /** User and system time of this JVM's children that have ended and been waited for (a closed pool's worker JVMs). */
    @Override
    public long childCpuNanos() {
        return endedChildrenTicks(Path.of("/proc/self/stat")) * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /**
     * Fields 16 and 17 of a {@code /proc/PID/stat} (cutime and cstime: the waited-for children's
     * user and system time, in clock ticks), 0 where there is no such file.
     */
    static long endedChildrenTicks(Path stat) {
        try {
            return endedChildrenTicks(Files.readString(stat));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long endedChildrenTicks(String stat) {
        // The command in field 2 may hold spaces and parentheses: fields count from its last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");   // f[0] is field 3
        return Long.parseLong(f[16 - 3]) + Long.parseLong(f[17 - 3]);
    }

    @Override
    public void close() {
        // each run closed its own pool
    }
}
