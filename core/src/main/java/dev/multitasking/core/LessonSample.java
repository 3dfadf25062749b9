package dev.multitasking.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A lesson's sample output, as its javadoc shows it ({@code Sample output (...):} and the
 * {@code <pre>} block after it), and the shape of an output: what stays when the figures a run
 * measures are masked. A sample whose shape is not the shape of what the lesson prints today is
 * one the code can no longer print: the test kit's lesson-index contract fails on it, and
 * {@code ./primes demo --record} records it again from a real run.
 *
 * <p>The shape of a line: a CPU named with its vector width becomes {@code (~cpu)} (the next run
 * may be on another machine), a command line becomes {@code /... ~} and other paths {@code /...} (a
 * checkout lives anywhere, and a JVM is started many ways), a class or method by its full name
 * {@code ~name} (a profile's ranking is what it measured), a ramen
 * lesson's timeline between bars becomes {@code |~|} (it is drawn to scale from the run), a
 * number with its unit of time or size becomes {@code #t} or {@code #b} (1.02 s and 984 ms are
 * one shape), any other number {@code #}, a list of numbered names one name ({@code chef-1,chef-2}
 * is {@code chef-#}), and runs of blanks one blank (columns widen with their
 * figures). Lines of one shape in a row are one line: a table of three rows has the shape of one
 * of ten, and a lesson run with smaller arguments (as the tests run it) keeps its shape.
 */
public final class LessonSample {

    /** The header a sample follows; the recorder writes it, the reader looks for it. */
    public static final String HEADER = "Sample output (";

    /**
     * A CPU named with its vector width, "(AMD EPYC, AVX-512)" or "(Intel(R) Xeon(R) Processor,
     * AVX2)": the machine a run was on, which the next run need not share.
     */
    private static final Pattern CPU = Pattern.compile("\\((?:[^()]|\\([^()]*\\))*, (?:AVX-512|AVX2|SVE|NEON|SSE2|unknown)\\)");
    private static final Pattern PATH = Pattern.compile("(?<![\\w.])/[^\\s:,;)]+");
    /** A command line: a path, then options; what follows the program depends on how it was started. */
    private static final Pattern COMMAND = Pattern.compile("(?<![\\w.])/\\S+ -.*$");
    /** A method or class by its full name: which ones a profile shows, and in what order, is what it measured. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b[a-z]\\w*(\\.[a-z]\\w*)+\\.[A-Z][\\w$]*(\\.[\\w$<>]+)*");
    private static final Pattern BAR = Pattern.compile("\\|[^|\\n]*\\|");
    /** Text in double quotes: a value the run found (the source of a profile's hottest line, which of two it is varies). */
    private static final Pattern QUOTED = Pattern.compile("\"[^\"\\n]*\"");
    /** A number, with separators between its digits only: 1,092,632,302 and 54.7, not the comma after "chef-1,". */
    private static final String DIGITS = "\\d+(?:[,._]\\d+)*";
    /** A time, and a bound on one ("< 11 us", "> 100 ms": a figure beyond the sizes a sweep measured). */
    private static final Pattern TIMED = Pattern.compile("(?:[<>]\\s?)?" + DIGITS + "\\s?(ns|us|µs|ms|s|min)\\b");
    private static final Pattern SIZED = Pattern.compile(DIGITS + "\\s?(bytes|B|KiB|MiB|GiB|KB|MB|GB)\\b");
    private static final Pattern NUMBER = Pattern.compile(DIGITS);
    /** A list of numbered names, "chef-1,chef-2": who took part varies from run to run, not the shape. */
    private static final Pattern NAMES = Pattern.compile("([\\w-]*#)(,\\1)+");

    private LessonSample() {
    }

    /**
     * The sample of {@code lesson}, read from its source under {@code sourceRoot} (a module's
     * {@code src/main/java}); empty when it has none.
     */
    public static Optional<List<String>> of(Class<?> lesson, Path sourceRoot) throws IOException {
        Path source = sourceRoot.resolve(lesson.getName().replace('.', '/') + ".java");
        return parse(Files.readString(source, StandardCharsets.UTF_8));
    }

    /** The sample block of a lesson's source text: the {@code <pre>} after {@link #HEADER}, unescaped. */
    public static Optional<List<String>> parse(String source) {
        int header = source.indexOf(HEADER);
        if (header < 0) {
            return Optional.empty();
        }
        int open = source.indexOf("<pre>", header);
        int close = source.indexOf("</pre>", open);
        if (open < 0 || close < 0) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        for (String line : source.substring(open + "<pre>".length(), close).split("\n", -1)) {
            String text = line.replaceFirst("^\\s*\\* ?", "");
            lines.add(text.replace("&lt;", "<").replace("&gt;", ">").replace("&#64;", "@").replace("&#47;", "/").replace("&amp;", "&"));
        }
        // The first line is what follows <pre> on its own line, the last the " * " before </pre>: both empty.
        while (!lines.isEmpty() && lines.getFirst().isBlank()) {
            lines.removeFirst();
        }
        while (!lines.isEmpty() && lines.getLast().isBlank()) {
            lines.removeLast();
        }
        return Optional.of(List.copyOf(lines));
    }

    /** The shape of an output (see the class comment): blank lines dropped, repeated shapes once. */
    public static List<String> shape(List<String> lines) {
        List<String> shape = new ArrayList<>();
        for (String line : lines) {
            String s = shapeOf(line);
            if (!s.isEmpty() && (shape.isEmpty() || !shape.getLast().equals(s))) {
                shape.add(s);
            }
        }
        return shape;
    }

    static String shapeOf(String line) {
        String s = CPU.matcher(line).replaceAll("(~cpu)");
        s = COMMAND.matcher(s).replaceAll("/... ~");
        s = PATH.matcher(s).replaceAll("/...");
        s = QUALIFIED.matcher(s).replaceAll("~name");
        s = BAR.matcher(s).replaceAll("|~|");
        s = QUOTED.matcher(s).replaceAll("\"~\"");
        s = TIMED.matcher(s).replaceAll("#t");
        s = SIZED.matcher(s).replaceAll("#b");
        s = NUMBER.matcher(s).replaceAll("#");
        s = NAMES.matcher(s).replaceAll("$1");
        return s.replaceAll("\\s+", " ").strip();
    }

    /**
     * Null when {@code printed} has the shape of {@code sample}, else the first line where they part,
     * in words.
     */
    public static String mismatch(List<String> sample, List<String> printed) {
        List<String> want = shape(sample);
        List<String> got = shape(printed);
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : null;
            String g = i < got.size() ? got.get(i) : null;
            if (w == null || !w.equals(g)) {
                return "line " + (i + 1) + " of its shape: the sample has " + quote(w) + ", the run printed " + quote(g);
            }
        }
        return null;
    }

    private static String quote(String s) {
        return s == null ? "nothing more" : "'" + s + "'";
    }

    /** Escapes text for a javadoc {@code <pre>} block. */
    public static String escape(String line) {
        return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;").replace("*/", "*&#47;");
    }
}
