package dev.multitasking.threads.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.NoLeakedThreads;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class SharingTest {

    @Test
    void synchronizedAtomicAndAdder_loseNothing_theRacyCounterNeverGainsAndLosesSomewhere() throws InterruptedException {
        boolean lostOnce = false;
        for (int attempt = 0; attempt < 5 && !lostOnce; attempt++) {
            List<Sharing_01_RacyCounterLosesUpdates.Tally> tallies = Sharing_01_RacyCounterLosesUpdates.countAll(4, 1_000_000);
            assertThat(tallies).extracting(Sharing_01_RacyCounterLosesUpdates.Tally::counter)
                    .containsExactly("plain field", "synchronized", "AtomicLong", "LongAdder");
            assertThat(tallies.subList(1, 4)).allSatisfy(t -> assertThat(t.lost()).as(t.counter()).isZero());
            assertThat(tallies.get(0).lost()).isNotNegative();
            lostOnce = tallies.get(0).lost() > 0;
        }
        // Four threads racing a million times each: a counter that never loses is the surprise.
        assertThat(lostOnce).as("the plain counter lost updates in at least one of 5 runs").isTrue();
    }
}
