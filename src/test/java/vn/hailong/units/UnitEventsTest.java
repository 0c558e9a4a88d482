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
        var criteria = "TC1,TC2,TC3,TT1,TT2,TT3,TT4,CC1,CC2,CC3,KQ1,KQ2,KQ3,PA1,PA2,PA3,HL";
        var csv = new StringBuilder("response_id,submitted_at,agency_code,channel," + criteria + "\n");
        int id = 0;
        // 2024: A 10, B 20, D 5, E 8, S 12.  2025 before the reform: A 1.
        for (var entry : List.of(Map.entry("A", 10), Map.entry("B", 20), Map.entry("D", 5), Map.entry("E", 8),
                Map.entry("S", 12))) {
            for (int i = 0; i < entry.getValue(); i++) {
                csv.append("R").append(id++).append(",2024-05-0").append(1 + i % 9).append(',').append(entry.getKey())
                        .append(",web").append(("," + (1 + i % 5)).repeat(17)).append('\n');
            }
        }
        csv.append("R").append(id++).append(",2025-06-30,A,web").append(",5".repeat(17)).append('\n');
        var imported = admin.send("POST", "/api/v1/imports?questionnaire=SIPAS", csv.toString(), "text/csv");
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);

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
    void an_event_out_of_order_is_refused_before_anything_is_written() {
        assertThatThrownBy(() -> dsl.transaction(trx -> new UnitEvents(trx.dsl(), "admin", null)
                .move(ids.get("E"), ids.get("C"), LocalDate.of(2025, 1, 1))))
                .hasMessageContaining("in order");
        assertThatThrownBy(() -> dsl.transaction(trx -> new UnitEvents(trx.dsl(), "admin", null)
                .rename(ids.get("C"), "A", null, null, LocalDate.of(2025, 8, 1))))
                .hasMessageContaining("another unit's");
    }

    private static long n(String query) {
        var answer = admin.get("/api/v1/indices?" + query);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        var groups = answer.body().get("groups");
        return groups.isEmpty() ? 0 : groups.get(0).get("n").asLong();
    }

    private static void unit(String code, String kind, String parent) {
        var body = new HashMap<String, Object>(Map.of("code", code, "nameVi", "Đơn vị " + code, "kind", kind));
        if (parent != null) {
            body.put("parentId", ids.get(parent));
        }
        var created = admin.post("/api/v1/units", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        ids.put(code, created.body().get("id").asLong());
    }
}
