package dev.multitasking.app.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.multitasking.testkit.NoLeakedThreads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(180)
@ExtendWith(NoLeakedThreads.class)
class PrimesLessonTest {

    @Test
    void everyWayAnswersRight_andOnTwoOrMoreCores_threadsBeatThePlainLoop() throws Exception {
        List<Primes_01_TheLecturesProblem.Way> ways = Primes_01_TheLecturesProblem.measure(3, false);
        assertThat(ways).extracting(Primes_01_TheLecturesProblem.Way::name)
                .containsExactly("Java, plain loop", "Java, process pool", "Java, thread pool");
        assertThat(ways).allSatisfy(w -> assertThat(w.right()).as(w.name()).isTrue());
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one core: threads cannot run at once");
        // The claim: in Java, unlike CPython, a thread pool speeds CPU-bound work up (a direction, no threshold).
        assertThat(ways.get(2).millis()).as("thread pool against the plain loop").isLessThan(ways.get(0).millis());
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).as("worker JVMs gone").isEmpty();
    }

    @Test
    void main_printsEveryWay_andTheLecturesOwnFigures() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Primes_01_TheLecturesProblem.main(new String[0]);
        } finally {
            System.setOut(stdout);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Java, plain loop", "Java, process pool", "Java, thread pool",
                "the lecture (its machine): 2.29 s plain loop, 0.56 s process pool").doesNotContain("WRONG");
        assertThat(printed.contains("Python, plain loop") || printed.contains("no python3 on the PATH")).isTrue();
    }
}
