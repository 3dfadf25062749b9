package dev.multitasking.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.core.workload.Workload;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class EstimateTest {

    @Test
    void aRunOfMinutes_isEstimatedAsLong_andAQuickOneAsQuick() {
        assertThat(Estimate.sieve(1_000_000_000_000L)).as("pi(10^12) on one thread").isGreaterThan(Estimate.WORTH_SAYING);
        assertThat(Estimate.sieve(1_000_000)).isLessThan(Estimate.WORTH_SAYING);
        assertThat(Estimate.trialDivision(1_000_000_000L)).as("trial division to 10^9").isGreaterThan(Estimate.WORTH_SAYING);
        assertThat(Estimate.trialDivision(100_000)).isLessThan(Estimate.WORTH_SAYING);
    }

    @Test
    void onlyCountingAndSievingWorkloads_areEstimated() {
        assertThat(Estimate.sequential(Workload.parse("count:1000000"))).isPresent();
        assertThat(Estimate.sequential(Workload.parse("sieve:1e9"))).isPresent();
        assertThat(Estimate.sequential(Workload.parse("seed"))).isEmpty();
    }

    @Test
    void words_sayTheDurationAsAPersonWould() {
        assertThat(Estimate.words(Duration.ofMillis(300))).isEqualTo("300 ms");
        assertThat(Estimate.words(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(Estimate.words(Duration.ofMinutes(12))).isEqualTo("12 min");
        assertThat(Estimate.words(Duration.ofMinutes(210))).isEqualTo("3.5 h");
    }
}
