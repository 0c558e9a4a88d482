package vn.hailong.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;

/**
 * The event writer against a real database: a district dissolved and two of its communes merged into a new one, a
 * commune split with stated shares, a recode; the tree as it was and as it is, and the counts each view gives.
 */
class UnitEventsTest {
    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static final Map<String, Long> ids = new HashMap<>();

    @BeforeAll
    static void reform() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        unit("P", "province", null);
        unit("D", "district", "P");
        unit("A", "commune", "D");
        unit("B", "commune", "D");
        unit("E", "commune", "D");
        unit("S", "commune", "P");
        // 2024: A 10, B 20, D 5, E 8, S 12.  2025 before the reform: A 1.
        UnitTree.rate(admin, List.of(Map.entry("A", 10), Map.entry("B", 20), Map.entry("D", 5), Map.entry("E", 8),
                Map.entry("S", 12)), UnitTree.row("R999", "2025-06-30", "A", 5));
        assertThat(admin.put("/api/v1/dossier-months", List.of(
                month("A", "2024-05", 100, 10), month("B", "2024-05", 50, 0), month("E", "2024-05", 20, 2)))
                .status()).isEqualTo(200);

        dsl.transaction(trx -> {
            var events = new UnitEvents(trx.dsl(), "admin", null);
            long c = events.create("C", "Xã C", null, "commune", ids.get("P"), REFORM);
            ids.put("C", c);
            events.merge(List.of(ids.get("A"), ids.get("B")), c, REFORM);
            long s1 = events.create("S1", "Xã S1", null, "commune", ids.get("P"), REFORM);
            long s2 = events.create("S2", "Xã S2", null, "commune", ids.get("P"), REFORM);
            ids.put("S1", s1);
            ids.put("S2", s2);
            var shares = new LinkedHashMap<Long, BigDecimal>();
            shares.put(s1, new BigDecimal("0.25"));
            shares.put(s2, new BigDecimal("0.75"));
            events.split(ids.get("S"), shares, REFORM);
            events.dissolve(ids.get("D"), REFORM);
            events.rename(ids.get("E"), "E2", "Xã E mới", null, REFORM);
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void the_trees_as_they_were_and_as_they_are() {
        var history = dsl.transactionResult(trx -> UnitHistory.read(trx.dsl()));
        // As it is: A and B hang under C, S under P (where S1 and S2 meet), E under P; D ended under P.
        assertThat(history.unit(ids.get("A")).orElseThrow().parentId()).isEqualTo(ids.get("C"));
        assertThat(history.home(ids.get("A"))).isEqualTo(ids.get("C"));
        assertThat(history.home(ids.get("S"))).isEqualTo(ids.get("P"));
        assertThat(history.unit(ids.get("E")).orElseThrow().parentId()).isEqualTo(ids.get("P"));
        assertThat(history.unit(ids.get("D")).orElseThrow().validTo()).isEqualTo(REFORM);
        // As it was: A under D until the reform, still there (ended, its last place); E under D, then under P.
        assertThat(history.parentOn(ids.get("A"), LocalDate.of(2024, 5, 1))).contains(ids.get("D"));
        assertThat(history.parentOn(ids.get("E"), LocalDate.of(2024, 5, 1))).contains(ids.get("D"));
        assertThat(history.parentOn(ids.get("E"), REFORM)).contains(ids.get("P"));
        // Codes: the old code finds E; A's code after the reform finds C; S's is ambiguous.
        assertThat(history.resolve("E", REFORM.plusDays(3)).orElseThrow().unit().code()).isEqualTo("E2");
        assertThat(history.resolve("A", REFORM.plusDays(3)).orElseThrow().unit().code()).isEqualTo("C");
        assertThat(history.resolve("A", REFORM.minusDays(1)).orElseThrow().unit().code()).isEqualTo("A");
        var split = history.resolve("S", REFORM).orElseThrow();
        assertThat(split.resolved()).isFalse();
        assertThat(split.problem(REFORM)).contains("'S1'", "'S2'");
        assertThat(history.statedShares()).extracting(UnitHistory.Share::share).containsExactly(0.25, 0.75);
    }

    @Test
    void counts_in_each_view() {
        // Current: C has A and B's 2024 (30) and A's 2025 (1); P has everything; S1 and S2 have S's 12 as estimates.
        assertThat(n("unit=C&from=2024-01-01&to=2024-12-31")).isEqualTo(30);
        assertThat(n("unit=C&from=2025-01-01&to=2025-12-31")).isEqualTo(1);
        assertThat(n("unit=P&from=2024-01-01&to=2024-12-31")).isEqualTo(55);
        assertThat(n("unit=S1&from=2024-01-01&to=2024-12-31")).isEqualTo(12);
        assertThat(n("unit=A&from=2024-01-01&to=2024-12-31")).as("an old code reads as its successor").isEqualTo(30);
        // Historical: C did not exist in 2024; D had A, B, E and its own; P everything.
        assertThat(n("unit=C&from=2024-01-01&to=2024-12-31&boundaries=historical")).isZero();
        assertThat(n("unit=D&from=2024-01-01&to=2024-12-31&boundaries=historical")).isEqualTo(43);
        assertThat(n("unit=P&from=2024-01-01&to=2024-12-31&boundaries=historical")).isEqualTo(55);
        assertThat(n("unit=E2&from=2024-01-01&to=2024-12-31&boundaries=historical")).isEqualTo(8);
        assertThat(admin.get("/api/v1/indices?unit=S&boundaries=current").status()).isEqualTo(422);
    }

    @Test
    void the_rollups_answer_both_views_as_the_responses_do() {
        for (var boundaries : List.of("current", "historical")) {
            for (var unit : List.of("", "&unit=P", "&unit=D", "&unit=C", "&unit=A", "&unit=E2")) {
                for (var by : List.of("", "&groupBy=unit", "&groupBy=year", "&groupBy=unit,month")) {
                    for (var days : List.of("", "&from=2024-05-03&to=2025-06-30", "&from=2025-06-30&to=2025-07-31")) {
                        var query = "/api/v1/indices?minN=1&boundaries=" + boundaries + unit + by + days;
                        var auto = admin.get(query);
                        if (boundaries.equals("current") && (unit.equals("&unit=D"))) {
                            assertThat(auto.status()).as(query).isEqualTo(422);
                            continue;
                        }
                        assertThat(auto.status()).as(query + " " + auto.body()).isEqualTo(200);
                        var raw = admin.get(query + "&rollups=responses");
                        assertThat(auto.body().get("groups")).as(query).isEqualTo(raw.body().get("groups"));
                    }
                }
            }
        }
    }

    @Test
    void a_manager_sees_the_units_of_their_scope_today_in_either_view() {
        assertThat(admin.post("/api/v1/users", Map.of("username", "manager-c", "password", "manager-c-password",
                "role", "agency_manager", "unitId", ids.get("C"))).status()).isEqualTo(201);
        var manager = ApiClient.signIn(app, "manager-c", "manager-c-password");
        for (var query : List.of("unit=C&boundaries=historical&groupBy=unit", "unit=A&boundaries=historical",
                "boundaries=historical&groupBy=unit,year", "boundaries=current&groupBy=unit,year")) {
            var auto = manager.get("/api/v1/indices?minN=1&" + query);
            assertThat(auto.status()).as(query).isEqualTo(200);
            assertThat(auto.body().get("groups")).as(query)
                    .isEqualTo(manager.get("/api/v1/indices?minN=1&rollups=responses&" + query).body().get("groups"));
        }
        // C's subtree as it stood holds C alone, which has no rating; A and B (in C's scope today, as they merged into
        // it) can be asked for as they were; D, where they stood, cannot.
        assertThat(manager.get("/api/v1/indices?minN=1&boundaries=historical&groupBy=unit").body().get("groups"))
                .isEmpty();
        assertThat(n(manager, "boundaries=historical&unit=A")).isEqualTo(11);
        assertThat(manager.get("/api/v1/indices?boundaries=historical&unit=D").status()).isEqualTo(404);
        assertThat(n(manager, "boundaries=current&from=2024-01-01&to=2024-12-31")).isEqualTo(30);
    }

    @Test
    void dossier_indicators_and_response_rates_follow_the_same_views() {
        // Current: the merged communes' months count under C, and neither is a group of its own.
        var current = admin.get("/api/v1/indicators?unit=P&from=2024-01-01&to=2024-12-31&groupBy=unit").body();
        assertThat(current.get("boundaries").asText()).isEqualTo("current");
        var handled = new LinkedHashMap<String, Long>();
        current.get("groups").forEach(g -> handled.put(g.get("unit").get("code").asText(),
                g.get("dossiersHandled").asLong()));
        assertThat(handled).containsEntry("P", 170L).containsEntry("C", 150L).containsEntry("E2", 20L)
                .doesNotContainKeys("A", "B", "D");
        // Historical: D had A, B and E in May 2024; C had nothing yet.
        var historical = admin.get("/api/v1/indicators?unit=P&from=2024-01-01&to=2024-12-31&groupBy=unit"
                + "&boundaries=historical").body();
        var then = new LinkedHashMap<String, Long>();
        historical.get("groups").forEach(g -> then.put(g.get("unit").get("code").asText(),
                g.get("dossiersHandled").asLong()));
        assertThat(then).containsEntry("P", 170L).containsEntry("D", 170L).containsEntry("A", 100L)
                .doesNotContainKey("C");

        var rates = admin.get("/api/v1/response-rates?unit=P&from=2024-01-01&to=2024-12-31&groupBy=unit").body();
        var ratings = new LinkedHashMap<String, Long>();
        rates.get("groups").forEach(g -> ratings.put(g.get("group").get("unit").get("code").asText(),
                g.get("ratings").asLong()));
        // Counts are never estimates: the split unit's 12 count where its successors meet, with the dissolved D's 5.
        assertThat(ratings).containsEntry("C", 30L).containsEntry("P", 17L)
                .doesNotContainKeys("A", "B", "D", "S", "S1", "S2");
        var sipas = admin.get("/api/v1/response-rates?unit=P&from=2024-01-01&to=2024-12-31&groupBy=unit"
                + "&questionnaire=SIPAS").body();
        var sipasRatings = new LinkedHashMap<String, Long>();
        sipas.get("groups").forEach(g -> sipasRatings.put(g.get("group").get("unit").get("code").asText(),
                g.get("ratings").asLong()));
        assertThat(sipasRatings).as("counted from the rollups, the same").isEqualTo(ratings);
        var ratesThen = admin.get("/api/v1/response-rates?unit=D&from=2024-01-01&to=2024-12-31&groupBy=unit"
                + "&boundaries=historical").body();
        var ratingsThen = new LinkedHashMap<String, Long>();
        ratesThen.get("groups").forEach(g -> ratingsThen.put(g.get("group").get("unit").get("code").asText(),
                g.get("ratings").asLong()));
        assertThat(ratingsThen).containsOnly(Map.entry("A", 10L), Map.entry("B", 20L), Map.entry("D", 5L),
                Map.entry("E2", 8L));
    }

    @Test
    void an_event_out_of_order_is_refused_before_anything_is_written() {
        assertThatThrownBy(() -> dsl.transaction(trx -> new UnitEvents(trx.dsl(), "admin", null)
                .move(ids.get("E"), ids.get("C"), LocalDate.of(2025, 1, 1))))
                .hasMessageContaining("in order");
        assertThatThrownBy(() -> dsl.transaction(trx -> new UnitEvents(trx.dsl(), "admin", null)
                .rename(ids.get("C"), "A", null, null, LocalDate.of(2025, 8, 1))))
                .hasMessageContaining("another unit's");
    }

    @Test
    void a_refused_merge_or_dissolution_moves_none_of_its_units() {
        var undone = new IllegalStateException("rolled back: these units are not the other tests'");
        assertThatThrownBy(() -> dsl.transaction(trx -> {
            var tx = trx.dsl();
            var events = new UnitEvents(tx, "admin", null);
            long district = events.create("RD", "Huyện RD", null, "district", ids.get("P"), null);
            long other = events.create("RO", "Huyện RO", null, "district", ids.get("P"), null);
            long first = events.create("RD1", "Xã RD1", null, "commune", district, null);
            long second = events.create("RD2", "Xã RD2", null, "commune", district, null);
            events.rename(second, null, "Xã RD2 mới", null, LocalDate.of(2025, 8, 1));
            // RD2 has an event on 1 August: a merge or dissolution on 1 July cannot move it, nor RD1 before it.
            assertThatThrownBy(() -> events.merge(List.of(district), other, LocalDate.of(2025, 7, 1)))
                    .isInstanceOf(UnitEvents.Refused.class).hasMessageContaining("RD2");
            assertThatThrownBy(() -> events.dissolve(district, LocalDate.of(2025, 7, 1)))
                    .isInstanceOf(UnitEvents.Refused.class).hasMessageContaining("RD2");
            assertThat(tx.select(vn.hailong.db.schema.Tables.UNIT.PARENT_ID).from(vn.hailong.db.schema.Tables.UNIT)
                    .where(vn.hailong.db.schema.Tables.UNIT.ID.eq(first)).fetchSingle().value1()).isEqualTo(district);
            assertThat(tx.fetchCount(vn.hailong.db.schema.Tables.UNIT_EVENT,
                    vn.hailong.db.schema.Tables.UNIT_EVENT.UNIT_ID.eq(first))).isZero();
            throw undone;
        })).isSameAs(undone);
    }

    private static long n(String query) {
        return n(admin, query);
    }

    private static long n(ApiClient client, String query) {
        var answer = client.get("/api/v1/indices?" + query);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        var groups = answer.body().get("groups");
        return groups.isEmpty() ? 0 : groups.get(0).get("n").asLong();
    }

    private static Map<String, Object> month(String unit, String month, int handled, int late) {
        return Map.of("unit", unit, "month", month, "dossiersHandled", handled, "dossiersLate", late,
                "complaintsReceived", 0, "complaintsOnTime", 0);
    }

    private static void unit(String code, String kind, String parent) {
        UnitTree.unit(admin, ids, code, kind, parent);
    }
}
