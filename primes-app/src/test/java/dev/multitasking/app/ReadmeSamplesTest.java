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
                Path source = new SampleRecorder(ROOT, new java.io.PrintWriter(java.io.Writer.nullWriter())).sourceOf(lesson).orElseThrow();
                List<String> sample = LessonSample.parse(Files.readString(source)).orElseThrow();
                assertThat(LessonSample.mismatch(sample, q.getValue())).as(readme + "'s quote of " + q.getKey()
                        + " is not what the lesson prints (./primes demo --record " + q.getKey() + " records both)").isNull();
                checked++;
            }
        }
        assertThat(checked).as("quotes found (profiling/README.md has one)").isPositive();
    }

    @Test
    void withQuote_replacesOnlyTheMarkedBlock() {
        String readme = "text\n" + SampleRecorder.quoteMarker("x-01") + "\n```\nold\nlines\n```\nmore\n```\nother\n```\n";
        assertThat(SampleRecorder.withQuote(readme, "x-01", List.of("new  ", "output")))
                .isEqualTo("text\n" + SampleRecorder.quoteMarker("x-01") + "\n```\nnew\noutput\n```\nmore\n```\nother\n```\n");
        assertThat(SampleRecorder.quotes(SampleRecorder.withQuote(readme, "x-01", List.of("a", "b")))).containsEntry("x-01", List.of("a", "b"));
        assertThat(SampleRecorder.withQuote(readme, "y-02", List.of("z"))).isEqualTo(readme);
    }
}
