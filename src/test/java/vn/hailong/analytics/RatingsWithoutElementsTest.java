package vn.hailong.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import vn.hailong.stats.Estimates;
import vn.hailong.survey.Forms;

/**
 * Per-dossier ratings (DOSSIER3: three levels, a reason asked of "Không hài lòng") and one-tap cards (KIOSK: the
 * overall question on five levels) yield the figures of any questionnaire: each API answer checked against a small
 * case computed by hand, and against the statistics core over the raw rows.
 */
class RatingsWithoutElementsTest {
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;

    /** Levels of DG per agency and year; the reasons given by each "Không hài lòng", in order. */
    static final Map<String, int[]> LEVELS = Map.of(
            "A1/2024", new int[] {3, 3, 3, 3, 2, 2, 2, 2, 1, 1},
            "A1/2025", new int[] {3, 3, 3, 3, 3, 3, 2, 2, 2, 1},
            "A2/2024", new int[] {3, 3, 2, 2, 2, 1, 1, 1, 1, 1},
            "A2/2025", new int[] {3, 3, 3, 2, 2, 2, 1, 1, 1, 1});
    static final Map<String, int[]> REASONS = Map.of(
            "A1/2024", new int[] {1, 3},
            "A1/2025", new int[] {1},
            "A2/2024", new int[] {1, 1, 2, 3, 5},
            "A2/2025", new int[] {1, 2, 2, 5});

    @BeforeAll
    static void rateDossiers() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        long p = id(admin.post("/api/v1/units", Map.of("code", "P", "nameVi", "Tỉnh P", "kind", "province")));
        for (var agency : new String[] {"A1", "A2"}) {
            id(admin.post("/api/v1/units", Map.of("code", agency, "nameVi", "Sở " + agency, "kind", "department",
                    "parentId", p)));
        }
        admin.post("/api/v1/service-fields", Map.of("code", "HT", "nameVi", "Hộ tịch"));
        admin.post("/api/v1/service-fields", Map.of("code", "DD", "nameVi", "Đất đai"));
        admin.post("/api/v1/services", Map.of("code", "S1", "nameVi", "Đăng ký khai sinh", "fieldCode", "HT"));
        admin.post("/api/v1/services", Map.of("code", "S2", "nameVi", "Cấp giấy chứng nhận", "fieldCode", "DD"));

