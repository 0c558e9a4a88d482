package vn.hailong.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.TestApp;
import vn.hailong.TestDatabase;

/**
 * The history's edge cases: a unit that moves away and comes back (with a unit of its own below it), a chain of
 * merges ending in a recode, a split whose successor later merges, and what a code names on the very day of each.
 */
class UnitHistoryEdgesTest {
    static final LocalDate AWAY = LocalDate.of(2024, 3, 15);
    static final LocalDate BACK = LocalDate.of(2024, 9, 1);
    static final LocalDate FIRST_MERGE = LocalDate.of(2024, 2, 1);
    static final LocalDate SPLIT = LocalDate.of(2024, 6, 1);
    static final LocalDate SECOND_MERGE = LocalDate.of(2025, 1, 1);
    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static final LocalDate RECODE = LocalDate.of(2025, 8, 1);

    static TestApp app;
    static CloseableDSLContext dsl;
    static final Map<String, Long> ids = new HashMap<>();
    static UnitHistory history;

    @BeforeAll
    static void history() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()));
        dsl = app.dsl();
        in(events -> {
            create(events, "P", "province", null, null);
            create(events, "D1", "district", "P", null);
            create(events, "D2", "district", "P", null);
            create(events, "X", "commune", "D1", null);
            create(events, "X1", "commune", "X", null);
            create(events, "A", "commune", "D1", null);
            create(events, "B", "commune", "D1", null);
            create(events, "S", "commune", "D2", null);
        });
        in(events -> events.merge(List.of(ids.get("A")), ids.get("B"), FIRST_MERGE));
        in(events -> events.move(ids.get("X"), ids.get("D2"), AWAY));
        in(events -> {
            create(events, "S1", "commune", "D1", SPLIT);
            create(events, "S2", "commune", "D2", SPLIT);
            var into = new LinkedHashMap<Long, java.math.BigDecimal>();
            into.put(ids.get("S1"), null);
            into.put(ids.get("S2"), null);
            events.split(ids.get("S"), into, SPLIT);
        });
        in(events -> events.move(ids.get("X"), ids.get("D1"), BACK));
        in(events -> events.merge(List.of(ids.get("S1")), ids.get("S2"), SECOND_MERGE));
        in(events -> {
            create(events, "C", "commune", "P", REFORM);
            events.merge(List.of(ids.get("B")), ids.get("C"), REFORM);
        });
        in(events -> events.rename(ids.get("C"), "C2", "Xã C mới", null, RECODE));
        history = dsl.transactionResult(trx -> UnitHistory.read(trx.dsl()));
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    @Test
    void a_unit_that_moves_away_and_back_lies_in_its_first_parent_twice_and_takes_its_own_units_along() {
        assertThat(spans("D1", "X")).containsExactly(span(null, AWAY), span(BACK, null));
        assertThat(spans("D1", "X1")).as("through X").containsExactly(span(null, AWAY), span(BACK, null));
        assertThat(spans("D2", "X")).containsExactly(span(AWAY, BACK));
        assertThat(spans("D2", "X1")).containsExactly(span(AWAY, BACK));
        assertThat(spans("P", "X1")).as("always within the province, once per placement of X")
                .containsExactlyInAnyOrder(span(null, AWAY), span(AWAY, BACK), span(BACK, null));
        assertThat(history.parentOn(ids.get("X"), AWAY.minusDays(1))).contains(ids.get("D1"));
        assertThat(history.parentOn(ids.get("X"), AWAY)).contains(ids.get("D2"));
        assertThat(history.parentOn(ids.get("X"), BACK.minusDays(1))).contains(ids.get("D2"));
        assertThat(history.parentOn(ids.get("X"), BACK)).contains(ids.get("D1"));
        assertThat(history.parentOn(ids.get("X1"), AWAY)).as("X1 never moved itself").contains(ids.get("X"));
        assertThat(history.currentSubtree(ids.get("D1"))).contains(ids.get("X"), ids.get("X1"));
        assertThat(history.currentSubtree(ids.get("D2"))).doesNotContain(ids.get("X"), ids.get("X1"));
    }

    @Test
    void a_code_follows_a_chain_of_merges_and_a_recode_day_by_day() {
        assertThat(unit("A", FIRST_MERGE.minusDays(1))).isEqualTo("A");
        assertThat(unit("A", FIRST_MERGE)).as("on the day of the merge").isEqualTo("B");
        assertThat(unit("A", REFORM.minusDays(1))).isEqualTo("B");
        assertThat(unit("A", REFORM)).isEqualTo("C2");
        assertThat(unit("A", RECODE.plusDays(10))).isEqualTo("C2");
        assertThat(unit("B", REFORM.plusDays(3))).isEqualTo("C2");
        assertThat(unit("C", RECODE.plusDays(3))).as("a former code").isEqualTo("C2");
        assertThat(unit("C", REFORM)).isEqualTo("C2");
        var before = history.resolve("C", REFORM.minusDays(1)).orElseThrow();
        assertThat(before.resolved()).isFalse();
        assertThat(before.problem(REFORM.minusDays(1))).contains("exists from " + REFORM);
        assertThat(history.resolve("NOPE", REFORM)).isEmpty();
        assertThat(history.home(ids.get("A"))).isEqualTo(ids.get("C"));
        // The chain's ended units keep their last place in the tree as it was; C has no past of its own.
        assertThat(history.historicalSubtree(ids.get("C"))).extracting(UnitHistory.Segment::unit)
                .containsExactly(ids.get("C"));
        assertThat(spans("D1", "A")).containsExactly(span(null, null));
        assertThat(spans("D1", "B")).containsExactly(span(null, null));
        assertThat(history.currentSubtree(ids.get("C"))).containsExactlyInAnyOrder(ids.get("C"), ids.get("B"),
                ids.get("A"));
    }

    @Test
    void a_split_names_no_unit_after_it_until_asked_for_a_successor_which_may_merge_on() {
        var split = history.resolve("S", SPLIT).orElseThrow();
        assertThat(split.resolved()).isFalse();
        assertThat(split.successors()).extracting(UnitHistory.Unit::code).containsExactly("S1", "S2");
        assertThat(split.problem(SPLIT)).contains("'S1'", "'S2'");
        assertThat(unit("S", SPLIT.minusDays(1))).isEqualTo("S");
        assertThat(unit("S1", SECOND_MERGE.minusDays(1))).isEqualTo("S1");
        assertThat(unit("S1", SECOND_MERGE)).isEqualTo("S2");
        // S hangs where its successors met on the day of the split (the province), S1 under S2.
        assertThat(history.home(ids.get("S"))).isEqualTo(ids.get("P"));
        assertThat(history.home(ids.get("S1"))).isEqualTo(ids.get("S2"));
        assertThat(history.statedShares()).isEmpty();
        assertThat(spans("D2", "S")).containsExactly(span(null, null));
        assertThat(spans("D1", "S1")).containsExactly(span(SPLIT, null));
    }

    @Test
    void dissolving_a_district_on_the_day_one_of_its_communes_began_moves_that_commune_to_its_parent() {
        // The 2025 reform in one day: a new commune created under its district, then the district dissolved.
        in(events -> {
            create(events, "D3", "district", "P", null);
            create(events, "N", "commune", "D3", REFORM);
            events.dissolve(ids.get("D3"), REFORM);
        });
        var after = dsl.transactionResult(trx -> UnitHistory.read(trx.dsl()));
        assertThat(after.unit(ids.get("N")).orElseThrow().parentId()).isEqualTo(ids.get("P"));
        assertThat(after.placements(ids.get("N"))).extracting(UnitHistory.Placement::parent)
                .as("it never lay under D3 on a day of its own").containsExactly(ids.get("P"));
    }

    // --- plumbing

    private static String unit(String code, LocalDate day) {
        var r = history.resolve(code, day).orElseThrow();
        assertThat(r.resolved()).as(code + " on " + day + ": " + r.problem(day)).isTrue();
        return r.unit().code();
    }

    /** The day spans during which {@code unit} lay in the historical subtree of {@code root}. */
    private static List<List<LocalDate>> spans(String root, String unit) {
        return history.historicalSubtree(ids.get(root)).stream()
                .filter(s -> s.unit() == ids.get(unit))
                .map(s -> span(s.from(), s.to()))
                .toList();
    }

    private static List<LocalDate> span(LocalDate from, LocalDate to) {
        var span = new java.util.ArrayList<LocalDate>();
        span.add(from);
        span.add(to);
        return span;
    }

    private static void create(UnitEvents events, String code, String kind, String parent, LocalDate from) {
        ids.put(code, events.create(code, "Đơn vị " + code, null, kind, parent == null ? null : ids.get(parent), from));
    }

    private static void in(java.util.function.Consumer<UnitEvents> work) {
        dsl.transaction(trx -> work.accept(new UnitEvents(trx.dsl(), "admin", null)));
    }
}
