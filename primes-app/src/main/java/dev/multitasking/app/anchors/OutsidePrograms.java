package dev.multitasking.app.anchors;

import dev.multitasking.app.PrimesCommand;
import dev.multitasking.core.primes.KnownPrimeCounts;
import dev.multitasking.processes.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The programs a run starts besides its figure JVMs: primesieve, {@code primes count}, and any to its end. */
final class OutsidePrograms {

    private static final Duration LIMIT = Duration.ofMinutes(10);

    private OutsidePrograms() {
    }

    /** One primesieve run: its own timer's figure, and the process's wall from start to exit. */
    record Primesieve(Measure kernel, Measure process) {
    }

    /** {@code primesieve N --threads=T --time}, its answer left to primesieve's own tests. */
    static Primesieve primesieve(Optional<Path> primesieve, long n, int threads) throws IOException, InterruptedException {
        if (primesieve.isEmpty()) {
            throw new IOException("not installed");
        }
        long begin = System.nanoTime();
        String out = exec(primesieve.get().toString(), Long.toString(n), "--threads=" + threads, "--time");
        double process = (System.nanoTime() - begin) / 1e6;
        Matcher m = Pattern.compile("Seconds: ([0-9.]+)").matcher(out);
        if (!m.find()) {
            throw new IOException("primesieve said: " + out);
        }
        return new Primesieve(new Measure(Double.parseDouble(m.group(1)) * 1000, Double.NaN), new Measure(process, Double.NaN));
    }

    /** primesieve's version line, or its name. */
    static String primesieveVersion() {
        try {
            return exec("primesieve", "--version").lines().findFirst().orElse("primesieve").strip();
        } catch (Exception e) {
            return "primesieve";
        }
    }

    /**
     * {@code ./primes count N -n THREADS} as a process of its own, from start to exit, as a user
     * runs it: through the launcher where this runs in a checkout (its JDK search, its class
     * cache), else the command's main on this JVM's class path; its answer checked.
     */
    static Measure primesCount(long n, int threads) throws IOException, InterruptedException {
        String[] args = {"count", Long.toString(n), "-n", Integer.toString(threads)};
        java.nio.file.Path launcher = java.nio.file.Path.of(System.getProperty("user.dir"), "primes");
        ChildProcess.Builder command = java.nio.file.Files.isExecutable(launcher) ? ChildProcess.program(launcher.toString(), args)
                : ChildProcess.main(PrimesCommand.class).args(args);
        long begin = System.nanoTime();
        ChildProcess.Result r = command.timeout(LIMIT).tailLines(5).run();
        double wall = (System.nanoTime() - begin) / 1e6;
        String said = String.join(" ", r.stdoutTail());
        long expected = KnownPrimeCounts.primePi(n).orElse(-1);
        if (r.exitCode() != 0 || (expected >= 0 && !said.contains(" = " + expected + " "))) {
            throw new IOException("primes count said " + said + " " + r.stderrTail());
        }
        return new Measure(wall, Double.NaN);
    }

    /** Runs a program to its end; what it printed, stdout then stderr. */
    static String exec(String... command) throws IOException, InterruptedException {
        ChildProcess.Result r = ChildProcess.program(command[0], Arrays.copyOfRange(command, 1, command.length))
                .timeout(LIMIT).tailLines(200).run();
        String out = String.join("\n", r.stdoutTail()) + (r.stderrTail().isEmpty() ? "" : "\n" + String.join("\n", r.stderrTail()));
        if (r.killed() || r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + (r.killed() ? " ran past 10 minutes: " : " failed: ") + out);
        }
        return out;
    }
}
