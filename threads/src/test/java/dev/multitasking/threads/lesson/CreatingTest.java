package dev.multitasking.threads.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.NoLeakedThreads;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(60)
@ExtendWith(NoLeakedThreads.class)
class CreatingTest {

    private static final Duration EACH = Duration.ofMillis(300);

    @Test
    void run_staysOnTheCallingThread_oneAfterTheOther() {
        var o = Creating_01_RunIsNotStart.callRun(EACH);
        String caller = Thread.currentThread().getName();
        assertThat(o.ranOn()).containsExactly("delivery on '" + caller + "'", "retrieve dish on '" + caller + "'");
        assertThat(o.millis()).isGreaterThanOrEqualTo(2 * EACH.toMillis());
    }

    @Test
    void start_runsEachOnItsOwnThread_atTheSameTime() throws InterruptedException {
        var o = Creating_01_RunIsNotStart.callStart(EACH);
        assertThat(o.ranOn()).containsExactlyInAnyOrder("delivery on 'Delivery'", "retrieve dish on 'RetrieveDish'");
        assertThat(o.millis()).isLessThan(2 * EACH.toMillis() - 50);   // overlapped: about 300, not 600
    }

    @Test
    void arguments_eachThreadGetsItsOwn() throws InterruptedException {
        var served = Creating_02_RunnableWithArguments.serve(List.of("ramen", "udon", "soba", "pho"));
        assertThat(served).containsEntry(0, "ramen by lambda-cook-0").containsEntry(1, "udon by record-cook-1")
                .containsEntry(2, "soba by lambda-cook-2").containsEntry(3, "pho by record-cook-3");
    }

    /** Java captures a value: each thread made in the loop sees its own pass's copy; a shared array is read when the thread runs. */
    @Test
    void aLambdaCapturesTheValue_aSharedArrayIsReadLate() throws InterruptedException {
        assertThat(Creating_02_RunnableWithArguments.madeInALoop(false)).containsExactly(0, 1, 2, 3);
        assertThat(Creating_02_RunnableWithArguments.madeInALoop(true)).containsExactly(3, 3, 3, 3);
    }

    /** Python's late binding, run: every thread sees the last value unless it was bound when the lambda was made. */
    @Test
    void pythonsLambdaReadsTheLoopVariableWhenItRuns() throws Exception {
        var python = Creating_02_RunnableWithArguments.python();
        org.junit.jupiter.api.Assumptions.assumeTrue(python.isPresent(), "no python3 on the path");
        assertThat(python.get()).containsEntry("late", "3 3 3 3").containsEntry("bound", "0 1 2 3");
    }
}
