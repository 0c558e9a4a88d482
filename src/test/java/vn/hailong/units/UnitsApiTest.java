package vn.hailong.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;

class UnitsApiTest {
    static TestApp app;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    long create(String code, String kind, Long parent) {
        var body = new java.util.HashMap<String, Object>(Map.of("code", code, "nameVi", "Đơn vị " + code, "kind", kind));
        if (parent != null) {
            body.put("parentId", parent);
        }
        var answer = admin.post("/api/v1/units", body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().get("id").asLong();
    }

    @Test
    void units_form_a_tree_that_can_be_renamed_moved_and_deactivated_but_never_made_circular() {
        long province = create("T-P", "province", null);
        long district = create("T-D", "district", province);
        long commune = create("T-X", "commune", district);

        var renamed = admin.patch("/api/v1/units/" + commune, Map.of("nameVi", "Phường Mới", "nameEn", "New Ward"));
        assertThat(renamed.body().get("nameVi").asText()).isEqualTo("Phường Mới");
        // 2025: districts abolished, the commune moves straight under the province.
        assertThat(admin.patch("/api/v1/units/" + commune, Map.of("parentId", province)).body().get("parentId").asLong())
                .isEqualTo(province);
        var cycle = admin.patch("/api/v1/units/" + province, Map.of("parentId", commune));
        assertThat(cycle.status()).isEqualTo(422);
        assertThat(cycle.body().get("field").asText()).isEqualTo("parentId");
        assertThat(admin.patch("/api/v1/units/" + district, Map.of("active", false)).body().get("active").asBoolean()).isFalse();

        var duplicate = admin.post("/api/v1/units", Map.of("code", "T-P", "nameVi", "Trùng", "kind", "province"));
        assertThat(duplicate.status()).isEqualTo(409);
        var badKind = admin.post("/api/v1/units", Map.of("code", "T-Q", "nameVi", "Sai", "kind", "galaxy"));
        assertThat(badKind.status()).isEqualTo(422);
        assertThat(badKind.body().get("field").asText()).isEqualTo("kind");
        var noName = admin.post("/api/v1/units", Map.of("code", "T-R", "kind", "province"));
        assertThat(noName.body().get("field").asText()).isEqualTo("nameVi");
        var missing = admin.get("/api/v1/units/999999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.message()).isEqualTo("No such unit: 999999");
        long loose = create("T-L", "office", district);
        assertThat(admin.patch("/api/v1/units/" + loose, Map.of("parentId", 0)).body().get("parentId").isNull()).isTrue();

        var history = admin.get("/api/v1/audit?entity=unit&entityId=" + commune).body().get("events");
        assertThat(history.findValuesAsText("action")).containsExactly("update", "update", "create");
        assertThat(history.get(0).get("before").get("parentId").asLong()).isEqualTo(district);
        assertThat(history.get(0).get("after").get("parentId").asLong()).isEqualTo(province);
    }

    @Test
    void a_csv_import_creates_and_updates_by_code_in_any_order() {
        var csv = "\uFEFFcode,name_vi,name_en,kind,parent_code\n"
                + "I-X1,Xã Một,Commune One,commune,I-P\n"
                + "I-P,Tỉnh Nhập,Import Province,province,\n"
                + "I-X2,\"Xã Hai, Mới\",,commune,I-P\n";
        var answer = admin.send("POST", "/api/v1/units/import", csv, "text/csv");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().get("created").asInt()).isEqualTo(3);
        var again = admin.send("POST", "/api/v1/units/import", csv.replace("Xã Một", "Xã Một (đổi tên)"), "text/csv");
        assertThat(again.body().get("created").asInt()).isZero();
        assertThat(again.body().get("updated").asInt()).isEqualTo(1);
        try (var dsl = app.dsl()) {
            assertThat(TestApp.one(dsl, "select p.code from unit u join unit p on p.id = u.parent_id where u.code = 'I-X2'",
                    String.class)).isEqualTo("I-P");
            assertThat(TestApp.one(dsl, "select name_vi from unit where code = 'I-X2'", String.class)).isEqualTo("Xã Hai, Mới");
        }
    }

    @Test
    void a_csv_import_with_bad_rows_imports_nothing_and_names_each_row_and_column() {
        var csv = "code,name_vi,name_en,kind,parent_code\n"
                + "B-OK,Đơn vị tốt,,province,\n"
                + "B-1,,,commune,B-OK\n"
                + "B-2,Xã,,planet,B-OK\n"
                + "B-3,Xã,,commune,NOWHERE\n"
                + "B-OK,Trùng mã,,province,\n";
        var answer = admin.send("POST", "/api/v1/units/import", csv, "text/csv");
        assertThat(answer.status()).isEqualTo(422);
        var problems = answer.body().get("problems");
        assertThat(problems.findValuesAsText("column")).contains("name_vi", "code");
        assertThat(problems.findValues("row").stream().map(n -> n.asInt()).toList()).contains(3, 6);
        try (var dsl = app.dsl()) {
            assertThat(TestApp.one(dsl, "select count(*) from unit where code like 'B-%'", Long.class)).isZero();
        }
        var kinds = admin.send("POST", "/api/v1/units/import", "code,name_vi,kind,parent_code\nB-2,Xã,planet,\nB-3,Xã,commune,NOWHERE\n",
                "text/csv");
        assertThat(kinds.body().get("problems").findValuesAsText("column")).containsExactlyInAnyOrder("kind", "parent_code");
        assertThat(admin.send("POST", "/api/v1/units/import", "", "text/csv").status()).isEqualTo(422);
        assertThat(admin.send("POST", "/api/v1/units/import", "name,x\na,b\n", "text/csv").body().get("problems")
                .findValuesAsText("column")).contains("code", "kind");
    }

    @Test
    void a_new_code_or_name_is_a_rename_and_a_new_parent_a_move_both_events_of_today_in_the_units_history() {
        long province = create("E-P", "province", null);
        long other = create("E-Q", "province", null);
        long commune = create("E-X", "commune", province);
        var today = vn.hailong.Vietnam.today().toString();

        var renamed = admin.patch("/api/v1/units/" + commune, Map.of("code", "E-X2", "nameVi", "Phường E"));
        assertThat(renamed.status()).as(renamed.body().toString()).isEqualTo(200);
        assertThat(renamed.body().get("code").asText()).isEqualTo("E-X2");
        var moved = admin.patch("/api/v1/units/" + commune, Map.of("parentId", other));
        assertThat(moved.body().get("parentId").asLong()).isEqualTo(other);
        var english = admin.patch("/api/v1/units/" + commune, Map.of("nameEn", "Ward E", "kind", "office"));
        assertThat(english.status()).as(english.body().toString()).isEqualTo(200);

        var history = admin.get("/api/v1/units/" + commune + "/history").body();
        var events = history.get("events");
        assertThat(events.findValuesAsText("kind")).as("an English name or kind is no event").containsExactly("rename", "move");
        assertThat(events.findValuesAsText("effectiveDate")).containsOnly(today);
        assertThat(events.findValuesAsText("source")).containsOnly("admin");
        assertThat(events.findValuesAsText("recordedBy")).containsOnly("admin");
        assertThat(events.get(0).get("oldCode").asText()).isEqualTo("E-X");
        assertThat(events.get(0).get("newNameVi").asText()).isEqualTo("Phường E");
        assertThat(events.get(1).get("oldParent").get("code").asText()).isEqualTo("E-P");
        assertThat(events.get(1).get("newParent").get("code").asText()).isEqualTo("E-Q");
        assertThat(history.get("codes").findValuesAsText("code")).containsExactly("E-X2", "E-X");
        assertThat(history.get("placements").findValuesAsText("to")).contains(today);

        var taken = admin.post("/api/v1/units", Map.of("code", "E-X", "nameVi", "Xã khác", "kind", "commune"));
        assertThat(taken.status()).as("a former code names its unit forever").isEqualTo(409);
        assertThat(taken.message()).contains("E-X2");
        var recodeToFormer = admin.patch("/api/v1/units/" + other, Map.of("code", "E-X"));
        assertThat(recodeToFormer.status()).isEqualTo(409);
        assertThat(admin.get("/api/v1/units/999999/history").status()).isEqualTo(404);
    }

    @Test
    void an_ended_unit_is_not_edited_and_no_unit_is_put_under_it() {
        long province = create("F-P", "province", null);
        long a = create("F-A", "commune", province);
        create("F-B", "commune", province);
        var merged = admin.send("POST", "/api/v1/units/crosswalk",
                "old_code,new_code,event,effective_date\nF-A,F-B,merge,2025-07-01\n", "text/csv");
        assertThat(merged.status()).as(merged.body().toString()).isEqualTo(201);

        var edit = admin.patch("/api/v1/units/" + a, Map.of("nameVi", "Xã A sửa"));
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.message()).contains("ended on 2025-07-01");
        var under = admin.post("/api/v1/units", Map.of("code", "F-C", "nameVi", "Thôn C", "kind", "office", "parentId", a));
        assertThat(under.status()).isEqualTo(422);
        assertThat(under.body().get("field").asText()).isEqualTo("parentId");
        var file = admin.send("POST", "/api/v1/units/import", "code,name_vi,kind,parent_code\nF-C,Thôn C,office,F-A\n",
                "text/csv");
        assertThat(file.status()).isEqualTo(422);
        assertThat(file.body().get("problems").get(0).get("column").asText()).isEqualTo("parent_code");
    }

