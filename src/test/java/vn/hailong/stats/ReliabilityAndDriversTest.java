package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReliabilityAndDriversTest {

    @Test
    void drivers_fall_into_quadrants_around_the_group_means() {
        List<Drivers.Driver> drivers = Drivers.of(Vectors.statistics(2024, "ALL"));
        double meanR = drivers.stream().mapToDouble(Drivers.Driver::r).average().orElseThrow();
        double meanPerformance = drivers.stream().mapToDouble(Drivers.Driver::performance).average().orElseThrow();

        assertThat(drivers).hasSize(16).allSatisfy(d -> {
            boolean important = d.r() >= meanR;
            boolean performing = d.performance() >= meanPerformance;
            assertThat(d.quadrant()).isEqualTo(important
                    ? (performing ? Drivers.Quadrant.KEEP_UP : Drivers.Quadrant.CONCENTRATE_HERE)
                    : (performing ? Drivers.Quadrant.POSSIBLE_OVERKILL : Drivers.Quadrant.LOW_PRIORITY));
        });
        // TT2: r = 0.598 (above the mean r), share 53.2% (below the mean share, 62.7%).
        Drivers.Driver tt2 = drivers.stream().filter(d -> d.criterion().equals("TT2")).findFirst().orElseThrow();
        assertThat(tt2.quadrant()).isEqualTo(Drivers.Quadrant.CONCENTRATE_HERE);
    }

    @Test
    void alpha_is_undefined_without_two_complete_cases_or_without_variance() {
        Instrument sipas = Instrument.sipas();
        int[] same = new int[17];
        Arrays.fill(same, 4);
        SufficientStatistics uniform = SufficientStatistics.builder(sipas)
                .add(new Response("", same)).add(new Response("", same)).build();
        SufficientStatistics single = SufficientStatistics.builder(sipas).add(new Response("", same)).build();

        assertThat(Reliability.cronbach(uniform)).isEmpty();
        assertThat(Reliability.cronbach(single)).isEmpty();
        assertThat(Drivers.of(uniform)).isEmpty();
    }

    @Test
    void alpha_of_perfectly_consistent_answers_is_one() {
        Instrument sipas = Instrument.sipas();
        SufficientStatistics.Builder builder = SufficientStatistics.builder(sipas);
        for (int level = 1; level <= 5; level++) {
            int[] levels = new int[17];
            Arrays.fill(levels, level);
            builder.add(new Response("", levels));
        }
        SufficientStatistics s = builder.build();

        assertThat(Reliability.cronbach(s)).extracting(Reliability.Alpha::alpha).containsOnly(1.0);
        assertThat(Drivers.of(s)).extracting(Drivers.Driver::r).containsOnly(1.0);
    }
}
