package dev.multitasking.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LessonSampleTest {

    @Test
    void shape_masksWhatARunMeasures_andKeepsTheWords() {
        assertThat(LessonSample.shape(List.of(
                "Python, plain loop         1.02 s      right",
                "Python, plain loop          984 ms     right",
                "  a pool of 2 threads:    234 ms (2.9x less)",
                "bowl 1  |bbbPPccccS| served at 10.4 min by chef-1",
                "current directory: /check/work/main, user 0",
                "root       23844   23842 15:12 /usr/lib/jvm/temurin-25/bin/java -jar /work/main/primes.jar demo process-01",
                "   90.25%  dev.multitasking.core.primes.Primes.smallestFactorByTrialDivision:98",
                "  HashSet<Integer> of 1000      62,464 bytes (15.2x: and a node per entry)",
                "the hottest line, Primes.java:98: \"quotients[j] = nd / (first + BLOCK_OFFSETS[j]);\"",
                "process pool    31 us    < 11 us    > 100 ms",
                "one thread, median of 5 rounds (AMD EPYC, AVX-512)",
                "one thread, median of 5 rounds (Intel(R) Xeon(R) Processor, AVX2)")))
                .containsExactly("Python, plain loop #t right", "a pool of # threads: #t (#x less)", "bowl # |~| served at #t by chef-#",
                        "current directory: /..., user #", "root # # #:# /... ~", "#% ~name:#", "HashSet<Integer> of # #b (#x: and a node per entry)",
                        "the hottest line, Primes.java:#: \"~\"", "process pool #t #t #t",
                        "one thread, median of # rounds (~cpu)");
    }

    @Test
    void shape_ofATable_isTheShapeOfOneRow_soFewerRowsKeepIt() {
        List<String> three = List.of("threads        1          2      113.9    1.00x", "threads        2          0       84.2    1.35x",
                "threads        3          0       72.5    1.57x", "members        1       2581      139.7    0.82x");
        List<String> one = List.of("threads        1          2      100.0    1.00x", "members        1       1800      120.1    0.83x");
        assertThat(LessonSample.mismatch(three, one)).isNull();
        assertThat(LessonSample.mismatch(three, List.of("threads 1 2 3 4x"))).isEqualTo(
                "line 2 of its shape: the sample has 'members # # # #x', the run printed nothing more");
        assertThat(LessonSample.mismatch(List.of("a virtual thread each: 5,881 ms"), List.of("a virtual thread each: 5,881 ms; 12 MiB")))
                .isEqualTo("line 1 of its shape: the sample has 'a virtual thread each: #t', the run printed 'a virtual thread each: #t; #b'");
    }

    @Test
    void parse_readsThePreBlockAfterTheHeader_unescaped() {
        String source = """
                /**
                 * <b>A lesson.</b>
                 *
                 * <p>Run: {@code ./primes demo x-01}. Sample output (recorded somewhere):
                 * <pre>
                 * ArrayList&lt;Integer&gt; of 1000 &amp; more, &#64;home
                 *
                 *   indented
                 * </pre>
                 */
                final class X_01_Y {
                }
                """;
        assertThat(LessonSample.parse(source)).hasValue(List.of("ArrayList<Integer> of 1000 & more, @home", "", "  indented"));
        assertThat(LessonSample.parse("/** no sample */")).isEmpty();
        assertThat(LessonSample.escape("a<b> & @c */")).isEqualTo("a&lt;b&gt; &amp; &#64;c *&#47;");
        assertThat(LessonSample.parse("Sample output (x):\n<pre>\n * " + LessonSample.escape("a<b> & @c */") + "\n * </pre>"))
                .hasValue(List.of("a<b> & @c */"));
    }
}
