package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Merging statistics is associative and commutative and equals recomputing on the union of the responses. */
class SufficientStatisticsProperties {

    private static List<Response> group(SplittableRandom random) {
        return Groups.responses(random, Groups.SIPAS, 12);
    }

    @Test
    void merge_is_commutative() {
        Cases.check(500, random -> mergeIsCommutative(group(random), group(random)));
    }

    private static void mergeIsCommutative(List<Response> a, List<Response> b) {
        SufficientStatistics x = Groups.statistics(Groups.SIPAS, a);
        SufficientStatistics y = Groups.statistics(Groups.SIPAS, b);

        assertThat(x.merge(y)).isEqualTo(y.merge(x));
    }

    @Test
    void merge_is_associative() {
        Cases.check(500, random -> mergeIsAssociative(group(random), group(random), group(random)));
    }

    private static void mergeIsAssociative(List<Response> a, List<Response> b, List<Response> c) {
        SufficientStatistics x = Groups.statistics(Groups.SIPAS, a);
        SufficientStatistics y = Groups.statistics(Groups.SIPAS, b);
        SufficientStatistics z = Groups.statistics(Groups.SIPAS, c);

        assertThat(x.merge(y).merge(z)).isEqualTo(x.merge(y.merge(z)));
    }

    @Test
    void merge_equals_the_statistics_of_the_union() {
        Cases.check(500, random -> mergeEqualsTheUnion(group(random), group(random)));
    }

    private static void mergeEqualsTheUnion(List<Response> a, List<Response> b) {
        List<Response> union = new ArrayList<>(a);
        union.addAll(b);
        SufficientStatistics merged = SufficientStatistics.merge(
                Groups.statistics(Groups.SIPAS, a), Groups.statistics(Groups.SIPAS, b));

        assertThat(merged).isEqualTo(Groups.statistics(Groups.SIPAS, union));
        assertThat(merged.n()).isEqualTo(union.size());
        assertThat(SufficientStatistics.builder(Groups.SIPAS).add(Groups.statistics(Groups.SIPAS, a))
                .add(Groups.statistics(Groups.SIPAS, b)).build()).isEqualTo(merged);
    }

    @Test
    void statistics_survive_a_round_trip_through_plain_arrays() {
        Cases.check(300, random -> roundTrip(group(random)));
    }

    private static void roundTrip(List<Response> a) {
        SufficientStatistics original = Groups.statistics(Groups.SIPAS, a);
        Map<String, StratumStatistics> stored = new TreeMap<>();
        original.strata().forEach((name, s) -> stored.put(name,
                StratumStatistics.of(Groups.SIPAS, s.counts(), s.sums())));

        assertThat(SufficientStatistics.of(Groups.SIPAS, stored)).isEqualTo(original);
    }

    @Test
    void empty_statistics_are_the_identity_of_merge() {
        Cases.check(300, random -> emptyIsTheIdentity(group(random)));
    }

    private static void emptyIsTheIdentity(List<Response> a) {
        SufficientStatistics x = Groups.statistics(Groups.SIPAS, a);

        assertThat(x.merge(SufficientStatistics.empty(Groups.SIPAS))).isEqualTo(x);
    }
}