        // Service S1 for the first half of each agency-year, S2 for the rest: the dissatisfied split across both.
        var csv = new StringBuilder("response_id,submitted_at,agency_code,channel,service_code,DG,LD\n");
        LEVELS.forEach((key, levels) -> {
            var agency = key.substring(0, 2);
            var year = key.substring(3);
            var reasons = REASONS.get(key);
            int reason = 0;
            for (int r = 0; r < levels.length; r++) {
                csv.append(key.replace('/', '-')).append('-').append(r).append(',').append(year).append("-06-15,")
                        .append(agency).append(",online,").append(r < 5 ? "S1" : "S2").append(',').append(levels[r])
                        .append(',').append(levels[r] == 1 ? String.valueOf(reasons[reason++]) : "").append('\n');
            }
        });
        var imported = admin.send("POST", "/api/v1/imports?questionnaire=DOSSIER3", csv.toString(), "text/csv");
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        assertThat(imported.body().get("imported").asInt()).isEqualTo(40);
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    @Test
    void dossier_ratings_have_an_index_the_share_satisfied_with_its_interval() {
        var answer = admin.get("/api/v1/indices?questionnaire=DOSSIER3&groupBy=unit&from=2025-01-01&to=2025-12-31&minN=5");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        var a1 = group(answer.body().get("groups"), "A1");
        var a2 = group(answer.body().get("groups"), "A2");
        // A1: 9 of 10 satisfied (levels 2 and 3); SE = √(p(1 − p)/(n − 1)).
        assertThat(a1.get("suppressed").asBoolean()).isFalse();
        assertThat(a1.get("index").get("value").asDouble()).isCloseTo(90, within(1e-9));
        assertThat(a1.get("index").get("se").asDouble()).isCloseTo(100 * Math.sqrt(0.09 / 9), within(1e-9));
        assertThat(a2.get("index").get("value").asDouble()).isCloseTo(60, within(1e-9));
        assertThat(a2.get("index").get("se").asDouble()).isCloseTo(100 * Math.sqrt(0.24 / 9), within(1e-9));
        var dg = a1.get("criteria").get(0);
        assertThat(dg.get("code").asText()).isEqualTo("DG");
        assertThat(dg.get("satisfied").asLong()).isEqualTo(9);
        assertThat(dg.get("share").asDouble()).isCloseTo(90, within(1e-9));
        assertThat(dg.get("wilsonLow").asDouble()).isCloseTo(100 * wilson(9, 10)[0], within(1e-9));
        assertThat(dg.get("wilsonHigh").asDouble()).isCloseTo(100 * wilson(9, 10)[1], within(1e-9));
        // Mean score (3 × 6 + 2 × 3 + 1) / 10 = 2.5; on 0–100, 100 (2.5 − 1)/2 = 75.
        assertThat(dg.get("meanScore").asDouble()).isCloseTo(2.5, within(1e-12));
        assertThat(dg.get("score0to100").asDouble()).isCloseTo(75, within(1e-9));

        // Every group equals the statistics core over the raw rows, at min_n 5 and at the default 30 (withheld).
        var raw = RawResponses.read(dsl);
        var form = new Forms(dsl).latest("DOSSIER3").orElseThrow();
        var query = Map.of("groupBy", "unit", "from", "2025-01-01", "to", "2025-12-31");
        var expected = raw.groups(query, List.of(form.versionId()), form.instrument().orElseThrow());
        for (int minN : new int[] {5, 30}) {
            var groups = admin.get("/api/v1/indices?questionnaire=DOSSIER3&groupBy=unit&from=2025-01-01&to=2025-12-31&minN="
                    + minN).body().get("groups");
            assertThat(groups).hasSize(2);
            for (var g : groups) {
                RawResponses.figures(g, Estimates.of(expected.get(RawResponses.key(List.of("unit"), g.get("group")))), minN,
                        "DOSSIER3 " + g.get("group") + " minN " + minN);
            }
        }
        assertThat(admin.get("/api/v1/indices?questionnaire=DOSSIER3&groupBy=unit&from=2025-01-01&to=2025-12-31")
                .body().get("groups").get(0).get("suppressed").asBoolean()).as("10 ratings, min_n 30").isTrue();
    }

