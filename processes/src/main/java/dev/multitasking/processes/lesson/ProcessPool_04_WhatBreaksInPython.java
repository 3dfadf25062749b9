package dev.multitasking.processes.lesson;

import dev.multitasking.core.Task;
import dev.multitasking.processes.ChildProcess;
import dev.multitasking.processes.ProcessPoolExecutor;
import dev.multitasking.processes.WorkerCrashedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * <b>What breaks in Python's pool, and does not here.</b> {@code processpool-02} says what
 * Python does when a worker process dies; this lesson runs it. The same eight tasks (square a
 * number in 100 ms; the worker given 4 ends on the spot, exit code 9) go to the lecture's Python
 * {@code concurrent.futures.ProcessPoolExecutor} with two workers and to this project's
 * {@link ProcessPoolExecutor} with two, side by side; then one more task goes to each pool.
 *
 * <p>Python's pool learns that a worker died and cannot tell which task it was running, or
 * whether the others are safe: it marks itself broken, fails every future not yet done with
 * {@code BrokenProcessPool} (the task running on the worker that did not die included), and
 * refuses new work. Only the tasks finished before the death keep their results; a Python
 * program that wants to go on makes a new pool and resubmits what it lost. The Java pool knows
 * which task each worker holds (each frame carries its task's id): the dead worker's task fails
 * with a {@link WorkerCrashedException} naming its exit code, a new worker takes the dead one's
 * place, and everything else completes.
 *
 * <p>The Python half needs {@code python3} on the path; without it, the lesson says so and shows
 * the Java half.
 *
 * <p>Run: {@code ./primes demo processpool-04}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-02):
 * <pre>
 * eight tasks on two workers; the worker given task 4 dies
 * task  Python's ProcessPoolExecutor       this project's ProcessPoolExecutor
 * 1     1                                  1
 * 2     4                                  4
 * 3     BrokenProcessPool                  9
 * 4     BrokenProcessPool                  WorkerCrashedException (exit code 9)
 * 5     BrokenProcessPool                  25
 * 6     BrokenProcessPool                  36
 * 7     BrokenProcessPool                  49
 * 8     BrokenProcessPool                  64
 * next  refuses it: BrokenProcessPool      runs it: 81
 * </pre>
 */
public final class ProcessPool_04_WhatBreaksInPython {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A dead worker breaks Python's whole ProcessPoolExecutor; here it fails only the task it held.";

    private static final String SCRIPT = "broken_pool.py";

    private ProcessPool_04_WhatBreaksInPython() {
    }

    /** Squares n in 100 ms, unless n is 4: then the worker JVM halts on the spot. */
    record SquareOrDie(int n) implements Task<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            if (n == 4) {
                Runtime.getRuntime().halt(9);
            }
            Thread.sleep(100);
            return n * n;
        }
    }

    /**
     * One pool's eight outcomes and what it did with the ninth task.
     *
     * @param outcomes a square, or the failure's name, per task
     * @param after    "works" when the ninth task came back right, else why not
     */
    record Pool(List<String> outcomes, String after) {

        long failed() {
            return outcomes.stream().filter(o -> !o.matches("\\d+")).count();
        }
    }

    /** The eight tasks and a ninth on the project's pool of two workers. */
    static Pool java() throws Exception {
        List<String> outcomes = new ArrayList<>();
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            List<Future<Integer>> squares = new ArrayList<>();
            for (int n = 1; n <= 8; n++) {
                squares.add(pool.submit(new SquareOrDie(n)));
            }
            for (Future<Integer> f : squares) {
                try {
                    outcomes.add(Integer.toString(f.get()));
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause() instanceof WorkerCrashedException crash
                            ? "WorkerCrashedException (exit code " + crash.exitCode() + ")" : e.getCause().getClass().getSimpleName());
                }
            }
            String after;
            try {
                after = pool.submit(new SquareOrDie(9)).get() == 81 ? "works" : "wrong";
            } catch (ExecutionException e) {
                after = e.getCause().getClass().getSimpleName();
            }
            return new Pool(outcomes, after);
        }
    }

    /** The same on Python's {@code ProcessPoolExecutor}, or empty without a {@code python3}. */
    static Optional<Pool> python() throws IOException, InterruptedException {
        Optional<Path> python = ChildProcess.which("python3");
        if (python.isEmpty()) {
            return Optional.empty();
        }
        Path dir = Files.createTempDirectory("processpool-04");
        Path script = dir.resolve(SCRIPT);
        try {
            try (InputStream in = ProcessPool_04_WhatBreaksInPython.class.getResourceAsStream(SCRIPT)) {
                Files.write(script, in.readAllBytes());
            }
            ChildProcess.Result r = ChildProcess.program(python.get().toString(), script.toString())
                    .timeout(Duration.ofSeconds(60)).tailLines(50).run();
            List<String> outcomes = new ArrayList<>();
            String after = null;
            for (String line : r.stdoutTail()) {
                String[] f = line.split(" ", 2);
                if (f[0].equals("after")) {
                    after = f[1];
                } else if (f.length == 2 && f[0].matches("\\d")) {
                    outcomes.add(f[1]);
                }
            }
            if (outcomes.size() != 8 || after == null) {
                throw new IllegalStateException("python3 " + SCRIPT + " did not report every task (exit code " + r.exitCode() + "): "
                        + r.stdoutTail() + " " + r.stderrTail());
            }
            return Optional.of(new Pool(outcomes, after));
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(dir);
        }
    }

    public static void main(String[] args) throws Exception {
        Optional<Pool> python = python();
        Pool java = java();
        if (python.isEmpty()) {
            System.out.println("(no python3 on the path: Python's half is left out)");
        }
        System.out.println("eight tasks on two workers; the worker given task 4 dies");
        System.out.printf("%-5s %-34s %s%n", "task", python.isPresent() ? "Python's ProcessPoolExecutor" : "", "this project's ProcessPoolExecutor");
        for (int i = 0; i < 8; i++) {
            int task = i;
            System.out.printf("%-5d %-34s %s%n", task + 1, python.map(p -> p.outcomes().get(task)).orElse(""), java.outcomes().get(task));
        }
        System.out.printf("%-5s %-34s %s%n", "next", python.map(p -> describe(p.after())).orElse(""), describe(java.after()));
    }

    /** What the pool did with one more task. */
    private static String describe(String after) {
        return after.equals("works") ? "runs it: 81" : "refuses it: " + after;
    }
}
