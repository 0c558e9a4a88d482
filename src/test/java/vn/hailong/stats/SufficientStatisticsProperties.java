package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Merging statistics is associative and commutative and equals recomputing on the union of the responses. */
class SufficientStatisticsProperties {

    @Provide
    Arbitrary<List<Response>> group() {
        return Groups.responses(Groups.SIPAS, 12);
    }

    @Property(tries = 60)
    void merge_is_commutative(@ForAll("group") List<Response> a, @ForAll("group") List<Response> b) {
        SufficientStatistics x = Groups.statistics(Groups.SIPAS, a);
        SufficientStatistics y = Groups.statistics(Groups.SIPAS, b);

        assertThat(x.merge(y)).isEqualTo(y.merge(x));
    }

    @Property(tries = 60)
    void merge_is_associative(@ForAll("group") List<Response> a, @ForAll("group") List<Response> b,
                              @ForAll("group") List<Response> c) {
        SufficientStatistics x = Groups.statistics(Groups.SIPAS, a);
        SufficientStatistics y = Groups.statistics(Groups.SIPAS, b);
        SufficientStatistics z = Groups.statistics(Groups.SIPAS, c);

        assertThat(x.merge(y).merge(z)).isEqualTo(x.merge(y.merge(z)));
    }

    @Property(tries = 60)
    void merge_equals_the_statistics_of_the_union(@ForAll("group") List<Response> a,
                                                  @ForAll("group") List<Response> b) {
        List<Response> union = new ArrayList<>(a);
        union.addAll(b);
        SufficientStatistics merged = SufficientStatistics.merge(
                Groups.statistics(Groups.SIPAS, a), Groups.statistics(Groups.SIPAS, b));

        assertThat(merged).isEqualTo(Groups.statistics(Groups.SIPAS, union));
        assertThat(merged.n()).isEqualTo(union.size());
        assertThat(SufficientStatistics.builder(Groups.SIPAS).add(Groups.statistics(Groups.SIPAS, a))
                .add(Groups.statistics(Groups.SIPAS, b)).build()).isEqualTo(merged);
    }

    @Property(tries = 30)
    void statistics_survive_a_round_trip_through_plain_arrays(@ForAll("group") List<Response> a) {
        SufficientStatistics original = Groups.statistics(Groups.SIPAS, a);
        Map<String, StratumStatistics> stored = new TreeMap<>();
        original.strata().forEach((name, s) -> stored.put(name,
                StratumStatistics.of(Groups.SIPAS, s.counts(), s.sums())));

        assertThat(SufficientStatistics.of(Groups.SIPAS, stored)).isEqualTo(original);
    }

    @Property(tries = 20)
    void empty_statistics_are_the_identity_of_merge(@ForAll("group") List<Response> a) {
        SufficientStatistics x = Groups.statistics(Groups.SIPAS, a);

        assertThat(x.merge(SufficientStatistics.empty(Groups.SIPAS))).isEqualTo(x);
    }
}
