package dev.multitasking.app;

import dev.multitasking.app.report.Machine;
import dev.multitasking.core.LessonSample;
import dev.multitasking.processes.ChildProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code primes demo --record}: runs lessons, each in a JVM of its own as {@code primes demo}
 * would, and writes what each printed into its source as its sample output, with the machine it
 * ran on, what Python's doctest gives a module, for a lesson's javadoc. Run from the project's
 * root, where the sources are; the lesson-index contract then checks in every build that each
 * lesson still prints its sample's shape.
 */
final class SampleRecorder {

    /** How long one lesson may run. */
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final Path root;
    private final PrintWriter log;

    SampleRecorder(Path root, PrintWriter log) {
        this.root = root;
        this.log = log;
    }

    /** Where the lesson's source is under the project's root; empty when it is not there. */
    Optional<Path> sourceOf(Lessons.Lesson lesson) throws IOException {
        String relative = "src/main/java/" + lesson.type().replace('.', '/') + ".java";
        try (Stream<Path> modules = Files.list(root)) {
            return modules.map(m -> m.resolve(relative)).filter(Files::isRegularFile).findFirst();
        }
    }

    /** Runs {@code lesson} and writes its output into {@code source}. */
    void record(Lessons.Lesson lesson, Path source) throws IOException, InterruptedException {
        List<String> printed = new ArrayList<>();
        long begin = System.nanoTime();
        ChildProcess.Result r = ChildProcess.main(lesson.type())
                .name("record-" + lesson.name())
                .onStdout(printed::add)
                .timeout(LIMIT)
                .tailLines(20)
                .run();
        if (r.exitCode() != 0 || r.killed()) {
            throw new IOException(lesson.name() + " ended with exit code " + r.exitCode() + (r.killed() ? " (killed at its time limit)" : "")
                    + "; its last words: " + String.join(" | ", r.stderrTail()));
        }
        Files.writeString(source, withSample(Files.readString(source, StandardCharsets.UTF_8), printed, machine()), StandardCharsets.UTF_8);
        log.printf("%-16s %3d lines, %5.1f s -> %s%n", lesson.name(), printed.size(), (System.nanoTime() - begin) / 1e9, root.relativize(source));
        log.flush();
    }

    /** The machine, as a sample's header names it. */
    static String machine() {
        Machine m = Machine.current();
        return m.cores() + "-core " + m.cpu() + " (" + m.vectors() + "), JDK " + Runtime.version() + ", " + LocalDate.now();
    }

    /**
     * The source with its sample block (the header's parenthesis and the {@code <pre>} after it)
     * replaced by {@code printed}, as recorded on {@code machine}.
     */
    static String withSample(String source, List<String> printed, String machine) {
        int header = source.indexOf(LessonSample.HEADER);
        int open = header < 0 ? -1 : source.indexOf("<pre>", header);
        int close = open < 0 ? -1 : source.indexOf("</pre>", open);
        int headerEnd = header < 0 ? -1 : source.indexOf("):", header);
        if (close < 0 || headerEnd < 0 || headerEnd > open) {
            throw new IllegalArgumentException("no '" + LessonSample.HEADER + "...):' followed by a <pre> block");
        }
        int lineStart = source.lastIndexOf('\n', open) + 1;
        String prefix = source.substring(lineStart, open);   // " * "
        StringBuilder block = new StringBuilder("<pre>\n");
        for (String line : printed) {
            block.append((prefix + LessonSample.escape(line)).stripTrailing()).append('\n');
        }
        block.append(prefix);
        // The machine on a line of its own: "Sample output (recorded by ... --record" ends the line the header starts.
        return source.substring(0, header) + LessonSample.HEADER + "recorded by {@code ./primes demo --record}\n"
                + prefix + "on a " + machine + source.substring(headerEnd, open) + block + source.substring(close);
    }
}
