package dev.multitasking.threads.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.multitasking.testkit.NoLeakedThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class OrderingTest {

    private static final int TRIALS = 1_000_000;

    /** Sequential consistency: a volatile store is fenced from the load after it, so both loads never read 0. */
    @Test
    void volatileFields_neverLetBothLoadsReadTheOldValues() throws Exception {
        var o = Ordering_01_StoreThenLoad.run(Ordering_01_StoreThenLoad.Access.VOLATILE, TRIALS);
        assertThat(o.trials()).isEqualTo(TRIALS);
        assertThat(o.bothOld()).as("r1 = 0, r2 = 0 with volatile x and y").isZero();
    }

    /**
     * The reordering is real on this machine: on two CPUs, of a million trials of plain and of
     * release/acquire fields, some end with both loads reading 0 (about one in ten here; a
     * thousand times fewer would still pass). Up to three tries: a trial needs both threads on a
     * CPU at once, which a busy machine may deny for a while.
     */
    @Test
    void plainAndReleaseAcquireFields_doLetBothLoadsReadTheOldValues() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one CPU: the two threads never run at once");
        for (var access : new Ordering_01_StoreThenLoad.Access[] {Ordering_01_StoreThenLoad.Access.PLAIN,
                Ordering_01_StoreThenLoad.Access.RELEASE_ACQUIRE}) {
            long seen = 0;
            for (int attempt = 0; attempt < 3 && seen == 0; attempt++) {
                var o = Ordering_01_StoreThenLoad.run(access, TRIALS);
                assertThat(o.trials()).isEqualTo(TRIALS);
                seen = o.bothOld();
            }
            assertThat(seen).as("r1 = 0, r2 = 0 with %s", access).isPositive();
        }
    }
}
