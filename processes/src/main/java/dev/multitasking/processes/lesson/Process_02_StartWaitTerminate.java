package dev.multitasking.processes.lesson;

import dev.multitasking.processes.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * <b>Processes: start, wait for, and terminate a child.</b> Python's
 * {@code multiprocessing.Process(target=...)} with {@code start()}, {@code join()} and
 * {@code terminate()}. In Java a child is another JVM running a {@code main} (here through
 * {@link ChildProcess}, on Apache Commons Exec). Its exit code says how it ended: 0 for success,
 * what it passed to {@code System.exit} otherwise, and 128 + the signal when it was killed
 * (137 for SIGKILL). A killed child's exit code alone can mislead; {@code killed()} says whether
 * we killed it.
 *
 * <p>Terminating, two ways, with the JDK's own {@link ProcessBuilder} beside the project's
 * launcher: {@link Process#destroy()} sends SIGTERM, which a JVM answers by running its shutdown
 * hooks and exiting with 143 (128 + 15); {@link Process#destroyForcibly()} sends SIGKILL, which
 * no process can answer: no hook runs, and the exit code is 137 (128 + 9). Python's
 * {@code terminate()} and {@code kill()} send the same two signals, and its
 * {@code Process.exitcode} reports them as -15 and -9.
 *
 * <p>Run: {@code ./primes demo process-02}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * finished:   exit code 0, killed false, said: [child 28291 working for 200 ms]
 * failed:     exit code 3, killed false
 * terminated: exit code 137, killed true, 513 ms after start instead of 10 minutes
 * destroy() (SIGTERM):          exit code 143, its shutdown hook ran: true  (Python's terminate(): exitcode -15)
 * destroyForcibly() (SIGKILL):  exit code 137, its shutdown hook ran: false (Python's kill(): exitcode -9)
 * </pre>
 */
public final class Process_02_StartWaitTerminate {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A child process is started, waited for, or terminated; its exit code says how it ended.";

    private Process_02_StartWaitTerminate() {
    }

    /** What a child's shutdown hook prints: it ran, so the JVM was asked to end, not killed. */
    static final String HOOK_RAN = "shutdown hook ran";

    /**
     * The child's {@code main}: works for the given milliseconds, then exits with the given code;
     * with a third argument it first installs a shutdown hook that says so.
     */
    static final class Child {
        public static void main(String[] args) throws InterruptedException {
            if (args.length > 2) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(HOOK_RAN)));
            }
            System.out.println("child " + ProcessHandle.current().pid() + " working for " + args[0] + " ms");
            Thread.sleep(Long.parseLong(args[0]));
            System.exit(Integer.parseInt(args[1]));
        }
    }

    /** How the three children ended. */
    record Ends(ChildProcess.Result finished, ChildProcess.Result failed, ChildProcess.Result terminated, long terminatedAfterMillis) {
    }

    /** How a child ended when signalled: its exit code, and whether its shutdown hook ran. */
    record Signalled(int exitCode, boolean hookRan) {
    }

    /**
     * Starts a child with the JDK's {@link ProcessBuilder}, waits until it works, then
     * {@code destroy()}s it, or forcibly. Its output goes to a file: {@code destroy()} closes the
     * pipes at once, and the hook's line comes after.
     */
    static Signalled signal(boolean forcibly) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("process-02", ".out");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Child.class.getName(), "600000", "0", "hook")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(log).startsWith("child ")) {   // working: its hook is in place
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new IllegalStateException("the child did not start working: " + Files.readString(log));
                }
                Thread.sleep(10);
            }
            if (forcibly) {
                p.destroyForcibly();   // SIGKILL
            } else {
                p.destroy();           // SIGTERM
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the child outlived the signal by 30 s");
            }
            return new Signalled(p.exitValue(), Files.readAllLines(log).contains(HOOK_RAN));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
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
        Signalled term = signal(false);
        Signalled kill = signal(true);
        System.out.printf("destroy() (SIGTERM):          exit code %d, its shutdown hook ran: %-5s (Python's terminate(): exitcode -15)%n",
                term.exitCode(), term.hookRan());
        System.out.printf("destroyForcibly() (SIGKILL):  exit code %d, its shutdown hook ran: %-5s (Python's kill(): exitcode -9)%n",
                kill.exitCode(), kill.hookRan());
    }
}
