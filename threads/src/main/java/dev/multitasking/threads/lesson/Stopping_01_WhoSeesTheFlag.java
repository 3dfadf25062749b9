package dev.multitasking.threads.lesson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * <b>Stopping a worker with a flag: will it see the write?</b> The lecture stops its worker with
 * a global {@code Stopped} flag. Here four workers run the same loop,
 * {@code while (!stopped()) laps++;}, and differ only in how the flag is read and written. Main
 * sets the flag after half a second, long enough for the JIT to compile the loop, and waits two
 * seconds for the worker to end. Read the workers in order: the broken one first, then three ways
 * to fix it, each with its story beside it.
 *
 * <p>The broken one may spin forever, and a thread that never looks at its flag cannot be stopped
 * from inside its JVM: it would burn a core of whatever JVM ran the lesson, a test runner
 * included. So the lesson runs it in a child JVM, which sets the flag, waits, reports, and ends
 * itself with {@code System.exit}; this JVM keeps a 20 s watchdog on the child too. The child is
 * started with the JDK's {@link ProcessBuilder}: the {@code threads} module stands on {@code core}
 * alone, and the project's launcher is in {@code processes}.
 *
 * <p>Run: {@code ./primes demo stopping-01}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * plain:        still running after 2 s: the compiled loop never reads the flag again
 * volatile:     stopped 0 ms after being told, after 1,477,811,326 laps
 * opaque:       stopped 1 ms after being told, after 1,523,767,064 laps
 * synchronized: stopped 0 ms after being told, after 38,355,670 laps
 * </pre>
 * The synchronized worker's laps are fewer: it takes and releases a lock on every lap.
 */
public final class Stopping_01_WhoSeesTheFlag {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A worker may never see a plain stop flag; volatile, VarHandle opaque and synchronized make it see.";

    private static final String IN_CHILD = "--in-child";
    private static final Duration WATCHDOG = Duration.ofSeconds(20);

    private Stopping_01_WhoSeesTheFlag() {
    }

    /** The same loop for every worker; only {@link #stopped()} and {@link #stop()} differ. */
    private abstract static class Worker implements Runnable {
        long laps;   // read by main only after join(): join orders it

        abstract boolean stopped();

        abstract void stop();

        @Override
        public void run() {
            while (!stopped()) {
                laps++;
            }
        }
    }

    /**
     * Broken: a plain field. The Java memory model does not require the worker to ever see main's
     * write, and the JIT takes the permission: once it compiles the loop it reads the field once,
     * before the loop, and the compiled loop spins forever. (Whether it does depends on the JIT,
     * the CPU and luck; on HotSpot it usually does.)
     */
    private static final class Plain extends Worker {
        private boolean stop;

        @Override
        boolean stopped() {
            return stop;
        }

        @Override
        void stop() {
            stop = true;
        }
    }

    /**
     * Fixed: {@code volatile}. A write to a volatile field is visible to every later read of it,
     * in any thread, and orders what came before the write too: the worker sees the flag on its
     * next check, and anything main wrote before setting it. The usual answer.
     */
    private static final class Volatile extends Worker {
        private volatile boolean stop;

        @Override
        boolean stopped() {
            return stop;
        }

        @Override
        void stop() {
            stop = true;
        }
    }

    /**
     * Fixed, and the least that works: {@link VarHandle#getOpaque} and {@link VarHandle#setOpaque}.
     * Opaque access promises that each read really reads (the JIT may not hoist it out of the
     * loop), so the write is seen eventually; it orders nothing else, unlike {@code volatile}.
     * For a stop flag that carries no other data, that is all that is needed (jcstress's
     * {@code BasicJMM_04_Progress} sample shows the same three outcomes).
     */
    private static final class Opaque extends Worker {
        private static final VarHandle STOP;

