package dev.multitasking.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multitasking.core.RunStats;
import dev.multitasking.core.primes.Primes;
import dev.multitasking.core.workload.CountWorkload;
import dev.multitasking.core.workload.SeedWorkload;
import dev.multitasking.core.workload.Workload;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The lecture's Python program ({@code profiling/anchors/python/primes_lecture.py}, carried in
 * this jar) run by {@code python3} for {@code compare --python}: the same {@code seed} and
 * {@code count} work, its pool start-up inside the timed part as in the lecture.
 */
final class PythonProgram {

    private static final String RESOURCE = "/python/primes_lecture.py";
    private static final long TIMEOUT_SECONDS = 600;

    private final Path python;
    private final Path script;
    private volatile Process running;

    private PythonProgram(Path python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** The program, ready to run, or empty when there is no {@code python3} on the PATH. */
    static Optional<PythonProgram> find() throws IOException {
        Optional<Path> python = onPath("python3");
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

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
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
                JsonNode out = exec(arg, strategy, workers);
                Optional<String> wrong = check(workload, out.get("answer"));
                if (wrong.isPresent()) {
                    return Row.failed(name, workers, "WRONG: " + wrong.get());
                }
                detail = describe(workload, out.get("answer"));
                timed.add(new RunStats(name, workers, 0, (long) (out.get("seconds").asDouble() * 1e9), 0));
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

    private JsonNode exec(String workload, String strategy, int workers) throws IOException, InterruptedException {
        Path log = Files.createTempFile("primes-python", ".out");
        try {
            Process p = new ProcessBuilder(python.toString(), script.toString(), workload, strategy, Integer.toString(workers))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            running = p;
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IOException("python3 ran past " + TIMEOUT_SECONDS + " s");
                }
            } finally {
                killTree(p);
                running = null;
            }
            String out = Files.readString(log, StandardCharsets.UTF_8).strip();
            String last = out.lines().reduce((a, b) -> b).orElse("");
            if (p.exitValue() != 0 || !last.startsWith("{")) {
                throw new IOException("python3 exited with " + p.exitValue() + ": " + last);
            }
            return new ObjectMapper().readTree(last);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Kills the Python run in progress and its pool's processes (Ctrl-C). */
    void killRunning() {
        Process p = running;
        if (p != null) {
            killTree(p);
        }
    }

    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
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
