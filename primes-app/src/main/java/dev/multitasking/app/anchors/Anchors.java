package dev.multitasking.app.anchors;

import dev.multitasking.app.PythonProgram;
import dev.multitasking.core.Strategies;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.measure.Summary;
import dev.multitasking.core.measure.Trial;
import dev.multitasking.core.workload.IoServer;
import dev.multitasking.core.workload.IoWorkload;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import dev.multitasking.processes.ChildProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the project against its anchors, side by side on one machine in one run, and writes
 * {@code RESULTS.md}: the lecture's own Python program ({@link PythonProgram}, when
 * {@code python3} is there), {@code primesieve} (when installed), and the project's strategies.
 * Each figure is a median of {@code --repeat} runs with its range ({@link Summary}); each Java
 * figure comes from a JVM of its own that measures through {@link Trial}.
 *
 * <p>{@code profiling/run-anchors.sh} installs primesieve when it can and runs this through
 * {@code ./primes anchors}.
 */
public final class Anchors {

    private final int repeat;
    private final long sieveLimit;
    private final PythonProgram python;   // null: no python3
    /**
     * Warm-up runs before a warm figure. Two were too few on 2 cores: the JIT compiles in the
     * background, and with both cores busy running workers it finishes later than beside a
     * sequential run (count:2000000 on 2 threads went 140, 130, 125, 120 ms run after run).
     */
    private static final int WARMUP = 5;
    /** Warm-up runs for the second, informative `processes` figure of the scaling table. */
    private static final int LONG_WARMUP = 20;

    private final StringBuilder md = new StringBuilder();

    private Anchors(int repeat, long sieveLimit, PythonProgram python) {
        this.repeat = repeat;
        this.sieveLimit = sieveLimit;
        this.python = python;
    }

