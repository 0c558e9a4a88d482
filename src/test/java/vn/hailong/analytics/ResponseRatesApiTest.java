package vn.hailong.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;

/** Response rates and coverage of the hand-computed case of {@link ResponseRatesCase}, through the API. */
class ResponseRatesApiTest {
    static final String QUARTER = "from=2025-01-01&to=2025-03-31";
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;

    @BeforeAll
    static void plant() {
        app = TestApp.start();
        dsl = app.dsl();
        ResponseRatesCase.plant(dsl);
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    @Test
    void each_unit_has_its_invitations_ratings_response_rate_with_wilson_interval_and_coverage() {
        var answer = admin.get("/api/v1/response-rates?groupBy=unit&" + QUARTER);
        assertThat(answer.status()).isEqualTo(200);
        var units = by(answer.body().get("groups"), "unit");
        assertThat(units.keySet()).as("a unit with nothing to count is left out").containsExactlyInAnyOrder("A", "A1", "B");

        var a = units.get("A");
        assertCounts(a, 15, 5, 35);
        assertRate(a, 5, 15);
        assertCoverage(a, 300, 33, 11.0); // March has no count for A: its 2 March ratings are left out of coverage
        assertThat(a.get("cautions")).isEmpty();

        var a1 = units.get("A1");
        assertCounts(a1, 6, 3, 3);
        assertRate(a1, 3, 6);
        assertCoverage(a1, 30, 3, 10.0); // from its dossier rows: no monthly count was sent
        assertThat(texts(a1.get("cautions"))).containsExactly("FEW_RATINGS");

        var b = units.get("B");
        assertCounts(b, 20, 12, 20);
        // R: prop.test(12, 20, correct = FALSE)$conf.int = 0.3865815 0.7811935
        assertThat(b.get("responseRate").get("value").asDouble()).isCloseTo(60.0, within(1e-9));
        assertThat(b.get("responseRate").get("low").asDouble()).isCloseTo(38.65815007622532, within(1e-9));
        assertThat(b.get("responseRate").get("high").asDouble()).isCloseTo(78.1193467627183, within(1e-9));
        assertCoverage(b, 1500, 20, 100.0 * 20 / 1500);
        assertThat(texts(b.get("cautions"))).containsExactly("FEW_RATINGS", "LOW_COVERAGE");

        var total = answer.body().get("total");
        assertCounts(total, 41, 20, 58);
        // R: prop.test(20, 41, correct = FALSE)$conf.int = 0.3425443 0.6351549
        assertThat(total.get("responseRate").get("low").asDouble()).isCloseTo(34.254429554432676, within(1e-9));
        assertThat(total.get("responseRate").get("high").asDouble()).isCloseTo(63.51549134845619, within(1e-9));
        assertRate(total, 20, 41);
        assertCoverage(total, 1830, 56, 100.0 * 56 / 1830);
        assertThat(answer.body().get("minN").asInt()).isEqualTo(30);
        assertThat(answer.body().get("minCoverage").asDouble()).isEqualTo(5.0);
    }

    @Test
    void a_unit_filter_sums_its_subtree() {
        var body = admin.get("/api/v1/response-rates?unit=A&" + QUARTER).body();
        var all = body.get("groups").get(0);
        assertCounts(all, 21, 8, 38);
        assertRate(all, 8, 21);
        assertCoverage(all, 330, 36, 100.0 * 36 / 330);
        assertThat(body.get("total").get("invitations").asLong()).isEqualTo(21);
        assertThat(admin.get("/api/v1/response-rates?unit=P&" + QUARTER).body().get("total").get("invitations").asLong())
                .isEqualTo(41);
    }

    @Test
    void services_and_centres_are_covered_by_the_dossier_rows_that_name_them() {
        var services = by(admin.get("/api/v1/response-rates?groupBy=service&" + QUARTER).body().get("groups"), "service");
        assertCounts(services.get("S1"), 16, 7, 33);
        assertCoverage(services.get("S1"), 30, 3, 10.0);
        assertCounts(services.get("S2"), 25, 13, 25);
        assertThat(services.get("S2").has("coverage")).isFalse();
        assertThat(services.get("S2").get("coverageAbsent").asText()).isEqualTo("NO_DOSSIER_COUNTS");

        var centres = by(admin.get("/api/v1/response-rates?groupBy=centre&" + QUARTER).body().get("groups"), "centre");
        assertCounts(centres.get("CA"), 21, 8, 38);
        assertCoverage(centres.get("CA"), 30, 3, 10.0);
        assertThat(centres.get("CB").get("coverageAbsent").asText()).isEqualTo("NO_DOSSIER_COUNTS");
    }

    @Test
    void channels_have_rates_but_no_coverage_because_dossiers_are_not_counted_by_channel() {
        var groups = admin.get("/api/v1/response-rates?groupBy=channel&" + QUARTER).body().get("groups");
        var channels = new HashMap<String, JsonNode>();
        groups.forEach(g -> channels.put(g.get("group").get("channel").asText(), g));
        assertCounts(channels.get("qr"), 16, 7, 33);
        assertCounts(channels.get("web"), 25, 13, 17);
        assertCounts(channels.get("kiosk"), 0, 0, 8);
        assertThat(channels.get("kiosk").has("responseRate")).as("no invitation, no rate").isFalse();
        groups.forEach(g -> assertThat(g.get("coverageAbsent").asText()).isEqualTo("BY_CHANNEL"));
        assertThat(admin.get("/api/v1/response-rates?channel=qr&" + QUARTER).body().get("total").get("coverageAbsent")
                .asText()).isEqualTo("BY_CHANNEL");
    }

    @Test
    void months_split_the_counts_and_a_month_without_dossier_counts_has_no_coverage() {
        var groups = admin.get("/api/v1/response-rates?groupBy=unit,month&" + QUARTER).body().get("groups");
        var found = new HashMap<String, JsonNode>();
        groups.forEach(g -> found.put(g.get("group").get("unit").get("code").asText() + " "
                + g.get("group").get("month").asText(), g));
        assertCounts(found.get("A 2025-01"), 10, 4, 30);
        assertCoverage(found.get("A 2025-01"), 200, 30, 15.0);
        assertCounts(found.get("A 2025-03"), 0, 0, 2);
        assertThat(found.get("A 2025-03").get("coverageAbsent").asText()).isEqualTo("NO_DOSSIER_COUNTS");
    }

    @Test
    void ratings_can_be_those_of_one_questionnaire() {
        var units = by(admin.get("/api/v1/response-rates?groupBy=unit&questionnaire=DOSSIER3&" + QUARTER).body()
                .get("groups"), "unit");
        assertCounts(units.get("B"), 20, 12, 12);
        assertCoverage(units.get("B"), 1500, 12, 0.8);
    }

    @Test
    void the_period_is_counted_in_vietnam_time() {
        var newYear = admin.get("/api/v1/response-rates?from=2025-01-01&to=2025-01-01").body().get("total");
        assertThat(newYear.get("invitations").asLong()).as("made at 00:10 on 1 January in Vietnam").isEqualTo(1);
        var newYearsEve = admin.get("/api/v1/response-rates?from=2024-12-31&to=2024-12-31").body().get("total");
        assertThat(newYearsEve.get("invitations").asLong()).as("made at 23:30 on 31 December in Vietnam").isEqualTo(1);
        var april = admin.get("/api/v1/response-rates?from=2025-04-01&to=2025-04-30").body().get("total");
        assertCounts(april, 1, 0, 1);
        var lastDay = by(admin.get("/api/v1/response-rates?groupBy=unit&from=2025-03-31&to=2025-03-31").body()
                .get("groups"), "unit");
        assertThat(lastDay.get("A").get("ratings").asLong()).as("received at 23:50 on 31 March").isEqualTo(1);
        assertThat(lastDay.get("A").get("coverageAbsent").asText()).isEqualTo("PERIOD_NOT_WHOLE_MONTHS");
    }

    @Test
    void the_thresholds_of_the_flags_can_be_asked_for() {
        var units = by(admin.get("/api/v1/response-rates?groupBy=unit&minN=3&minCoverage=10.5&" + QUARTER).body()
                .get("groups"), "unit");
        assertThat(units.get("A").get("cautions")).isEmpty();
        assertThat(texts(units.get("A1").get("cautions"))).containsExactly("LOW_COVERAGE");
        assertThat(texts(units.get("B").get("cautions"))).containsExactly("LOW_COVERAGE");
    }

    @Test
    void an_agency_manager_sees_only_its_subtree() {
        long a = TestApp.one(dsl, "select id from unit where code = 'A'", Long.class);
        admin.post("/api/v1/users", Map.of("username", "quanly-a", "displayName", "Quản lý A",
                "password", "manager-password-1", "role", "agency_manager", "unitId", a));
        var manager = ApiClient.signIn(app, "quanly-a", "manager-password-1");
        var body = manager.get("/api/v1/response-rates?groupBy=unit&" + QUARTER).body();
        assertThat(by(body.get("groups"), "unit").keySet()).containsExactlyInAnyOrder("A", "A1");
        assertCounts(body.get("total"), 21, 8, 38);
        assertThat(manager.get("/api/v1/response-rates?unit=B&" + QUARTER).status()).isEqualTo(404);
        assertThat(manager.get("/api/v1/response-rates?centre=CB&" + QUARTER).status()).isEqualTo(404);
    }

    @Test
    void hostile_parameters_get_a_4xx_naming_the_field() {
        var cases = Map.of(
                "groupBy=unit,service", "groupBy",
                "groupBy=quarter", "groupBy",
                "groupBy=year,month", "groupBy",
                "minCoverage=abc", "minCoverage",
                "minCoverage=101", "minCoverage",
                "minN=0", "minN",
                "from=2025-02-30", "from",
                "from=2025-03-01&to=2025-02-01", "to",
                "weighting=poststratified", "weighting",
                "questionnaire=%3Cscript%3E", "questionnaire");
        cases.forEach((query, field) -> {
            var answer = admin.get("/api/v1/response-rates?" + query);
            assertThat(answer.status()).as(query).isBetween(400, 499);
            assertThat(answer.body().get("field").asText()).as(query).isEqualTo(field);
        });
        assertThat(admin.get("/api/v1/response-rates?format=pdf").body().get("field").asText()).isEqualTo("format");
        assertThat(admin.get("/api/v1/response-rates?unit=%27%3B%20drop%20table%20unit").status()).isEqualTo(404);
        assertThat(ApiClient.anonymous(app).get("/api/v1/response-rates").status()).isEqualTo(401);
    }

    @Test
    void csv_and_xlsx_downloads_hold_the_same_figures() throws Exception {
        var csv = admin.download("/api/v1/response-rates?groupBy=unit&format=csv&" + QUARTER);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("response-rates_2025-01-01_2025-03-31.csv");
        var rows = CSVFormat.DEFAULT.parse(new StringReader(new String(csv.body(), StandardCharsets.UTF_8)
                .replace("\uFEFF", ""))).getRecords();
        assertThat(rows.get(0).toList()).containsExactly("unit_code", "unit_name_vi", "unit_name_en", "invitations",
                "rated", "response_rate", "response_rate_low", "response_rate_high", "ratings", "dossiers_handled",
                "ratings_counted", "coverage", "coverage_absent", "cautions");
        var b = rows.stream().filter(r -> r.get(0).equals("B")).findFirst().orElseThrow().toList();
        assertThat(b.subList(1, 5)).containsExactly("Sở Công Thương Thử", "Test Department of Industry", "20", "12");
        assertThat(Double.parseDouble(b.get(6))).isCloseTo(38.65815007622532, within(1e-9));
        assertThat(b.subList(8, 14)).containsExactly("20", "1500", "20", String.valueOf(100.0 * 20 / 1500), "",
                "FEW_RATINGS LOW_COVERAGE");
        var xlsx = admin.download("/api/v1/response-rates?groupBy=service&format=xlsx&" + QUARTER);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElseThrow()).contains("spreadsheetml");
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
    }

