package vn.hailong.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.hailong.auth.UnitScope;

/** Which aggregate answers a question: the one keeping every cut it needs and least else; none, the responses. */
class RollupReaderPlanTest {

    @Test
    void the_aggregate_keeping_least_beside_what_the_question_needs_answers_it() {
        assertThat(aggregate(filter(null, null, null, true), List.of())).isEqualTo("units");
        assertThat(aggregate(filter(null, null, null, true), List.of(Dimension.UNIT, Dimension.MONTH)))
                .isEqualTo("units");
        assertThat(aggregate(filter(null, null, "kiosk", true), List.of(Dimension.UNIT))).isEqualTo("channels");
        assertThat(aggregate(filter(null, null, null, false), List.of(Dimension.YEAR)))
                .as("post-stratified: by stratum").isEqualTo("channels");
        assertThat(aggregate(filter(null, null, null, true), List.of(Dimension.CHANNEL))).isEqualTo("channels");
        assertThat(aggregate(filter(7L, null, null, true), List.of())).isEqualTo("services");
        assertThat(aggregate(filter(7L, null, "qr", false), List.of(Dimension.UNIT))).isEqualTo("services");
        assertThat(aggregate(filter(null, null, null, true), List.of(Dimension.SERVICE, Dimension.CHANNEL)))
                .isEqualTo("services");
        assertThat(aggregate(filter(null, 3L, null, true), List.of())).isEqualTo("centres");
        assertThat(aggregate(filter(null, null, null, true), List.of(Dimension.CENTRE, Dimension.MONTH)))
                .isEqualTo("centres");
    }

    @Test
    void what_no_aggregate_keeps_and_a_check_are_answered_from_the_responses() {
        var plan = RollupReader.Plan.of(filter(7L, 3L, null, true), List.of());
        assertThat(plan.aggregate()).isEmpty();
        assertThat(plan.tiles().periods()).isEmpty();
        assertThat(plan.tiles().raw()).containsExactly(new Tiles.Range(LocalDate.of(2025, 1, 1),
                LocalDate.of(2026, 1, 1)));
        assertThat(RollupReader.Plan.of(filter(7L, null, null, true), List.of(Dimension.CENTRE)).aggregate()).isEmpty();
        var check = new Filter(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), null, null, null, null, false,
                UnitScope.ALL, true, true);
        assertThat(RollupReader.Plan.of(check, List.of()).aggregate()).isEmpty();
    }

    @Test
    void a_service_s_days_that_cut_a_month_are_read_from_the_responses() {
        var f = new Filter(LocalDate.of(2025, 3, 15), LocalDate.of(2025, 6, 14), null, 7L, null, null, false,
                UnitScope.ALL, true, false);
        var plan = RollupReader.Plan.of(f, List.of());
        assertThat(plan.aggregate().map(Aggregate::name)).contains("services");
        assertThat(plan.tiles().periods()).containsExactly(new Tiles.Tile(Grain.MONTH, LocalDate.of(2025, 4, 1),
                LocalDate.of(2025, 6, 1)));
        assertThat(plan.tiles().raw()).hasSize(2);
    }

    private static String aggregate(Filter f, List<Dimension> groupBy) {
        return RollupReader.Plan.of(f, groupBy).aggregate().map(Aggregate::name).orElse("responses");
    }

    private static Filter filter(Long service, Long centre, String channel, boolean pooled) {
        return new Filter(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), null, service, centre, channel, false,
                UnitScope.ALL, pooled, false);
    }
}
