package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
    void the_interval_of_r_is_fishers() {
        // atanh 0.5 = 0.549306, 1.959964 / √25 = 0.391993: tanh 0.157313 = 0.156028, tanh 0.941299 = 0.735818.
        double[] interval = Drivers.fisher(0.5, 28);

        assertThat(interval[0]).isCloseTo(0.156028, within(1e-6));
        assertThat(interval[1]).isCloseTo(0.735818, within(1e-6));
        assertThat(Drivers.fisher(0.9, 3)).containsExactly(-1, 1);
    }

    /**
     * Worked by hand: 8 responses, overall HL 2, 4, 2, 4 twice; criterion A 4, 5, 4, 5 (r = 1, all satisfied), B 1, 1,
     * 2, 2 (r = 0, none satisfied). The dividing lines are the mean r, 0.5, and the mean share, 50%. A: r's interval
     * is [1, 1], the share's Wilson interval 8 / (8 + 1.96²) = 67.56% to 100%: both clear of their line, so "keep up"
     * is determined. B: r's interval is ±tanh(1.96 / √5) = ±0.7047, which holds 0.5; its share's, 0 to 32.44%, is
     * clear of 50%: "low priority" is where it falls, but the data cannot tell it.
     */
    @Test
    void a_quadrant_is_determined_only_when_neither_interval_holds_its_dividing_line() {
        Instrument instrument = new Instrument(Methodology.SIPAS, 5, List.of("A", "B", "HL"),
                List.of(new Element("E", List.of("A", "B"), 1)), Optional.of("HL"));
        int[][] answers = {{4, 1, 2}, {5, 1, 4}, {4, 2, 2}, {5, 2, 4}};
        SufficientStatistics.Builder builder = SufficientStatistics.builder(instrument);
        for (int twice = 0; twice < 2; twice++) {
            for (int[] a : answers) {
                builder.add(new Response("", a));
            }
        }

        List<Drivers.Driver> drivers = Drivers.of(builder.build());

        Drivers.Driver a = drivers.get(0);
        Drivers.Driver b = drivers.get(1);
        assertThat(a.importanceLine()).isCloseTo(0.5, within(1e-12));
        assertThat(a.performanceLine()).isCloseTo(50, within(1e-9));
        assertThat(a.r()).isCloseTo(1, within(1e-12));
        assertThat(a.rLow()).isCloseTo(1, within(1e-12));
        assertThat(a.performanceLow()).isCloseTo(67.559244, within(1e-6));
        assertThat(a.performanceHigh()).isCloseTo(100, within(1e-9));
        assertThat(a.quadrant()).isEqualTo(Drivers.Quadrant.KEEP_UP);
        assertThat(a.determined()).isTrue();
        assertThat(b.r()).isCloseTo(0, within(1e-12));
        assertThat(b.rLow()).isCloseTo(-0.704673, within(1e-6));
        assertThat(b.rHigh()).isCloseTo(0.704673, within(1e-6));
        assertThat(b.performanceLow()).isCloseTo(0, within(1e-9));
        assertThat(b.performanceHigh()).isCloseTo(32.440756, within(1e-6));
        assertThat(b.quadrant()).isEqualTo(Drivers.Quadrant.LOW_PRIORITY);
        assertThat(b.determined()).isFalse();
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
