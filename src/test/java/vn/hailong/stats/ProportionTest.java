package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionTest {

    @Test
    void is_rs_prop_test_without_continuity_correction_in_percent() {
        // R: prop.test(12, 20, correct = FALSE)$conf.int = 0.3865815 0.7811935
        var p = Proportion.of(12, 20);
        assertThat(p.value()).isEqualTo(60.0);
        assertThat(p.low()).isCloseTo(38.65815, within(1e-5));
        assertThat(p.high()).isCloseTo(78.11935, within(1e-5));
        // R: prop.test(0, 10, correct = FALSE)$conf.int = 0.0000000 0.2775328, and 10 of 10: 0.7224672 1.0000000
        assertThat(Proportion.of(0, 10).low()).isZero();
        assertThat(Proportion.of(0, 10).high()).isCloseTo(27.75328, within(1e-5));
        assertThat(Proportion.of(10, 10).low()).isCloseTo(72.24672, within(1e-5));
        assertThat(Proportion.of(10, 10).high()).isEqualTo(100.0);
    }

    @Test
    void refuses_what_is_not_a_proportion() {
        assertThatThrownBy(() -> Proportion.of(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proportion.of(3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proportion.of(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
