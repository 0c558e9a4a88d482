package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Estimates are defined for any group: in range, intervals around them, never NaN, suppressed where due. */
class EstimatesProperties {

    private static final Map<String, Double> POPULATION = Map.of("A", 1200.0, "B", 300.0);

    @Provide
    Arbitrary<List<Response>> group() {
        return Groups.responses(Groups.SIPAS, 40);
    }

    /** A group scored by one of the presets, on that preset's scale. */
    record Scored(Instrument instrument, List<Response> responses) {
    }

    @Provide
    Arbitrary<Scored> scored() {
        return Arbitraries.of(Methodology.class)
                .map(m -> Groups.SIPAS.with(m, m.defaultLevels()))
                .flatMap(i -> Groups.unweighted(i, 2, 40).map(r -> new Scored(i, r)));
    }

    @Provide
    Arbitrary<List<Response>> small() {
        return Groups.unweighted(Groups.SIPAS, 1, Estimates.DEFAULT_MIN_N - 1);
    }

    @Property(tries = 80)
    void figures_stay_in_range_and_intervals_hold_them(@ForAll("group") List<Response> responses) {
        SufficientStatistics s = Groups.statistics(Groups.SIPAS, responses);
        checkEstimates(Estimates.of(s));
        if (s.strata().keySet().containsAll(POPULATION.keySet())) {
            checkEstimates(Estimates.postStratified(s, POPULATION));
        }
    }

    @Property(tries = 40)
    void every_methodology_gives_indices_in_range(@ForAll("scored") Scored group) {
        checkEstimates(Estimates.of(Groups.statistics(group.instrument(), group.responses())));
    }

    @Property(tries = 40)
    void equal_weights_give_the_unweighted_estimates(@ForAll("group") List<Response> responses,
                                                     @ForAll @IntRange(min = 1, max = 9) int tenths) {
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

    @Property(tries = 30)
    void unweighted_responses_equal_responses_weighted_one(@ForAll("group") List<Response> responses) {
        List<Response> unweighted = responses.stream().map(r -> new Response(r.stratum(), r.levels())).toList();
        List<Response> ones = responses.stream().map(r -> new Response(r.stratum(), 1.0, r.levels())).toList();

        assertThat(Groups.statistics(Groups.SIPAS, unweighted)).isEqualTo(Groups.statistics(Groups.SIPAS, ones));
    }

    @Property(tries = 20)
    void a_group_below_min_n_shows_n_but_no_index(@ForAll("small") List<Response> responses) {
        IndexEstimate index = Estimates.of(Groups.statistics(Groups.SIPAS, responses)).index();

        assertThat(index.published()).isFalse();
        assertThat(index.n()).isEqualTo(responses.size());
        assertThat(index.elements()).isEmpty();
    }

    @Property(tries = 20)
    void uniform_groups_are_defined(@ForAll @IntRange(min = 1, max = 60) int size,
                                    @ForAll @IntRange(min = 0, max = 5) int level) {
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
