package vn.hailong.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;

class CatalogueAndCentresApiTest {
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

    @Test
    void services_are_added_searched_edited_and_imported_in_bulk() {
        assertThat(admin.post("/api/v1/service-fields", Map.of("code", "HT", "nameVi", "Hộ tịch")).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/service-fields", Map.of("code", "HT", "nameVi", "Hộ tịch")).status()).isEqualTo(409);
        var service = admin.post("/api/v1/services",
                Map.of("code", "1.001193", "nameVi", "Đăng ký khai sinh", "fieldCode", "HT"));
        assertThat(service.status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/services", Map.of("code", "1.9", "nameVi", "X", "fieldCode", "ZZ"))
                .body().get("field").asText()).isEqualTo("fieldCode");
        var edited = admin.patch("/api/v1/services/" + service.body().get("id").asLong(), Map.of("nameEn", "Birth registration"));
        assertThat(edited.body().get("nameEn").asText()).isEqualTo("Birth registration");

        var csv = "code,name_vi,name_en,field_code\n1.001193,Đăng ký khai sinh (sửa),,HT\n1.000894,Đăng ký kết hôn,Marriage,HT\n";
        var imported = admin.send("POST", "/api/v1/services/import", csv, "text/csv");
        assertThat(imported.body().get("created").asInt()).isEqualTo(1);
        assertThat(imported.body().get("updated").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/v1/services?q=k%E1%BA%BFt%20h%C3%B4n").body().findValuesAsText("code"))
                .containsExactly("1.000894");

        var bad = admin.send("POST", "/api/v1/services/import",
                "code,name_vi,field_code\n2.1,Mới,HT\n2.2,Sai lĩnh vực,XX\n2.1,Trùng,HT\n", "text/csv");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body().get("problems").toString()).contains("\"row\":3", "field_code", "\"row\":4");
        assertThat(admin.get("/api/v1/services?q=2.1").body().size()).isZero();
    }

    @Test
    void centres_and_counters_belong_to_units_and_choose_their_kiosk_questionnaire() {
        var unit = admin.post("/api/v1/units", Map.of("code", "C-U", "nameVi", "Xã Trung Tâm", "kind", "commune"));
        long unitId = unit.body().get("id").asLong();
        var centre = admin.post("/api/v1/centres", Map.of("code", "C-1", "unitId", unitId, "nameVi", "Bộ phận Một cửa xã"));
        assertThat(centre.status()).isEqualTo(201);
        long centreId = centre.body().get("id").asLong();
        assertThat(admin.patch("/api/v1/centres/" + centreId, Map.of("kioskQuestionnaire", "SIPAS"))
                .body().get("kioskQuestionnaire").asText()).isEqualTo("SIPAS");
        assertThat(admin.patch("/api/v1/centres/" + centreId, Map.of("kioskQuestionnaire", "NOPE"))
                .body().get("field").asText()).isEqualTo("kioskQuestionnaire");
        assertThat(admin.post("/api/v1/centres", Map.of("code", "C-2", "unitId", 999999, "nameVi", "X"))
                .body().get("field").asText()).isEqualTo("unitId");
        var counter = admin.post("/api/v1/centres/" + centreId + "/counters", Map.of("code", "Q1", "nameVi", "Quầy 1"));
        assertThat(counter.status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/centres/" + centreId + "/counters", Map.of("code", "Q1", "nameVi", "Quầy 1"))
                .status()).isEqualTo(409);
        assertThat(admin.patch("/api/v1/counters/" + counter.body().get("id").asLong(), Map.of("active", false))
                .body().get("active").asBoolean()).isFalse();
        var withCounters = admin.get("/api/v1/centres/" + centreId).body();
        assertThat(withCounters.get("counters").findValuesAsText("code")).containsExactly("Q1");
    }

    @Test
    void users_get_a_role_and_an_agency_manager_a_unit() {
        var noUnit = admin.post("/api/v1/users", Map.of("username", "m1", "password", "long-enough-1", "role", "agency_manager"));
        assertThat(noUnit.body().get("field").asText()).isEqualTo("unitId");
        var shortPassword = admin.post("/api/v1/users", Map.of("username", "m1", "password", "short", "role", "analyst"));
        assertThat(shortPassword.body().get("field").asText()).isEqualTo("password");
        var badRole = admin.post("/api/v1/users", Map.of("username", "m1", "password", "long-enough-1", "role", "king"));
        assertThat(badRole.body().get("field").asText()).isEqualTo("role");
        var ok = admin.post("/api/v1/users", Map.of("username", "m1", "password", "long-enough-1", "role", "analyst"));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.body().has("passwordHash")).isFalse();
        assertThat(admin.post("/api/v1/users", Map.of("username", "m1", "password", "long-enough-1", "role", "analyst"))
                .status()).isEqualTo(409);
        var m1 = ApiClient.signIn(app, "m1", "long-enough-1");
        admin.patch("/api/v1/users/" + ok.body().get("id").asLong(), Map.of("active", false));
        assertThat(m1.get("/api/v1/session").status()).as("a deactivated user is signed out").isEqualTo(401);
        var self = admin.get("/api/v1/session").body().get("id").asLong();
        assertThat(admin.patch("/api/v1/users/" + self, Map.of("role", "analyst")).status()).isEqualTo(422);
    }
}
