package dev.multitasking.threads.lesson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * <b>Stopping a worker: a plain flag may never be seen.</b> The same worker as in
 * {@link Stopping_01_VolatileFlagStops}, with {@code stop} a plain field. The Java memory model
 * does not require the worker to ever see main's write, and the JIT takes the permission: once
 * it compiles {@code while (!stop) laps++;}, it reads {@code stop} once, before the loop, and the
 * compiled loop spins forever. (Whether it does depends on the JIT, the CPU and luck; on HotSpot
 * it usually does.)
 *
 * <p>A thread that never looks at a flag cannot be stopped from inside its JVM, and such a thread
 * would burn a core of whatever JVM ran this lesson, a test runner included. So the lesson runs
 * the worker in a child JVM. That JVM's main thread sets the flag, waits 2 s with {@code join},
 * reports what it saw, and ends the JVM with {@code System.exit}, which stops every thread. This
 * JVM keeps a watchdog on the child too, and destroys it if it runs past 20 s or if this JVM exits.
 *
 * <p>Run: {@code ./primes demo stopping-02}. Sample output (2-core AMD EPYC, JDK 25):
 * <pre>
 * plain flag: still running after 2 s; the compiled loop never reads 'stop' again
 * the child JVM ended itself
 * </pre>
 */
public final class Stopping_02_PlainFlagMayNeverStop {

    private static final String IN_CHILD = "--in-child";
    private static final Duration WATCHDOG = Duration.ofSeconds(20);

    private Stopping_02_PlainFlagMayNeverStop() {
    }

    private static final class Worker implements Runnable {
        private boolean stop;   // plain: the bug
        private long laps;

        @Override
        public void run() {
            while (!stop) {
                laps++;
            }
        }
    }

    /** In the child JVM: run the worker, set the flag, wait 2 s, say what happened, exit. */
    private static void child() throws InterruptedException {
        Worker worker = new Worker();
        Thread thread = Thread.ofPlatform().name("plain-worker").start(worker);
        Thread.sleep(500);             // long enough for the JIT to compile the loop
        worker.stop = true;
        if (thread.join(Duration.ofSeconds(2))) {
            System.out.printf("plain flag: the worker stopped after %,d laps (this time the JIT re-read the field)%n", worker.laps);
        } else {
            System.out.println("plain flag: still running after 2 s; the compiled loop never reads 'stop' again");
        }
        System.out.flush();
        System.exit(0);                // the only way to stop a thread that will not look
    }

    /** What the child printed, and whether it ended by itself before the watchdog. */
    record Outcome(List<String> lines, boolean endedByItself) {
    }

    static Outcome runChild() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Stopping_02_PlainFlagMayNeverStop.class.getName(), IN_CHILD)
                .redirectErrorStream(true)
                .start();
        Thread destroyer = new Thread(child::destroyForcibly, "destroy-plain-flag-child");
        Runtime.getRuntime().addShutdownHook(destroyer);   // this JVM dies: the child dies with it
        try {
            List<String> lines = new ArrayList<>();
            Thread reader = Thread.ofPlatform().name("plain-flag-child-output").start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null && lines.size() < 100; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                } catch (IOException e) {
                    // the child was destroyed: its output ends here
                }
            });
            boolean ended = child.waitFor(WATCHDOG.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                child.destroyForcibly().waitFor();
            }
            reader.join();
            synchronized (lines) {
                return new Outcome(List.copyOf(lines), ended);
            }
        } finally {
            child.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(destroyer);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(IN_CHILD)) {
            child();
            return;
        }
        Outcome o = runChild();
        o.lines().forEach(System.out::println);
        System.out.println(o.endedByItself() ? "the child JVM ended itself" : "the watchdog destroyed the child JVM");
    }
}
