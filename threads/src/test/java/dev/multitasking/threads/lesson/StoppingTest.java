package dev.multitasking.threads.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.NoLeakedThreads;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
@ExtendWith(NoLeakedThreads.class)
class StoppingTest {

    @ParameterizedTest
    @EnumSource(value = Stopping_01_WhoSeesTheFlag.Flag.class, names = {"VOLATILE", "OPAQUE", "SYNCHRONIZED"})
    void aFlagReadAsTheMemoryModelAsks_stopsTheWorker(Stopping_01_WhoSeesTheFlag.Flag flag) throws InterruptedException {
        var o = Stopping_01_WhoSeesTheFlag.run(flag, Duration.ofMillis(300), Duration.ofSeconds(10));
        assertThat(o.stopped()).isTrue();
        assertThat(o.laps()).isPositive();
        assertThat(o.line()).startsWith(flag.name().toLowerCase(java.util.Locale.ROOT) + ":").contains("stopped");
    }

    @Test
    void plainFlag_lessonEndsEitherWay_andItsChildJvmIsGone() throws Exception {
        long childrenBefore = ProcessHandle.current().children().count();
        var o = Stopping_01_WhoSeesTheFlag.runInChild(Stopping_01_WhoSeesTheFlag.Flag.PLAIN);
        assertThat(o.endedByItself()).as("the child ends itself after its 2 s join, well before the watchdog").isTrue();
        assertThat(o.lines()).anySatisfy(line -> assertThat(line).matches("plain: +(stopped|still running after 2 s).*"));
        assertThat(ProcessHandle.current().children().count()).isEqualTo(childrenBefore);
    }

    @Test
    void interrupt_endsABlockedWorker_butNotOneThatSwallowsIt_joinTimeoutTells() throws InterruptedException {
        var o = Stopping_02_InterruptAndJoin.run(Duration.ofMillis(500));
        assertThat(o.politeEnded()).isTrue();
        assertThat(o.stubbornEndedByInterrupt()).isFalse();
        assertThat(o.stubbornEndedByFlag()).isTrue();
    }
}