        static {
            try {
                STOP = MethodHandles.lookup().findVarHandle(Opaque.class, "stop", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused")   // read and written through STOP
        private boolean stop;

        @Override
        boolean stopped() {
            return (boolean) STOP.getOpaque(this);
        }

        @Override
        void stop() {
            STOP.setOpaque(this, true);
        }
    }

    /**
     * Fixed, with a lock: reading and writing the flag under the same monitor. Releasing a lock
     * publishes what was written under it to the next thread that takes it, so the worker sees the
     * write; the price is a lock taken on every lap.
     */
    private static final class Synchronized extends Worker {
        private boolean stop;

        @Override
        synchronized boolean stopped() {
            return stop;
        }

        @Override
        synchronized void stop() {
            stop = true;
        }
    }

    /** The ways to hold the flag, in the lesson's order. */
    enum Flag {
        PLAIN, VOLATILE, OPAQUE, SYNCHRONIZED;

        Worker worker() {
            return switch (this) {
                case PLAIN -> new Plain();
                case VOLATILE -> new Volatile();
                case OPAQUE -> new Opaque();
                case SYNCHRONIZED -> new Synchronized();
            };
        }
    }

    /** Whether the worker ended within the patience after being told to stop, how fast, and its laps (-1 when it did not end). */
    record Outcome(Flag flag, boolean stopped, long stopMillis, long laps) {
        String line() {
            String name = String.format("%-13s", flag.name().toLowerCase(java.util.Locale.ROOT) + ":");
            return stopped ? String.format("%s stopped %d ms after being told, after %,d laps", name, stopMillis, laps)
                    : name + " still running after 2 s: the compiled loop never reads the flag again";
        }
    }

    /**
     * Runs one worker in this JVM, sets its flag after {@code work}, and waits {@code patience}.
     * Only for the flags that work: a plain one may leave the worker spinning ({@link #runInChild}).
     */
    static Outcome run(Flag flag, Duration work, Duration patience) throws InterruptedException {
        Worker worker = flag.worker();
        Thread thread = Thread.ofPlatform().name(flag.name().toLowerCase(java.util.Locale.ROOT) + "-worker").daemon().start(worker);
        Thread.sleep(work);
        long asked = System.nanoTime();
        worker.stop();
        boolean stopped = thread.join(patience);
        return new Outcome(flag, stopped, (System.nanoTime() - asked) / 1_000_000, stopped ? worker.laps : -1);
    }

    /** What the child printed, and whether it ended by itself before the watchdog. */
    record Child(List<String> lines, boolean endedByItself) {
    }

    /** Runs {@code flag}'s worker in a child JVM that reports and exits: safe for the plain flag. */
    static Child runInChild(Flag flag) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Stopping_01_WhoSeesTheFlag.class.getName(), IN_CHILD, flag.name())
                .redirectErrorStream(true)
                .start();
        Thread destroyer = new Thread(child::destroyForcibly, "destroy-flag-child");
        Runtime.getRuntime().addShutdownHook(destroyer);   // this JVM dies: the child dies with it
        try {
            List<String> lines = new ArrayList<>();
            Thread reader = Thread.ofPlatform().name("flag-child-output").start(() -> {
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
                return new Child(List.copyOf(lines), ended);
            }
        } finally {
            child.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(destroyer);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals(IN_CHILD)) {
            System.out.println(run(Flag.valueOf(args[1]), Duration.ofMillis(500), Duration.ofSeconds(2)).line());
            System.out.flush();
            System.exit(0);   // the only way to stop a thread that will not look
        }
        Child plain = runInChild(Flag.PLAIN);
        plain.lines().forEach(System.out::println);
        if (!plain.endedByItself()) {
            System.out.println("(the watchdog destroyed the child JVM)");
        }
        for (Flag flag : List.of(Flag.VOLATILE, Flag.OPAQUE, Flag.SYNCHRONIZED)) {
            System.out.println(run(flag, Duration.ofMillis(500), Duration.ofSeconds(2)).line());
        }
    }
}
