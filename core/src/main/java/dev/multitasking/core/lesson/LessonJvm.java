package dev.multitasking.core.lesson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A lesson's part that must run in a JVM of its own (other JIT flags, or confined to one CPU):
 * this class path's {@code main} in a child JVM, started with the JDK's {@link ProcessBuilder}
 * ({@code core} stands on the JDK alone; the project's launcher is in {@code processes}), its
 * output read line by line, and a watchdog that ends it.
 */
final class LessonJvm {

    private LessonJvm() {
    }

    /** What the child printed (stdout and stderr, in order), and its exit code: -1 when the watchdog ended it. */
    record Output(List<String> lines, int exitCode) {

        /** The lines that start with {@code prefix}, without it. */
        List<String> tagged(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
        }
    }

    /**
     * Runs {@code main}'s {@code main} with {@code args} in a child JVM: {@code prefix} (such as
     * {@code taskset -c 0}) before the {@code java} command, {@code jvmOptions} after it.
     */
    static Output run(List<String> prefix, List<String> jvmOptions, Class<?> main, Duration watchdog, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread destroyer = new Thread(child::destroyForcibly, "destroy-lesson-child");
        Runtime.getRuntime().addShutdownHook(destroyer);   // this JVM dies: the child dies with it
        try {
            List<String> lines = new ArrayList<>();
            Thread reader = Thread.ofPlatform().name("lesson-child-output").start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        synchronized (lines) {
                            if (lines.size() < 1000) {
                                lines.add(line);
                            }
                        }
                    }
                } catch (IOException e) {
                    // the child was destroyed: its output ends here
                }
            });
            boolean ended = child.waitFor(watchdog.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                child.destroyForcibly().waitFor();
            }
            reader.join();
            synchronized (lines) {
                return new Output(List.copyOf(lines), ended ? child.exitValue() : -1);
            }
        } finally {
            child.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(destroyer);
        }
    }

    /** {@code taskset}'s path, where the machine has it: what confines a process to chosen CPUs. */
    static Optional<Path> taskset() {
        return Stream.of("/usr/bin/taskset", "/bin/taskset", "/usr/local/bin/taskset").map(Path::of)
                .filter(Files::isExecutable).findFirst();
    }

    /** The CPUs this process may run on (its affinity, as {@code /proc/self/status} lists it), such as {@code 0-1}. */
    static Optional<String> allowedCpus() {
        try (Stream<String> status = Files.lines(Path.of("/proc/self/status"))) {
            return status.filter(l -> l.startsWith("Cpus_allowed_list:")).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The first CPU of a list such as {@code 0-1,4}. */
    static int firstCpu(String list) {
        return Integer.parseInt(list.split("[,-]")[0].strip());
    }
}
