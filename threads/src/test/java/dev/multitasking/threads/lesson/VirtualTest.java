package dev.multitasking.threads.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.NoLeakedThreads;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(180)
@ExtendWith(NoLeakedThreads.class)
class VirtualTest {

    @Test
    void tenThousandWaits_overlapEitherWay_virtualThreadsOnAFewPlatformThreads() throws Exception {
        int requests = Virtual_01_TenThousandWaits.requestsThatFit(Virtual_01_TenThousandWaits.REQUESTS);
        var o = Virtual_01_TenThousandWaits.run(requests);
        long serialMillis = requests * Virtual_01_TenThousandWaits.LATENCY.toMillis();
        // 10,000 x 100 ms is 1,000 s of waiting; overlapped, either way, it is bounded by CPU, not by the waits.
        assertThat(o.virtual().millis()).as("a virtual thread each").isLessThan(serialMillis / 20);
        assertThat(o.platform().millis()).as("a platform thread each").isLessThan(serialMillis / 20);
        // The claim's difference: a few carriers, against a platform thread per request in flight.
        assertThat(o.virtual().peakThreads()).isLessThan(requests / 20);
        // Not ten thousand at once (starting an OS thread per request is slower than a wait ends): a few hundred
        // here, fewer on a slower machine, and still many times the carriers.
        assertThat(o.platform().peakThreads()).as("platform threads, a thread each").isGreaterThan(o.virtual().peakThreads() * 5);
    }
}
