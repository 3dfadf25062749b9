package dev.multitasking.core.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Several trials measured side by side, in rounds: each round runs every trial once, in the same
 * order (A, B, C, A, B, C), so that drift and noise (a turbo clock settling, a neighbour on the
 * host, the heap growing) fall on every trial alike, and a baseline is a trial of the same rounds.
 *
 * <p><b>Warm-up until steady.</b> Untimed rounds go on until a round in which every trial was
 * steady, twice in a row ({@link #STEADY_ROUNDS}): the JIT compiled next to nothing during its run
 * ({@link #compiledLittle}) and its times stopped falling ({@link #steady}),
 * after at least {@link Warmup#minRuns()} rounds, and at most for {@link Warmup#cap()} (the
 * trials that were not steady by then say so). The JIT's time is read from the threads of this
 * JVM and of the workers' JVMs ({@link JvmWork}), so a pool of worker JVMs warms up until its
 * workers are compiled too.
 *
 * <p><b>The machine.</b> Across the timed rounds it reads the machine's CPU ({@link MachineCpu})
 * and the load average, so that what other processes did meanwhile is known: {@link Window}.
 *
 * <p>A trial that fails (a wrong answer, a task's exception) leaves the rounds with its failure;
 * the others go on. An interrupt ends all of them: what was measured by then comes back.
 */
public final class Rounds {

    /** Run times falling by more than this (a fraction) mean the work is still warming. */
    static final double FALLING = 0.05;

    /** How many recent runs are compared with as many before them. */
    static final int WINDOW = 3;

    /**
     * Runs during which the JIT used at most this share of the machine (their wall time times
     * the cores) compiled "next to nothing": so a run that waits (I/O) is not held to its own
     * small CPU time. Not zero: a long-lived JVM goes on compiling its cold code (a method called
     * once a run crosses the compile thresholds after thousands of runs), a millisecond now and
     * then, for ever; the JIT that matters, compiling the hot code, takes tens of percent.
     */
    static final double JIT_SHARE = 0.05;

    /** ...or at most this much a run, for runs so short that a share of them is below one compile. */
    static final long JIT_FLOOR_NANOS = 500_000;

    /** Steady means this many rounds in a row in which every trial was steady: one quiet round may be luck. */
    static final int STEADY_ROUNDS = 2;

    /** However short the runs: no more warm-up rounds than this. */
    static final int MAX_ROUNDS = 2_000;

    private Rounds() {
    }

    /**
     * How warm-up ends.
     *
     * @param minRuns at least this many warm-up rounds
     * @param cap     past {@code minRuns}, warm up until steady but no longer than this; zero for
     *                exactly {@code minRuns} rounds
     */
    public record Warmup(int minRuns, Duration cap) {

        /** Long enough for the slowest default row of {@code primes compare} to settle, with room. */
        public static final Duration DEFAULT_CAP = Duration.ofSeconds(20);

        public Warmup {
            if (minRuns < 0 || cap.isNegative()) {
                throw new IllegalArgumentException("need warm-up runs >= 0 and a cap >= 0, got " + minRuns + " and " + cap);
            }
        }

        /** At least {@code minRuns}, then until steady, within {@link #DEFAULT_CAP}. */
        public static Warmup atLeast(int minRuns) {
            return new Warmup(minRuns, DEFAULT_CAP);
        }

        /** Exactly {@code runs}, steady or not. */
        public static Warmup exactly(int runs) {
            return new Warmup(runs, Duration.ZERO);
        }
    }

    /**
     * How many timed rounds.
     *
     * @param minRounds at least this many
     * @param minTime   and more, while the timed rounds so far have lasted less than this: a short
     *                  workload gets more rounds, so that its median stands on more than three
     *                  runs of a few milliseconds each
     * @param maxRounds but no more than this
     */
    public record Timed(int minRounds, Duration minTime, int maxRounds) {

        /** What {@code primes compare} takes by default beside its {@code --repeat}. */
        public static final Duration DEFAULT_TIME = Duration.ofSeconds(2);
        public static final int DEFAULT_MAX = 25;

        public Timed {
            if (minRounds < 1 || maxRounds < minRounds || minTime.isNegative()) {
                throw new IllegalArgumentException("need 1 <= timed rounds <= their most, and a time >= 0; got " + minRounds + ", "
                        + maxRounds + " and " + minTime);
            }
        }

        /** Exactly {@code rounds}. */
        public static Timed exactly(int rounds) {
            return new Timed(rounds, Duration.ZERO, Math.max(1, rounds));
        }

        /** At least {@code rounds}, more until {@link #DEFAULT_TIME}, at most {@link #DEFAULT_MAX} (or {@code rounds}, if more). */
        public static Timed atLeast(int rounds) {
            return new Timed(rounds, DEFAULT_TIME, Math.max(rounds, DEFAULT_MAX));
        }
    }

    /**
     * What one trial gave.
     *
     * @param runs       its timed runs; null when it failed before its first one
     * @param warmupRuns how many warm-up runs it had
     * @param steady     whether its last warm-up run was steady
     * @param failure    why it left the rounds early, or null
     */
    public record Outcome(Trial.Runs<?> runs, int warmupRuns, boolean steady, Exception failure) {
    }

    /**
     * The machine across the timed rounds, from before the first to after the last.
     *
     * @param wallNanos      how long they took, gaps between runs included
     * @param othersCpuNanos CPU time that neither this JVM nor the trials' child processes used:
     *                       other processes'; -1 where the machine's CPU cannot be read
     * @param stealNanos     time the hypervisor kept this machine's CPUs from running; -1 likewise
     * @param cores          the processors available
     * @param loadBefore     the 1-minute load average before the first timed round
     * @param loadAfter      and after the last
     */
    public record Window(long wallNanos, long othersCpuNanos, long stealNanos, int cores, double loadBefore, double loadAfter) {

        /** Nothing measured (no timed round ran). */
        public static final Window NONE = new Window(0, -1, -1, Runtime.getRuntime().availableProcessors(), Double.NaN, Double.NaN);

        /** Others' CPU as a share of what the machine had in the window (wall times cores), or NaN when unknown. */
        public double othersShare() {
            return othersCpuNanos < 0 || wallNanos == 0 ? Double.NaN : (double) othersCpuNanos / ((double) wallNanos * cores);
        }

        /** Steal as a share of the machine's time in the window, or NaN when unknown. */
        public double stealShare() {
            return stealNanos < 0 || wallNanos == 0 ? Double.NaN : (double) stealNanos / ((double) wallNanos * cores);
        }
    }

    /**
     * All the trials' outcomes, in their order, and the machine during the timed rounds.
     *
     * @param interrupted whether an interrupt cut the rounds short
     */
    public record Result(List<Outcome> outcomes, Window window, boolean interrupted) {
    }

    /** Who is told as the rounds go: a progress bar, a table. */
    public interface Listener {
        /** One run ended, warm-up or timed. */
        void runDone();

        /** Warm-up is over after this many rounds; the timed rounds start now. */
        default void warmedUp(int rounds) {
        }
    }

    /** The bookkeeping of one trial in the rounds; owned by the thread running them. */
    private static final class Entry {
        final Trial<?> trial;
        final List<RunStats> warm = new ArrayList<>();
        final List<RunResult<?>> timed = new ArrayList<>();
        Exception failure;
        boolean steady;

        Entry(Trial<?> trial) {
            this.trial = trial;
        }

        boolean running() {
            return failure == null;
        }

        Outcome outcome() {
            Trial.Runs<?> runs = timed.isEmpty() ? null : runs(trial, timed, warm.size(), steady);
            return new Outcome(runs, warm.size(), steady, failure);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Trial.Runs<?> runs(Trial<?> trial, List<RunResult<?>> timed, int warmups, boolean steady) {
            return new Trial.Runs(trial.startupNanos(), (List) timed, warmups, steady);
        }
    }

    /**
     * Warms the trials up until steady, then runs {@code timed} rounds; {@code listener} is told
     * after every run (a progress bar) and when the timed rounds start.
     */
    public static Result run(List<? extends Trial<?>> trials, Warmup warmup, int timed, Listener listener) {
        if (timed < 1) {
            throw new IllegalArgumentException("need timed runs >= 1, got " + timed);
        }
        return run(trials, warmup, Timed.exactly(timed), listener);
    }

    /** As above, with as many timed rounds as {@code timed} says. */
    public static Result run(List<? extends Trial<?>> trials, Warmup warmup, Timed timed, Listener listener) {
        Runnable afterEach = listener::runDone;
        List<Entry> entries = trials.stream().map(Entry::new).toList();
        try {
            listener.warmedUp(warmUp(entries, warmup, afterEach));
            long timedBegin = System.nanoTime();
            double loadBefore = MachineCpu.loadAverage();
            long oursBefore = ours(entries);
            var machineBefore = MachineCpu.now();
            long timedUntil = timedBegin + timed.minTime().toNanos();
            for (int round = 0; (round < timed.minRounds() || round < timed.maxRounds() && System.nanoTime() - timedUntil < 0)
                    && entries.stream().anyMatch(Entry::running); round++) {
                for (Entry e : entries) {
                    if (e.running()) {
                        runOnce(e, e.timed, afterEach);
                    }
                }
            }
            var machineAfter = MachineCpu.now();
            long oursAfter = ours(entries);
            long wall = System.nanoTime() - timedBegin;
            long others = -1;
            long steal = -1;
            if (machineBefore.isPresent() && machineAfter.isPresent()) {
                others = Math.max(0, machineAfter.get().busyNanos() - machineBefore.get().busyNanos() - (oursAfter - oursBefore));
                steal = machineAfter.get().stealNanos() - machineBefore.get().stealNanos();
            }
            Window window = new Window(wall, others, steal, Runtime.getRuntime().availableProcessors(), loadBefore,
                    MachineCpu.loadAverage());
            return new Result(entries.stream().map(Entry::outcome).toList(), window, false);
        } catch (InterruptedException e) {
            return new Result(entries.stream().map(Entry::outcome).toList(), Window.NONE, true);
        }
    }

    /** Warm-up rounds until steady or the cap; returns how many ran. */
    private static int warmUp(List<Entry> entries, Warmup warmup, Runnable afterEach) throws InterruptedException {
        long deadline = System.nanoTime() + warmup.cap().toNanos();
        if (warmup.minRuns() == 0 && warmup.cap().isZero()) {
            return 0;
        }
        int round = 0;
        int quiet = 0;
        while (round < MAX_ROUNDS) {
            boolean allSteady = true;
            for (Entry e : entries) {
                if (e.running()) {
                    runOnce(e, null, afterEach);
                    e.steady = e.running() && steady(e.warm, Runtime.getRuntime().availableProcessors());
                    allSteady &= e.steady || !e.running();
                }
            }
            round++;
            quiet = allSteady ? quiet + 1 : 0;
            if (round >= warmup.minRuns() && (quiet >= STEADY_ROUNDS || System.nanoTime() - deadline >= 0)) {
                break;
            }
        }
        return round;
    }

    /** One run of one trial, into {@code timed} (or its warm-up list when null); a failure takes it out of the rounds. */
    private static void runOnce(Entry e, List<RunResult<?>> timed, Runnable afterEach) throws InterruptedException {
        try {
            RunResult<?> r = e.trial.run();
            if (timed == null) {
                e.warm.add(r.stats());
            } else {
                timed.add(r);
            }
        } catch (WrongAnswerException | ExecutionException | RuntimeException failure) {
            e.failure = failure;
        } finally {
            afterEach.run();
        }
    }

    /** CPU time of this JVM and of the trials' child processes so far. */
    private static long ours(List<Entry> entries) {
        long cpu = RunStats.processCpuNanos();
        for (Entry e : entries) {
            cpu += e.trial.workers().childCpuNanos();
        }
        return cpu;
    }

    /**
     * Whether the last of these warm-up runs, on a machine of {@code cores}, was steady. Of the
     * last {@code k} runs and the {@code k} before them ({@code k} up to {@link #WINDOW}, fewer
     * while there are fewer runs; a first run, with nothing before it, is never steady): the JIT
     * compiled next to nothing during the last {@code k} ({@link #compiledLittle}), and their
     * times have not fallen, which is to say not both of: their median more than
     * {@link #FALLING} below the median of the runs before, and every one of them faster than
     * every one before. A new fastest run turns up in noise now and then for ever, and a machine
     * whose two CPUs differ in speed gives two modes of times; neither is warming.
     */
    static boolean steady(List<RunStats> warm, int cores) {
        int n = warm.size();
        if (n < 2) {
            return false;
        }
        int k = Math.min(WINDOW, n / 2);
        List<RunStats> recent = warm.subList(n - k, n);
        List<RunStats> before = warm.subList(n - 2 * k, n - k);
        Summary now = Summary.of(recent.stream().map(RunStats::wallNanos).toList());
        Summary then = Summary.of(before.stream().map(RunStats::wallNanos).toList());
        boolean falling = now.median() < (1 - FALLING) * then.median() && now.max() < then.min();
        return compiledLittle(recent, cores) && !falling;
    }

    /** Whether the JIT compiled next to nothing during these runs, on a machine of {@code cores}. */
    static boolean compiledLittle(List<RunStats> runs, int cores) {
        long jit = runs.stream().mapToLong(RunStats::jitNanos).sum();
        long wall = runs.stream().mapToLong(RunStats::wallNanos).sum();
        return jit <= Math.max(JIT_FLOOR_NANOS * runs.size(), JIT_SHARE * wall * cores);
    }

    /**
     * Each trial's fastest timed run, the trials interleaved (warm-up and timed rounds alike, so
     * that every one is measured with the JIT where the others were): what a lesson's table of
     * rows wants. The first failure is thrown.
     */
    public static List<RunStats> fastestOf(List<? extends Trial<?>> trials, Warmup warmup, int timed)
            throws InterruptedException, ExecutionException {
        Result result = run(trials, warmup, timed, () -> { });
        if (result.interrupted()) {
            throw new InterruptedException();
        }
        List<RunStats> fastest = new ArrayList<>();
        for (Outcome o : result.outcomes()) {
            if (o.failure() instanceof ExecutionException e) {
                throw e;
            }
            if (o.failure() != null) {
                throw new ExecutionException(o.failure());
            }
            fastest.add(o.runs().fastest().stats());
        }
        return fastest;
    }
}
