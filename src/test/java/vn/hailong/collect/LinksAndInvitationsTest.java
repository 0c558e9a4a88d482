package vn.hailong.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;

class LinksAndInvitationsTest {
    static TestApp app;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        var unit = admin.post("/api/v1/units", Map.of("code", "AG02", "nameVi", "UBND xã Hòa Bình", "kind", "commune"));
        admin.post("/api/v1/centres", Map.of("code", "C2", "unitId", unit.body().get("id").asLong(), "nameVi", "Một cửa xã"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_survey_link_is_short_stable_and_opens_the_survey() throws Exception {
        var link = admin.post("/api/v1/survey-links", Map.of("agency", "AG02", "centre", "C2"));
        assertThat(link.status()).isEqualTo(201);
        var code = link.body().get("code").asText();
        assertThat(code).hasSize(7);
        assertThat(admin.post("/api/v1/survey-links", Map.of("agency", "AG02", "centre", "C2")).body().get("code").asText())
                .isEqualTo(code);
        var target = ApiClient.anonymous(app).get("/api/v1/survey-links/" + code).body();
        assertThat(target.get("agency").get("nameVi").asText()).isEqualTo("UBND xã Hòa Bình");
        assertThat(target.get("questionnaire").asText()).isEqualTo("SIPAS");
        var redirect = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.app.port() + "/s/" + code)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/survey/#" + code);
        var qr = ApiClient.anonymous(app).get(link.body().get("qr").asText());
        assertThat(qr.raw().headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(admin.post("/api/v1/survey-links", Map.of("agency", "NOPE")).body().get("field").asText()).isEqualTo("agency");
    }

    @Test
    void links_and_qr_codes_are_made_from_the_public_url_never_from_the_request_host() {
        try (var configured = TestApp.start(TestApp.settings(app.databaseUrl).withPublicUrl("https://hailong.example.gov.vn/"))) {
            var staff = ApiClient.signIn(configured, "admin", "test-admin-password")
                    .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "http");
            var link = staff.post("/api/v1/survey-links", Map.of("agency", "AG02"));
            var code = link.body().get("code").asText();
            assertThat(link.body().get("url").asText()).isEqualTo("https://hailong.example.gov.vn/s/" + code);
            assertThat(link.body().get("qr").asText()).contains("https%3A%2F%2Fhailong.example.gov.vn%2Fs%2F" + code)
                    .doesNotContain("evil");
            assertThat(ApiClient.anonymous(configured).header("X-Forwarded-Host", "evil.example").get("/api/v1/survey-links/" + code)
                    .body().get("url").asText()).isEqualTo("https://hailong.example.gov.vn/s/" + code);
            var invitation = staff.post("/api/v1/invitations", Map.of("dossierCode", "000.00.31.H99-261207-0042",
                    "agency", "AG02"));
            assertThat(invitation.body().get("url").asText()).startsWith("https://hailong.example.gov.vn/d/");
            assertThat(invitation.body().toString()).doesNotContain("evil");
        }
        // Without PUBLIC_URL: this machine on the port the request came to, whatever the request says.
        var link = ApiClient.signIn(app, "admin", "test-admin-password").header("X-Forwarded-Host", "evil.example")
                .post("/api/v1/survey-links", Map.of("agency", "AG02"));
        assertThat(link.body().get("url").asText()).startsWith("http://localhost:" + app.app.port() + "/s/");
    }

    @Test
    void a_public_form_carries_its_questions_and_scales() {
        var form = ApiClient.anonymous(app).get("/api/v1/forms/SIPAS").body();
        assertThat(form.get("version").asInt()).isEqualTo(1);
        assertThat(form.get("questions").findValuesAsText("code")).startsWith("TC1", "TC2").contains("HL", "MM10", "SC2");
        assertThat(form.get("scales").get("SAT5").get("levels").size()).isEqualTo(5);
        assertThat(ApiClient.anonymous(app).get("/api/v1/forms/NOPE").status()).isEqualTo(404);
    }

    @Test
    void a_dossier_invitation_rates_its_dossier_once() {
        var created = admin.post("/api/v1/api-keys", Map.of("name", "Một cửa điện tử", "scopes", List.of("invitations")));
        var system = ApiClient.withKey(app, created.body().get("secret").asText());
        var invitation = system.post("/api/v1/invitations", Map.of("dossierCode", "000.00.31.H99-260105-0007", "agency", "AG02"));
        assertThat(invitation.status()).isEqualTo(201);
        var path = invitation.body().get("path").asText();
        assertThat(invitation.body().get("url").asText()).endsWith(path);
        assertThat(system.post("/api/v1/invitations", Map.of("dossierCode", "000.00.31.H99-260105-0007", "agency", "AG02"))
                .body().get("path").asText()).as("a retried request gets the same link").isEqualTo(path);
        var token = path.substring("/d/".length());
        var citizen = ApiClient.anonymous(app);
        assertThat(citizen.get("/api/v1/invitations/" + token).body().get("rated").asBoolean()).isFalse();

        var rating = Map.of("submissionId", UUID.randomUUID().toString(), "questionnaire", "DOSSIER3", "version", 1,
                "agency", "AG02", "channel", "web", "invitation", token, "answers", Map.of("DG", 1, "LD", 2));
        assertThat(citizen.post("/api/v1/responses", rating).status()).isEqualTo(201);
        var reasonMissing = Map.of("submissionId", UUID.randomUUID().toString(), "questionnaire", "DOSSIER3", "version", 1,
                "agency", "AG02", "channel", "web", "answers", Map.of("DG", 1));
        assertThat(citizen.post("/api/v1/responses", reasonMissing).body().get("field").asText()).isEqualTo("answers.LD");
        var second = Map.of("submissionId", UUID.randomUUID().toString(), "questionnaire", "DOSSIER3", "version", 1,
                "agency", "AG02", "channel", "web", "invitation", token, "answers", Map.of("DG", 3));
        var refused = citizen.post("/api/v1/responses", second);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("000.00.31.H99-260105-0007", "already been rated");
        assertThat(citizen.get("/api/v1/invitations/" + token).body().get("rated").asBoolean()).isTrue();
        assertThat(system.post("/api/v1/invitations", Map.of("dossierCode", "000.00.31.H99-260105-0007", "agency", "AG02"))
                .status()).isEqualTo(409);
        try (var dsl = app.dsl()) {
            assertThat(TestApp.one(dsl, "select dossier_code from response where questionnaire_version_id ="
                    + " (select v.id from questionnaire_version v join questionnaire q on q.id = v.questionnaire_id"
                    + " where q.code = 'DOSSIER3')", String.class)).isEqualTo("000.00.31.H99-260105-0007");
        }
        assertThat(citizen.get("/api/v1/invitations/forged").status()).isEqualTo(404);
    }
}
