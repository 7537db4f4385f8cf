package dev.localbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoopLimitsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "off | false | 1 | 2 | 1", "300,8,400 | true | 300 | 8 | 400", " 50, 4 ,100 | true | 50 | 4 | 100"})
    void limits_are_read_from_the_option_text(String text, boolean enabled, int span, int repeats, int words) {
        assertThat(LoopLimits.parse(text)).isEqualTo(new LoopLimits(enabled, span, repeats, words));
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "300,8", "300,1,400", "a,b,c"})
    void bad_limits_are_refused(String text) {
        assertThatThrownBy(() -> LoopLimits.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
