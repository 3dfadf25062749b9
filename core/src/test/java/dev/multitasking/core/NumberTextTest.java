package dev.multitasking.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberTextTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "1000000, 1000000", "1_000_000, 1000000", "1e6, 1000000", "10^6, 1000000", "1.5e3, 1500",
        "' 42 ', 42", "-5, -5", "9223372036854775807, 9223372036854775807", "2^62, 4611686018427387904",
        "+5, 5", "5.0, 5", ".5e1, 5", "' 5', 5",
    })
    void parseLong_writtenAsPeopleWriteIt_isExact(String text, long expected) {
        assertThat(NumberText.parseLong(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"abc", "", "1.5", "1e-3", "0x10", "10^", "^6", "10^-1", "1,000", "_1", "1_", "1__0", "1_e6"})
    void parseLong_notAWholeNumber_saysSoAndShowsTheForms(String text) {
        assertThatThrownBy(() -> NumberText.parseLong(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"9223372036854775808", "1e19", "2^63", "1e999999999"})
    void parseLong_beyondLongMax_namesTheLimit(String text) {
        assertThatThrownBy(() -> NumberText.parseLong(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beyond the largest long");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"50ms, 50000000", "0.2s, 200000000", "2s, 2000000000", "50, 50000000", "0, 0", "1.5ms, 1500000"})
    void parseDuration_withOrWithoutUnit_isExact(String text, long nanos) {
        assertThat(NumberText.parseDuration(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"-1ms", "fast", "10m", "1e400s"})
    void parseDuration_bad_isRefused(String text) {
        assertThatThrownBy(() -> NumberText.parseDuration(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void parseLongInRange_outside_namesWhatAndTheRange() {
        assertThatThrownBy(() -> NumberText.parseLong("0", "N", 1, 10))
                .hasMessage("N must be from 1 to 10, got 0");
    }
}