    @Test
    void dossier_ratings_compare_rank_trend_and_weight_like_any_index() {
        // Year on year: A1 80 → 90, Δ 10 points, SE √(SE₁² + SE₂²).
        var compare = admin.get("/api/v1/compare?questionnaire=DOSSIER3&period=2025&baseline=2024&groupBy=unit&minN=5");
        assertThat(compare.status()).as(compare.body().toString()).isEqualTo(200);
        var a1 = group(compare.body().get("groups"), "A1").get("overall");
        double se = 100 * Math.sqrt(0.16 / 9 + 0.09 / 9);
        assertThat(a1.get("delta").asDouble()).isCloseTo(10, within(1e-9));
        assertThat(a1.get("se").asDouble()).isCloseTo(se, within(1e-9));
        assertThat(a1.get("z").asDouble()).isCloseTo(10 / se, within(1e-9));
        assertThat(a1.get("significant").asBoolean()).isFalse();

        var rankings = admin.get("/api/v1/rankings?questionnaire=DOSSIER3&by=unit&from=2025-01-01&to=2025-12-31&minN=5");
        assertThat(rankings.status()).isEqualTo(200);
        var ranked = rankings.body().get("ranked");
        assertThat(ranked).hasSize(2);
        assertThat(ranked.get(0).get("group").get("unit").get("code").asText()).isEqualTo("A1");
        // 90 ± 19.6 and 60 ± 32 overlap: a tie, each with its shrunken index between the two.
        assertThat(ranked.get(0).get("tied").asBoolean()).isTrue();
        assertThat(ranked.get(0).get("shrunken").asDouble()).isBetween(60.0, 90.0);

        // The province by year: 13 of 20 satisfied in 2024, 15 of 20 in 2025.
        var trend = admin.get("/api/v1/trend?questionnaire=DOSSIER3&interval=year&unit=P&minN=5");
        assertThat(trend.status()).as(trend.body().toString()).isEqualTo(200);
        var points = trend.body().get("points");
        assertThat(points).hasSize(2);
        assertThat(points.get(0).get("index").get("value").asDouble()).isCloseTo(65, within(1e-9));
        assertThat(points.get(1).get("index").get("value").asDouble()).isCloseTo(75, within(1e-9));

        // Post-stratified by procedure field to dossiers handled: the core's answer over the raw rows.
        var totals = List.of(Map.of("unit", "A1", "year", 2025, "stratum", "HT", "total", 300),
                Map.of("unit", "A1", "year", 2025, "stratum", "DD", "total", 100));
        assertThat(admin.put("/api/v1/population", totals).status()).isEqualTo(200);
        var weighted = admin.get("/api/v1/indices?questionnaire=DOSSIER3&unit=A1&from=2025-01-01&to=2025-12-31&minN=5"
                + "&weighting=poststratified").body().get("groups").get(0);
        var raw = RawResponses.read(dsl);
        var form = new Forms(dsl).latest("DOSSIER3").orElseThrow();
        var stats = raw.groups(Map.of("unit", "A1", "from", "2025-01-01", "to", "2025-12-31"),
                List.of(form.versionId()), form.instrument().orElseThrow()).values().iterator().next();
        var expected = Estimates.postStratified(stats, Map.of("HT", 300.0, "DD", 100.0));
        RawResponses.figures(weighted, expected, 5, "A1 2025 post-stratified");
        // S1 (HT): rows 0–4 all satisfied; S2 (DD): 4 of 5. Weighted 3/4 × 100 + 1/4 × 80 = 95.
        assertThat(weighted.get("index").get("value").asDouble()).isCloseTo(95, within(1e-9));
    }

    @Test
    void reasons_for_not_satisfied_are_shares_of_the_not_satisfied_with_intervals() {
        var answer = admin.get("/api/v1/reasons?questionnaire=DOSSIER3&groupBy=unit&minN=5");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().get("question").asText()).isEqualTo("LD");
        assertThat(answer.body().get("levels").get(0).get("labelVi").asText()).isEqualTo("Trả kết quả trễ hẹn");
        // A2 over both years: 9 not satisfied; reasons 1 ×3, 2 ×3, 3 ×1, 5 ×2.
        var a2 = group(answer.body().get("groups"), "A2");
        assertThat(a2.get("n").asLong()).isEqualTo(20);
        assertThat(a2.get("dissatisfied").asLong()).isEqualTo(9);
        assertThat(a2.get("gaveReason").asLong()).isEqualTo(9);
        long[] counts = new long[5];
        a2.get("reasons").forEach(r -> counts[r.get("level").asInt() - 1] = r.get("count").asLong());
        assertThat(counts).containsExactly(3, 3, 1, 0, 2);
        var first = a2.get("reasons").get(0);
        assertThat(first.get("share").asDouble()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(first.get("low").asDouble()).isCloseTo(100 * wilson(3, 9)[0], within(1e-9));
        assertThat(first.get("high").asDouble()).isCloseTo(100 * wilson(3, 9)[1], within(1e-9));

        // By procedure for A2 in 2025: nobody of S1 was dissatisfied; S2 holds the four reasons 1, 2, 2 and 5.
        var byService = admin.get("/api/v1/reasons?questionnaire=DOSSIER3&groupBy=service&unit=A2&from=2025-01-01"
                + "&to=2025-12-31&minN=1").body().get("groups");
        var s1 = byService.get(0);
        assertThat(s1.get("group").get("service").get("code").asText()).isEqualTo("S1");
        assertThat(s1.get("dissatisfied").asLong()).isZero();
        var s2 = byService.get(1);
        assertThat(s2.get("dissatisfied").asLong()).isEqualTo(4);
        long[] s2Counts = new long[5];
        s2.get("reasons").forEach(r -> s2Counts[r.get("level").asInt() - 1] = r.get("count").asLong());
        assertThat(s2Counts).containsExactly(1, 2, 0, 0, 1);

        // Below min_n only counts; never weighted; a questionnaire that asks no reason is named.
        assertThat(admin.get("/api/v1/reasons?questionnaire=DOSSIER3&groupBy=unit&from=2025-01-01&to=2025-12-31")
                .body().get("groups").get(0).get("suppressed").asBoolean()).isTrue();
        var weighted = admin.get("/api/v1/reasons?questionnaire=DOSSIER3&weighting=poststratified");
        assertThat(weighted.status()).isEqualTo(422);
        assertThat(weighted.body().get("field").asText()).isEqualTo("weighting");
        var sipas = admin.get("/api/v1/reasons?questionnaire=SIPAS");
        assertThat(sipas.status()).isEqualTo(422);
        assertThat(sipas.body().get("field").asText()).isEqualTo("questionnaire");
        var byMonth = admin.get("/api/v1/reasons?questionnaire=DOSSIER3&groupBy=month");
        assertThat(byMonth.status()).isEqualTo(422);
        assertThat(byMonth.body().get("field").asText()).isEqualTo("groupBy");
    }

