package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    @Test
    void adjusts_like_r_p_adjust_bh() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH") = 0.02 0.04 0.04 0.02
        double[] adjusted = BenjaminiHochberg.adjust(new double[] {0.01, 0.04, 0.03, 0.005});

        assertThat(adjusted).containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-15));
    }

    @Test
    void adjusted_values_are_monotone_and_capped_at_one() {
        // R: p.adjust(c(0.9, 0.02, 0.5, 0.03, 0.8), "BH") = 0.9 0.075 0.8333333 0.075 0.9
        double[] adjusted = BenjaminiHochberg.adjust(new double[] {0.9, 0.02, 0.5, 0.03, 0.8});

        assertThat(adjusted).containsExactly(new double[] {0.9, 0.075, 0.5 * 5 / 3, 0.075, 0.9}, within(1e-15));
        assertThat(BenjaminiHochberg.adjust(new double[] {1, 1})).containsExactly(1, 1);
    }

    @Test
    void flags_what_survives_the_false_discovery_rate() {
        assertThat(BenjaminiHochberg.significant(new double[] {0.01, 0.04, 0.03, 0.005}, 0.05))
                .containsExactly(true, true, true, true);
        assertThat(BenjaminiHochberg.significant(new double[] {0.9, 0.02, 0.5, 0.03, 0.8}, 0.05))
                .containsExactly(false, false, false, false, false);
        assertThat(BenjaminiHochberg.adjust(new double[0])).isEmpty();
    }

    @Test
    void year_on_year_flags_a_family_of_comparisons() {
        Comparison strong = Comparison.between(new Estimate(50, 1, 48, 52), new Estimate(60, 1, 58, 62));
        Comparison weak = Comparison.between(new Estimate(50, 5, 40, 60), new Estimate(52, 5, 42, 62));

        List<YearOnYear.Flagged> flagged = YearOnYear.flag(List.of(strong, weak));

        assertThat(flagged).extracting(YearOnYear.Flagged::significant).containsExactly(true, false);
        assertThat(strong.z()).isCloseTo(10 / Math.sqrt(2), within(1e-12));
        // R: 2 * pnorm(-2 / sqrt(50))
        assertThat(weak.pValue()).isCloseTo(0.7772974107895, within(1e-12));
    }

    @Test
    void a_comparison_without_sampling_error_is_still_defined() {
        Estimate everyone = new Estimate(100, 0, 100, 100);

        assertThat(Comparison.between(everyone, everyone)).isEqualTo(new Comparison(0, 0, 0, 1));
    }
}
