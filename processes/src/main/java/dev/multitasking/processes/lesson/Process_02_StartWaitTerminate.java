package dev.multitasking.processes.lesson;

import dev.multitasking.processes.ChildProcess;
import java.time.Duration;

/**
 * <b>Processes: start, wait for, and terminate a child.</b> Python's
 * {@code multiprocessing.Process(target=...)} with {@code start()}, {@code join()} and
 * {@code terminate()}. In Java a child is another JVM running a {@code main} (here through
 * {@link ChildProcess}, on Apache Commons Exec). Its exit code says how it ended: 0 for success,
 * what it passed to {@code System.exit} otherwise, and 128 + the signal when it was killed
 * (137 for SIGKILL). A killed child's exit code alone can mislead; {@code killed()} says whether
 * we killed it.
 *
 * <p>Run: {@code ./primes demo process-02}. Sample output (2-core AMD EPYC, JDK 25):
 * <pre>
 * finished:   exit code 0, killed false, said: [child 24138 working for 200 ms]
 * failed:     exit code 3, killed false
 * terminated: exit code 137, killed true, 514 ms after start instead of 10 minutes
 * </pre>
 */
public final class Process_02_StartWaitTerminate {

    private Process_02_StartWaitTerminate() {
    }

    /** The child's {@code main}: works for the given milliseconds, then exits with the given code. */
    static final class Child {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("child " + ProcessHandle.current().pid() + " working for " + args[0] + " ms");
            Thread.sleep(Long.parseLong(args[0]));
            System.exit(Integer.parseInt(args[1]));
        }
    }

    /** How the three children ended. */
    record Ends(ChildProcess.Result finished, ChildProcess.Result failed, ChildProcess.Result terminated, long terminatedAfterMillis) {
    }

    static Ends run() throws Exception {
        ChildProcess.Result finished = ChildProcess.main(Child.class).args("200", "0").run();   // start, then join
        ChildProcess.Result failed = ChildProcess.main(Child.class).args("100", "3").run();
        long start = System.nanoTime();
        ChildProcess.Result terminated;
        try (ChildProcess.Launched child = ChildProcess.main(Child.class).args("600000", "0").start()) {
            Thread.sleep(Duration.ofMillis(500));   // it has started working
            child.destroy();                        // terminate()
            terminated = child.await();
        }
        return new Ends(finished, failed, terminated, (System.nanoTime() - start) / 1_000_000);
    }

    public static void main(String[] args) throws Exception {
        Ends e = run();
        System.out.printf("finished:   exit code %d, killed %s, said: %s%n", e.finished().exitCode(), e.finished().killed(), e.finished().stdoutTail());
        System.out.printf("failed:     exit code %d, killed %s%n", e.failed().exitCode(), e.failed().killed());
        System.out.printf("terminated: exit code %d, killed %s, %d ms after start instead of 10 minutes%n",
                e.terminated().exitCode(), e.terminated().killed(), e.terminatedAfterMillis());
    }
}