    @Test
    void downloads_carry_the_same_figures() {
        var csv = new String(admin.download("/api/v1/indices?questionnaire=DOSSIER3&groupBy=unit&from=2025-01-01"
                + "&to=2025-12-31&minN=5&format=csv").body(), StandardCharsets.UTF_8);
        // No name here holds a comma or a quote: the cells split on commas once their quotes are dropped.
        var lines = csv.replace("\"", "").strip().split("\r?\n");
        var header = List.of(lines[0].replace("\uFEFF", "").split(","));
        assertThat(header).contains("index", "index_se");
        var a1 = List.of(lines[1].split(","));
        assertThat(Double.parseDouble(a1.get(header.indexOf("index")))).isCloseTo(90, within(1e-9));
        var reasons = new String(admin.download("/api/v1/reasons?questionnaire=DOSSIER3&groupBy=unit&minN=5&format=csv")
                .body(), StandardCharsets.UTF_8);
        assertThat(reasons).contains("Trả kết quả trễ hẹn").contains("reason_vi");
    }

    @Test
    void one_tap_cards_and_the_mean_score_preset_are_rated_and_analysed_through_the_api() {
        var citizen = ApiClient.anonymous(app);
        int[] taps = {5, 5, 4, 3, 2, 1};
        for (int level : taps) {
            var answers = new LinkedHashMap<String, Object>();
            answers.put("HL", level);
            if (level <= 2) {
                answers.put("PB", 1);
            }
            var created = citizen.post("/api/v1/responses", rating("KIOSK", 1, answers));
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        }
        TestApp.foldRollups(dsl);
        var kiosk = admin.get("/api/v1/indices?questionnaire=KIOSK&unit=A1&minN=2").body().get("groups").get(0);
        // 3 of 6 at levels 4–5.
        assertThat(kiosk.get("index").get("value").asDouble()).isCloseTo(50, within(1e-9));
        assertThat(kiosk.get("index").get("se").asDouble()).isCloseTo(100 * Math.sqrt(0.25 / 5), within(1e-9));
        var problems = admin.get("/api/v1/reasons?questionnaire=KIOSK&unit=A1&minN=2").body();
        assertThat(problems.get("question").asText()).isEqualTo("PB");
        var g = problems.get("groups").get(0);
        assertThat(g.get("dissatisfied").asLong()).isEqualTo(3);
        assertThat(g.get("gaveReason").asLong()).isEqualTo(2);

        // Every preset of the methodology is created, published, rated and analysed.
        var expected = Map.of("SIPAS", 60.0, "SDG16_6_2", 60.0, "IKM", 65.0, "MEAN_SCORE", 55.0, "DOSSIER3", 80.0,
                "KIOSK", 60.0);
        var presets = admin.get("/api/v1/questionnaire-presets").body();
        assertThat(presets.findValuesAsText("code")).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (var preset : presets.findValuesAsText("code")) {
            var code = "P-" + preset;
            var created = admin.post("/api/v1/questionnaires", Map.of("code", code, "nameVi", "Thử " + preset,
                    "preset", preset));
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            long draft = created.body().get("versions").get(0).get("id").asLong();
            var published = admin.post("/api/v1/questionnaire-versions/" + draft + "/publish", "{}");
            assertThat(published.status()).as(preset + " " + published.body()).isEqualTo(200);
            var criteria = admin.get("/api/v1/questionnaire-versions/" + draft).body().get("content").get("criteria");
            for (int r = 0; r < 5; r++) {
                var answers = new LinkedHashMap<String, Object>();
                for (var c : criteria) {
                    var kind = c.get("kind").asText();
                    if (kind.equals("rating") || kind.equals("overall")) {
                        answers.put(c.get("code").asText(), PATTERN.get(c.get("scale").asText())[r]);
                    } else if (kind.equals("reason") && PATTERN.get(c.get("scale").asText()) == null
                            && answers.containsValue(1)) {
                        answers.put(c.get("code").asText(), 5);
                    }
                }
                var rated = citizen.post("/api/v1/responses", rating(code, 1, answers));
                assertThat(rated.status()).as(preset + " " + rated.body()).isEqualTo(201);
            }
            TestApp.foldRollups(dsl);
            var figures = admin.get("/api/v1/indices?questionnaire=" + code + "&minN=2");
            assertThat(figures.status()).as(preset + " " + figures.body()).isEqualTo(200);
            var index = figures.body().get("groups").get(0).get("index");
            assertThat(index.get("value").asDouble()).as(preset).isCloseTo(expected.get(preset), within(1e-9));
        }
    }

