package vn.hailong.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;

/** Targets: set by an administrator per unit and year, inherited down the tree, read within the caller's scope. */
class TargetsApiTest {
    static TestApp app;
    static ApiClient admin;
    static ApiClient manager;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        long province = unit("G", "province", null);
        long district = unit("G.D", "district", province);
        unit("G.D.X", "commune", district);
        unit("G.S", "department", province);
        var user = admin.post("/api/v1/users", Map.of("username", "quanly.gd", "displayName", "Quản lý G.D",
                "password", "manager-password-1", "role", "agency_manager", "unitId", district));
        assertThat(user.status()).as(user.body().toString()).isEqualTo(201);
        manager = ApiClient.signIn(app, "quanly.gd", "manager-password-1");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static long unit(String code, String kind, Long parent) {
        var body = new HashMap<String, Object>(Map.of("code", code, "nameVi", "Đơn vị " + code, "kind", kind));
        if (parent != null) {
            body.put("parentId", parent);
        }
        var answer = admin.post("/api/v1/units", body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().get("id").asLong();
    }

    static JsonNode target(JsonNode listing, String code) {
        for (var t : listing.get("targets")) {
            if (t.get("unit").get("code").asText().equals(code)) {
                return t;
            }
        }
        throw new AssertionError("no unit " + code + " in " + listing);
    }

    @Test
    void a_unit_without_its_own_target_inherits_its_nearest_ancestors_for_that_year() {
        assertThat(admin.put("/api/v1/targets/G/2025", Map.of("value", 90)).status()).isEqualTo(200);
        var own = admin.put("/api/v1/targets/G.D/2025?questionnaire=SIPAS", Map.of("value", 82.5));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().get("value").decimalValue()).isEqualByComparingTo("82.5");

        var listing = admin.get("/api/v1/targets?year=2025").body();
        assertThat(listing.get("questionnaire").asText()).isEqualTo("SIPAS");
        assertThat(target(listing, "G").get("value").asDouble()).isEqualTo(90.0);
        assertThat(target(listing, "G").get("inherited").asBoolean()).isFalse();
        assertThat(target(listing, "G.S").get("value").asDouble()).isEqualTo(90.0);
        assertThat(target(listing, "G.S").get("inherited").asBoolean()).isTrue();
        assertThat(target(listing, "G.S").get("from").asText()).isEqualTo("G");
        // The commune takes its district's target, the nearer one, not the province's.
        assertThat(target(listing, "G.D.X").get("value").asDouble()).isEqualTo(82.5);
        assertThat(target(listing, "G.D.X").get("from").asText()).isEqualTo("G.D");
        // Another year has none: nothing is carried over between years.
        var other = admin.get("/api/v1/targets?year=2024").body();
        assertThat(target(other, "G.D.X").get("value").isNull()).isTrue();
        // Another questionnaire has its own targets.
        assertThat(target(admin.get("/api/v1/targets?year=2025&questionnaire=DOSSIER3").body(), "G").get("value").isNull())
                .isTrue();

        // Removing the district's own target: the commune inherits the province's again.
        assertThat(admin.delete("/api/v1/targets/G.D/2025").status()).isEqualTo(204);
        var after = admin.get("/api/v1/targets?year=2025").body();
        assertThat(target(after, "G.D.X").get("value").asDouble()).isEqualTo(90.0);
        assertThat(target(after, "G.D.X").get("from").asText()).isEqualTo("G");
        assertThat(admin.delete("/api/v1/targets/G.D/2025").status()).isEqualTo(404);

        var history = admin.get("/api/v1/audit?entity=target").body().get("events");
        assertThat(history.findValuesAsText("action")).contains("put", "delete");
    }

    @Test
    void bad_input_is_refused_naming_the_field() {
        var high = admin.put("/api/v1/targets/G/2025", Map.of("value", 120));
        assertThat(high.status()).isEqualTo(422);
        assertThat(high.body().get("field").asText()).isEqualTo("value");
        assertThat(admin.put("/api/v1/targets/G/2025", Map.of("value", -1)).body().get("field").asText()).isEqualTo("value");
        assertThat(admin.put("/api/v1/targets/G/2025", Map.of("value", 90.125)).body().get("field").asText()).isEqualTo("value");
        var missing = admin.put("/api/v1/targets/G/2025", Map.of());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().get("field").asText()).isEqualTo("value");
        var text = admin.put("/api/v1/targets/G/2025", Map.of("value", "ninety"));
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.body().get("field").asText()).isEqualTo("value");

        var unknown = admin.put("/api/v1/targets/NOWHERE/2025", Map.of("value", 90));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("field").asText()).isEqualTo("unit");
        for (var year : new String[] {"1999", "2101", "20255", "next"}) {
            var absurd = admin.put("/api/v1/targets/G/" + year, Map.of("value", 90));
            assertThat(absurd.status()).as(year).isEqualTo(422);
            assertThat(absurd.body().get("field").asText()).isEqualTo("year");
        }
        assertThat(admin.get("/api/v1/targets").body().get("field").asText()).isEqualTo("year");
        assertThat(admin.get("/api/v1/targets?year=99999").body().get("field").asText()).isEqualTo("year");
        var questionnaire = admin.put("/api/v1/targets/G/2025?questionnaire=NOPE", Map.of("value", 90));
        assertThat(questionnaire.status()).isEqualTo(422);
        assertThat(questionnaire.body().get("field").asText()).isEqualTo("questionnaire");
        assertThat(admin.get("/api/v1/targets?year=2025&questionnaire=NOPE").body().get("field").asText())
                .isEqualTo("questionnaire");
    }

    @Test
    void a_reader_sees_the_targets_of_its_own_subtree_inherited_from_above_and_cannot_set_them() {
        assertThat(admin.put("/api/v1/targets/G/2023", Map.of("value", 88)).status()).isEqualTo(200);
        var listing = manager.get("/api/v1/targets?year=2023");
        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.body().get("targets").findValuesAsText("code")).containsExactly("G.D", "G.D.X");
        // The province is outside its scope, but its plan still holds the district and its commune.
        assertThat(target(listing.body(), "G.D").get("value").asDouble()).isEqualTo(88.0);
        assertThat(target(listing.body(), "G.D").get("from").asText()).isEqualTo("G");

        assertThat(manager.put("/api/v1/targets/G.D/2023", Map.of("value", 99)).status()).isEqualTo(403);
        assertThat(manager.delete("/api/v1/targets/G/2023").status()).isEqualTo(403);
        assertThat(ApiClient.anonymous(app).get("/api/v1/targets?year=2023").status()).isEqualTo(401);
        assertThat(target(admin.get("/api/v1/targets?year=2023").body(), "G.D").get("inherited").asBoolean()).isTrue();
    }
}
