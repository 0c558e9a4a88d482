package vn.hailong.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.demo.DemoProvince;

/**
 * Every analytics answer says which boundaries it was read in and which of its figures are a split unit's share, on
 * the demo province, whose reform on 1 July 2025 dissolved its districts, merged communes into new ones (99001 from
 * 99101–99103), renamed 99113 to 99013 and split 99121 between 99016 (60 %) and 99019 (40 %).
 */
class BoundariesAnswerTest {
    static TestApp app;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()));
        try (var dsl = app.dsl()) {
            new DemoProvince(dsl).fillIfEmpty(DemoProvince.DEFAULT_SEED, 2025);
        }
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private JsonNode ok(String path) {
        var answer = admin.get("/api/v1" + path);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static List<String> estimates(JsonNode answer) {
        var out = new ArrayList<String>();
        answer.path("boundaries").path("estimates").forEach(e -> out.add(e.path("unit").asText() + "←"
                + e.path("from").asText() + " " + e.path("share").asDouble() + " " + e.path("until").asText()));
        return out;
    }

    @Test
    void grouped_by_unit_in_todays_boundaries_the_split_communes_successors_are_marked_as_estimates() {
        var answer = ok("/indices?groupBy=unit&from=2024-01-01&to=2025-12-31");
        var b = answer.path("boundaries");
        assertThat(b.path("view").asText()).isEqualTo("current");
        assertThat(estimates(answer)).containsExactlyInAnyOrder("99016←99121 0.6 2025-07-01", "99019←99121 0.4 2025-07-01");
        assertThat(b.path("estimates").get(0).path("fromNameVi").asText()).isEqualTo("Xã Phú An");
        assertThat(b.path("changes").toString()).isEqualTo("[\"2025-07-01\"]");
        assertThat(b.path("noteVi").isNull()).as("no comparison over time").isTrue();
        // The successors' figures are there, and the split commune is no group of its own today.
        var codes = new ArrayList<String>();
        answer.path("groups").forEach(g -> codes.add(g.path("group").path("unit").path("code").asText()));
        assertThat(codes).contains("99016", "99019", "99001").doesNotContain("99121", "99101", "99.H01");
    }

    @Test
    void one_successor_asked_for_alone_is_an_estimate_and_the_whole_province_is_not() {
        assertThat(estimates(ok("/trend?unit=99016&from=2025-01-01&to=2025-12-31&interval=month")))
                .containsExactly("99016←99121 0.6 2025-07-01");
        assertThat(estimates(ok("/indices?unit=99&from=2025-01-01&to=2025-12-31"))).as("the province holds all of it")
                .isEmpty();
        assertThat(estimates(ok("/indices?unit=99001&from=2025-01-01&to=2025-12-31"))).isEmpty();
        assertThat(estimates(ok("/indices?groupBy=unit&from=2025-07-01&to=2025-12-31")))
                .as("only days after the split: no share of it").isEmpty();
    }

    @Test
    void the_historical_view_has_no_estimates_and_the_ended_units_are_groups() {
        var answer = ok("/indices?groupBy=unit&from=2025-01-01&to=2025-12-31&boundaries=historical");
        assertThat(answer.path("boundaries").path("view").asText()).isEqualTo("historical");
        assertThat(estimates(answer)).isEmpty();
        var codes = new ArrayList<String>();
        answer.path("groups").forEach(g -> codes.add(g.path("group").path("unit").path("code").asText()));
        assertThat(codes).contains("99121", "99101", "99001");
    }

    @Test
    void comparisons_over_time_say_in_a_sentence_how_the_years_before_the_reform_are_counted() {
        var current = ok("/compare?period=2025&baseline=2024&unit=99001");
        assertThat(current.path("boundaries").path("noteVi").asText())
                .startsWith("So sánh theo địa giới hiện nay (mặc định)");
        assertThat(current.path("boundaries").path("noteEn").asText()).startsWith("Compared in today's boundaries");
        // The merged commune has a 2024 baseline from its predecessors today...
        var row = current.path("groups").get(0);
        assertThat(row.path("baselineN").asLong()).isGreaterThan(400);
        assertThat(row.path("overall").isObject()).isTrue();
        // ... and none as the units were: it did not exist in 2024.
        var historical = ok("/compare?period=2025&baseline=2024&unit=99001&boundaries=historical");
        assertThat(historical.path("boundaries").path("noteVi").asText())
                .startsWith("So sánh theo địa giới tại thời điểm đánh giá");
        var before = historical.path("groups").get(0);
        assertThat(before.path("baselineN").asLong()).isZero();
        assertThat(before.path("overall").isNull() || before.path("overall").isMissingNode()).isTrue();
        assertThat(ok("/indices?unit=99001&from=2024-01-01&to=2024-12-31&boundaries=historical").path("groups"))
                .isEmpty();
        assertThat(ok("/indices?unit=99001&from=2024-01-01&to=2024-12-31").path("groups").get(0).path("n").asLong())
                .isGreaterThan(400);
        var trend = ok("/trend?from=2024-01-01&to=2025-12-31&interval=year");
        assertThat(trend.path("boundaries").path("noteVi").asText()).isNotBlank();
    }

    @Test
    void every_analytics_answer_states_its_boundaries() {
        var q = "from=2025-01-01&to=2025-12-31";
        for (var path : List.of("/indices?" + q, "/rankings?" + q + "&by=unit", "/distribution?" + q,
                "/reasons?" + q + "&questionnaire=DOSSIER3", "/timing?" + q + "&unit=99001", "/response-rates?" + q,
                "/comments?" + q, "/compare?period=2025&baseline=2024", "/trend?" + q)) {
            var b = ok(path).path("boundaries");
            assertThat(b.path("view").asText()).as(path).isEqualTo("current");
            assertThat(b.path("changes").size()).as(path).isEqualTo(1);
            assertThat(ok(path + "&boundaries=historical").path("boundaries").path("view").asText()).as(path)
                    .isEqualTo("historical");
        }
    }

    @Test
    void the_unit_list_says_what_became_of_each_ended_unit() {
        var units = ok("/units");
        JsonNode ward1 = null;
        JsonNode split = null;
        JsonNode district = null;
        JsonNode renamed = null;
        for (var u : units) {
            switch (u.path("code").asText()) {
                case "99101" -> ward1 = u;
                case "99121" -> split = u;
                case "99.H01" -> district = u;
                case "99013" -> renamed = u;
                default -> { }
            }
        }
        assertThat(ward1.path("validTo").asText()).isEqualTo("2025-07-01");
        assertThat(ward1.path("ended").asBoolean()).isTrue();
        assertThat(ward1.path("endedBy").path("kind").asText()).isEqualTo("merge");
        assertThat(ward1.path("endedBy").path("into").get(0).path("nameVi").asText()).isEqualTo("Phường Minh An");
        assertThat(ward1.path("endedBy").path("into").get(0).path("nameEn").asText()).isEqualTo("Minh An Ward");
        assertThat(split.path("endedBy").path("kind").asText()).isEqualTo("split");
        assertThat(split.path("endedBy").path("into").size()).isEqualTo(2);
        assertThat(district.path("endedBy").path("kind").asText()).isEqualTo("dissolve");
        assertThat(district.path("endedBy").path("into").size()).isZero();
        assertThat(renamed.path("nameVi").asText()).isEqualTo("Xã Hòa Bình");
        assertThat(renamed.path("ended").asBoolean()).isFalse();
        assertThat(renamed.path("endedBy").isNull()).isTrue();
    }

    @Test
    void the_report_says_which_boundaries_and_names_the_estimate() throws Exception {
        var answer = admin.download("/api/v1/report.pdf?unit=99016&year=2025");
        assertThat(answer.statusCode()).isEqualTo(200);
        String text;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(answer.body())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(text).contains("Địa giới hành chính: hiện nay.")
                .contains("số liệu trước ngày 01/07/2025 của các đơn vị đã sáp nhập được tính vào đơn vị kế thừa")
                .contains("Ước tính: số liệu của Xã Phú Mỹ gồm 60 % số phiếu của Xã Phú An trước ngày 01/07/2025");
        var historical = admin.download("/api/v1/report.pdf?unit=99016&year=2025&boundaries=historical");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(historical.body())) {
            var h = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(h).contains("Địa giới hành chính: như tại thời điểm đánh giá.").doesNotContain("Ước tính:");
        }
    }
}
