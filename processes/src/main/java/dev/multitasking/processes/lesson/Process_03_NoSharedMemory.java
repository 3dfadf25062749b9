package dev.multitasking.processes.lesson;

import dev.multitasking.core.Task;
import dev.multitasking.processes.ProcessPoolExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * <b>Processes do not share memory.</b> The threads lesson {@code sharing-01} had four threads
 * fight over one counter. Here three worker processes each add one to "the" counter, a static
 * field. Each worker has its own copy, in its own JVM: each sees 1, and the parent's copy stays
 * 0. Two cooks in separate kitchens, as the lecture says: no race, and no sharing either; to
 * combine results, processes send them back as messages (here, the task's return value).
 *
 * <p>Run: {@code ./primes demo process-03}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * worker 7446: 1
 * worker 7466: 1
 * worker 7455: 1
 * parent 7422: 0
 * </pre>
 */
public final class Process_03_NoSharedMemory {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Processes share no memory: each worker counts its own copy, and the parent's stays 0.";

    private static int counter;   // one per JVM

    private Process_03_NoSharedMemory() {
    }

    /** Adds one to the counter of whichever JVM runs it; answers "pid: value". */
    record Increment() implements Task<String> {
        @Override
        public String call() {
            counter++;
            return ProcessHandle.current().pid() + ": " + counter;
        }
    }

    /** What each worker saw, and the parent's counter afterwards. */
    record Seen(List<String> workers, int parentCounter) {
    }

    static Seen run() throws Exception {
        List<String> seen = new ArrayList<>();
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(3)) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(pool.submit(new Increment()));   // three tasks, each on its own worker
            }
            for (Future<String> answer : answers) {
                seen.add(answer.get());
            }
        }
        return new Seen(seen, counter);
    }

    public static void main(String[] args) throws Exception {
        Seen s = run();
        s.workers().forEach(w -> System.out.println("worker " + w));
        System.out.println("parent " + ProcessHandle.current().pid() + ": " + s.parentCounter());
    }
}
