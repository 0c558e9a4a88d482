package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SufficientStatisticsTest {

    private static final Instrument SIPAS = Instrument.sipas();

    @Test
    void sipas_statistics_have_a_fixed_array_layout() {
        SufficientStatistics empty = SufficientStatistics.builder(SIPAS).add(new Response("", new int[17])).build();
        StratumStatistics stratum = empty.strata().get("");

        // 1 + 17×5 level counts + α blocks (3+1+6)·4 + (4+1+10) + 16 driver blocks of 6.
        assertThat(stratum.counts()).hasSize(1 + 85 + 40 + 15 + 96);
        // 2 + 2×85 level weight sums + 120 pairs of index criteria × 4.
        assertThat(stratum.sums()).hasSize(2 + 170 + 480);
    }

    @Test
    void the_vectors_merged_per_agency_equal_the_pooled_year() {
        SufficientStatistics merged = Vectors.statistics(2024, "AG01")
                .merge(Vectors.statistics(2024, "AG02"))
                .merge(Vectors.statistics(2024, "AG03"));

        assertThat(merged).isEqualTo(Vectors.statistics(2024, "ALL"));
        assertThat(merged.n()).isEqualTo(161);
        assertThat(merged.strata()).containsOnlyKeys("DD", "HT", "KD", "XD");
    }

    @Test
    void statistics_weighted_by_a_share_equal_those_of_the_responses_so_weighted() {
        var random = new java.util.Random(27);
        var plain = SufficientStatistics.builder(SIPAS);
        var weighted = SufficientStatistics.builder(SIPAS);
        for (int i = 0; i < 200; i++) {
            int[] levels = new int[17];
            for (int c = 0; c < levels.length; c++) {
                levels[c] = random.nextInt(6); // 0 is not applicable
            }
            var stratum = i % 3 == 0 ? "HT" : "DD";
            double weight = 0.5 + random.nextInt(4);
            plain.add(new Response(stratum, weight, levels));
            weighted.add(new Response(stratum, weight * 0.375, levels));
        }
        var scaled = plain.build().weightedBy(0.375);
        var expected = weighted.build();

        assertThat(scaled.n()).isEqualTo(200);
        expected.strata().forEach((name, st) -> {
            assertThat(scaled.strata().get(name).counts()).isEqualTo(st.counts());
            var got = scaled.strata().get(name).sums();
            var want = st.sums();
            for (int i = 0; i < want.length; i++) {
                assertThat(got[i]).as("sum %d of %s", i, name).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-9));
            }
        });
        assertThat(Estimates.of(scaled).index(1)).usingRecursiveComparison()
                .withComparatorForType((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b), Double.class)
                .isEqualTo(Estimates.of(expected).index(1));
        assertThatThrownBy(() -> scaled.weightedBy(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arrays_of_another_layout_are_refused() {
        assertThatThrownBy(() -> StratumStatistics.of(SIPAS, new long[3], new double[3]))
                .isInstanceOf(IllegalArgumentException.class);
        SufficientStatistics other = SufficientStatistics.empty(SIPAS.with(Methodology.IKM, 4));
        assertThatThrownBy(() -> SufficientStatistics.empty(SIPAS).merge(other))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void post_stratification_needs_every_sampled_stratum_in_the_population() {
        SufficientStatistics s = Vectors.statistics(2024, "ALL");

        assertThatThrownBy(() -> Estimates.postStratified(s, Map.of("HT", 100.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stratum");
    }

    @Test
    void answers_outside_the_scale_are_refused() {
        int[] levels = new int[17];
        levels[0] = 6;
        assertThatThrownBy(() -> SufficientStatistics.builder(SIPAS).add(new Response("", levels)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Response("", 0, new int[17])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statistics_are_only_restricted_to_a_part_of_their_instrument() {
        SufficientStatistics sipas = Vectors.statistics(2024, "ALL");

        assertRefused(sipas, SIPAS.with(Methodology.IKM, 4), "methodology and scale");
        assertRefused(sipas, SIPAS.with(Methodology.SIPAS, 7), "methodology and scale");
        assertRefused(sipas, instrument(List.of("TC1", "XX"), new Element("TC", List.of("TC1"), 1)), "XX");
        assertRefused(sipas, instrument(List.of("TC1"), new Element("CC", List.of("TC1"), 1)), "element CC");
        assertRefused(sipas, instrument(List.of("TC1"), new Element("ZZ", List.of("TC1"), 1)), "element ZZ");
        assertRefused(sipas, instrument(List.of("TC1", "TC2"), new Element("TC", List.of("TC2", "TC1"), 1)),
                "in their order");
        assertRefused(sipas, instrument(List.of("TC1", "HL"), new Element("TC", List.of("TC1", "HL"), 1)),
                "element TC");
        assertRefused(sipas, new Instrument(Methodology.SIPAS, 5, List.of("TC1", "TT1"),
                List.of(new Element("TC", List.of("TC1"), 1)), Optional.of("TT1")), "overall question");

        Instrument noOverall = new Instrument(Methodology.SIPAS, 5, SIPAS.criteria(), SIPAS.elements(), Optional.empty());
        assertRefused(SufficientStatistics.empty(noOverall), SIPAS, "overall question");
    }

    private static Instrument instrument(List<String> criteria, Element element) {
        return new Instrument(Methodology.SIPAS, 5, criteria, List.of(element), Optional.empty());
    }

    private static void assertRefused(SufficientStatistics statistics, Instrument sub, String message) {
        assertThatThrownBy(() -> statistics.restrictedTo(sub))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
