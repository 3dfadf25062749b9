package dev.multitasking.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RoundTripsTest {

    @Test
    void timesNAfterNToWarmUp_sorted_andChecksEveryAnswer() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        long[] nanos = RoundTrips.time(task -> {
            sent.incrementAndGet();
            return task.call();
        }, 50);
        assertThat(sent).hasValue(100);
        assertThat(nanos).hasSize(50).isSorted();
        assertThatThrownBy(() -> RoundTrips.time(task -> task.n() + 1, 3))
                .isInstanceOf(IllegalStateException.class).hasMessage("asked -3, got -2");
    }

    @Test
    void percentiles_ofSortedNanos_inMicroseconds() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = (i + 1) * 1_000L;
        }
        assertThat(RoundTrips.percentileMicros(sorted, 50)).isEqualTo(51);
        assertThat(RoundTrips.percentileMicros(sorted, 99)).isEqualTo(100);
        assertThat(RoundTrips.percentileMicros(sorted, 100)).isEqualTo(100);
    }
}