    /**
     * Five ratings per scale: satisfied (top two levels) 3 of 5 on 5 and 4 levels, 4 of 5 on 3 levels. On 5 levels the
     * mean score is (1 + .75 + .75 + .25 + 0)/5 = 55 %; IKM on 4 levels averages level/4: (1 + .75 + .75 + .5 + .25)/5.
     */
    static final Map<String, int[]> PATTERN = Map.of(
            "SAT5", new int[] {5, 4, 4, 2, 1},
            "SAT4", new int[] {4, 3, 3, 2, 1},
            "QUALITY4", new int[] {4, 3, 3, 2, 1},
            "DOSSIER3", new int[] {3, 2, 2, 2, 1});

    static Map<String, Object> rating(String questionnaire, int version, Map<String, Object> answers) {
        var body = new LinkedHashMap<String, Object>();
        body.put("submissionId", UUID.randomUUID().toString());
        body.put("questionnaire", questionnaire);
        body.put("version", version);
        body.put("agency", "A1");
        body.put("channel", "qr");
        body.put("answers", answers);
        return body;
    }

    /** The group of a unit, by its code. */
    static JsonNode group(JsonNode groups, String unit) {
        var found = new ArrayList<JsonNode>();
        groups.forEach(g -> {
            if (g.get("group").get("unit").get("code").asText().equals(unit)) {
                found.add(g);
            }
        });
        assertThat(found).as("group of " + unit).hasSize(1);
        return found.get(0);
    }

    /** The 95% Wilson interval of k of n, written out here apart from the product's code. */
    static double[] wilson(long k, long n) {
        double p = (double) k / n;
        double z = 1.959963984540054;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return new double[] {centre - half, centre + half};
    }

    private static long id(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().get("id").asLong();
    }
}