    @Test
    void a_units_file_moves_and_renames_through_events_and_finds_a_parent_by_its_former_code() {
        var first = admin.send("POST", "/api/v1/units/import", "code,name_vi,kind,parent_code\n"
                + "G-P,Tỉnh G,province,\nG-Q,Tỉnh H,province,\nG-X,Xã G,commune,G-P\n", "text/csv");
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        long q = admin.get("/api/v1/units").body().findParents("code").stream()
                .filter(u -> u.get("code").asText().equals("G-Q")).findFirst().orElseThrow().get("id").asLong();
        assertThat(admin.patch("/api/v1/units/" + q, Map.of("code", "G-Q2")).status()).isEqualTo(200);

        var second = admin.send("POST", "/api/v1/units/import", "code,name_vi,kind,parent_code\n"
                + "G-X,Xã G mới,commune,G-Q\n", "text/csv");
        assertThat(second.status()).as(second.body().toString()).isEqualTo(200);
        assertThat(second.body().get("updated").asInt()).isEqualTo(1);
        long x = admin.get("/api/v1/units").body().findParents("code").stream()
                .filter(u -> u.get("code").asText().equals("G-X")).findFirst().orElseThrow().get("id").asLong();
        var unit = admin.get("/api/v1/units/" + x).body();
        assertThat(unit.get("parentId").asLong()).as("G-Q is G-Q2's former code").isEqualTo(q);
        assertThat(unit.get("nameVi").asText()).isEqualTo("Xã G mới");
        assertThat(admin.get("/api/v1/units/" + x + "/history").body().get("events").findValuesAsText("kind"))
                .containsExactly("rename", "move");
        var reused = admin.send("POST", "/api/v1/units/import", "code,name_vi,kind,parent_code\nG-Q,Tỉnh khác,province,\n",
                "text/csv");
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.body().get("problems").get(0).get("column").asText()).isEqualTo("code");
    }
}
