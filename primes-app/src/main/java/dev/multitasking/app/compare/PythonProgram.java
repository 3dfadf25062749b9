package dev.multitasking.app.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multitasking.core.measure.RunStats;
import dev.multitasking.core.measure.WrongAnswerException;
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
 * A Python program carried in this jar ({@code src/main/resources/python/}) and run by a Python
 * interpreter; each run prints one JSON line. {@link #find()} is the lecture's program
 * ({@code primes_lecture.py}, run by {@code python3} for {@code compare --python} and the anchors:
 * the same {@code seed} and {@code count} work, its pool start-up inside the timed part as in the
 * lecture); {@link #findStack()} is the anchors' Python stack ({@code python_stack.py}: aiohttp on
 * uvloop, a thread per request, and four process pools' round trips).
 */
public final class PythonProgram {

    private static final String RESOURCE = "/python/primes_lecture.py";
    private static final String STACK_RESOURCE = "/python/python_stack.py";
    /** The packages the stack uses: Debian's python3-aiohttp, -uvloop, -pebble, -joblib (loky inside). */
    static final List<String> STACK_PACKAGES = List.of("aiohttp", "uvloop", "pebble", "joblib");
    private static final long TIMEOUT_SECONDS = 600;

    private final Path python;
    private final Path script;
    private volatile ChildProcess.Launched running;

    private PythonProgram(Path python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** The lecture's program, ready to run, or empty when there is no {@code python3} on the PATH. */
    public static Optional<PythonProgram> find() throws IOException {
        Optional<Path> python = ChildProcess.which("python3");
        return python.isEmpty() ? Optional.empty() : Optional.of(new PythonProgram(python.get(), extract(RESOURCE)));
    }

    /**
     * The anchors' Python stack, run by the first of {@code python3} on the PATH and the system's
     * {@code /usr/bin/python3} that imports all of {@link #STACK_PACKAGES} (Debian installs them
     * for its own interpreter, which a pyenv or venv {@code python3} does not see); else by the
     * first there is, whose runs then say which package is missing. Empty when there is no Python.
     */
    public static Optional<PythonProgram> findStack() throws IOException, InterruptedException {
        List<Path> candidates = new ArrayList<>();
        ChildProcess.which("python3").ifPresent(candidates::add);
        Path system = Path.of("/usr/bin/python3");
        if (Files.isExecutable(system) && !candidates.contains(system)) {
            candidates.add(system);
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Path chosen = candidates.getFirst();
        for (Path python : candidates) {
            ChildProcess.Result r = ChildProcess.program(python.toString(), "-c", "import " + String.join(", ", STACK_PACKAGES))
                    .timeout(Duration.ofSeconds(60)).run();
            if (r.exitCode() == 0) {
                chosen = python;
                break;
            }
        }
        Path dir = Files.createTempDirectory("primes-python");
        extract(RESOURCE, dir);   // the stack takes its CPU clock from the lecture's program
        return Optional.of(new PythonProgram(chosen, extract(STACK_RESOURCE, dir)));
    }

    private static Path extract(String resource) throws IOException {
        return extract(resource, Files.createTempDirectory("primes-python"));
    }

    private static Path extract(String resource, Path dir) throws IOException {
        Path script = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = PythonProgram.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the jar lacks " + resource);
            }
            Files.copy(in, script);
        }
        dir.toFile().deleteOnExit();      // registered first, so deleted after the scripts in it
        script.toFile().deleteOnExit();
        return script;
    }

    /** Whether the Python program has this workload: {@code seed} and {@code count}. */
    public static boolean runs(Workload<?> workload) {
        return workload instanceof SeedWorkload || workload instanceof CountWorkload;
    }

    /** What one run of the program said, checked against the oracle. */
    record Run(RunStats stats, String detail) {
    }

    /**
     * One run of one strategy ({@code sequential} or {@code processes}), named
     * {@code python-<strategy>} in its stats.
     *
     * @throws WrongAnswerException when the oracle disagrees with its answer
     * @throws IOException          when it fails, is killed, or runs past the time limit
     */
    Run once(Workload<?> workload, String strategy, int workers) throws IOException, InterruptedException, WrongAnswerException {
        String arg = workload instanceof CountWorkload c ? "count:" + c.n() + ":" + c.chunks() : "seed";
        JsonNode out = call(arg, strategy, workers);
        Optional<String> wrong = check(workload, out.get("answer"));
        if (wrong.isPresent()) {
            throw new WrongAnswerException(wrong.get());
        }
        return new Run(new RunStats("python-" + strategy, workers, 0, (long) (out.get("seconds").asDouble() * 1e9),
                (long) (out.path("cpu_seconds").asDouble(0) * 1e9)), describe(workload, out.get("answer")));
    }

    /**
     * One run of the program: {@code workload} is {@code seed} or {@code count:N:CHUNKS},
     * {@code strategy} one of {@code sequential}, {@code threads}, {@code processes}.
     *
     * @return its JSON line: {@code answer} and {@code seconds}
     * @throws IOException when it fails, is killed, or runs past the time limit
     */
    public JsonNode call(String workload, String strategy, int workers) throws IOException, InterruptedException {
        return call(workload, strategy, Integer.toString(workers));
    }

    /**
     * One run of the program with these arguments.
     *
     * @return its JSON line
     * @throws IOException when it fails (the message is its last line of stderr), is killed, or
     *                     runs past the time limit
     */
    public JsonNode call(String... args) throws IOException, InterruptedException {
        ChildProcess.Result r;
        // -B: no __pycache__ beside the scripts (the stack imports the lecture's program), so their directory goes at exit
        List<String> command = new ArrayList<>(List.of("-B", script.toString()));
        command.addAll(List.of(args));
        try (ChildProcess.Launched child = ChildProcess.program(python.toString(), command.toArray(String[]::new)).tailLines(20).start()) {
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

    /** The interpreter that runs the program. */
    public Path interpreter() {
        return python;
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
