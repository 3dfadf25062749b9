package dev.multitasking.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AmdahlTest {

    private static double law(double f, int n) {
        return 1 / (f + (1 - f) / n);
    }

    @Test
    void speedupsThatFollowTheLaw_giveBackItsFraction_andItsPredictions() {
        Amdahl a = Amdahl.fit(List.of(new Amdahl.Point(1, 1), new Amdahl.Point(2, law(0.1, 2)),
                new Amdahl.Point(4, law(0.1, 4)), new Amdahl.Point(8, law(0.1, 8))));
        assertThat(a.serialFraction()).isCloseTo(0.1, within(1e-9));
        assertThat(a.points()).isEqualTo(3);
        assertThat(a.predict(16)).isCloseTo(6.4, within(1e-9));
        assertThat(a.predict(64)).isCloseTo(law(0.1, 64), within(1e-9));
    }

    @Test
    void perfectScaling_isNoSerialPart_andWorseThanSerial_isAllOfIt() {
        assertThat(Amdahl.fit(List.of(new Amdahl.Point(2, 2.0))).serialFraction()).isZero();
        assertThat(Amdahl.fit(List.of(new Amdahl.Point(2, 2.3))).serialFraction()).isZero();   // superlinear: clamped
        assertThat(Amdahl.fit(List.of(new Amdahl.Point(2, 0.5))).serialFraction()).isEqualTo(1.0);
        assertThat(Amdahl.fit(List.of(new Amdahl.Point(2, 0.5))).predict(64)).isEqualTo(1.0);
    }

    @Test
    void noPointOnTwoOrMoreWorkers_isRefused() {
        assertThatThrownBy(() -> Amdahl.fit(List.of(new Amdahl.Point(1, 1.0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 or more workers");
    }
}
