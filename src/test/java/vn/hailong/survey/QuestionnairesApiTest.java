package vn.hailong.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;

class QuestionnairesApiTest {
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
    void a_questionnaire_starts_from_a_preset_is_edited_as_a_draft_and_published_once_for_ever() {
        var created = admin.post("/api/v1/questionnaires",
                Map.of("code", "SIPAS-2026", "nameVi", "SIPAS tỉnh 2026", "preset", "SIPAS"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("methodology").asText()).isEqualTo("SIPAS");
        long draft = created.body().get("versions").get(0).get("id").asLong();

        var version = admin.get("/api/v1/questionnaire-versions/" + draft).body();
        assertThat(version.get("status").asText()).isEqualTo("draft");
        var content = (ObjectNode) version.get("content");
        // Reword TC1 (its code stays, so years compare), drop PA3, add a new criterion.
        ((ObjectNode) content.get("criteria").get(0)).put("textVi", "Biển chỉ dẫn rõ ràng");
        var criteria = content.withArray("criteria");
        criteria.remove(15);
        criteria.insertObject(15).put("code", "PA4").put("kind", "rating").put("element", "PA").put("scale", "SAT5")
                .put("textVi", "Kết quả phản ánh được công khai").put("textEn", "Feedback outcomes are published")
                .put("required", true).put("allowsNa", true);
        var saved = admin.put("/api/v1/questionnaire-versions/" + draft, content);
        assertThat(saved.status()).as(saved.body().toString()).isEqualTo(200);

        var published = admin.post("/api/v1/questionnaire-versions/" + draft + "/publish", "{}");
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.body().get("comparability").get("previousVersion").isNull()).isTrue();

        var frozen = admin.put("/api/v1/questionnaire-versions/" + draft, content);
        assertThat(frozen.status()).isEqualTo(409);
        assertThat(admin.delete("/api/v1/questionnaire-versions/" + draft).status()).isEqualTo(409);

        long id = created.body().get("id").asLong();
        var next = admin.post("/api/v1/questionnaires/" + id + "/versions", "{}");
        assertThat(next.status()).isEqualTo(201);
        assertThat(next.body().get("version").asInt()).isEqualTo(2);
        assertThat(admin.post("/api/v1/questionnaires/" + id + "/versions", "{}").status()).as("one draft at a time")
                .isEqualTo(409);
        long v2 = next.body().get("id").asLong();
        var v2content = (ObjectNode) next.body().get("content");
        v2content.withArray("criteria").remove(0); // TC1 dropped in version 2
        assertThat(admin.put("/api/v1/questionnaire-versions/" + v2, v2content).status()).isEqualTo(200);
        var report = admin.post("/api/v1/questionnaire-versions/" + v2 + "/publish", "{}").body().get("comparability");
        assertThat(report.get("previousVersion").asInt()).isEqualTo(1);
        assertThat(report.get("dropped").toString()).isEqualTo("[\"TC1\"]");
        assertThat(report.get("added").toString()).isEqualTo("[]");
        assertThat(report.get("kept").toString()).contains("PA4", "HL").doesNotContain("TC1");

        var history = admin.get("/api/v1/audit?entity=questionnaire_version&action=publish").body().get("events");
        assertThat(history.size()).isEqualTo(2);
    }

    @Test
    void a_draft_with_problems_is_refused_naming_the_field() {
        var created = admin.post("/api/v1/questionnaires", Map.of("code", "BAD", "nameVi", "Lỗi", "preset", "KIOSK"));
        long draft = created.body().get("versions").get(0).get("id").asLong();
        var content = (ObjectNode) admin.get("/api/v1/questionnaire-versions/" + draft).body().get("content");
        ((ObjectNode) content.get("criteria").get(1)).put("code", "HL");
        var duplicate = admin.put("/api/v1/questionnaire-versions/" + draft, content);
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.body().get("field").asText()).isEqualTo("criteria[1].code");
        ((ObjectNode) content.get("criteria").get(1)).put("code", "PB").put("scale", "NOPE");
        assertThat(admin.put("/api/v1/questionnaire-versions/" + draft, content).body().get("field").asText())
                .isEqualTo("criteria[1].scale");
        ((ObjectNode) content.get("criteria").get(1)).put("scale", "PROBLEM6").put("kind", "rating");
        assertThat(admin.put("/api/v1/questionnaire-versions/" + draft, content).body().get("field").asText())
                .isEqualTo("criteria[1].element");
        var unknownPreset = admin.post("/api/v1/questionnaires", Map.of("code", "X", "nameVi", "X", "preset", "NOPE"));
        assertThat(unknownPreset.body().get("field").asText()).isEqualTo("preset");
        assertThat(admin.post("/api/v1/questionnaires", Map.of("code", "SIPAS", "nameVi", "X", "preset", "SIPAS")).status())
                .isEqualTo(409);
        assertThat(admin.get("/api/v1/questionnaire-presets").body().findValuesAsText("code"))
                .containsExactly("SIPAS", "DOSSIER3", "KIOSK", "IKM", "SDG16_6_2", "MEAN_SCORE");
    }
}
