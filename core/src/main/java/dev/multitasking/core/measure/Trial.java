package dev.multitasking.core.measure;

import dev.multitasking.core.Batch;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Workers;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Verdict;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The project's one measuring loop: start a strategy's workers once (start-up timed apart), run
 * a prepared workload on them again and again, time each run's wall and CPU (with the JIT's and
 * the collector's share of it, this JVM's and the workers' JVMs'), and check each run's results
 * against the workload's oracle. Warm-up lasts until the work is steady, not for a count
 * ({@link Rounds}, which also interleaves several trials). {@code primes compare}, the anchors, the lessons that
 * time things and the benchmarks' set-up all measure through it.
 *
 * <pre>{@code
 * try (Trial<Long> trial = Trial.start(strategy, Strategy.Options.NONE, prepared, 2)) {
 *     Trial.Runs<Long> runs = trial.runs(1, 3);        // warm up until steady (at least 1 run), 3 timed
 *     RunStats typical = runs.median().stats();
 * }
 * }</pre>
 *
 * <p>Started workers are reused, as a pool is meant to be. {@link #once} is the other way: start,
 * run once, close, for a cost that includes the start-up. An interrupt before or during a run
 * ends it with {@link InterruptedException}; the caller still closes the trial.
 *
 * <p>Owned by one thread.
 *
 * @param <T> the tasks' value type
 */
public final class Trial<T> implements AutoCloseable {

    /** Starts workers: a {@link Strategy}, or a pool built on the spot by a lesson. */
    @FunctionalInterface
    public interface Starter {
        Workers start(int workers) throws Exception;
    }

    private final String name;
    private final boolean countsWorkers;
    private final int workers;
    private final PreparedWorkload<T> work;
    private final Workers started;
    private final long startupNanos;

    private Trial(String name, boolean countsWorkers, int workers, PreparedWorkload<T> work, Workers started, long startupNanos) {
        this.name = name;
        this.countsWorkers = countsWorkers;
        this.workers = workers;
        this.work = work;
        this.started = started;
        this.startupNanos = startupNanos;
    }

    /**
     * Starts the strategy's workers for this workload and times the start.
     *
     * @param workers how many; a strategy that does not take a count
     *                ({@link Strategy#takesWorkers()}) is started with 1 and credited with the
     *                workers its runs were seen to use
     */
    public static <T> Trial<T> start(Strategy strategy, Strategy.Options options, PreparedWorkload<T> work, int workers)
            throws Exception {
        boolean counts = strategy.takesWorkers();
        return start(strategy.name(), counts, counts ? workers : 1, n -> strategy.start(n, options), work);
    }

    /** Starts {@code workers} workers with {@code starter}, named {@code name} in the stats, and times the start. */
    public static <T> Trial<T> start(String name, int workers, Starter starter, PreparedWorkload<T> work) throws Exception {
        return start(name, true, workers, starter, work);
    }

    private static <T> Trial<T> start(String name, boolean counts, int workers, Starter starter, PreparedWorkload<T> work)
            throws Exception {
        if (workers < 1) {
            throw new IllegalArgumentException("need at least 1 worker, got " + workers);
        }
        long begin = System.nanoTime();
        Workers started = starter.start(workers);
        return new Trial<>(name, counts, workers, work, started, System.nanoTime() - begin);
    }

    /**
     * Starts the strategy's workers, runs the workload once, closes them: what one run costs
     * from nothing, its start-up in {@link RunStats#startupNanos()}.
     */
    public static <T> RunResult<T> once(Strategy strategy, Strategy.Options options, PreparedWorkload<T> work, int workers)
            throws Exception {
        try (Trial<T> trial = start(strategy, options, work, workers)) {
            return trial.run();
        }
    }

    /** What starting the workers cost. */
    public long startupNanos() {
        return startupNanos;
    }

    /** The started workers, for what times itself (a JMH benchmark) or watches a run (a profiler). */
    public Workers workers() {
        return started;
    }

    /**
     * One run, timed and verified.
     *
     * @throws WrongAnswerException when the oracle disagrees with the results
     * @throws ExecutionException   when a task fails
     * @throws InterruptedException when interrupted before or during the run
     */
    public RunResult<T> run() throws InterruptedException, ExecutionException, WrongAnswerException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        List<Long> children = started.childPids();
        JvmWork jvmBefore = jvmWork(children);
        long cpuBefore = RunStats.processCpuNanos() + started.childCpuNanos();
        long wallBegin = System.nanoTime();
        Batch<T> batch = started.invokeAll(work.tasks());
        long wall = System.nanoTime() - wallBegin;
        long cpu = RunStats.processCpuNanos() + started.childCpuNanos() - cpuBefore;
        JvmWork jvm = jvmWork(children).since(jvmBefore);
        Verdict verdict = work.verify(batch.results());
        if (!verdict.ok()) {
            throw new WrongAnswerException(verdict.detail());
        }
        // A strategy without a worker count (a thread per task, a cached pool) is credited with
        // the workers it was seen to use.
        int used = countsWorkers ? workers : (int) Math.max(1, batch.spans().stream()
                .map(s -> s.pid() + "/" + s.worker()).distinct().count());
        return new RunResult<>(batch, new RunStats(name, used, startupNanos, wall, cpu, jvm.jitNanos(), jvm.gcNanos()), verdict);
    }

    /** This JVM's and the child JVMs' JIT and GC time so far. */
    private static JvmWork jvmWork(List<Long> children) {
        JvmWork w = JvmWork.self();
        for (long pid : children) {
            w = w.plus(JvmWork.of(pid));
        }
        return w;
    }

    /**
     * Warms up until steady ({@link Rounds}: at least {@code warmup.minRuns()} runs, then on until
     * a run during which the JIT compiled next to nothing and run times stopped falling, or the
     * cap), then {@code timed} runs, every one verified; {@code afterEach} is told after each of
     * them (a progress bar).
     */
    public Runs<T> runs(Rounds.Warmup warmup, int timed, Runnable afterEach)
            throws InterruptedException, ExecutionException, WrongAnswerException {
        Rounds.Result result = Rounds.run(List.of(this), warmup, timed, afterEach::run);
        if (result.interrupted()) {
            throw new InterruptedException();
        }
        Rounds.Outcome outcome = result.outcomes().get(0);
        if (outcome.failure() instanceof WrongAnswerException e) {
            throw e;
        }
        if (outcome.failure() instanceof ExecutionException e) {
            throw e;
        }
        if (outcome.failure() instanceof RuntimeException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        Runs<T> runs = (Runs<T>) outcome.runs();
        return runs;
    }

    /** {@link #runs(Rounds.Warmup, int, Runnable)} with at least {@code minWarmup} warm-up runs, the default cap, and no one to tell. */
    public Runs<T> runs(int minWarmup, int timed) throws InterruptedException, ExecutionException, WrongAnswerException {
        return runs(Rounds.Warmup.atLeast(minWarmup), timed, () -> { });
    }

    /** Closes the workers. */
    @Override
    public void close() {
        started.close();
    }

    /**
     * The timed runs of a trial.
     *
     * @param startupNanos what starting the workers cost
     * @param timed        the runs, fastest first
     * @param warmupRuns   how many untimed runs came before them
     * @param steady       whether the last warm-up run found the work steady (the JIT done, times
     *                     no longer falling); false when the warm-up cap came first
     */
    public record Runs<T>(long startupNanos, List<RunResult<T>> timed, int warmupRuns, boolean steady) {

        public Runs {
            if (timed.isEmpty()) {
                throw new IllegalArgumentException("no timed run");
            }
            timed = timed.stream().sorted(Comparator.comparingLong(r -> r.stats().wallNanos())).toList();
        }

        /** The median run by wall time (the upper middle one of an even count). */
        public RunResult<T> median() {
            return Summary.median(timed);
        }

        /** The fastest run: what the work needs when nothing else gets in its way. */
        public RunResult<T> fastest() {
            return timed.get(0);
        }

        /** Each run's stats, fastest first. */
        public List<RunStats> stats() {
            return timed.stream().map(RunResult::stats).toList();
        }

        /** The wall times in milliseconds. */
        public Summary wallMillis() {
            return Summary.of(timed.stream().map(r -> r.stats().wallNanos() / 1e6).toList());
        }
    }
}