    /**
     * Runs every measurement and writes the Markdown to {@code out}, echoing it on stdout.
     *
     * @param repeat     runs per figure, the median reported
     * @param sieveLimit N for the pi(N) comparison with primesieve
     */
    public static void write(int repeat, long sieveLimit, Path out) throws Exception {
        Anchors a = new Anchors(repeat, sieveLimit, PythonProgram.find().orElse(null));
        String before = loadAverage();
        a.run();
        String after = loadAverage();
        a.line("Load average (1, 5, 15 min) before the run: " + before + "; after: " + after
                + ". The figures run one after another; a machine that was not idle shows here.");
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, a.md.toString(), StandardCharsets.UTF_8);
    }

    private void run() throws Exception {
        line("# Anchors: the project measured against the lecture's Python and primesieve");
        line("");
        line("Written by `profiling/run-anchors.sh` (" + LocalDate.now() + "); every figure is the median of " + repeat
                + " runs, with the range in brackets, all from one run on one machine.");
        line("");
        machine();

        // 1. seed: the same algorithm on both sides, pool start-up included on both.
        line("## `seed`: the lecture's six numbers, trial division, pool start-up included");
        line("");
        line("| program | strategy | wall |");
        line("|---|---|---|");
        Summary pySeq = python("seed", "sequential");
        Summary pyThreads = python("seed", "threads");
        Summary pyProcesses = python("seed", "processes");
        Summary javaSeq = java("seed", "sequential", 1);
        Best javaBest = best("seed", List.of("jdk-fixed", "fixed", "stealing", "forkjoin", "virtual", "processes"));
        line("");
        ratio("Java sequential over Python sequential (target at least 15x)", pySeq, javaSeq, 15);
        ratio("best Java (" + javaBest.strategy() + ") over Python's ProcessPoolExecutor (target at least 20x)", pyProcesses,
                javaBest.figure(), 20);
        if (pyThreads != null) {
            line("- Python's threads: " + pyThreads.millisWithRange() + ", against " + pySeq.millisWithRange() + " sequential: the GIL.");
        }
        line("");

        // 2. count: Python's best is a process pool over 8 range chunks.
        line("## `count:2000000`: pi(2,000,000) by trial division, pool start-up included");
        line("");
        line("| program | strategy | wall |");
        line("|---|---|---|");
        Summary pyCountSeq = python("count:2000000:8", "sequential");
        Summary pyCountProc = python("count:2000000:8", "processes");
        java("count:2000000", "sequential", 1);
        Best javaCountBest = best("count:2000000", List.of("jdk-fixed", "fixed", "stealing", "forkjoin", "processes"));
        line("");
        Summary pyBest = pyCountProc != null && pyCountSeq != null && pyCountProc.median() < pyCountSeq.median() ? pyCountProc : pyCountSeq;
        ratio("best Java (" + javaCountBest.strategy() + ") over Python's best (target at least 20x)", pyBest, javaCountBest.figure(), 20);
        line("");

        // 3. scaling on 2 workers, start-up excluded, warm.
        line("## CPU-bound scaling on 2 workers, start-up excluded, after " + WARMUP + " warm-up runs");
        line("");
        line("| workload | strategy | wall | speedup | target |");
        line("|---|---|---|---|---|");
        for (String w : List.of("count:2000000", "sieve:1000000000")) {
            Summary base = warm(w, "sequential", 1);
            line("| `" + w + "` | sequential | " + base.millisWithRange() + " | 1.00x | |");
            for (String s : List.of("fixed", "stealing", "forkjoin", "jdk-fixed", "processes")) {
                Summary f = warm(w, s, 2);
                double target = s.equals("processes") ? 1.6 : 1.8;
                double speedup = base.median() / f.median();
                line(String.format(Locale.ROOT, "| `%s` | %s | %s | %.2fx | %.1fx %s |", w, s, f.millisWithRange(), speedup, target,
                        speedup >= target ? "met" : "**missed**"));
            }
            Summary longer = fork(w, "processes", 2, "warm:" + LONG_WARMUP);
            line(String.format(Locale.ROOT, "| `%s` | processes, after %d warm-up runs | %s | %.2fx | (for comparison) |", w, LONG_WARMUP,
                    longer.millisWithRange(), base.median() / longer.median()));
        }
        line("");
        line("A worker JVM compiles its side of the protocol only after a few hundred tasks (64 per run here), so the");
        line("`processes` row is also measured after " + LONG_WARMUP + " warm-up runs on the same workers: what the pool does once warm.");
        line("");

        // 4. the sieve against primesieve.
        sieveAgainstPrimesieve();

        // 5. I/O-bound.
        line("## I/O-bound: `io:10000:100ms` on `virtual`");
        line("");
        // The server runs in a JVM of its own: 10,000 client and 10,000 server sockets in one JVM
        // pass a 20,000 file-descriptor limit (this machine's, hard).
        try (ChildProcess.Launched server = ChildProcess.main(IoServer.class).jvmOptions("-XX:+UseParallelGC").args("100")
                .timeout(java.time.Duration.ofMinutes(15)).talk().start()) {
            String ready = new java.io.BufferedReader(new java.io.InputStreamReader(server.stdout(), java.nio.charset.StandardCharsets.UTF_8))
                    .readLine();
            if (ready == null || !ready.startsWith(IoServer.READY)) {
                throw new IllegalStateException("the io server said " + ready + " " + server.stderrTail());
            }
            Summary io = fork("io:10000:100ms", "virtual", 2, "warm:2", ready.substring(IoServer.READY.length()));
            line("10,000 requests that each wait 100 ms on a local server in another JVM: " + io.millisWithRange() + " wall (target at most 1.5 s: "
                    + (io.median() <= 1500 ? "met" : "**missed**") + ").");
            server.stdin().close();   // its signal to stop
        } catch (IllegalStateException e) {   // one figure that fails (file descriptors, say) must not lose the others
            line("Failed: " + shorten(e.getMessage()) + " (file descriptor limit here: " + exec("sh", "-c", "ulimit -n").strip()
                    + "; the client JVM holds one for each of its 10,000 sockets).");
        }
        line("");
    }

    /** The first three fields of {@code /proc/loadavg}, or "unknown" where there is none. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private void machine() throws IOException {
        String cpu = "unknown CPU";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            cpu = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        line("Machine: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memory / (1L << 30) + " GiB; "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + "; JDK " + Runtime.version()
                + " (" + System.getProperty("java.vendor") + ")" + (python == null ? "; no python3" : "; " + python.version())
                + "; " + ChildProcess.which("primesieve").map(p -> primesieveVersion()).orElse("no primesieve") + ".");
        line("");
    }

    /** The fastest of some strategies on a workload, and its figure. */
    private record Best(String strategy, Summary figure) {
    }

    /** Each strategy on 2 workers, start-up included, each a row; the fastest by median. */
    private Best best(String workload, List<String> strategies) throws Exception {
        Best best = null;
        for (String s : strategies) {
            Summary f = java(workload, s, 2);
            if (best == null || f.median() < best.figure().median()) {
                best = new Best(s, f);
            }
        }
        return best;
    }

    /** Java, in a fresh JVM: start the workers, run, close, the start-up counted in the wall time. */
    private Summary java(String workload, String strategy, int workers) throws Exception {
        Summary f = fork(workload, strategy, workers, "cold");
        boolean takesWorkers = Strategies.discover().named(strategy).takesWorkers();
        line("| Java | `" + strategy + "`" + (takesWorkers ? ", " + workers + " workers" : "") + " | " + f.millisWithRange() + " |");
        return f;
    }

    /** Java, in a fresh JVM, on workers started once and warmed with {@value #WARMUP} runs, start-up excluded. */
    private Summary warm(String workload, String strategy, int workers) throws Exception {
        return fork(workload, strategy, workers, "warm:" + WARMUP);
    }

    /**
     * Each figure in a JVM of its own, as JMH forks: a JVM that has run other work carries its
     * JIT's and GC's history into the next figure (seen here: a 2-thread run at half speed per
     * thread after a dozen other figures in the same JVM).
     */
    private Summary fork(String workload, String strategy, int workers, String mode) throws Exception {
        return fork(workload, strategy, workers, mode, "");
    }

    /** As above; {@code ioServer}, when not blank, is the address of an {@link IoServer} the io requests go to. */
    private Summary fork(String workload, String strategy, int workers, String mode, String ioServer) throws Exception {
        ChildProcess.Result r = ChildProcess.main(Figures.class)
                .jvmOptions("-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED")
                .args(workload, strategy, Integer.toString(workers), mode, Integer.toString(repeat), ioServer)
                .timeout(Duration.ofMinutes(10))
                .tailLines(50)
                .run();
        String last = r.stdoutTail().isEmpty() ? "" : r.stdoutTail().getLast();
        if (r.exitCode() != 0 || !last.startsWith(Figures.PREFIX)) {
            throw new IllegalStateException(strategy + " on " + workload + " failed: " + r.stdoutTail() + " " + r.stderrTail());
        }
        return Summary.of(Arrays.stream(last.substring(Figures.PREFIX.length()).split(",")).mapToDouble(Double::parseDouble).toArray());
    }

    /**
     * The {@code main} of one figure's JVM: prints {@value #PREFIX} and the runs in milliseconds.
     * Arguments: workload, strategy, workers, {@code cold} or {@code warm:WARMUPS}, runs, and the
     * address of an io server in another JVM (or an empty argument).
     */
    public static final class Figures {
        static final String PREFIX = "millis: ";

        private Figures() {
        }

        public static void main(String[] args) throws Exception {
            Workload<?> workload = Workload.parse(args[0]);
            if (workload instanceof IoWorkload io && args.length > 5 && !args[5].isBlank()) {
                workload = io.against(args[5]);
            }
            Strategy s = Strategies.discover().named(args[1]);
            int workers = Integer.parseInt(args[2]);
            String mode = args[3];
            int repeat = Integer.parseInt(args[4]);
            List<String> millis = new ArrayList<>();
            try (PreparedWorkload<?> prepared = workload.prepare()) {
                if (mode.startsWith("warm")) {
                    int warmups = Integer.parseInt(mode.substring("warm:".length()));
                    try (Trial<?> trial = Trial.start(s, Strategy.Options.NONE, prepared, workers)) {
                        trial.runs(warmups, repeat).timed().forEach(r -> millis.add(Double.toString(r.stats().wallNanos() / 1e6)));
                    }
                } else {
                    for (int i = 0; i < repeat + 1; i++) {
                        var r = Trial.once(s, Strategy.Options.NONE, prepared, workers).stats();
                        if (i > 0) {   // the first run warms this JVM's JIT, as Python has none to warm
                            millis.add(Double.toString((r.wallNanos() + r.startupNanos()) / 1e6));
                        }
                    }
                }
            }
            System.out.println(PREFIX + String.join(",", millis));
            System.exit(0);
        }
    }

    private Summary python(String workload, String strategy) throws Exception {
        if (python == null) {
            line("| Python | " + strategy + " | skipped: no python3 |");
            return null;
        }
        double[] millis = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            millis[i] = python.call(workload, strategy, 2).get("seconds").asDouble() * 1000;
        }
        Summary f = Summary.of(millis);
        line("| Python | " + strategy + (strategy.equals("sequential") ? "" : ", 2 workers") + " | " + f.millisWithRange() + " |");
        return f;
    }

    private void sieveAgainstPrimesieve() throws Exception {
        String n = String.format(Locale.ROOT, "%.0e", (double) sieveLimit).replace("+", "").replace("e0", "e");
        line("## pi(" + n + "): the project's segmented sieve against primesieve");
        line("");
        line("| threads | primesieve | Java sieve | ratio (target at most 2.5x) |");
        line("|---|---|---|---|");
        Optional<Path> primesieve = ChildProcess.which("primesieve");
        for (int threads : new int[] {1, 2}) {
            Summary theirs = null;
            if (primesieve.isPresent()) {
                double[] millis = new double[repeat];
                for (int i = 0; i < repeat; i++) {
                    String out = exec(primesieve.get().toString(), Long.toString(sieveLimit), "--threads=" + threads, "--time");
                    Matcher m = Pattern.compile("Seconds: ([0-9.]+)").matcher(out);
                    if (!m.find()) {
                        throw new IllegalStateException("primesieve said: " + out);
                    }
                    millis[i] = Double.parseDouble(m.group(1)) * 1000;
                }
                theirs = Summary.of(millis);
            }
            Summary ours = warm("sieve:" + sieveLimit, threads == 1 ? "sequential" : "forkjoin", threads);
            line("| " + threads + " | " + (theirs == null ? "not installed" : theirs.millisWithRange()) + " | " + ours.millisWithRange() + " | "
                    + (theirs == null ? "" : String.format(Locale.ROOT, "%.2fx %s", ours.median() / theirs.median(),
                    ours.median() / theirs.median() <= 2.5 ? "met" : "**missed**")) + " |");
        }
        line("");
    }

    /** The first line of a failure, and of that no more than a sentence's worth. */
    static String shorten(String message) {
        String first = message.lines().findFirst().orElse("");
        Matcher m = Pattern.compile("[A-Za-z.]*Exception: [^,]+").matcher(first);
        String why = first;
        while (m.find()) {
            why = m.group();   // the innermost cause is the last one named
        }
        return why.length() > 160 ? why.substring(0, 160) + "..." : why;
    }

    private void ratio(String what, Summary slow, Summary fast, double target) {
        if (slow == null || fast == null) {
            line("- " + what + ": not measured (no python3).");
            return;
        }
        double r = slow.median() / fast.median();
        line(String.format(Locale.ROOT, "- %s: **%.1fx**, %s.", what, r, r >= target ? "met" : "missed"));
    }

    private void line(String s) {
        md.append(s).append('\n');
        System.out.println(s);
    }

    private static String primesieveVersion() {
        try {
            return exec("primesieve", "--version").lines().findFirst().orElse("primesieve").strip();
        } catch (Exception e) {
            return "primesieve";
        }
    }

    /** Runs a program to its end; what it printed, stdout then stderr. */
    private static String exec(String... command) throws IOException, InterruptedException {
        ChildProcess.Result r = ChildProcess.program(command[0], Arrays.copyOfRange(command, 1, command.length))
                .timeout(Duration.ofMinutes(10)).tailLines(200).run();
        String out = String.join("\n", r.stdoutTail()) + (r.stderrTail().isEmpty() ? "" : "\n" + String.join("\n", r.stderrTail()));
        if (r.killed() || r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + (r.killed() ? " ran past 10 minutes: " : " failed: ") + out);
        }
        return out;
    }
}
