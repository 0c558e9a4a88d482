package vn.hailong.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
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
 * Units in time at their edges, from a review: an agency manager of a merged unit, a historical view of a unit that
 * moved away, and crosswalks or merges that name one unit twice or a unit with its own commune.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
class UnitEventsAtTheEdgesTest {
    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static final Map<String, Long> ids = new HashMap<>();

    @BeforeAll
    static void setUp() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        unit("P", "province", null);
        unit("A", "commune", "P");
        unit("B", "commune", "P");
        unit("P2", "province", null);
        unit("Z0", "commune", "P2");
        unit("W", "commune", "P2");
        unit("P3", "province", null);
        unit("D3", "district", "P3");
        unit("X3", "commune", "D3");
        unit("P4", "province", null);
        unit("D4A", "district", "P4");
        unit("D4B", "district", "P4");
        unit("K4", "commune", "D4A");
        UnitTree.rate(admin, List.of(Map.entry("A", 10), Map.entry("B", 20), Map.entry("Z0", 7), Map.entry("W", 3),
                Map.entry("D3", 4), Map.entry("X3", 6)));
        assertThat(admin.put("/api/v1/dossier-months", List.of(
                month("A", "2024-05", 100, 10), month("B", "2024-05", 50, 0), month("K4", "2024-05", 40, 4)))
                .status()).isEqualTo(200);
        dsl.transaction(trx -> {
            var events = new UnitEvents(trx.dsl(), "admin", null);
            long c = events.create("C", "Xã C", null, "commune", ids.get("P"), REFORM);
            ids.put("C", c);
            events.merge(List.of(ids.get("A"), ids.get("B")), c, REFORM);
            events.rename(ids.get("Z0"), "Z", null, null, LocalDate.of(2025, 1, 1));
            events.move(ids.get("K4"), ids.get("D4B"), LocalDate.of(2025, 1, 1));
        });
        for (var user : List.of(Map.entry("mgr-a", "A"), Map.entry("mgr-d4a", "D4A"))) {
            assertThat(admin.post("/api/v1/users", Map.of("username", user.getKey(), "password", "password-" + user.getKey(),
                    "role", "agency_manager", "unitId", ids.get(user.getValue()))).status()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Manager of the merged A asks for unit=A: C, which carries A on, is not theirs to see; A's own ratings are. */
    @Test
    void the_manager_of_a_merged_unit_reads_its_own_ratings_not_its_successors() {
        var manager = ApiClient.signIn(app, "mgr-a", "password-mgr-a");
        var auto = manager.get("/api/v1/indices?minN=1&unit=A&from=2024-01-01&to=2024-12-31");
        var raw = manager.get("/api/v1/indices?minN=1&unit=A&from=2024-01-01&to=2024-12-31&rollups=responses");
        assertThat(n(auto)).as("A's 10 ratings, not C's 30 with B's").isEqualTo(10);
        assertThat(n(raw)).isEqualTo(10);
        var byUnit = manager.get("/api/v1/indices?minN=1&unit=A&groupBy=unit");
        assertThat(byUnit.body().get("groups")).hasSize(1);
        assertThat(n(byUnit)).isEqualTo(10);
        var indicators = manager.get("/api/v1/indicators?unit=A&from=2024-01-01&to=2024-12-31");
        assertThat(indicators.body().get("groups").get(0).get("dossiersHandled").asLong()).isEqualTo(100);
        // The admin asking for A reads C, which carries it on.
        assertThat(n(admin.get("/api/v1/indices?minN=1&unit=A&from=2024-01-01&to=2024-12-31"))).isEqualTo(30);
    }

    /** Historical dossier indicators for D4A's manager include K4, which moved to D4B (out of the scope today). */
    @Test
    void historical_indicators_follow_todays_scope() {
        var manager = ApiClient.signIn(app, "mgr-d4a", "password-mgr-d4a");
        var ind = manager.get("/api/v1/indicators?from=2024-01-01&to=2024-12-31&boundaries=historical&groupBy=unit");
        assertThat(ind.status()).isEqualTo(200);
        assertThat(ind.body().toString()).as("K4 is not in D4A's scope today").doesNotContain("\"K4\"");
    }

    /** K4 left D4A on 1 January 2025: D4A's history cannot then be told to end before that. */
    @Test
    void a_unit_a_child_left_cannot_end_before_the_child_left() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dsl.transaction(trx ->
                        new UnitEvents(trx.dsl(), "admin", null).dissolve(ids.get("D4A"), LocalDate.of(2024, 12, 1))))
                .isInstanceOf(UnitEvents.Refused.class).hasMessageContaining("has an event on 2025-01-01");
    }

