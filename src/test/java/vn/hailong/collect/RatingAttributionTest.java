package vn.hailong.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.TestApp.one;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;

/**
 * Who may attach a rating to what: only an invitation binds a rating to a dossier (and to the agency and service it
 * was issued for); interviews are entered by those with that right, for their own units; a rating names a centre
 * of its agency's province (the centre that received the dossier), and a kiosk rates only the agencies of its centre.
 */
class RatingAttributionTest {
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static ApiClient citizen;
    static ApiClient oneStopShop;
    static String kioskOfA;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        long province = admin.post("/api/v1/units", Map.of("code", "P", "nameVi", "Tỉnh P", "kind", "province"))
                .body().get("id").asLong();
        long a = admin.post("/api/v1/units", Map.of("code", "A", "nameVi", "Sở A", "kind", "department",
                "parentId", province)).body().get("id").asLong();
        admin.post("/api/v1/units", Map.of("code", "B", "nameVi", "Sở B", "kind", "department", "parentId", province));
        admin.post("/api/v1/service-fields", Map.of("code", "HT", "nameVi", "Hộ tịch"));
        admin.post("/api/v1/services", Map.of("code", "S1", "nameVi", "Khai sinh", "fieldCode", "HT"));
        admin.post("/api/v1/services", Map.of("code", "S2", "nameVi", "Khai tử", "fieldCode", "HT"));
        // The province's public-service centre hosts both departments; A's own desk serves A only.
        admin.post("/api/v1/centres", Map.of("code", "CP", "unitId", province, "nameVi", "Trung tâm PVHCC"));
        long centreA = admin.post("/api/v1/centres", Map.of("code", "CA", "unitId", a, "nameVi", "Một cửa A"))
                .body().get("id").asLong();
        var device = admin.post("/api/v1/devices", Map.of("centreId", centreA, "name", "Kiosk A"));
        kioskOfA = ApiClient.anonymous(app).post("/api/v1/kiosk/enrolment",
                Map.of("code", device.body().get("enrolmentCode").asText())).body().get("token").asText();
        admin.post("/api/v1/users", Map.of("username", "interviewer.a", "password", "interviewer-password",
                "role", "interviewer", "unitId", a));
        admin.post("/api/v1/users", Map.of("username", "analyst", "password", "analyst-password", "role", "analyst"));
        oneStopShop = ApiClient.withKey(app, admin.post("/api/v1/api-keys",
                Map.of("name", "one-stop-shop", "scopes", List.of("invitations"))).body().get("secret").asText());
        citizen = ApiClient.anonymous(app);
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    static Map<String, Object> rating(String agency, String channel) {
        var body = new LinkedHashMap<String, Object>();
        body.put("submissionId", UUID.randomUUID().toString());
        body.put("questionnaire", "KIOSK");
        body.put("version", 1);
        body.put("agency", agency);
        body.put("channel", channel);
        body.put("answers", Map.of("HL", 4));
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    @Test
    void a_guessed_dossier_code_is_refused_and_leaves_the_citizens_invitation_free() {
        var dossier = "000.00.31.H99-261207-0001";
        var guessed = citizen.post("/api/v1/responses", with(rating("A", "web"), "dossierCode", dossier));
        assertThat(guessed.status()).isEqualTo(422);
        assertThat(guessed.body().get("field").asText()).isEqualTo("dossierCode");

        var token = invite(dossier, "A", null);
        var real = citizen.post("/api/v1/responses", with(rating("A", "web"), "invitation", token));
        assertThat(real.status()).as(real.body().toString()).isEqualTo(201);
        assertThat(one(dsl, "select dossier_code from response where submission_id = {0}::uuid", String.class,
                real.body().get("submissionId").asText())).isEqualTo(dossier);
    }

    @Test
    void an_invitation_binds_its_agency_service_and_dossier() {
        var token = invite("000.00.31.H99-261207-0002", "A", "S1");
        var otherAgency = citizen.post("/api/v1/responses", with(rating("B", "web"), "invitation", token,
                "service", "S1"));
        assertThat(otherAgency.status()).isEqualTo(422);
        assertThat(otherAgency.body().get("field").asText()).isEqualTo("agency");
        var otherService = citizen.post("/api/v1/responses", with(rating("A", "web"), "invitation", token,
                "service", "S2"));
        assertThat(otherService.status()).isEqualTo(422);
        assertThat(otherService.body().get("field").asText()).isEqualTo("service");
        var otherDossier = citizen.post("/api/v1/responses", with(rating("A", "web"), "invitation", token,
                "service", "S1", "dossierCode", "000.00.31.H99-261207-9999"));
        assertThat(otherDossier.body().get("field").asText()).isEqualTo("dossierCode");
        var right = citizen.post("/api/v1/responses", with(rating("A", "web"), "invitation", token, "service", "S1"));
        assertThat(right.status()).as(right.body().toString()).isEqualTo(201);
    }

    @Test
    void interviews_are_entered_only_with_their_own_right_and_within_the_callers_units() {
        var analyst = ApiClient.signIn(app, "analyst", "analyst-password");
        var readKey = key("reader", "read");
        for (var caller : List.of(analyst, readKey, citizen)) {
            var refused = caller.post("/api/v1/responses", rating("A", "interview"));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.body().get("field").asText()).isEqualTo("channel");
        }
        var interviewer = ApiClient.signIn(app, "interviewer.a", "interviewer-password");
        assertThat(interviewer.post("/api/v1/responses", rating("A", "interview")).status()).isEqualTo(201);
        var elsewhere = interviewer.post("/api/v1/responses", rating("B", "interview"));
        assertThat(elsewhere.status()).isEqualTo(422);
        assertThat(elsewhere.body().get("field").asText()).isEqualTo("agency");
        assertThat(key("survey team", "interviews").post("/api/v1/responses", rating("B", "interview")).status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/responses", rating("B", "interview")).status()).isEqualTo(201);
        // Paper forms of a dossier are entered with its code, by the same right.
        assertThat(interviewer.post("/api/v1/responses", with(rating("A", "interview"), "dossierCode",
                "000.00.31.H99-261207-0003")).status()).isEqualTo(201);
    }

    @Test
    void a_rating_names_a_centre_of_its_agencys_province_as_the_one_that_received_the_dossier() {
        assertThat(citizen.post("/api/v1/responses", with(rating("B", "qr"), "centre", "CP")).status()).isEqualTo(201);
        assertThat(citizen.post("/api/v1/responses", with(rating("A", "qr"), "centre", "CA")).status()).isEqualTo(201);
        // Since the 2025 reform a centre takes dossiers across the former boundaries: A's desk received B's dossier.
        assertThat(citizen.post("/api/v1/responses", with(rating("B", "qr"), "centre", "CA")).status()).isEqualTo(201);
        long other = admin.post("/api/v1/units", Map.of("code", "Q", "nameVi", "Tỉnh Q", "kind", "province"))
                .body().get("id").asLong();
        admin.post("/api/v1/centres", Map.of("code", "CQ", "unitId", other, "nameVi", "Trung tâm PVHCC tỉnh Q"));
        var elsewhere = citizen.post("/api/v1/responses", with(rating("B", "qr"), "centre", "CQ"));
        assertThat(elsewhere.status()).isEqualTo(422);
        assertThat(elsewhere.body().get("field").asText()).isEqualTo("centre");
    }

    @Test
    void a_kiosk_rates_only_the_agencies_its_centre_serves() {
        var kiosk = ApiClient.anonymous(app).header("Authorization", "Bearer " + kioskOfA);
        assertThat(kiosk.post("/api/v1/responses", rating("A", "kiosk")).status()).isEqualTo(201);
        var other = kiosk.post("/api/v1/responses", rating("B", "kiosk"));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.body().get("field").asText()).isEqualTo("agency");
    }

    static String invite(String dossier, String agency, String service) {
        var body = new LinkedHashMap<String, Object>(Map.of("dossierCode", dossier, "agency", agency));
        if (service != null) {
            body.put("service", service);
        }
        var answer = oneStopShop.post("/api/v1/invitations", body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        var path = answer.body().get("path").asText();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static ApiClient key(String name, String scope) {
        return ApiClient.withKey(app, admin.post("/api/v1/api-keys", Map.of("name", name, "scopes", List.of(scope)))
                .body().get("secret").asText());
    }
}
