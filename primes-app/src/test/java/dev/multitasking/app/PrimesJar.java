package dev.multitasking.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code target/primes.jar} in a JVM of its own, the way {@code ./primes} does. */
final class PrimesJar {

    static final Path JAR = Path.of("target", "primes.jar").toAbsolutePath();

    /** The java that runs these tests: the JDK 21+ the build chose. */
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    record Run(int exit, String out, String err) {
    }

    private PrimesJar() {
    }

    /** The command line of a run, with the option the launcher adds on JDK 24+ (Hazelcast's Unsafe). */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    static Run run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    /** Runs to the end (at most 4 minutes), with these environment variables changed. */
    static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("primes-out", ".txt");
        Path err = Files.createTempFile("primes-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(4, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new AssertionError("primes " + String.join(" ", args) + " ran past 4 minutes");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
