package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MethodologyTest {

    @Test
    void presets_are_named_by_the_codes_the_database_stores() {
        assertThat(Arrays.stream(Methodology.values()).map(Methodology::code))
                .containsExactly("SIPAS", "IKM", "SDG16_6_2", "MEAN_SCORE", "DOSSIER3");
        for (Methodology m : Methodology.values()) {
            assertThat(Methodology.fromCode(m.code())).isSameAs(m);
        }
        assertThatThrownBy(() -> Methodology.fromCode("sipas")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ikm_grades_at_the_regulation_bands() {
        Methodology ikm = Methodology.IKM;
        assertThat(ikm.band(100)).contains("A");
        assertThat(ikm.band(88.31)).contains("A");
        assertThat(ikm.band(88.30)).contains("B");
        assertThat(ikm.band(76.61)).contains("B");
        assertThat(ikm.band(76.60)).contains("C");
        assertThat(ikm.band(65.00)).contains("C");
        assertThat(ikm.band(64.99)).contains("D");
        assertThat(ikm.band(25)).contains("D");
        assertThat(Methodology.SIPAS.band(90)).isEmpty();
    }

    @Test
    void answer_values_follow_each_preset() {
        assertThat(values(Methodology.SIPAS, 5)).containsExactly(0, 0, 0, 1, 1);
        assertThat(values(Methodology.SDG16_6_2, 4)).containsExactly(0, 0, 1, 1);
        assertThat(values(Methodology.DOSSIER3, 3)).containsExactly(0, 1, 1);
        assertThat(values(Methodology.IKM, 4)).containsExactly(0.25, 0.5, 0.75, 1);
        assertThat(values(Methodology.MEAN_SCORE, 5)).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(values(Methodology.MEAN_SCORE, 7)).containsExactly(0, 1 / 6.0, 2 / 6.0, 0.5, 4 / 6.0, 5 / 6.0, 1);
    }

    private static double[] values(Methodology m, int levels) {
        double[] v = new double[levels];
        for (int l = 1; l <= levels; l++) {
            v[l - 1] = m.value(l, levels);
        }
        return v;
    }

    /** Nine single-question elements (unsur), as an IKM questionnaire has. */
    private static Instrument ikm() {
        List<Element> elements = java.util.stream.IntStream.rangeClosed(1, 9)
                .mapToObj(u -> new Element("U" + u, List.of("U" + u), 1)).toList();
        List<String> criteria = elements.stream().map(e -> e.criteria().get(0)).toList();
        return new Instrument(Methodology.IKM, 4, criteria, elements, Optional.empty());
    }

    @Test
    void ikm_index_is_the_mean_of_element_means_times_25_and_is_graded() {
        Instrument ikm = ikm();
        SufficientStatistics.Builder builder = SufficientStatistics.builder(ikm);
        // 30 respondents: 20 answer 4 everywhere, 10 answer 3 everywhere: NRR 3.6667, IKM 91.67, grade A.
        for (int r = 0; r < 30; r++) {
            int[] levels = new int[9];
            Arrays.fill(levels, r < 20 ? 4 : 3);
            builder.add(new Response("", levels));
        }
        IndexEstimate index = Estimates.of(builder.build()).index();

        assertThat(index.overall().orElseThrow().value()).isCloseTo(25 * (20 * 4 + 10 * 3) / 30.0, within(1e-9));
        assertThat(index.band()).contains("A");
        assertThat(Drivers.of(builder.build())).isEmpty();
    }

    @Test
    void sdg_and_dossier_presets_take_the_share_of_the_top_two_levels() {
        Instrument sdg = Instrument.sipas().with(Methodology.SDG16_6_2, 4);
        SufficientStatistics.Builder builder = SufficientStatistics.builder(sdg);
        int[] pattern = {1, 2, 3, 4};
        for (int r = 0; r < 40; r++) {
            int[] levels = new int[sdg.criteria().size()];
            Arrays.fill(levels, pattern[r % 4]);
            builder.add(new Response("", levels));
        }
        Estimates estimates = Estimates.of(builder.build());

        assertThat(estimates.index().overall().orElseThrow().value()).isCloseTo(50, within(1e-9));
        assertThat(estimates.criterion("TC1").orElseThrow().share()).isCloseTo(50, within(1e-9));
        assertThat(estimates.criterion("TC1").orElseThrow().meanScore()).isCloseTo(2.5, within(1e-12));

        Instrument dossier = new Instrument(Methodology.DOSSIER3, 3, List.of("D"),
                List.of(new Element("D", List.of("D"), 1)), Optional.empty());
        SufficientStatistics.Builder ratings = SufficientStatistics.builder(dossier);
        for (int r = 0; r < 30; r++) {
            ratings.add(new Response("", new int[] {r < 6 ? 1 : r < 20 ? 2 : 3}));
        }
        assertThat(Estimates.of(ratings.build()).index().overall().orElseThrow().value()).isCloseTo(80, within(1e-9));
    }

    @Test
    void mean_score_preset_rescales_to_0_100() {
        Instrument mean = Instrument.sipas().with(Methodology.MEAN_SCORE, 5);
        SufficientStatistics.Builder builder = SufficientStatistics.builder(mean);
        for (int r = 0; r < 30; r++) {
            int[] levels = new int[mean.criteria().size()];
            Arrays.fill(levels, r % 2 == 0 ? 5 : 2);
            builder.add(new Response("", levels));
        }
        Estimates estimates = Estimates.of(builder.build());

        // Mean 3.5 on 1..5 is 62.5 on 0..100, for each criterion and so for the index.
        assertThat(estimates.index().overall().orElseThrow().value()).isCloseTo(62.5, within(1e-9));
        assertThat(estimates.criterion("CC1").orElseThrow().score0to100()).isCloseTo(62.5, within(1e-9));
    }

    @Test
    void a_questionnaire_without_elements_has_its_overall_question_as_index() {
        // The per-dossier rating: one question on 3 levels, satisfied from level 2, and a reason asked of level 1.
        Instrument dossier = new Instrument(Methodology.DOSSIER3, 3, List.of("DG"), List.of(), Optional.of("DG"));
        int[] levels = {3, 3, 2, 2, 2, 1, 1, 3, 2, 1};
        SufficientStatistics.Builder ratings = SufficientStatistics.builder(dossier);
        for (int r = 0; r < 30; r++) {
            ratings.add(new Response("", new int[] {levels[r % 10]}));
        }
        IndexEstimate index = Estimates.of(ratings.build()).index();

        // 21 of 30 satisfied: 70 %; SE = √(p(1 − p)/(n − 1)) = √(0.21/29), R's svymean with ids = ~1.
        Estimate overall = index.overall().orElseThrow();
        assertThat(overall.value()).isCloseTo(70, within(1e-9));
        assertThat(overall.se()).isCloseTo(100 * Math.sqrt(0.21 / 29), within(1e-9));
        assertThat(overall.low()).isCloseTo(70 - 1.959964 * 100 * Math.sqrt(0.21 / 29), within(1e-4));
        assertThat(index.elements()).isEmpty();

        // The one-tap card is scored like SIPAS (levels 4–5 of 5); below min_n it shows n and no index.
        Instrument card = new Instrument(Methodology.SIPAS, 5, List.of("HL"), List.of(), Optional.of("HL"));
        SufficientStatistics.Builder taps = SufficientStatistics.builder(card);
        for (int r = 0; r < 12; r++) {
            taps.add(new Response("", new int[] {r % 4 == 0 ? 2 : 5}));
        }
        Estimates estimates = Estimates.of(taps.build());
        assertThat(estimates.index().published()).as("12 taps, min_n 30").isFalse();
        assertThat(estimates.index(10).overall().orElseThrow().value()).isCloseTo(75, within(1e-9));
        assertThat(estimates.criterion("HL").orElseThrow().share()).isCloseTo(75, within(1e-9));

        // Without an overall question nothing can stand for the index.
        Instrument unrated = new Instrument(Methodology.SIPAS, 5, List.of("X"), List.of(), Optional.empty());
        SufficientStatistics.Builder none = SufficientStatistics.builder(unrated);
        for (int r = 0; r < 40; r++) {
            none.add(new Response("", new int[] {5}));
        }
        assertThat(Estimates.of(none.build()).index().published()).isFalse();
    }
}
