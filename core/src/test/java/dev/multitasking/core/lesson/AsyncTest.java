package dev.multitasking.core.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.LessonOutput;
import dev.multitasking.testkit.NoLeakedThreads;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(30)
@ExtendWith(NoLeakedThreads.class)
class AsyncTest {

    private static final Duration BOIL = Duration.ofMillis(300);
    private static final Duration CHOP = Duration.ofMillis(50);

    @Test
    void waitForTheWater_blocksForTheWholeBoil_andChopsOnlyAfter() throws Exception {
        var morning = Async_01_WaitForTheWater.cook(BOIL, CHOP, 3);
        assertThat(morning.blockedMillis()).isGreaterThanOrEqualTo(BOIL.toMillis() - 20);
        assertThat(morning.choppedWhileBoiling()).isZero();
        assertThat(morning.totalMillis()).isGreaterThanOrEqualTo(BOIL.toMillis() + 3 * CHOP.toMillis());
        assertThat(morning.boiledOn()).isEqualTo("stove");
    }

    @Test
    void callbackWhenItBoils_chopsMeanwhile_andTheCallbackRunsOnTheStove() throws Exception {
        var morning = Async_02_CallbackWhenItBoils.cook(BOIL, CHOP, 3);
        assertThat(morning.choppedWhileBoiling()).isPositive();
        assertThat(morning.callbackThread()).isEqualTo("stove").isNotEqualTo(morning.cookThread());
        // Overlapped: well under the synchronous sum of 450 ms.
        assertThat(morning.totalMillis()).isLessThan(BOIL.toMillis() + 3 * CHOP.toMillis());
    }

    @Test
    void bothLessons_mainsPrintTheirStory() {
        assertThat(LessonOutput.of(() -> Async_01_WaitForTheWater.main(new String[0]))).contains("chopped 0 vegetables meanwhile");
        assertThat(LessonOutput.of(() -> Async_02_CallbackWhenItBoils.main(new String[0]))).contains("callback ran on thread 'stove'");
    }
}
