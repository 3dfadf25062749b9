package dev.multitasking.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.core.LessonSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A README that quotes a lesson's output quotes what the lesson prints: each quote has the shape
 * of the lesson's javadoc sample, which the lesson's own module checks against a real run.
 */
class ReadmeSamplesTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void everyQuotedLessonOutput_hasTheShapeOfTheLessonsSample() throws Exception {
        Lessons lessons = Lessons.discover();
        int checked = 0;
        for (Path readme : SampleRecorder.readmes(ROOT)) {
            for (Map.Entry<String, List<String>> q : SampleRecorder.quotes(Files.readString(readme)).entrySet()) {
                Lessons.Lesson lesson = lessons.named(q.getKey()).orElseThrow(() -> new AssertionError(readme + " quotes an unknown lesson " + q.getKey()));
                Path source = SampleRecorder.sourceOf(ROOT, lesson).orElseThrow();
                List<String> sample = LessonSample.parse(Files.readString(source)).orElseThrow();
                assertThat(LessonSample.mismatch(sample, q.getValue())).as(readme + "'s quote of " + q.getKey()
                        + " is not what the lesson prints (./primes demo --record " + q.getKey() + " records both)").isNull();
                checked++;
            }
        }
        assertThat(checked).as("quotes found (profiling/README.md has one)").isPositive();
    }

    /**
     * Each command whose output a README quotes, run here as the README has it (its report in a
     * temporary directory): its lines, but for what only that run saw, have the quote's shape.
     */
    @Test
    void everyQuotedCommand_printsItsQuotesShape(@org.junit.jupiter.api.io.TempDir Path reports) throws Exception {
        int checked = 0;
        for (Path readme : SampleRecorder.readmes(ROOT)) {
            for (Map.Entry<String, List<String>> q : SampleRecorder.commandQuotes(Files.readString(readme)).entrySet()) {
                java.io.StringWriter out = new java.io.StringWriter();
                var cli = PrimesCommand.commandLine();
                cli.setOut(new java.io.PrintWriter(out, true));
                cli.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
                List<String> args = new java.util.ArrayList<>(List.of(q.getKey().split(" ")));
                if (args.getFirst().equals("compare")) {
                    args.addAll(List.of("--out", reports.toString()));
                }
                assertThat(cli.execute(args.toArray(String[]::new))).as("./primes " + q.getKey()).isZero();
                List<String> printed = out.toString().lines().toList();
                assertThat(LessonSample.mismatch(SampleRecorder.withoutRunSpecific(q.getValue()), SampleRecorder.withoutRunSpecific(printed)))
                        .as(readme + "'s quote of ./primes " + q.getKey() + " is not what it prints (./primes demo --record readme records it)"
                                + "\nprinted:\n" + out)
                        .isNull();
                checked++;
            }
        }
        assertThat(checked).as("command quotes found (README.md has one)").isPositive();
    }

    @Test
    void withQuote_replacesOnlyTheMarkedBlock() {
        String readme = "text\n" + SampleRecorder.quoteMarker("x-01") + "\n```\nold\nlines\n```\nmore\n```\nother\n```\n";
        assertThat(SampleRecorder.withQuote(readme, "x-01", List.of("new  ", "output")))
                .isEqualTo("text\n" + SampleRecorder.quoteMarker("x-01") + "\n```\nnew\noutput\n```\nmore\n```\nother\n```\n");
        assertThat(SampleRecorder.quotes(SampleRecorder.withQuote(readme, "x-01", List.of("a", "b")))).containsEntry("x-01", List.of("a", "b"));
        assertThat(SampleRecorder.withQuote(readme, "y-02", List.of("z"))).isEqualTo(readme);
    }

    @Test
    void withCommandQuote_replacesTheQuote_andRunSpecificLinesAreLeftOutOfTheShape() {
        String readme = "a\n" + SampleRecorder.commandMarker("compare -w seed") + "\n```\nold\n```\nb\n";
        String recorded = SampleRecorder.withCommandQuote(readme, "compare -w seed", List.of("2 cores, X (AVX2), JDK 25", "row 1", "Fastest: row"));
        assertThat(SampleRecorder.commandQuotes(recorded)).containsEntry("compare -w seed", List.of("2 cores, X (AVX2), JDK 25", "row 1", "Fastest: row"));
        assertThat(SampleRecorder.withoutRunSpecific(List.of("2 cores, X (AVX2), JDK 25", "(warmed up: 9 round(s); timing now)", "row 1",
                "  ^ suspect timing: a speedup of 2.24x", "Not steady: x", "Fastest: row", "No winner: every row", "report: /tmp/r")))
                .containsExactly("row 1");
    }
}
