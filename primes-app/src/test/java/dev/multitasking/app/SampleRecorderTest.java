package dev.multitasking.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.core.LessonSample;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleRecorderTest {

    private static final String SOURCE = """
            /**
             * <b>A lesson.</b>
             *
             * <p>Run: {@code ./primes demo x-01}. Sample output (2-core AMD EPYC, JDK 25):
             * <pre>
             * an old line, 54.7 ms
             * </pre>
             */
            final class X_01_Y {
            }
            """;

    @Test
    void withSample_replacesTheHeadersMachineAndTheBlock_escaped_andTheLessonReadsItBack() {
        List<String> printed = List.of("List<Integer> of 3 & more: 20.1 ms", "", "  indented @home");
        String recorded = SampleRecorder.withSample(SOURCE, printed, "2-core Some CPU (AVX2), JDK 25.0.3, 2026-12-01");
        assertThat(recorded).contains("""
                 * <p>Run: {@code ./primes demo x-01}. Sample output (recorded by {@code ./primes demo --record}
                 * on a 2-core Some CPU (AVX2), JDK 25.0.3, 2026-12-01):
                 * <pre>
                 * List&lt;Integer&gt; of 3 &amp; more: 20.1 ms
                 *
                 *   indented &#64;home
                 * </pre>
                 */
                final class X_01_Y {""");
        assertThat(LessonSample.parse(recorded)).hasValue(printed);
        assertThat(SampleRecorder.withSample(recorded, printed, "elsewhere")).as("recorded again: one header, one block")
                .containsOnlyOnce("Sample output (").containsOnlyOnce("<pre>").contains("on a elsewhere):");
    }

    @Test
    void withSample_refusesASourceWithoutASample() {
        assertThatThrownBy(() -> SampleRecorder.withSample("/** nothing */ final class X {}", List.of("x"), "m"))
                .hasMessageContaining("no 'Sample output (...):' followed by a <pre> block");
    }
}
