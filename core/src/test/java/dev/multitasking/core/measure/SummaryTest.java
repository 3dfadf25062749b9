package dev.multitasking.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void medianRangeAndPercentiles_byNearestRank_inAnyOrder() {
        Summary s = Summary.of(List.of(5, 1, 4, 2, 3));
        assertThat(s.median()).isEqualTo(3);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(5);
        assertThat(s.percentile(0)).isEqualTo(1);
        assertThat(s.percentile(100)).isEqualTo(5);
        assertThat(s.count()).isEqualTo(5);
    }

    @Test
    void median_ofAnEvenCount_isTheUpperMiddleValue_oneThatWasMeasured() {
        assertThat(Summary.of(4, 1, 3, 2).median()).isEqualTo(3);
        assertThat(Summary.median(List.of("a", "b", "c", "d"))).isEqualTo("c");
        assertThat(Summary.percentile(new long[] {10, 20, 30, 40}, 50)).isEqualTo(30);
    }

    @Test
    void summary_ofNothing_orAPercentileOutOfRange_isRefused() {
        assertThatThrownBy(Summary::of).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Summary.of(1).percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void millisWithRange_switchesToSecondsFromOneSecond() {
        assertThat(Summary.of(12.34, 11.9, 13.04).millisWithRange()).isEqualTo("12.3 ms (11.9-13.0)");
        assertThat(Summary.of(1500, 1400, 1600).millisWithRange()).isEqualTo("1.50 s (1.40-1.60)");
    }

    @Test
    void summary_keepsItsOwnCopy() {
        double[] values = {3, 2, 1};
        Summary s = new Summary(values);
        values[0] = 100;
        assertThat(s.max()).isEqualTo(3);
    }
}
