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

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;

/**
 * Survey links as staff manage them: listed within their units with the ratings each brought, taken out of use and
 * back; and the ratings that name one, which must be about the place it names and come through a link in use.
 */
class SurveyLinksTest {
    static final String PUBLIC_URL = "https://hailong.example.gov.vn";
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static ApiClient manager;
    static ApiClient analyst;
    static ApiClient citizen;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0).withPublicUrl(PUBLIC_URL));
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
        // The province's public-service centre hosts both departments, each at its own counter.
        long centre = admin.post("/api/v1/centres", Map.of("code", "CP", "unitId", province, "nameVi", "Trung tâm PVHCC"))
                .body().get("id").asLong();
        admin.post("/api/v1/centres/" + centre + "/counters", Map.of("code", "QA", "nameVi", "Quầy Sở A"));
        admin.post("/api/v1/centres/" + centre + "/counters", Map.of("code", "QB", "nameVi", "Quầy Sở B"));
        admin.post("/api/v1/users", Map.of("username", "manager.a", "password", "manager-password",
                "role", "agency_manager", "unitId", a));
        admin.post("/api/v1/users", Map.of("username", "analyst", "password", "analyst-password", "role", "analyst"));
        manager = ApiClient.signIn(app, "manager.a", "manager-password");
        analyst = ApiClient.signIn(app, "analyst", "analyst-password");
        citizen = ApiClient.anonymous(app);
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    @Test
    void the_list_shows_the_links_of_ones_units_with_the_ratings_each_brought() {
        var counterA = link(admin, Map.of("agency", "A", "centre", "CP", "counter", "QA", "questionnaire", "KIOSK"));
        var counterB = link(admin, Map.of("agency", "B", "centre", "CP", "counter", "QB", "questionnaire", "KIOSK"));
        for (int i = 0; i < 3; i++) {
            assertThat(rate(with(rating("A"), "centre", "CP", "counter", "QA", "link", counterA)).status()).isEqualTo(201);
        }
        assertThat(rate(with(rating("A"), "centre", "CP", "counter", "QA")).status()).as("not through the link")
                .isEqualTo(201);
        assertThat(rate(with(rating("B"), "centre", "CP", "counter", "QB", "link", counterB)).status()).isEqualTo(201);

        var listed = listed(admin, counterA);
        assertThat(listed.get("ratings").asLong()).isEqualTo(3);
        assertThat(listed.get("active").asBoolean()).isTrue();
        assertThat(listed.get("agency").get("nameVi").asText()).isEqualTo("Sở A");
        assertThat(listed.get("centre").get("code").asText()).isEqualTo("CP");
        assertThat(listed.get("counter").get("nameVi").asText()).isEqualTo("Quầy Sở A");
        assertThat(listed.get("service").isNull()).isTrue();
        assertThat(listed.get("questionnaire").asText()).isEqualTo("KIOSK");
        assertThat(listed.get("url").asText()).isEqualTo(PUBLIC_URL + "/s/" + counterA);
        assertThat(listed.get("poster").asText()).isEqualTo("/poster/#" + counterA);
        assertThat(listed.get("qrPng").asText())
                .isEqualTo("/api/v1/qr?format=png&text=https%3A%2F%2Fhailong.example.gov.vn%2Fs%2F" + counterA);
        assertThat(citizen.download(listed.get("qrPng").asText()).headers().firstValue("Content-Type"))
                .hasValue("image/png");
        assertThat(listed(admin, counterB).get("ratings").asLong()).isEqualTo(1);
        assertThat(codes(analyst)).as("analysts read every link").contains(counterA, counterB);
        assertThat(codes(manager)).as("a manager lists its own units' links only").contains(counterA)
                .doesNotContain(counterB);
        assertThat(listed(manager, counterA).get("ratings").asLong()).isEqualTo(3);
        assertThat(one(dsl, "select count(*) from response where survey_link_id = (select id from survey_link"
                + " where code = {0})", Long.class, counterA)).isEqualTo(3);
    }

    @Test
    void a_deactivated_link_says_so_and_its_ratings_are_refused_until_it_is_used_again() {
        var code = link(manager, Map.of("agency", "A", "service", "S1"));
        assertThat(rate(with(rating("A"), "service", "S1", "link", code)).status()).isEqualTo(201);

        var deactivated = manager.patch("/api/v1/survey-links/" + code, Map.of("active", false));
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.body().get("active").asBoolean()).isFalse();
        assertThat(deactivated.body().get("ratings").asLong()).isEqualTo(1);
        var gone = citizen.get("/api/v1/survey-links/" + code);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.message()).isEqualTo("Survey link " + code + " is no longer in use.");
        var refused = rate(with(rating("A"), "service", "S1", "link", code));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("field").asText()).isEqualTo("link");
        assertThat(refused.message()).contains("no longer in use");
        assertThat(listed(admin, code).get("active").asBoolean()).isFalse();
        assertThat(one(dsl, "select action || ' ' || actor || ' ' || (after ->> 'active') from audit_event"
                + " where entity = 'survey_link' and entity_id = {0} order by id desc limit 1", String.class, code))
                .isEqualTo("deactivate manager.a false");

        // Its place may get a new link; the old one comes back only once the new one is out of use.
        var replacement = link(manager, Map.of("agency", "A", "service", "S1"));
        assertThat(replacement).isNotEqualTo(code);
        var clash = manager.patch("/api/v1/survey-links/" + code, Map.of("active", true));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.message()).contains(replacement);
        assertThat(manager.patch("/api/v1/survey-links/" + replacement, Map.of("active", false)).status()).isEqualTo(200);
        assertThat(manager.patch("/api/v1/survey-links/" + code, Map.of("active", true)).body().get("active").asBoolean())
                .isTrue();
        assertThat(citizen.get("/api/v1/survey-links/" + code).status()).isEqualTo(200);
        assertThat(rate(with(rating("A"), "service", "S1", "link", code)).status()).isEqualTo(201);
        assertThat(listed(admin, code).get("ratings").asLong()).isEqualTo(2);

        var missing = manager.patch("/api/v1/survey-links/" + code, Map.of());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().get("field").asText()).isEqualTo("active");
        assertThat(admin.patch("/api/v1/survey-links/zzzzzzz", Map.of("active", false)).status()).isEqualTo(404);
    }

    @Test
    void a_rating_through_a_link_must_be_about_the_place_the_link_names() {
        var code = link(admin, Map.of("agency", "A", "service", "S1", "centre", "CP", "counter", "QA",
                "questionnaire", "KIOSK"));
        var right = with(rating("A"), "service", "S1", "centre", "CP", "counter", "QA", "link", code);
        assertThat(field(rate(with(new LinkedHashMap<>(right), "agency", "B", "counter", "QB"))))
                .as("another agency").containsExactlyInAnyOrder("agency", "counter");
        assertThat(field(rate(with(new LinkedHashMap<>(right), "service", "S2")))).containsExactly("service");
        var withoutService = new LinkedHashMap<>(right);
        withoutService.remove("service");
        var answer = rate(withoutService);
        assertThat(field(answer)).containsExactly("service");
        assertThat(answer.message()).contains("the survey link names one");
        assertThat(field(rate(with(new LinkedHashMap<>(right), "counter", "QB")))).containsExactly("counter");
        assertThat(field(rate(with(new LinkedHashMap<>(right), "service", "NOPE")))).as("one error for an unknown service")
                .containsExactly("service");
        assertThat(field(rate(with(new LinkedHashMap<>(right), "link", "zzzzzzz")))).containsExactly("link");
        assertThat(field(rate(with(new LinkedHashMap<>(right), "link", "z".repeat(5000))))).containsExactly("link");
        assertThat(rate(right).status()).isEqualTo(201);
        // A link that names only its agency takes any procedure, centre and counter of it.
        var agencyOnly = link(admin, Map.of("agency", "A", "questionnaire", "KIOSK"));
        assertThat(rate(with(rating("A"), "service", "S2", "centre", "CP", "counter", "QA", "link", agencyOnly))
                .status()).isEqualTo(201);
    }

    @Test
    void an_agency_manager_neither_sees_nor_changes_another_units_links() {
        var ofB = link(admin, Map.of("agency", "B", "questionnaire", "DOSSIER3"));
        var change = manager.patch("/api/v1/survey-links/" + ofB, Map.of("active", false));
        assertThat(change.status()).isEqualTo(404);
        assertThat(change.body().toString()).doesNotContain("Sở B");
        assertThat(citizen.get("/api/v1/survey-links/" + ofB).status()).as("still in use").isEqualTo(200);
        assertThat(codes(manager)).doesNotContain(ofB);
        var make = manager.post("/api/v1/survey-links", Map.of("agency", "B"));
        assertThat(make.status()).isEqualTo(422);
        assertThat(make.body().get("field").asText()).isEqualTo("agency");
        assertThat(analyst.patch("/api/v1/survey-links/" + ofB, Map.of("active", false)).status()).isEqualTo(403);
        assertThat(citizen.get("/api/v1/survey-links").status()).isEqualTo(401);
    }

    @Test
    void a_rating_without_a_link_or_incomplete_hashes_as_it_did_before_they_were_named() {
        // The hash of a stored rating is what tells its retry from a clash: a field added to ratings must not change
        // the hash of those that leave it out (this value was computed before the field existed).
        var rating = new Submission(UUID.fromString("5f0c8a52-7d0e-4c3b-9a71-2f4e8d6b1c90"), "KIOSK", 1, "A", null,
                null, null, "web", Map.of("HL", 4), null, null, null, null, null, null, null, null);
        assertThat(SubmissionsApi.contentHash(rating)).isEqualTo(HASH_WITHOUT_LINK);
    }

    static final String HASH_WITHOUT_LINK = "e90ed8bc2f60be985822304a8af4a5a5d1c41afb8a20d6eda7147c94475da496";

    static String link(ApiClient caller, Map<String, Object> place) {
        var answer = caller.post("/api/v1/survey-links", place);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().get("code").asText();
    }

    static JsonNode listed(ApiClient caller, String code) {
        var answer = caller.get("/api/v1/survey-links");
        assertThat(answer.status()).isEqualTo(200);
        for (var link : answer.body()) {
            if (link.get("code").asText().equals(code)) {
                return link;
            }
        }
        throw new AssertionError("link " + code + " is not listed: " + answer.body());
    }

    static List<String> codes(ApiClient caller) {
        var codes = new java.util.ArrayList<String>();
        caller.get("/api/v1/survey-links").body().forEach(link -> codes.add(link.get("code").asText()));
        return codes;
    }

    static ApiClient.Answer rate(Map<String, Object> rating) {
        return citizen.post("/api/v1/responses", rating);
    }

    static List<String> field(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(422);
        return answer.body().get("errors").findValuesAsText("field");
    }

    static Map<String, Object> rating(String agency) {
        var body = new LinkedHashMap<String, Object>();
        body.put("submissionId", UUID.randomUUID().toString());
        body.put("questionnaire", "KIOSK");
        body.put("version", 1);
        body.put("agency", agency);
        body.put("channel", "qr");
        body.put("answers", Map.of("HL", 4));
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }
}
