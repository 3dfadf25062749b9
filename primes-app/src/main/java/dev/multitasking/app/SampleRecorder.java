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
        return sourceOf(root, lesson);
    }

    /** Where the lesson's source is under {@code root}; empty when it is not there. */
    static Optional<Path> sourceOf(Path root, Lessons.Lesson lesson) throws IOException {
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
        for (Path readme : readmes(root)) {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            String quoted = withQuote(text, lesson.name(), printed);
            if (!quoted.equals(text)) {
                Files.writeString(readme, quoted, StandardCharsets.UTF_8);
                log.printf("%-16s            and its quote in %s%n", "", root.relativize(readme));
            }
        }
        log.flush();
    }

    /** The marker a README puts on the line before a fenced block that quotes a lesson's output. */
    static String quoteMarker(String lesson) {
        return "<!-- sample of ./primes demo " + lesson + " -->";
    }

    /** The project's READMEs: at its root and in each module. */
    static List<Path> readmes(Path root) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path e : entries.sorted().toList()) {
                Path inside = e.resolve("README.md");
                if (e.getFileName().toString().matches("README.*\\.md") && Files.isRegularFile(e)) {
                    all.add(e);
                } else if (Files.isRegularFile(inside)) {
                    all.add(inside);
                }
            }
        }
        return all;
    }

    /** The README text with every block quoting {@code lesson} (see {@link #quoteMarker}) replaced by {@code printed}. */
    static String withQuote(String readme, String lesson, List<String> printed) {
        return withBlocks(readme, quoteMarker(lesson), printed);
    }

    /** The README text with the fenced block after every {@code marker} line replaced by {@code printed}. */
    private static String withBlocks(String readme, String marker, List<String> printed) {
        String opening = marker + "\n```\n";
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at; (at = readme.indexOf(opening, from)) >= 0; ) {
            int end = readme.indexOf("\n```", at + opening.length() - 1);
            if (end < 0) {
                break;
            }
            out.append(readme, from, at + opening.length());
            printed.forEach(line -> out.append(line.stripTrailing()).append('\n'));
            from = end + 1;
        }
        return out.append(readme.substring(from)).toString();
    }

    /** The fenced blocks after the marker lines {@code markerPattern} matches, by the marker's group 1: their lines. */
    private static java.util.Map<String, List<String>> blocks(String readme, String markerPattern) {
        java.util.Map<String, List<String>> blocks = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(markerPattern + "\n```\n(.*?)\n```", java.util.regex.Pattern.DOTALL)
                .matcher(readme);
        while (m.find()) {
            blocks.put(m.group(1), m.group(2).lines().toList());
        }
        return blocks;
    }

    /** The marker a README puts on the line before a fenced block that quotes a command's whole output. */
    static String commandMarker(String args) {
        return "<!-- output of ./primes " + args + " -->";
    }

    /** The blocks of a README that quote a command's output, by the command's arguments: their lines. */
    static java.util.Map<String, List<String>> commandQuotes(String readme) {
        return blocks(readme, "<!-- output of \\./primes ([^\\n]+?) -->");
    }

    /**
     * Lines of a command's output that say what this run saw rather than what the command prints:
     * the machine, the warm-up's length, physics' verdicts, the finding (which strategy won, by how
     * much), where the report went. A quote and a run are compared without them.
     */
    private static final java.util.regex.Pattern RUN_SPECIFIC = java.util.regex.Pattern.compile(
            "^(\\d+ cores?, .*|  \\^ suspect timing: .*|Not steady: .*|Fastest: .*|No winner.*|report: .*|\\(warmed up: .*)$");

    /** A command's output without its {@link #RUN_SPECIFIC} lines. */
    static List<String> withoutRunSpecific(List<String> lines) {
        return lines.stream().filter(l -> !RUN_SPECIFIC.matcher(l).matches()).toList();
    }

    /** Runs {@code ./primes ARGS} in a JVM of its own and writes its output into every README block that quotes it. */
    void recordCommands() throws IOException, InterruptedException {
        for (Path readme : readmes(root)) {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            for (String args : commandQuotes(text).keySet()) {
                List<String> printed = new ArrayList<>();
                long begin = System.nanoTime();
                ChildProcess.Result r = ChildProcess.main(PrimesCommand.class).args(args.split(" ")).name("record-readme")
                        .onStdout(printed::add).timeout(LIMIT).tailLines(20).run();
                if (r.exitCode() != 0) {
                    throw new IOException("./primes " + args + " ended with exit code " + r.exitCode() + "; its last words: "
                            + String.join(" | ", r.stderrTail()));
                }
                text = withCommandQuote(text, args, printed);
                log.printf("./primes %s: %d lines, %.1f s -> %s%n", args, printed.size(), (System.nanoTime() - begin) / 1e9,
                        root.relativize(readme));
            }
            Files.writeString(readme, text, StandardCharsets.UTF_8);
        }
        log.flush();
    }

    /** The README text with the block quoting {@code ./primes args} replaced by {@code printed}. */
    static String withCommandQuote(String readme, String args, List<String> printed) {
        return withBlocks(readme, commandMarker(args), printed);
    }

    /** The blocks of a README that quote lessons, by lesson name: their lines. */
    static java.util.Map<String, List<String>> quotes(String readme) {
        return blocks(readme, "<!-- sample of \\./primes demo ([a-z]+-\\d\\d) -->");
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
