package vn.hailong.units;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.db.schema.Tables.AUDIT_EVENT;
import static vn.hailong.db.schema.Tables.UNIT;
import static vn.hailong.db.schema.Tables.UNIT_EVENT;
import static vn.hailong.db.schema.Tables.UNIT_FORMER_CODE;
import static vn.hailong.db.schema.Tables.UNIT_PLACEMENT;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.Vietnam;

/**
 * The crosswalk (bảng chuyển đổi đơn vị) against a real database: each kind of event from a file changes the tree,
 * and the figures in both boundaries follow; a file with one bad row changes nothing and names the row and column;
 * a dry run writes nothing; and the history of a unit tells it all.
 */
class CrosswalkTest {
    static final String HEADER = "old_code,new_code,event,effective_date,share,new_name,new_parent,kind\n";
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static final Map<String, Long> ids = new HashMap<>();

    @BeforeAll
    static void tree() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        unit("P", "province", null);
        unit("MD", "district", "P");
        unit("M1", "commune", "MD");
        unit("M2", "commune", "MD");
        unit("SP", "commune", "P");
        unit("RN", "commune", "P");
        unit("DX", "district", "P");
        unit("DXC", "commune", "DX");
        unit("X1", "commune", "P");
        unit("X2", "commune", "P");
        unit("BAD", "commune", "P");
        unit("DRY", "commune", "P");
        UnitTree.rate(admin, List.of(Map.entry("M1", 10), Map.entry("M2", 20), Map.entry("SP", 12), Map.entry("RN", 7),
                Map.entry("DXC", 5), Map.entry("X1", 3), Map.entry("X2", 4)));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void communes_merged_into_a_new_one_from_the_file_carry_their_figures_into_it_today_but_not_back_then() {
        var answer = crosswalk(false, HEADER
                + "M1,MN,Sáp nhập,01/07/2025,,Xã Hòa Bình Mới,,\n"
                + "M2,MN,sáp nhập,01/07/2025,,,,\n");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        assertThat(answer.body().get("events").get("merge").asInt()).isEqualTo(1);
        assertThat(answer.body().get("unitsCreated")).extracting(u -> u.get("code").asText()).containsExactly("MN");
        assertThat(answer.body().get("unitsEnded")).extracting(u -> u.get("code").asText())
                .containsExactlyInAnyOrder("M1", "M2");

        var mn = unitByCode("MN");
        assertThat(mn.get("nameVi").asText()).isEqualTo("Xã Hòa Bình Mới");
        assertThat(mn.get("kind").asText()).as("the old units' kind").isEqualTo("commune");
        assertThat(mn.get("parentId").asLong()).as("the old units' common parent").isEqualTo(ids.get("MD"));
        assertThat(mn.get("validFrom").asText()).isEqualTo("2025-07-01");
        var m1 = admin.get("/api/v1/units/" + ids.get("M1")).body();
        assertThat(m1.get("ended").asBoolean()).isTrue();
        assertThat(m1.get("validTo").asText()).isEqualTo("2025-07-01");
        assertThat(m1.get("parentId").asLong()).as("hung under its successor").isEqualTo(mn.get("id").asLong());
        assertThat(m1.get("endedBy").get("kind").asText()).isEqualTo("merge");
        assertThat(m1.get("endedBy").get("into").get(0).get("code").asText()).isEqualTo("MN");
        assertThat(mn.get("endedBy").isNull()).isTrue();

        assertThat(n("unit=MN&from=2024-01-01&to=2024-12-31")).isEqualTo(30);
        assertThat(n("unit=MN&from=2024-01-01&to=2024-12-31&boundaries=historical")).isZero();
        assertThat(n("unit=M1&from=2024-01-01&to=2024-12-31&boundaries=historical")).isEqualTo(10);
        assertThat(n("unit=MD&from=2024-01-01&to=2024-12-31&boundaries=historical")).isEqualTo(30);

        var history = admin.get("/api/v1/units/" + mn.get("id").asLong() + "/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body().get("predecessors")).extracting(p -> p.get("unit").get("code").asText())
                .containsExactlyInAnyOrder("M1", "M2");
        assertThat(history.body().get("events")).allSatisfy(e -> {
            assertThat(e.get("kind").asText()).isEqualTo("merge");
            assertThat(e.get("role").asText()).isEqualTo("successor");
            assertThat(e.get("source").asText()).isEqualTo("crosswalk");
            assertThat(e.get("recordedBy").asText()).isEqualTo("admin");
        });
        var m1History = admin.get("/api/v1/units/" + ids.get("M1") + "/history").body();
        assertThat(m1History.get("successors").get(0).get("unit").get("code").asText()).isEqualTo("MN");
        assertThat(m1History.get("unit").get("ended").asBoolean()).isTrue();
        assertThat(audits("crosswalk")).isPositive();
    }

    @Test
    void a_commune_split_with_shares_gives_each_successor_its_weighted_part_and_new_units_from_new_name() {
        var answer = crosswalk(false, HEADER
                + "SP,SA,Chia tách,2025-07-01,0.25,Xã Sông A,,\n"
                + "SP,SB,chia tách,2025-07-01,75%,Xã Sông B,,\n");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        assertThat(answer.body().get("events").get("split").asInt()).isEqualTo(1);
        assertThat(answer.body().get("outcomes")).hasSize(2);
        assertThat(unitByCode("SA").get("parentId").asLong()).isEqualTo(ids.get("P"));
        assertThat(admin.get("/api/v1/units/" + ids.get("SP")).body().get("ended").asBoolean()).isTrue();
        assertThat(n("unit=SA&from=2024-01-01&to=2024-12-31")).as("an estimate from the stated share").isEqualTo(12);
        assertThat(n("unit=SA&from=2024-01-01&to=2024-12-31&boundaries=historical")).isZero();
        assertThat(n("unit=SP&from=2024-01-01&to=2024-12-31&boundaries=historical")).isEqualTo(12);
        var history = admin.get("/api/v1/units/" + ids.get("SP") + "/history").body();
        assertThat(history.get("successors")).extracting(s -> s.get("share").asDouble()).containsExactly(0.25, 0.75);
    }

    @Test
    void a_renamed_unit_is_found_by_its_former_code_in_a_later_crosswalk_that_moves_it() {
        var renamed = crosswalk(false, HEADER + "RN,RN2,Đổi tên,2025-07-01,,Phường Rạng Đông,,\n");
        assertThat(renamed.status()).as(renamed.body().toString()).isEqualTo(201);
        var rn = admin.get("/api/v1/units/" + ids.get("RN")).body();
        assertThat(rn.get("code").asText()).isEqualTo("RN2");
        assertThat(rn.get("nameVi").asText()).isEqualTo("Phường Rạng Đông");
        assertThat(rn.get("ended").asBoolean()).isFalse();

        var moved = crosswalk(false, HEADER + "RN,,Chuyển,2025-08-01,,,MD,\n");
        assertThat(moved.status()).as(moved.body().toString()).isEqualTo(201);
        assertThat(admin.get("/api/v1/units/" + ids.get("RN")).body().get("parentId").asLong()).isEqualTo(ids.get("MD"));
        assertThat(n("unit=MD&from=2024-01-01&to=2024-12-31&boundaries=historical"))
                .as("in 2024 RN stood under P").isEqualTo(30);
        assertThat(n("unit=MD&from=2024-01-01&to=2024-12-31")).as("today it counts under MD").isEqualTo(37);
        assertThat(n("unit=RN2&from=2024-01-01&to=2024-12-31")).isEqualTo(7);

        var history = admin.get("/api/v1/units/" + ids.get("RN") + "/history").body();
        assertThat(history.get("codes")).extracting(c -> c.get("code").asText()).containsExactly("RN2", "RN");
        assertThat(history.get("codes").get(1).get("until").asText()).isEqualTo("2025-07-01");
        assertThat(history.get("placements")).extracting(p -> p.get("parent").get("code").asText())
                .containsExactly("P", "MD");
        assertThat(history.get("placements").get(1).get("from").asText()).isEqualTo("2025-08-01");
        assertThat(history.get("events")).extracting(e -> e.get("kind").asText()).containsExactly("rename", "move");
    }

    @Test
    void a_dissolved_district_ends_and_its_communes_move_to_its_parent() {
        var answer = crosswalk(false, HEADER + "DX,,giải thể,2025-07-01,,,,\n");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        assertThat(answer.body().get("events").get("dissolve").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/v1/units/" + ids.get("DXC")).body().get("parentId").asLong()).isEqualTo(ids.get("P"));
        assertThat(admin.get("/api/v1/units/" + ids.get("DX")).body().get("ended").asBoolean()).isTrue();
        assertThat(n("unit=DX&from=2024-01-01&to=2024-12-31&boundaries=historical")).isEqualTo(5);
        assertThat(n("unit=DXC&from=2024-01-01&to=2024-12-31")).isEqualTo(5);
    }

    @Test
    void an_existing_unit_absorbs_another_and_keeps_its_code() {
        var answer = crosswalk(false, HEADER + "X1,X1,merge,2025-07-01,,,,\nX2,X1,merge,2025-07-01,,,,\n");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        assertThat(answer.body().get("unitsCreated")).isEmpty();
        assertThat(answer.body().get("unitsEnded")).extracting(u -> u.get("code").asText()).containsExactly("X2");
        assertThat(n("unit=X1&from=2024-01-01&to=2024-12-31")).isEqualTo(7);
        assertThat(n("unit=X1&from=2024-01-01&to=2024-12-31&boundaries=historical")).isEqualTo(3);
    }

    @Test
    void a_file_with_one_bad_row_imports_nothing_and_names_the_row_and_column() {
        var before = state();
        var answer = crosswalk(false, HEADER
                + "BAD,BADNEW,rename,2025-07-01,,Xã Đổi Tên,,\n"
                + "NOWHERE,BAD,merge,2025-07-01,,,,\n");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(422);
        assertThat(answer.body().get("problems")).hasSize(1);
        var problem = answer.body().get("problems").get(0);
        assertThat(problem.get("row").asInt()).isEqualTo(3);
        assertThat(problem.get("column").asText()).isEqualTo("old_code");
        assertThat(problem.get("message").asText()).contains("NOWHERE");
        assertThat(state()).as("tree, events, codes, placements unchanged").isEqualTo(before);
        assertThat(admin.get("/api/v1/units/" + ids.get("BAD")).body().get("code").asText()).isEqualTo("BAD");
    }

    @Test
    void a_dry_run_answers_what_would_happen_and_writes_nothing() {
        var before = state();
        var audits = audits("crosswalk");
        var answer = crosswalk(true, HEADER
                + "DRY,DRY2,rename,2025-07-01,,Xã Thử,,\n"
                + "DRY,,move,2025-07-02,,,MD,\n");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().get("dryRun").asBoolean()).isTrue();
        assertThat(answer.body().get("events").get("rename").asInt()).isEqualTo(1);
        assertThat(answer.body().get("events").get("move").asInt()).isEqualTo(1);
        assertThat(answer.body().get("outcomes")).extracting(o -> o.get("row").asInt()).containsExactly(2, 3);
        assertThat(answer.body().get("outcomes").get(0).get("message").asText()).contains("'DRY2'");
        assertThat(state()).isEqualTo(before);
        assertThat(audits("crosswalk")).isEqualTo(audits);
    }

    @Test
    void hostile_files_are_refused_by_row_and_column_and_never_with_a_500() {
        var before = state();
        assertProblem(HEADER + "P1\u0000,X,merge,2025-07-01,,,,\n", 2, "");
        assertProblem(HEADER + "DRY,DRY3,rename,2025-13-01,,,,\n", 2, "effective_date");
        assertProblem(HEADER + "DRY,DRY3,rename,31/02/2025,,,,\n", 2, "effective_date");
        assertProblem(HEADER + "DRY,DRY3,rename," + Vietnam.today().plusDays(1) + ",,,,\n", 2, "effective_date");
        assertProblem(HEADER + "DRY,DRY3,fold,2025-07-01,,,,\n", 2, "event");
        assertProblem(HEADER + "DRY,A1,split,2025-07-01,abc,Xã A1,,\nDRY,A2,split,2025-07-01,0.5,Xã A2,,\n", 2, "share");
        assertProblem(HEADER + "DRY,A1,split,2025-07-01,1.5,Xã A1,,\nDRY,A2,split,2025-07-01,0.5,Xã A2,,\n", 2, "share");
        assertProblem(HEADER + "DRY,A1,split,2025-07-01,0,Xã A1,,\nDRY,A2,split,2025-07-01,0.5,Xã A2,,\n", 2, "share");
        assertProblem(HEADER + "DRY,A1,split,2025-07-01,0.5,Xã A1,,\nDRY,A2,split,2025-07-01,0.4,Xã A2,,\n", 2, "share");
        assertProblem(HEADER + "DRY,A1,split,2025-07-01,0.5,Xã A1,,\nDRY,A2,split,2025-07-01,,Xã A2,,\n", 2, "share");
        assertProblem(HEADER + "DRY,DRY3,rename,2025-07-01,,,,\nDRY,DRY3,rename,2025-07-01,,,,\n", 3, "old_code");
        assertProblem(HEADER + "DRY,Q1,merge,2025-07-01,,Xã Q1,,\nDRY,Q2,merge,2025-07-01,,Xã Q2,,\n", 3, "old_code");
        assertProblem(HEADER + "DRY,Q1,merge,2025-07-01,,,,\n", 2, "new_code");
        assertProblem(HEADER + "DRY,,move,2025-07-01,,,NOWHERE,\n", 2, "new_parent");
        assertProblem(HEADER + "DRY,Q1,merge,2025-07-01,,Xã Q1,,castle\n", 2, "kind");
        assertProblem("old_code,new_code,effective_date\nDRY,X,2025-07-01\n", 1, "event");
        assertProblem("", 1, "old_code");
        assertProblem(HEADER, 1, "");
        assertThat(admin.send("POST", "/api/v1/units/crosswalk?dryRun=maybe", HEADER, "text/csv").status())
                .isEqualTo(400);
        var huge = HEADER + ("DRY,DRY3,rename,2025-07-01,,Xã Thử " + "x".repeat(200) + ",,\n").repeat(12_000);
        assertThat(admin.send("POST", "/api/v1/units/crosswalk", huge, "text/csv").status()).isEqualTo(413);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void two_problems_are_both_named_and_a_row_after_a_refused_new_unit_says_why() {
        var answer = crosswalk(true, HEADER
                + "NOWHERE1,Z1,merge,2025-07-01,,Xã Z1,,\n"
                + "Z1,Z2,rename,2025-08-01,,Xã Z2,,\n");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().get("problems")).extracting(p -> p.get("row").asInt()).containsExactly(2, 3);
        assertThat(answer.body().get("problems").get(1).get("message").asText()).contains("line 2");
    }

    @Test
    void only_an_admin_may_send_a_crosswalk_and_a_manager_reads_the_history_of_its_own_units_only() {
        var anonymous = ApiClient.anonymous(app);
        assertThat(anonymous.send("POST", "/api/v1/units/crosswalk?dryRun=true", HEADER, "text/csv").status())
                .isEqualTo(401);
        var user = admin.post("/api/v1/users", Map.of("username", "quanly.x", "displayName", "Quản lý X",
                "password", "manager-password-1", "role", "agency_manager", "unitId", ids.get("X1")));
        assertThat(user.status()).as(user.body().toString()).isEqualTo(201);
        var manager = ApiClient.signIn(app, "quanly.x", "manager-password-1");
        assertThat(manager.get("/api/v1/units/" + ids.get("X1") + "/history").status()).isEqualTo(200);
        assertThat(manager.get("/api/v1/units/" + ids.get("MD") + "/history").status()).isEqualTo(404);
        assertThat(manager.send("POST", "/api/v1/units/crosswalk?dryRun=true", HEADER, "text/csv").status())
                .isEqualTo(403);
    }

    private static void assertProblem(String csv, int row, String column) {
        var answer = crosswalk(true, csv);
        assertThat(answer.status()).as(csv + " → " + answer.body()).isEqualTo(422);
        var problems = new ArrayList<JsonNode>();
        answer.body().get("problems").forEach(problems::add);
        assertThat(problems).as(csv + " → " + answer.body())
                .anySatisfy(p -> {
                    assertThat(p.get("row").asInt()).isEqualTo(row);
                    assertThat(p.get("column").asText()).isEqualTo(column);
                });
    }

    private static ApiClient.Answer crosswalk(boolean dryRun, String csv) {
        return admin.send("POST", "/api/v1/units/crosswalk?dryRun=" + dryRun, csv, "text/csv; charset=utf-8");
    }

    private static List<Object> state() {
        return List.of(
                dsl.selectFrom(UNIT).orderBy(UNIT.ID).fetch().intoMaps(),
                dsl.selectFrom(UNIT_EVENT).orderBy(UNIT_EVENT.ID).fetch().intoMaps(),
                dsl.selectFrom(UNIT_FORMER_CODE).orderBy(UNIT_FORMER_CODE.CODE).fetch().intoMaps(),
                dsl.selectFrom(UNIT_PLACEMENT).orderBy(UNIT_PLACEMENT.ID).fetch().intoMaps());
    }

    private static int audits(String action) {
        return dsl.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq(action));
    }

    private static JsonNode unitByCode(String code) {
        for (var u : admin.get("/api/v1/units").body()) {
            if (u.get("code").asText().equals(code)) {
                return u;
            }
        }
        throw new AssertionError("no unit " + code);
    }

    private static long n(String query) {
        var answer = admin.get("/api/v1/indices?" + query);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        var groups = answer.body().get("groups");
        return groups.isEmpty() ? 0 : groups.get(0).get("n").asLong();
    }

    private static void unit(String code, String kind, String parent) {
        UnitTree.unit(admin, ids, code, kind, parent);
    }
}
