package vn.hailong.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import vn.hailong.auth.UnitScope;

/**
 * Which aggregate answers a question at each grain: the one keeping every cut it needs and least else; none, the
 * responses.
 */
class RollupReaderPlanTest {

    @Test
    void the_aggregate_keeping_least_beside_what_the_question_needs_answers_it() {
        var all = Map.of("DAY", "units", "MONTH", "units", "YEAR", "units");
        assertThat(aggregates(filter(null, null, null, true, false), List.of())).isEqualTo(all);
        assertThat(aggregates(filter(null, null, null, true, false), List.of(Dimension.UNIT, Dimension.MONTH)))
                .isEqualTo(all);
        assertThat(aggregates(filter(null, null, "kiosk", true, false), List.of(Dimension.UNIT)))
                .isEqualTo(Map.of("DAY", "channels", "MONTH", "channels", "YEAR", "channels"));
        assertThat(aggregates(filter(null, null, null, true, false), List.of(Dimension.CHANNEL)))
                .isEqualTo(Map.of("DAY", "channels", "MONTH", "channels", "YEAR", "channels"));
        // Post-stratified, or flagged ratings left out: months and years by stratum, no day rows.
        assertThat(aggregates(filter(null, null, null, false, false), List.of(Dimension.YEAR)))
                .isEqualTo(Map.of("MONTH", "strata", "YEAR", "strata"));
        assertThat(aggregates(filter(null, null, "qr", true, true), List.of()))
                .isEqualTo(Map.of("MONTH", "strata", "YEAR", "strata"));
        assertThat(aggregates(filter(7L, null, null, true, false), List.of()))
                .isEqualTo(Map.of("MONTH", "services", "YEAR", "services"));
        assertThat(aggregates(filter(7L, null, null, false, true), List.of(Dimension.UNIT)))
                .isEqualTo(Map.of("MONTH", "services", "YEAR", "services"));
        // A procedure by channel: years only.
        assertThat(aggregates(filter(7L, null, "qr", true, false), List.of()))
                .isEqualTo(Map.of("YEAR", "service channels"));
        assertThat(aggregates(filter(null, null, null, true, false), List.of(Dimension.SERVICE, Dimension.CHANNEL)))
                .isEqualTo(Map.of("YEAR", "service channels"));
        assertThat(aggregates(filter(null, 3L, null, true, false), List.of()))
                .isEqualTo(Map.of("MONTH", "centres", "YEAR", "centres"));
        assertThat(aggregates(filter(null, null, "kiosk", true, false), List.of(Dimension.CENTRE, Dimension.MONTH)))
                .isEqualTo(Map.of("MONTH", "centres", "YEAR", "centres"));
    }

    @Test
    void what_no_aggregate_keeps_and_a_check_are_answered_from_the_responses() {
        var plan = RollupReader.Plan.of(filter(7L, 3L, null, true, false), List.of(), true);
        assertThat(plan.aggregates()).isEmpty();
        assertThat(plan.tiles().periods()).isEmpty();
        assertThat(plan.tiles().raw()).containsExactly(new Tiles.Range(LocalDate.of(2025, 1, 1),
                LocalDate.of(2026, 1, 1)));
        assertThat(RollupReader.Plan.of(filter(7L, null, null, true, false), List.of(Dimension.CENTRE), true).aggregates())
                .isEmpty();
        var check = new Filter(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), null, null, null, null, false,
                UnitScope.ALL, true, true);
        assertThat(RollupReader.Plan.of(check, List.of(), true).aggregates()).isEmpty();
    }

    @Test
    void days_no_day_rows_keep_are_read_from_the_responses() {
        var f = new Filter(LocalDate.of(2025, 3, 15), LocalDate.of(2025, 6, 14), null, 7L, null, null, false,
                UnitScope.ALL, true, false);
        var plan = RollupReader.Plan.of(f, List.of(), false);
        assertThat(plan.tiles().periods()).containsExactly(new Tiles.Tile(Grain.MONTH, LocalDate.of(2025, 4, 1),
                LocalDate.of(2025, 6, 1)));
        assertThat(plan.tiles().raw()).containsExactly(
                new Tiles.Range(LocalDate.of(2025, 3, 15), LocalDate.of(2025, 4, 1)),
                new Tiles.Range(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 15)));
        // A procedure by channel over whole months: no month rows either.
        var byChannel = new Filter(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 12, 31), null, 7L, null, "qr", false,
                UnitScope.ALL, true, false);
        assertThat(RollupReader.Plan.of(byChannel, List.of(), false).tiles().periods()).isEmpty();
        // A whole province's procedure: its days from the top units' day rows.
        var province = RollupReader.Plan.of(f, List.of(), true);
        assertThat(province.aggregates().get(Grain.DAY).name()).isEqualTo("service days");
        assertThat(province.tiles().raw()).isEmpty();
    }

    @Test
    void aggregates_are_numbered_in_the_order_declared() {
        for (int i = 0; i < Aggregate.SET.size(); i++) {
            assertThat(Aggregate.of(Aggregate.SET.get(i).code())).isSameAs(Aggregate.SET.get(i));
        }
    }

    private static Map<String, String> aggregates(Filter f, List<Dimension> groupBy) {
        var names = new TreeMap<String, String>();
        RollupReader.Plan.of(f, groupBy, false).aggregates().forEach((grain, a) -> names.put(grain.name(), a.name()));
        return names;
    }

    private static Filter filter(Long service, Long centre, String channel, boolean pooled, boolean excludeFlagged) {
        return new Filter(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), null, service, centre, channel,
                excludeFlagged, UnitScope.ALL, pooled, false);
    }
}
