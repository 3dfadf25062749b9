package dev.multitasking.core.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.NoLeakedThreads;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(30)
@ExtendWith(NoLeakedThreads.class)
class FuturesLessonTest {

    @Test
    void submitMapShutdown_resultsInInputOrder_andLateSubmitRefused() throws Exception {
        var seen = Futures_01_SubmitMapShutdown.run();
        assertThat(seen.submitted()).isTrue();
        assertThat(seen.mapped()).containsExactly(true, true, true, true, true, false);
        assertThat(seen.invokedAll()).as("the JDK's invokeAll agrees").isEqualTo(seen.mapped());
        assertThat(seen.refusedAfterShutdown()).isTrue();
    }

    @Test
    void asCompletedAndWait_shortestFirst_andWaitReturnsAtTheFirst() throws Exception {
        var seen = Futures_02_AsCompletedAndWait.run(List.of(600L, 100L, 350L));
        assertThat(seen.completionOrder()).containsExactly(100L, 350L, 600L);
        assertThat(seen.jdkCompletionOrder()).as("the JDK's completion service agrees").containsExactly(100L, 350L, 600L);
        assertThat(seen.doneAtFirst()).isEqualTo(1);
        assertThat(seen.notDoneAtFirst()).isEqualTo(2);
        assertThat(seen.anyOf()).isEqualTo(100L);
        assertThat(seen.doneAtFirstException()).as("returned at the failure").isEqualTo(1);
        assertThat(seen.notDoneAtFirstException()).isEqualTo(2);
        assertThat(seen.doneAtAll()).isEqualTo(3);
    }
}
