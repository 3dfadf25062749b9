package dev.multitasking.processes.lesson;

import dev.multitasking.core.Task;
import dev.multitasking.processes.ProcessPoolExecutor;
import dev.multitasking.processes.WorkerCrashedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * <b>A worker dies mid-task: one task fails, the rest finish, the pool goes on.</b> In Python, a
 * worker process that dies takes the whole {@code ProcessPoolExecutor} with it: every pending
 * future fails with {@code BrokenProcessPool} and the pool refuses new work. Here the task that
 * was running on the dead worker fails with a {@link WorkerCrashedException} (its exit code and
 * last words attached), the worker is replaced, and every other task completes.
 *
 * <p>Run: {@code ./primes demo processpool-02}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * 1 squared is 1
 * 2 squared is 4
 * 3 squared is 9
 * 4 failed: worker 1106 ended with exit code 9
 * 5 squared is 25
 * 6 squared is 36
 * 7 squared is 49
 * 8 squared is 64
 * afterwards the pool still works: true
 * </pre>
 */
public final class ProcessPool_02_WorkerKilledMidTask {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A worker killed mid-task fails that task only; the rest finish and the pool goes on.";

    private ProcessPool_02_WorkerKilledMidTask() {
    }

    /** Squares n, unless n is 4: then the worker JVM halts on the spot, as if killed. */
    record SquareOrDie(int n) implements Task<Integer> {
        @Override
        public Integer call() {
            if (n == 4) {
                System.err.println("worker " + ProcessHandle.current().pid() + " dies now");
                Runtime.getRuntime().halt(9);
            }
            return n * n;
        }
    }

    /** One line per task: its square, or why it failed; then whether the pool still works. */
    record Outcome(List<String> lines, int crashed, int completed, boolean poolStillWorks) {
    }

    static Outcome run() throws Exception {
        List<String> lines = new ArrayList<>();
        int crashed = 0;
        int completed = 0;
        boolean works;
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            List<Future<Integer>> squares = new ArrayList<>();
            for (int n = 1; n <= 8; n++) {
                squares.add(pool.submit(new SquareOrDie(n)));
            }
            for (int i = 0; i < squares.size(); i++) {
                try {
                    lines.add((i + 1) + " squared is " + squares.get(i).get());
                    completed++;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof WorkerCrashedException crash)) {
                        throw e;
                    }
                    lines.add((i + 1) + " failed: worker " + crash.pid() + " ended with exit code " + crash.exitCode());
                    crashed++;
                }
            }
            works = pool.submit(new SquareOrDie(9)).get() == 81;
        }
        return new Outcome(lines, crashed, completed, works);
    }

    public static void main(String[] args) throws Exception {
        Outcome o = run();
        o.lines().forEach(System.out::println);
        System.out.println("afterwards the pool still works: " + o.poolStillWorks());
    }
}
