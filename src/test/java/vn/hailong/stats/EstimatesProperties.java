package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Estimates are defined for any group: in range, intervals around them, never NaN, suppressed where due. */
class EstimatesProperties {

    private static final Map<String, Double> POPULATION = Map.of("A", 1200.0, "B", 300.0);

    private static List<Response> group(SplittableRandom random) {
        return Groups.responses(random, Groups.SIPAS, 40);
    }

    @Test
    void figures_stay_in_range_and_intervals_hold_them() {
        Cases.check(500, random -> figuresStayInRange(group(random)));
    }

    private static void figuresStayInRange(List<Response> responses) {
        SufficientStatistics s = Groups.statistics(Groups.SIPAS, responses);
        checkEstimates(Estimates.of(s));
        if (s.strata().keySet().containsAll(POPULATION.keySet())) {
            checkEstimates(Estimates.postStratified(s, POPULATION));
        }
    }

    /** A group scored by one of the presets, on that preset's scale. */
    @Test
    void every_methodology_gives_indices_in_range() {
        Cases.check(500, random -> {
            Methodology m = Methodology.values()[random.nextInt(Methodology.values().length)];
            Instrument instrument = Groups.SIPAS.with(m, m.defaultLevels());
            checkEstimates(Estimates.of(Groups.statistics(instrument, Groups.unweighted(random, instrument, 2, 40))));
        });
    }

    @Test
    void equal_weights_give_the_unweighted_estimates() {
        Cases.check(300, random -> equalWeightsGiveTheUnweightedEstimates(group(random), random.nextInt(1, 10)));
    }

    private static void equalWeightsGiveTheUnweightedEstimates(List<Response> responses, int tenths) {
        double weight = tenths / 10.0 + 1;
        List<Response> unweighted = responses.stream().map(r -> new Response(r.stratum(), r.levels())).toList();
        List<Response> weighted = responses.stream().map(r -> new Response(r.stratum(), weight, r.levels())).toList();

        IndexEstimate a = Estimates.of(Groups.statistics(Groups.SIPAS, unweighted)).index(2);
        IndexEstimate b = Estimates.of(Groups.statistics(Groups.SIPAS, weighted)).index(2);

        assertThat(b.published()).isEqualTo(a.published());
        if (a.published()) {
            assertThat(b.overall().get().value()).isCloseTo(a.overall().get().value(), within(1e-9));
            assertThat(b.overall().get().se()).isCloseTo(a.overall().get().se(), within(1e-9));
        }
    }

    @Test
    void unweighted_responses_equal_responses_weighted_one() {
        Cases.check(300, random -> unweightedEqualsWeightedOne(group(random)));
    }

    private static void unweightedEqualsWeightedOne(List<Response> responses) {
        List<Response> unweighted = responses.stream().map(r -> new Response(r.stratum(), r.levels())).toList();
        List<Response> ones = responses.stream().map(r -> new Response(r.stratum(), 1.0, r.levels())).toList();

        assertThat(Groups.statistics(Groups.SIPAS, unweighted)).isEqualTo(Groups.statistics(Groups.SIPAS, ones));
    }

    @Test
    void a_group_below_min_n_shows_n_but_no_index() {
        Cases.check(300, random -> belowMinN(Groups.unweighted(random, Groups.SIPAS, 1, Estimates.DEFAULT_MIN_N - 1)));
    }

    private static void belowMinN(List<Response> responses) {
        IndexEstimate index = Estimates.of(Groups.statistics(Groups.SIPAS, responses)).index();

        assertThat(index.published()).isFalse();
        assertThat(index.n()).isEqualTo(responses.size());
        assertThat(index.elements()).isEmpty();
    }

    /** Every size from 1 to 60 with every level, N/A (0) included: all 360 cases. */
    @Test
    void uniform_groups_are_defined() {
        for (int size = 1; size <= 60; size++) {
            for (int level = 0; level <= 5; level++) {
                try {
                    uniformGroupIsDefined(size, level);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("fails for size " + size + ", level " + level + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static void uniformGroupIsDefined(int size, int level) {
        int[] levels = new int[Groups.SIPAS.criteria().size()];
        Arrays.fill(levels, level);
        List<Response> responses = Collections.nCopies(size, new Response("A", levels));
        SufficientStatistics s = Groups.statistics(Groups.SIPAS, responses);
        Estimates estimates = Estimates.of(s);

        checkEstimates(estimates);
        IndexEstimate index = estimates.index();
        assertThat(index.n()).isEqualTo(size);
        boolean publishable = size >= Estimates.DEFAULT_MIN_N && level > 0;
        assertThat(index.published()).isEqualTo(publishable);
        if (publishable) {
            double expected = level >= 4 ? 100 : 0;
            assertThat(index.overall().get()).isEqualTo(new Estimate(expected, 0, expected, expected));
        }
        if (level == 0) {
            assertThat(estimates.criteria()).isEmpty();
        }
        assertThat(Reliability.cronbach(s)).allSatisfy(a -> assertThat(a.alpha()).isFinite());
        assertThat(Drivers.of(s)).isEmpty();
    }

    private static void checkEstimates(Estimates estimates) {
        for (CriterionEstimate c : estimates.criteria()) {
            assertThat(c.share()).isBetween(0.0, 100.0);
            assertThat(c.wilsonLow()).isBetween(0.0, c.share());
            assertThat(c.wilsonHigh()).isBetween(c.share(), 100.0);
            assertThat(c.meanScore()).isFinite();
            assertThat(c.score0to100()).isBetween(0.0, 100.0);
            checkInterval(c.figure());
        }
        IndexEstimate index = estimates.index(2);
        index.overall().ifPresent(EstimatesProperties::checkInterval);
        index.elements().values().forEach(EstimatesProperties::checkInterval);
    }

    private static void checkInterval(Estimate e) {
        assertThat(e.value()).isBetween(0.0, 100.0);
        assertThat(e.se()).isFinite().isGreaterThanOrEqualTo(0.0);
        assertThat(e.low()).isBetween(0.0, e.value());
        assertThat(e.high()).isBetween(e.value(), 100.0);
    }
}
