package dev.multitasking.app.anchors;

import dev.multitasking.core.Strategies;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.futures.Futures;
import dev.multitasking.core.futures.TaskFunction;
import dev.multitasking.core.measure.RoundTrips;
import dev.multitasking.core.measure.Rounds;
import dev.multitasking.core.measure.RunStats;
import dev.multitasking.core.measure.Summary;
import dev.multitasking.core.measure.Trial;
import dev.multitasking.core.workload.IoWorkload;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import dev.multitasking.processes.ChildProcess;
import dev.multitasking.processes.ProcessPoolExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * One figure in a JVM of its own, as JMH forks: a JVM that has run other work carries its JIT's
 * and GC's history into the next figure (seen here: a 2-thread run at half speed per thread after
 * a dozen other figures in the same JVM). {@link #fork} starts it; its {@code main} prints
 * {@value #PREFIX}, then the wall and CPU milliseconds of one run.
 *
 * <p>Arguments: workload, strategy, workers, mode, and the address of an io server in another JVM
 * (or an empty argument). Modes:
 * <ul>
 *   <li>{@code fresh:W}: each run starts the workers, runs and closes them, the start and the close
 *       in its wall time and its CPU with the pool's ended processes, as Python's figure counts
 *       its pool; the JIT warmed first by at least W such runs and on until steady ({@link Trial}'s
 *       rule, through {@link FreshEachRun}), as Python has no JIT to warm;</li>
 *   <li>{@code warm:W}: the workers started once, at least W warm-up runs and on until steady,
 *       then one timed run;</li>
 *   <li>{@code startup}: starting the workers alone, CPU unknown;</li>
 *   <li>{@code roundtrip:N}: a process pool of one worker, N trivial tasks one at a time after N
 *       more to warm up: the median and the 99th percentile in microseconds instead;</li>
 *   <li>{@code stream:N:C}: N trivial tasks streamed through a warm pool of two workers in chunks
 *       of C ({@link #streamMillis});</li>
 *   <li>{@code submit:N}: N trivial tasks submitted at once to a warm pool of two workers
 *       ({@link #submitted}): the wall, the workers' CPU, then this JVM's;</li>
 *   <li>{@code ready:N}: a process pool of N workers made and waited for until every worker has
 *       said hello, then closed, after one such pool of warm-up; {@code cold:N}: the same with
 *       the pool's class archive turned off; {@code bare:N}: N
 *       {@code java -version} of this JVM's JDK started at once and waited for, the same way
 *       ({@link #started}).</li>
 * </ul>
 */
public final class FigureJvm {

    static final String PREFIX = "figure: ";

    private FigureJvm() {
    }

    /** Runs one figure's JVM to its end: the numbers it printed after {@value #PREFIX}. */
    static double[] fork(String workload, String strategy, int workers, String mode, String ioServer) throws Exception {
        ChildProcess.Result r = ChildProcess.main(FigureJvm.class)
                .jvmOptions("-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED")
                .args(workload, strategy, Integer.toString(workers), mode, ioServer)
                .timeout(Duration.ofMinutes(10))
                .tailLines(50)
                .run();
        String last = r.stdoutTail().isEmpty() ? "" : r.stdoutTail().getLast();
        if (r.exitCode() != 0 || !last.startsWith(PREFIX)) {
            throw new IllegalStateException(strategy + " on " + workload + " failed: " + r.stdoutTail() + " " + r.stderrTail());
        }
        String[] f = last.substring(PREFIX.length()).strip().split(" ");
        double[] numbers = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            numbers[i] = Double.parseDouble(f[i]);
        }
        return numbers;
    }

    /** {@link #fork} of a mode that prints the wall and the CPU, and perhaps a third figure. */
    static Measure measure(String workload, String strategy, int workers, String mode, String ioServer) throws Exception {
        double[] f = fork(workload, strategy, workers, mode, ioServer);
        return new Measure(f[0], f[1], f.length > 2 ? f[2] : Double.NaN);
    }

    public static void main(String[] args) throws Exception {
        Workload<?> workload = Workload.parse(args[0]);
        if (workload instanceof IoWorkload io && args.length > 4 && !args[4].isBlank()) {
            workload = io.against(args[4]);
        }
        Strategy s = Strategies.discover().named(args[1]);
        int workers = Integer.parseInt(args[2]);
        String mode = args[3];
        String[] m = mode.split(":");
        double[] figure = switch (m[0]) {
            case "stream" -> new double[] {streamMillis(Integer.parseInt(m[1]), Integer.parseInt(m[2])), Double.NaN};
            case "submit" -> submitted(Integer.parseInt(m[1]));
            case "roundtrip" -> roundTrips(Integer.parseInt(m[1]));
            case "ready", "cold", "bare" -> new double[] {started(m[0], Integer.parseInt(m[1])), Double.NaN};
            default -> {
                try (PreparedWorkload<?> prepared = workload.prepare()) {
                    yield run(m[0], m.length > 1 ? Integer.parseInt(m[1]) : 0, s, workers, prepared);
                }
            }
        };
        StringBuilder line = new StringBuilder(PREFIX);
        for (double x : figure) {
            line.append(x).append(' ');
        }
        System.out.println(line.toString().strip());
        System.exit(0);
    }

    private static double[] run(String mode, int warmups, Strategy s, int workers, PreparedWorkload<?> prepared) throws Exception {
        return switch (mode) {
            case "warm" -> {
                try (Trial<?> trial = Trial.start(s, Strategy.Options.NONE, prepared, workers)) {
                    RunStats r = trial.runs(Rounds.Warmup.atLeast(warmups), 1, () -> { }).median().stats();
                    yield new double[] {r.wallNanos() / 1e6, r.cpuNanos() / 1e6};
                }
            }
            case "fresh" -> {
                try (Trial<?> trial = Trial.start(s.name(), workers, n -> new FreshEachRun(s, n), prepared)) {
                    RunStats r = trial.runs(Rounds.Warmup.atLeast(warmups), 1, () -> { }).median().stats();
                    yield new double[] {r.wallNanos() / 1e6, r.cpuNanos() / 1e6};
                }
            }
            case "startup" -> {
                try (Trial<?> trial = Trial.start(s, Strategy.Options.NONE, prepared, workers)) {
                    yield new double[] {trial.startupNanos() / 1e6, Double.NaN};
                }
            }
            default -> throw new IllegalArgumentException("no such mode: " + mode);
        };
    }

    private static double[] roundTrips(int n) throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            pool.awaitWorkersReady();
            long[] nanos = RoundTrips.time(task -> pool.submit(task).get(), n);
            return new double[] {Summary.percentile(nanos, 50) / 1e3, Summary.percentile(nanos, 99) / 1e3};
        }
    }

    /** The trivial function the stream comparison applies: a project class, so the frame filter admits it. */
    record Identity() implements TaskFunction<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            return x;
        }
    }

    /**
     * {@code n} trivial tasks streamed through a warm process pool of two workers with
     * {@link Futures#mapUnordered}, in chunks of {@code chunk}, every result read and their sum
     * checked: one run's wall time in milliseconds, after one run of warm-up (as Python's side
     * warms its pool once).
     */
    static double streamMillis(int n, int chunk) throws Exception {
        long expected = (long) n * (n - 1) / 2;
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            pool.awaitWorkersReady();
            double wall = 0;
            for (int run = 0; run < 2; run++) {
                long start = System.nanoTime();
                long sum = 0;
                try (var results = Futures.mapUnordered(pool, new Identity(), IntStream.range(0, n).boxed(), chunk,
                        4 * pool.workerPids().size(), null)) {
                    while (results.hasNext()) {
                        sum += results.next().value();
                    }
                }
                wall = (System.nanoTime() - start) / 1e6;
                check(sum, expected, "stream");
            }
            return wall;
        }
    }

    /**
     * {@code n} trivial tasks ({@link RoundTrips.Echo}) submitted at once, one {@code submit} each,
     * to a warm process pool of two workers, then every future read and their sum checked, after
     * one such run of warm-up: the wall in milliseconds, the CPU milliseconds of the two workers,
     * and of this JVM.
     */
    static double[] submitted(int n) throws Exception {
        long expected = (long) n * (n - 1) / 2;
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            pool.awaitWorkersReady();
            double[] figure = null;
            for (int run = 0; run < 2; run++) {
                long cpu = RunStats.processCpuNanos();
                long workersCpu = pool.workerCpuNanos();
                long start = System.nanoTime();
                List<Future<Integer>> futures = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    futures.add(pool.submit(new RoundTrips.Echo(i)));
                }
                long sum = 0;
                for (Future<Integer> f : futures) {
                    sum += f.get();
                }
                double wall = (System.nanoTime() - start) / 1e6;
                check(sum, expected, "submitted tasks");
                figure = new double[] {wall, (pool.workerCpuNanos() - workersCpu) / 1e6, (RunStats.processCpuNanos() - cpu) / 1e6};
            }
            return figure;
        }
    }

    /**
     * Milliseconds from nothing to {@code n} worker JVMs ready ({@code ready}: from the pool's class
     * archive, {@code cold}: without it), or to {@code n} bare JVMs started together and ended
     * ({@code bare}): the second of two tries, the first warming this JVM's side of the launch.
     */
    static double started(String how, int n) throws Exception {
        double millis = 0;
        for (int run = 0; run < 2; run++) {
            long begin = System.nanoTime();
            if (!how.equals("bare")) {
                try (ProcessPoolExecutor p = ProcessPoolExecutor.builder().workers(n).classArchive(how.equals("ready")).build()) {
                    p.awaitWorkersReady();
                    millis = (System.nanoTime() - begin) / 1e6;
                }
            } else {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                List<Process> bare = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    bare.add(new ProcessBuilder(java, "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                }
                for (Process b : bare) {
                    if (b.waitFor() != 0) {
                        throw new IllegalStateException(java + " -version exited with " + b.exitValue());
                    }
                }
                millis = (System.nanoTime() - begin) / 1e6;
            }
        }
        return millis;
    }

    private static void check(long sum, long expected, String what) {
        if (sum != expected) {
            throw new IllegalStateException("WRONG: the " + what + " summed to " + sum + ", not " + expected);
        }
    }
}
