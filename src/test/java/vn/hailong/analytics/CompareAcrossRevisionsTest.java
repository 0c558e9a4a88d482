package vn.hailong.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.analytics.RawResponses.close;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.YearOnYear;

/**
 * A questionnaire revised between two years (TT4 dropped, PA4 added in version 2, early 2025 still on version 1):
 * year on year compares only the criteria both years share, and every figure equals the statistics core over the raw
 * responses of both versions seen through those criteria.
 */
class CompareAcrossRevisionsTest {
    static final List<String> V1 = List.of("TC1", "TC2", "TC3", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3", "KQ1",
            "KQ2", "KQ3", "PA1", "PA2", "PA3", "HL");
    static final List<String> V2 = List.of("TC1", "TC2", "TC3", "TT1", "TT2", "TT3", "CC1", "CC2", "CC3", "KQ1",
            "KQ2", "KQ3", "PA1", "PA2", "PA3", "PA4", "HL");
    static final List<String> SHARED = V1.stream().filter(V2::contains).toList();

    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static long v1;
    static long v2;
    static RawResponses raw;

    @BeforeAll
    static void reviseAndAnswer() {
        app = TestApp.start();
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        long p = admin.post("/api/v1/units", Map.of("code", "P", "nameVi", "Tỉnh", "kind", "province")).body().get("id").asLong();
        for (var code : List.of("A1", "A2")) {
            admin.post("/api/v1/units", Map.of("code", code, "nameVi", "Sở " + code, "kind", "department", "parentId", p));
        }
        admin.post("/api/v1/service-fields", Map.of("code", "HT", "nameVi", "Hộ tịch"));
        admin.post("/api/v1/services", Map.of("code", "S1", "nameVi", "Khai sinh", "fieldCode", "HT"));

        var created = admin.post("/api/v1/questionnaires", Map.of("code", "REV", "nameVi", "Khảo sát sửa đổi", "preset", "SIPAS"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        v1 = created.body().get("versions").get(0).get("id").asLong();
        assertThat(admin.post("/api/v1/questionnaire-versions/" + v1 + "/publish", "{}").status()).isEqualTo(200);
        var next = admin.post("/api/v1/questionnaires/" + created.body().get("id").asLong() + "/versions", "{}");
        v2 = next.body().get("id").asLong();
        var content = (ObjectNode) next.body().get("content");
        var criteria = content.withArray("criteria");
        for (int i = 0; i < criteria.size(); i++) {
            if (criteria.get(i).get("code").asText().equals("TT4")) {
                criteria.remove(i);
                break;
            }
        }
        for (int i = 0; i < criteria.size(); i++) {
            if (criteria.get(i).get("code").asText().equals("PA3")) {
                criteria.insertObject(i + 1).put("code", "PA4").put("kind", "rating").put("element", "PA")
                        .put("scale", "SAT5").put("textVi", "Kết quả phản ánh được công khai")
                        .put("textEn", "Feedback outcomes are published").put("required", true).put("allowsNa", true);
                break;
            }
        }
        var saved = admin.put("/api/v1/questionnaire-versions/" + v2, content);
        assertThat(saved.status()).as(saved.body().toString()).isEqualTo(200);
        assertThat(admin.post("/api/v1/questionnaire-versions/" + v2 + "/publish", "{}").status()).isEqualTo(200);

        var random = new Random(7);
        // 2024 and the first quarter of 2025 on version 1; the rest of 2025 on version 2, where A2 does much better.
        importFile(1, V1, random, LocalDate.of(2024, 1, 1), 365 + 90, 900);
        importFile(2, V2, random, LocalDate.of(2025, 4, 1), 274, 700);
        raw = RawResponses.read(dsl);
    }

    static void importFile(int version, List<String> codes, Random random, LocalDate first, int days, int rows) {
        var csv = new StringBuilder("response_id,submitted_at,agency_code,channel,service_code," + String.join(",", codes) + "\n");
        for (int i = 0; i < rows; i++) {
            var agency = random.nextBoolean() ? "A1" : "A2";
            var day = first.plusDays(random.nextInt(days));
            double satisfied = agency.equals("A2") && version == 2 ? 0.9 : 0.55;
            csv.append("V").append(version).append('-').append(i).append(',').append(day).append(',').append(agency)
                    .append(",kiosk,S1");
            for (int c = 0; c < codes.size(); c++) {
                csv.append(',');
                if (random.nextInt(10) > 0 || codes.get(c).equals("HL")) {
                    csv.append(random.nextDouble() < satisfied ? 4 + random.nextInt(2) : 1 + random.nextInt(3));
                }
            }
            csv.append('\n');
        }
        var imported = admin.send("POST", "/api/v1/imports?questionnaire=REV&version=" + version, csv.toString(), "text/csv");
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        assertThat(imported.body().get("imported").asInt()).isEqualTo(rows);
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    @Test
    void indices_read_the_newest_version_and_name_the_one_left_out() {
        var indices = admin.get("/api/v1/indices?questionnaire=REV&groupBy=year").body();
        assertThat(indices.get("versions").toString()).isEqualTo("[" + v2 + "]");
        assertThat(indices.get("versionsNotMerged").toString()).isEqualTo("[" + v1 + "]");
        assertThat(indices.get("groups").size()).as("only 2025 has answers to version 2").isEqualTo(1);
        assertThat(indices.get("groups").get(0).get("n").asInt()).isEqualTo(700);
        assertThat(indices.get("groups").get(0).get("criteria").findValuesAsText("code")).isEqualTo(V2);
    }

    @Test
    void a_year_over_a_revision_is_compared_over_the_criteria_both_versions_share() {
        for (var groupBy : List.of("unit", "")) {
            var answer = admin.get("/api/v1/compare?questionnaire=REV&period=2025&baseline=2024&groupBy=" + groupBy);
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
            var body = answer.body();
            assertThat(texts(body.get("criteria"))).isEqualTo(SHARED);
            assertThat(body.get("versions").toString()).isEqualTo("[" + v2 + "," + v1 + "]");
            assertThat(body.get("versionsNotMerged").size()).isZero();

            var shared = raw.instruments.get(v2).restrictedTo(SHARED);
            assertThat(shared.criteria()).isEqualTo(SHARED);
            var both = List.of(v1, v2);
            var query = groupBy.isEmpty() ? Map.<String, String>of() : Map.of("groupBy", groupBy);
            var now = raw.groups(with(query, "from", "2025-01-01", "to", "2025-12-31"), both, shared);
            var before = raw.groups(with(query, "from", "2024-01-01", "to", "2024-12-31"), both, shared);
            assertThat(body.get("groups").size()).isEqualTo(now.size());
            for (var g : body.get("groups")) {
                var key = RawResponses.key(RawResponses.groupBy(groupBy), g.get("group"));
                var after = Estimates.of(now.get(key));
                var earlier = Estimates.of(before.get(key));
                assertThat(g.get("n").asLong()).isEqualTo(after.n());
                assertThat(g.get("baselineN").asLong()).isEqualTo(earlier.n());
                assertThat(g.get("suppressed").asBoolean()).isFalse();
                var changes = YearOnYear.indices(earlier.index(), after.index());
                var overall = g.get("overall");
                close(overall.get("delta"), changes.get("overall").delta(), key + " delta");
                close(overall.get("se"), changes.get("overall").se(), key + " se");
                close(overall.get("p"), changes.get("overall").pValue(), key + " p");
                RawResponses.estimate(overall.get("period"), after.index().overall().orElseThrow(), key + " period");
                RawResponses.estimate(overall.get("baseline"), earlier.index().overall().orElseThrow(), key + " baseline");
                var criteria = YearOnYear.criteria(earlier.criteria(), after.criteria());
                assertThat(texts(fieldNames(g.get("criteria")))).isEqualTo(List.copyOf(criteria.keySet()));
                criteria.forEach((code, c) -> close(g.get("criteria").get(code).get("delta"), c.delta(), key + " " + code));
                assertThat(g.get("elements").get("TT").get("delta").asDouble())
                        .isCloseTo(changes.get("TT").delta(), org.assertj.core.api.Assertions.within(1e-9));
            }
        }
        // A2 moved to version 2 and did much better there: a real rise, found over the shared criteria.
        var byUnit = new HashMap<String, JsonNode>();
        admin.get("/api/v1/compare?questionnaire=REV&period=2025&baseline=2024&groupBy=unit").body().get("groups")
                .forEach(g -> byUnit.put(g.get("group").get("unit").get("code").asText(), g));
        assertThat(byUnit.get("A2").get("overall").get("significant").asBoolean()).isTrue();
        assertThat(byUnit.get("A2").get("criteria").has("TT4")).isFalse();
        assertThat(byUnit.get("A2").get("criteria").has("PA4")).isFalse();
    }

    @Test
    void periods_answered_on_one_version_only_compare_all_of_its_criteria() {
        var body = admin.get("/api/v1/compare?questionnaire=REV&period=2024-Q2&baseline=2024-Q1").body();
        assertThat(texts(body.get("criteria"))).isEqualTo(V1);
        assertThat(body.get("versions").toString()).isEqualTo("[" + v1 + "]");
        assertThat(body.get("versionsNotMerged").toString()).isEqualTo("[" + v2 + "]");
        var now = raw.groups(Map.of("from", "2024-04-01", "to", "2024-06-30"), List.of(v1), raw.instruments.get(v1));
        var before = raw.groups(Map.of("from", "2024-01-01", "to", "2024-03-31"), List.of(v1), raw.instruments.get(v1));
        var change = YearOnYear.indices(Estimates.of(before.get("")).index(), Estimates.of(now.get("")).index());
        close(body.get("groups").get(0).get("overall").get("delta"), change.get("overall").delta(), "Q2 vs Q1");
        assertThat(body.get("groups").get(0).get("criteria").has("TT4")).isTrue();
        var later = admin.get("/api/v1/compare?questionnaire=REV&period=2025-Q4&baseline=2025-Q3").body();
        assertThat(texts(later.get("criteria"))).isEqualTo(V2);
    }

    private static List<String> texts(JsonNode array) {
        var out = new java.util.ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode fieldNames(JsonNode object) {
        var array = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
        object.fieldNames().forEachRemaining(array::add);
        return array;
    }

    private static Map<String, String> with(Map<String, String> q, String... pairs) {
        var out = new java.util.LinkedHashMap<>(q);
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