    /** The Wilson interval, found independently as the roots of (p̂ − p)² = z² p (1 − p) / n. */
    private static void assertRate(JsonNode row, long k, long n) {
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(0.975);
        double p = (double) k / n;
        double a = 1 + z * z / n;
        double b = -(2 * p + z * z / n);
        double d = Math.sqrt(b * b - 4 * a * p * p);
        var rate = row.get("responseRate");
        assertThat(rate.get("value").asDouble()).isCloseTo(100 * p, within(1e-9));
        assertThat(rate.get("low").asDouble()).isCloseTo(100 * (-b - d) / (2 * a), within(1e-9));
        assertThat(rate.get("high").asDouble()).isCloseTo(100 * (-b + d) / (2 * a), within(1e-9));
    }

    private static void assertCounts(JsonNode row, long invitations, long rated, long ratings) {
        assertThat(row.get("invitations").asLong()).as("invitations").isEqualTo(invitations);
        assertThat(row.get("rated").asLong()).as("rated").isEqualTo(rated);
        assertThat(row.get("ratings").asLong()).as("ratings").isEqualTo(ratings);
    }

    private static void assertCoverage(JsonNode row, long handled, long ratings, double percent) {
        var coverage = row.get("coverage");
        assertThat(coverage).as("coverage of %s", row).isNotNull();
        assertThat(coverage.get("dossiersHandled").asLong()).isEqualTo(handled);
        assertThat(coverage.get("ratings").asLong()).isEqualTo(ratings);
        assertThat(coverage.get("value").asDouble()).isCloseTo(percent, within(1e-9));
        assertThat(row.has("coverageAbsent")).isFalse();
    }

    private static Map<String, JsonNode> by(JsonNode groups, String dimension) {
        var found = new HashMap<String, JsonNode>();
        groups.forEach(g -> found.put(g.get("group").get(dimension).get("code").asText(), g));
        return found;
    }

    private static List<String> texts(JsonNode array) {
        var list = new java.util.ArrayList<String>();
        array.forEach(x -> list.add(x.asText()));
        return list;
    }
}
