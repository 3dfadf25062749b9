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
    void tenThousandWaits_virtualThreadsOverlapThem_aSmallPoolQueuesThem() throws Exception {
        int requests = Virtual_01_TenThousandWaits.requestsThatFit(Virtual_01_TenThousandWaits.REQUESTS);
        var o = Virtual_01_TenThousandWaits.run(requests, Duration.ofSeconds(2));
        long serialMillis = requests * Virtual_01_TenThousandWaits.LATENCY.toMillis();
        // 10,000 x 100 ms is 1,000 s of waiting; overlapped, it is bounded by CPU, not by the waits.
        assertThat(o.virtualMillis()).isLessThan(serialMillis / 20);
        assertThat(o.poolProjectedSeconds() * 1000).isGreaterThan(o.virtualMillis() * 5.0);
        // A few carriers, not a platform thread per request.
        assertThat(o.virtualPeak()).isLessThan(requests / 20);
    }
}