    /** A split naming one successor by its former code and its current code. */
    @Test
    void a_split_naming_a_successor_twice_is_a_422_not_a_500() {
        var csv = "old_code,new_code,event,effective_date,share,new_name\n"
                + "W,Z0,split,2025-08-01,,\n"
                + "W,Z,split,2025-08-01,,\n"
                + "W,W9,split,2025-08-01,,Xã W9\n";
        var answer = admin.send("POST", "/api/v1/units/crosswalk?dryRun=true", csv, "text/csv");
        assertThat(answer.status()).isEqualTo(422);
    }

    /** A share with more than six decimals that rounds to 0. */
    @Test
    void a_tiny_share_is_a_422_not_a_500() {
        var csv = "old_code,new_code,event,effective_date,share,new_name\n"
                + "W,W7,split,2025-08-01,0.9999996,Xã W7\n"
                + "W,W8,split,2025-08-01,0.0000004,Xã W8\n";
        var answer = admin.send("POST", "/api/v1/units/crosswalk?dryRun=true", csv, "text/csv");
        assertThat(answer.status()).isEqualTo(422);
    }

    /** A merge naming one unit by its former code and its current code: merged twice, its rollups moved twice. */
    @Test
    void merge_naming_a_unit_twice_counts_its_ratings_once() {
        var csv = "old_code,new_code,event,effective_date,share,new_name\n"
                + "Z0,Y,merge,2025-08-01,,Xã Y\n"
                + "Z,Y,merge,2025-08-01,,\n";
        var answer = admin.send("POST", "/api/v1/units/crosswalk?dryRun=false", csv, "text/csv");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().toString()).contains("another row of this merge names already");
        assertThat(admin.get("/api/v1/units").body().toString()).doesNotContain("\"Y\"");
        assertThat(n(admin.get("/api/v1/indices?minN=1&unit=Z"))).isEqualTo(7);
    }

    /**
     * A district cannot merge together with its own commune (the commune goes with it); merged alone, its commune
     * moves to the successor and every figure still equals the responses'.
     */
    @Test
    void merging_a_unit_with_its_own_commune_is_refused_and_alone_keeps_the_rollups_exact() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dsl.transaction(trx -> {
            var events = new UnitEvents(trx.dsl(), "admin", null);
            long y = events.create("Y3", "Xã Y3", null, "commune", ids.get("P3"), REFORM);
            events.merge(List.of(ids.get("D3"), ids.get("X3")), y, REFORM);
        })).isInstanceOf(UnitEvents.Refused.class).hasMessageContaining("lies within another unit of the same merge");
        dsl.transaction(trx -> {
            var events = new UnitEvents(trx.dsl(), "admin", null);
            long y = events.create("Y3", "Xã Y3", null, "commune", ids.get("P3"), REFORM);
            events.merge(List.of(ids.get("D3")), y, REFORM);
        });
        for (var q : List.of("unit=D3&boundaries=historical", "unit=P3&boundaries=historical&groupBy=unit",
                "unit=Y3", "unit=P3&groupBy=unit")) {
            var auto = admin.get("/api/v1/indices?minN=1&" + q);
            var raw = admin.get("/api/v1/indices?minN=1&rollups=responses&" + q);
            assertThat(auto.status()).as(q).isEqualTo(200);
            assertThat(auto.body().get("groups")).as(q).isEqualTo(raw.body().get("groups"));
        }
    }

    private static long n(ApiClient.Answer answer) {
        var groups = answer.body().get("groups");
        return groups == null || groups.isEmpty() ? 0 : groups.get(0).get("n").asLong();
    }

    private static Map<String, Object> month(String unit, String month, int handled, int late) {
        return Map.of("unit", unit, "month", month, "dossiersHandled", handled, "dossiersLate", late,
                "complaintsReceived", 0, "complaintsOnTime", 0);
    }

    private static void unit(String code, String kind, String parent) {
        UnitTree.unit(admin, ids, code, kind, parent);
    }
}
