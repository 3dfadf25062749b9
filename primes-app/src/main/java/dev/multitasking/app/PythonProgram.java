package dev.multitasking.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multitasking.core.measure.RunStats;
import dev.multitasking.core.primes.Primes;
import dev.multitasking.core.workload.CountWorkload;
import dev.multitasking.core.workload.SeedWorkload;
import dev.multitasking.core.workload.Workload;
import dev.multitasking.processes.ChildProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The lecture's Python program ({@code src/main/resources/python/primes_lecture.py}, carried in
 * this jar) run by {@code python3} for {@code compare --python} and the anchors: the same
 * {@code seed} and {@code count} work, its pool start-up inside the timed part as in the lecture.
 * It prints one JSON line: the answer and the seconds it took.
 */
public final class PythonProgram {

    private static final String RESOURCE = "/python/primes_lecture.py";
    private static final long TIMEOUT_SECONDS = 600;

    private final Path python;
    private final Path script;
    private volatile ChildProcess.Launched running;

    private PythonProgram(Path python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** The program, ready to run, or empty when there is no {@code python3} on the PATH. */
    public static Optional<PythonProgram> find() throws IOException {
        Optional<Path> python = ChildProcess.which("python3");
        if (python.isEmpty()) {
            return Optional.empty();
        }
        Path dir = Files.createTempDirectory("primes-python");
        Path script = dir.resolve("primes_lecture.py");
        try (InputStream in = PythonProgram.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the jar lacks " + RESOURCE);
            }
            Files.copy(in, script);
        }
        script.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return Optional.of(new PythonProgram(python.get(), script));
    }

    /** Whether the Python program has this workload: {@code seed} and {@code count}. */
    static boolean runs(Workload<?> workload) {
        return workload instanceof SeedWorkload || workload instanceof CountWorkload;
    }

    /** {@code repeat} runs of one strategy ({@code sequential} or {@code processes}), as a row named {@code python-<strategy>}. */
    Row run(Workload<?> workload, String strategy, int workers, int repeat, Runnable tick) {
        String name = "python-" + strategy;
        String arg = workload instanceof CountWorkload c ? "count:" + c.n() + ":" + c.chunks() : "seed";
        List<RunStats> timed = new ArrayList<>();
        String detail = null;
        for (int i = 0; i < repeat; i++) {
            try {
                JsonNode out = call(arg, strategy, workers);
                Optional<String> wrong = check(workload, out.get("answer"));
                if (wrong.isPresent()) {
                    return Row.failed(name, workers, "WRONG: " + wrong.get());
                }
                detail = describe(workload, out.get("answer"));
                timed.add(new RunStats(name, workers, 0, (long) (out.get("seconds").asDouble() * 1e9),
                        (long) (out.path("cpu_seconds").asDouble(0) * 1e9)));
                tick.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Row.failed(name, workers, "INTERRUPTED");
            } catch (IOException | RuntimeException e) {
                return Row.failed(name, workers, "FAILED: " + e.getMessage());
            }
        }
        return new Row(name, workers, true, timed, List.of(), null, true, detail + " (pool start-up inside the wall time)", null);
    }

    /**
     * One run of the program: {@code workload} is {@code seed} or {@code count:N:CHUNKS},
     * {@code strategy} one of {@code sequential}, {@code threads}, {@code processes}.
     *
     * @return its JSON line: {@code answer} and {@code seconds}
     * @throws IOException when it fails, is killed, or runs past the time limit
     */
    public JsonNode call(String workload, String strategy, int workers) throws IOException, InterruptedException {
        ChildProcess.Result r;
        try (ChildProcess.Launched child = ChildProcess.program(python.toString(), script.toString(), workload, strategy,
                Integer.toString(workers)).tailLines(20).start()) {
            running = child;
            try {
                r = child.completion().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                child.destroyTree();   // its process pool's workers with it
                throw new IOException("python3 ran past " + TIMEOUT_SECONDS + " s");
            } catch (ExecutionException e) {
                throw new IOException("python3 did not run: " + e.getCause().getMessage(), e);
            } finally {
                running = null;
            }
        }
        String last = r.stdoutTail().isEmpty() ? "" : r.stdoutTail().getLast();
        if (r.killed()) {
            throw new IOException("python3 was stopped (Ctrl-C)");
        }
        if (r.exitCode() != 0 || !last.startsWith("{")) {
            String err = r.stderrTail().isEmpty() ? last : r.stderrTail().getLast();
            throw new IOException("python3 exited with " + r.exitCode() + ": " + err);
        }
        return new ObjectMapper().readTree(last);
    }

    /** What {@code python3 --version} says. */
    public String version() {
        try {
            ChildProcess.Result r = ChildProcess.program(python.toString(), "--version").timeout(Duration.ofSeconds(30)).run();
            return String.join(" ", r.stdoutTail()).strip();
        } catch (IOException e) {
            return "python3";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "python3";
        }
    }

    /** Kills the Python run in progress and its pool's processes (Ctrl-C). */
    void killRunning() {
        ChildProcess.Launched p = running;
        if (p != null) {
            p.destroyTree();
        }
    }

    private static Optional<String> check(Workload<?> workload, JsonNode answer) {
        if (workload instanceof CountWorkload c) {
            long expected = Primes.primePi(c.n());
            return answer != null && answer.asLong(-1) == expected ? Optional.empty()
                    : Optional.of("Python says pi(" + c.n() + ") = " + answer + ", but it is " + expected);
        }
        List<Boolean> expected = SeedWorkload.NUMBERS.stream().map(Primes::isPrime).toList();
        List<Boolean> said = new ArrayList<>();
        if (answer != null) {
            answer.forEach(node -> said.add(node.asBoolean()));
        }
        return said.equals(expected) ? Optional.empty() : Optional.of("Python says " + said + ", but the oracle " + expected);
    }

    private static String describe(Workload<?> workload, JsonNode answer) {
        if (workload instanceof CountWorkload c) {
            return "pi(" + c.n() + ") = " + answer.asLong();
        }
        int primes = 0;
        for (JsonNode node : answer) {
            primes += node.asBoolean() ? 1 : 0;
        }
        return primes + " of " + answer.size() + " prime";
    }
}
