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

    /**
     * The claim itself, where it holds: HotSpot's optimizing compiler hoists the plain field's read
     * out of the compiled loop, so the worker never sees the write. The memory model allows
     * either outcome, so the test asks only of HotSpot's server compiler (not in interpreted mode),
     * and gives it two tries: one run that never sees the flag proves the point.
     */
    @Test
    void plainFlag_onHotSpot_theCompiledLoopNeverSeesTheWrite() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("java.vm.name", "").contains("Server VM")
                && !System.getProperty("java.vm.info", "").contains("interpreted"), "HotSpot's server compiler");
        boolean neverSaw = false;
        for (int attempt = 0; attempt < 2 && !neverSaw; attempt++) {
            var o = Stopping_01_WhoSeesTheFlag.runInChild(Stopping_01_WhoSeesTheFlag.Flag.PLAIN);
            neverSaw = o.lines().stream().anyMatch(l -> l.matches("plain: +still running after 2 s.*"));
        }
        assertThat(neverSaw).as("the plain flag's worker still running 2 s after the write").isTrue();
    }

    @Test
    void interrupt_endsABlockedWorker_butNotOneThatSwallowsIt_joinTimeoutTells() throws InterruptedException {
        var o = Stopping_02_InterruptAndJoin.run(Duration.ofMillis(500));
        assertThat(o.politeEnded()).isTrue();
        assertThat(o.stubbornEndedByInterrupt()).isFalse();
        assertThat(o.stubbornEndedByFlag()).isTrue();
    }
}
