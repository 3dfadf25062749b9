package dev.multitasking.processes.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.NoLeakedThreads;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class WatchingTest {

    @AfterEach
    void noChildLeft() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    /** The claim: the stats count each of the twelve tasks' outcomes, and the recording holds an event for each. */
    @Test
    void statsAndTheRecording_seeEveryTaskAndHowItEnded(@TempDir Path dir) throws Exception {
        var w = ProcessPool_05_WatchingThePool.run(dir.resolve("pool.jfr"));
        assertThat(w.stats().completed()).isEqualTo(9);
        assertThat(w.stats().failed()).isEqualTo(1);
        assertThat(w.stats().crashed()).isEqualTo(1);
        assertThat(w.stats().timedOut()).isEqualTo(1);
        assertThat(w.events()).hasSize(12);
        assertThat(w.events()).extracting(ProcessPool_05_WatchingThePool.Seen::outcome)
                .containsOnly("completed", "failed", "crashed", "timed out");
        assertThat(w.events()).filteredOn(e -> e.outcome().equals("timed out")).singleElement()
                .satisfies(e -> assertThat(e.ranMicros()).isGreaterThanOrEqualTo(200_000));
        assertThat(w.events()).allSatisfy(e -> {
            assertThat(e.workerPid()).isPositive();
            assertThat(e.bytesSent()).isPositive();
        });
        // Each completed task slept 20 ms in its worker. The pool times it from its side of the
        // socket, so one may read a little short or long; their median does not.
        long[] ran = w.events().stream().filter(e -> e.outcome().equals("completed"))
                .mapToLong(ProcessPool_05_WatchingThePool.Seen::ranMicros).sorted().toArray();
        assertThat(ran).hasSize(9);
        assertThat(ran[4]).as("median run of the completed tasks, us").isGreaterThanOrEqualTo(15_000);
    }
}
