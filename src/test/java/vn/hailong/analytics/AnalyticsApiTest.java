package vn.hailong.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.FileReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.Vietnam;
import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.analyze.ResponsesCsv;
import vn.hailong.rollup.RollupStore;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.survey.Forms;

/** The reference vectors reach the API: responses in, rollups rebuilt, indices out equal to R's. */
class AnalyticsApiTest {
    static final Path VECTORS = ReferenceIndices.VECTORS;
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;

    @BeforeAll
    static void loadTheVectors() throws Exception {
        app = TestApp.start();
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        var province = admin.post("/api/v1/units", Map.of("code", "P", "nameVi", "Tỉnh", "kind", "province"))
                .body().get("id").asLong();
        for (var code : new String[] {"AG01", "AG02", "AG03"}) {
            admin.post("/api/v1/units", Map.of("code", code, "nameVi", "Cơ quan " + code, "kind", "department",
                    "parentId", province));
        }
        var form = new Forms(dsl).latest("SIPAS").orElseThrow();
        var rows = new ResponsesCsv(Instrument.sipas()).read(VECTORS.resolve("responses.csv"));
        for (var row : rows) {
            var answers = new Short[form.size()];
            row.answers().forEach((code, level) -> answers[form.questions().get(code).position() - 1] = level.shortValue());
            dsl.execute("insert into response (agency_id, submitted_at, questionnaire_version_id, channel, stratum,"
                    + " external_id, answers) select id, {0}, {1}, {2}, {3}, {4}, {5} from unit where code = {6}",
                    row.submittedAt().atTime(LocalTime.NOON).atZone(Vietnam.ZONE).toOffsetDateTime(),
                    form.versionId(), row.channel(), row.stratum(), row.responseId(), answers, row.agencyCode());
        }
        dsl.transaction(trx -> RollupStore.rebuild(trx.dsl(), new Forms(trx.dsl()), LocalDate.of(2024, 1, 1),
                LocalDate.of(2026, 1, 1), read -> { }));
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    @Test
    void indices_by_unit_and_year_and_by_year_reproduce_the_reference_results() {
        assertThat(ReferenceIndices.assertReproduced(admin)).isEqualTo(8);
    }

    @Test
    void year_on_year_changes_reproduce_the_reference_results_and_are_flagged_after_bh() throws Exception {
        var byUnit = admin.get("/api/v1/compare?period=2025&baseline=2024&groupBy=unit").body().get("groups");
        var all = admin.get("/api/v1/compare?period=2025&baseline=2024").body().get("groups");
        var found = new HashMap<String, JsonNode>();
        byUnit.forEach(g -> found.put(g.get("group").get("unit").get("code").asText(), g));
        found.put("ALL", all.get(0));
        int compared = 0;
        try (var reader = new FileReader(VECTORS.resolve("expected_yoy.csv").toFile(), StandardCharsets.UTF_8)) {
            for (var expected : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                if (!expected.get("weighting").equals("none")) {
                    continue;
                }
                var key = expected.get("agency");
                var overall = found.get(key).get("overall");
                close(overall.get("delta"), expected.get("delta"), key);
                close(overall.get("se"), expected.get("se"), key);
                close(overall.get("z"), expected.get("z"), key);
                close(overall.get("p"), expected.get("p_value"), key);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(4);
        // Three agencies compared together: none of these changes survives Benjamini–Hochberg.
        byUnit.forEach(g -> assertThat(g.get("overall").get("significant").asBoolean()).isFalse());
        assertThat(byUnit.get(0).get("criteria").size()).isEqualTo(17);
        assertThat(admin.get("/api/v1/compare?period=2025&baseline=someday").body().get("field").asText())
                .isEqualTo("baseline");
        assertThat(admin.get("/api/v1/compare?period=2025&baseline=2024&groupBy=month").body().get("field").asText())
                .isEqualTo("groupBy");
        assertThat(admin.get("/api/v1/compare?period=2025-Q1&baseline=2024-Q1&groupBy=unit").body().get("groups")
                .get(0).get("suppressed").asBoolean()).as("a quarter of one agency is below min_n").isTrue();
    }

    @Test
    void drivers_and_reliability_reproduce_the_reference_results() throws Exception {
        for (int year : new int[] {2024, 2025}) {
            var range = "?from=" + year + "-01-01&to=" + year + "-12-31";
            var drivers = new HashMap<String, JsonNode>();
            admin.get("/api/v1/drivers" + range).body().forEach(d -> drivers.put(d.get("criterion").asText(), d));
            var alphas = new HashMap<String, JsonNode>();
            admin.get("/api/v1/reliability" + range).body().forEach(a -> alphas.put(a.get("element").asText(), a));
            try (var reader = new FileReader(VECTORS.resolve("expected_drivers.csv").toFile(), StandardCharsets.UTF_8)) {
                for (var e : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                    if (Integer.parseInt(e.get("year")) == year) {
                        close(drivers.get(e.get("criterion")).get("r"), e.get("pearson_r_with_HL"), year + " " + e.get("criterion"));
                    }
                }
            }
            // Each r with its Fisher interval; a quadrant is determined only when neither interval holds its line.
            for (var d : drivers.values()) {
                double r = d.get("r").asDouble();
                double half = 1.959963984540054 / Math.sqrt(d.get("n").asLong() - 3);
                double z = 0.5 * Math.log((1 + r) / (1 - r));
                assertThat(d.get("rLow").asDouble()).isCloseTo(Math.tanh(z - half), org.assertj.core.api.Assertions.within(1e-12));
                assertThat(d.get("rHigh").asDouble()).isCloseTo(Math.tanh(z + half), org.assertj.core.api.Assertions.within(1e-12));
                assertThat(d.get("performanceLow").asDouble()).isLessThanOrEqualTo(d.get("performance").asDouble());
                assertThat(d.get("performanceHigh").asDouble()).isGreaterThanOrEqualTo(d.get("performance").asDouble());
                double importanceLine = d.get("importanceLine").asDouble();
                double performanceLine = d.get("performanceLine").asDouble();
                boolean apart = (importanceLine < d.get("rLow").asDouble() || importanceLine > d.get("rHigh").asDouble())
                        && (performanceLine < d.get("performanceLow").asDouble() || performanceLine > d.get("performanceHigh").asDouble());
                assertThat(d.get("determined").asBoolean()).as(d.get("criterion").asText()).isEqualTo(apart);
            }
            try (var reader = new FileReader(VECTORS.resolve("expected_alpha.csv").toFile(), StandardCharsets.UTF_8)) {
                for (var e : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                    if (Integer.parseInt(e.get("year")) == year) {
                        var alpha = alphas.get(e.get("element"));
                        assertThat(alpha.get("nComplete").asLong()).isEqualTo(Long.parseLong(e.get("n_complete")));
                        close(alpha.get("alpha"), e.get("cronbach_alpha"), year + " " + e.get("element"));
                    }
                }
            }
        }
    }

    @Test
    void rankings_tie_overlapping_intervals_and_the_trend_follows_the_periods() {
        var rankings = admin.get("/api/v1/rankings?by=unit&from=2025-01-01&to=2025-12-31").body();
        var ranked = rankings.get("ranked");
        assertThat(ranked.size()).isEqualTo(3);
        // 66.6 ± 6.9, 68.4 ± 8.3, 63.6 ± 7.2: every interval overlaps its neighbour's.
        assertThat(ranked.get(0).get("group").get("unit").get("code").asText()).isEqualTo("AG02");
        ranked.forEach(r -> assertThat(r.get("tied").asBoolean()).isTrue());
        ranked.forEach(r -> assertThat(r.get("shrunken").asDouble()).isBetween(60.0, 70.0));
        var trend = admin.get("/api/v1/trend?interval=year").body().get("points");
        assertThat(trend.size()).isEqualTo(2);
        assertThat(trend.get(0).get("group").get("year").asInt()).isEqualTo(2024);
        close(trend.get(1).get("index").get("value"), "65.9900769484316", "2025");
        assertThat(admin.get("/api/v1/trend?interval=week").body().get("field").asText()).isEqualTo("interval");
        assertThat(admin.get("/api/v1/rankings?by=channel").body().get("field").asText()).isEqualTo("by");
        var quarters = admin.get("/api/v1/trend?interval=quarter&unit=AG01").body().get("points");
        assertThat(quarters.size()).isEqualTo(8);
        assertThat(quarters.get(0).get("suppressed").asBoolean()).isTrue();
    }

    @Test
    void the_distribution_counts_each_level_as_the_reference_criteria_do() throws Exception {
        var groups = admin.get("/api/v1/distribution?groupBy=unit,year").body().get("groups");
        var found = new HashMap<String, JsonNode>();
        groups.forEach(g -> g.get("criteria").forEach(c -> found.put(g.get("group").get("year").asInt() + "|"
                + g.get("group").get("unit").get("code").asText() + "|" + c.get("code").asText(), c)));
        int compared = 0;
        try (var reader = new FileReader(VECTORS.resolve("expected_criteria.csv").toFile(), StandardCharsets.UTF_8)) {
            for (var e : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                var c = found.get(e.get("year") + "|" + e.get("agency") + "|" + e.get("criterion"));
                if (c == null) {
                    continue; // the ALL rows
                }
                var counts = c.get("counts");
                assertThat(c.get("answered").asLong()).isEqualTo(Long.parseLong(e.get("n_valid")));
                assertThat(counts.get(3).asLong() + counts.get(4).asLong()).isEqualTo(Long.parseLong(e.get("satisfied")));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(3 * 2 * 17); // three agencies, two years, 16 criteria and HL
    }

    @Test
    void post_stratified_indices_reproduce_the_reference_results() throws Exception {
        var totals = new java.util.ArrayList<Map<String, Object>>();
        try (var reader = new FileReader(VECTORS.resolve("population.csv").toFile(), StandardCharsets.UTF_8)) {
            for (var p : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                totals.add(Map.of("unit", "P", "year", Integer.parseInt(p.get("year")), "stratum", p.get("stratum"),
                        "total", Integer.parseInt(p.get("population"))));
            }
        }
        var bad = new java.util.ArrayList<Object>(totals);
        bad.add(Map.of("unit", "NOPE", "year", 2024, "stratum", "HT", "total", -1));
        var refused = admin.put("/api/v1/population", bad);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("errors").findValuesAsText("field")).containsExactly("[8].unit", "[8].total");
        assertThat(TestApp.one(dsl, "select count(*) from population_total", Long.class)).isZero();
        assertThat(admin.put("/api/v1/population", totals).body().get("stored").asInt()).isEqualTo(8);

        var byYear = admin.get("/api/v1/indices?groupBy=year&weighting=poststratified").body().get("groups");
        int compared = 0;
        try (var reader = new FileReader(VECTORS.resolve("expected_indices.csv").toFile(), StandardCharsets.UTF_8)) {
            for (var e : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                if (!e.get("weighting").equals("poststratified")) {
                    continue;
                }
                JsonNode group = null;
                for (var g : byYear) {
                    if (g.get("group").get("year").asText().equals(e.get("year"))) {
                        group = g;
                    }
                }
                var key = e.get("year") + " poststratified";
                close(group.get("index").get("value"), e.get("index"), key);
                close(group.get("index").get("se"), e.get("se"), key);
                close(group.get("index").get("low"), e.get("ci_low"), key);
                close(group.get("elements").get("TC").get("value"), e.get("E_TC"), key);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(2);
        var yoy = admin.get("/api/v1/compare?period=2025&baseline=2024&weighting=poststratified").body()
                .get("groups").get(0).get("overall");
        try (var reader = new FileReader(VECTORS.resolve("expected_yoy.csv").toFile(), StandardCharsets.UTF_8)) {
            for (var e : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                if (e.get("weighting").equals("poststratified")) {
                    close(yoy.get("delta"), e.get("delta"), "yoy poststratified");
                    close(yoy.get("se"), e.get("se"), "yoy poststratified");
                    close(yoy.get("p"), e.get("p_value"), "yoy poststratified");
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(3);
        var byUnit = admin.get("/api/v1/indices?groupBy=unit&weighting=poststratified").body().get("groups");
        assertThat(byUnit.get(0).get("weightingUnavailable").asText()).startsWith("no population total for stratum");
        assertThat(admin.get("/api/v1/indices?weighting=heavy").body().get("field").asText()).isEqualTo("weighting");
    }

    @Test
    void comments_are_newest_first_searchable_and_within_scope() {
        dsl.execute("update response set comment = 'Cán bộ rất tận tình' where external_id = 'R000001'");
        dsl.execute("update response set comment = 'Phải chờ quá lâu' where external_id = 'R000003'");
        var all = admin.get("/api/v1/comments").body();
        assertThat(all.get("comments").findValuesAsText("comment")).containsExactly("Phải chờ quá lâu", "Cán bộ rất tận tình");
        assertThat(admin.get("/api/v1/comments?q=CH%E1%BB%9C").body().get("comments").size()).isEqualTo(1);
        var agency = TestApp.one(dsl, "select u.code from response r join unit u on u.id = r.agency_id"
                + " where r.external_id = 'R000003'", String.class);
        admin.post("/api/v1/users", Map.of("username", "other-manager", "password", "manager-password",
                "role", "agency_manager", "unitId", TestApp.one(dsl, "select id from unit where code = {0}", Long.class,
                        agency.equals("AG01") ? "AG02" : "AG01")));
        var manager = ApiClient.signIn(app, "other-manager", "manager-password");
        assertThat(manager.get("/api/v1/comments").body().get("comments").toString()).doesNotContain("chờ quá lâu");
    }

    @Test
    void figures_from_rollups_equal_the_statistics_core_over_the_raw_responses() throws Exception {
        var groups = admin.get("/api/v1/indices?groupBy=channel&from=2025-01-01&to=2025-12-31").body().get("groups");
        var rows = new ResponsesCsv(Instrument.sipas()).read(VECTORS.resolve("responses.csv"));
        var raw = new HashMap<String, SufficientStatistics.Builder>();
        rows.stream().filter(r -> r.year() == 2025).forEach(r -> raw.computeIfAbsent(r.channel(),
                c -> SufficientStatistics.builder(Instrument.sipas())).add(r.toResponse(Instrument.sipas())));
        assertThat(groups.size()).isEqualTo(raw.size());
        for (var g : groups) {
            var channel = g.get("group").get("channel").asText();
            var expected = Estimates.of(raw.get(channel).build());
            assertThat(g.get("index").get("value").asDouble())
                    .isCloseTo(expected.index().overall().orElseThrow().value(), within(1e-9));
            assertThat(g.get("criteria").get(0).get("wilsonLow").asDouble())
                    .isCloseTo(expected.criteria().get(0).wilsonLow(), within(1e-9));
        }
    }

    @Test
    void small_groups_are_suppressed_and_an_agency_manager_sees_only_its_own_units() {
        var small = admin.get("/api/v1/indices?groupBy=unit,month&unit=AG01&from=2025-01-01&to=2025-03-31").body();
        assertThat(small.get("groups").size()).isPositive();
        small.get("groups").forEach(g -> {
            assertThat(g.get("suppressed").asBoolean()).isTrue();
            assertThat(g.has("index")).isFalse();
            assertThat(g.get("n").asInt()).isPositive().isLessThan(30);
        });
        admin.post("/api/v1/users", Map.of("username", "ag02", "password", "manager-password", "role", "agency_manager",
                "unitId", TestApp.one(dsl, "select id from unit where code = 'AG02'", Long.class)));
        var manager = ApiClient.signIn(app, "ag02", "manager-password");
        var mine = manager.get("/api/v1/indices?groupBy=unit").body().get("groups");
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.get(0).get("group").get("unit").get("code").asText()).isEqualTo("AG02");
        assertThat(manager.get("/api/v1/indices?unit=AG01").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/indices?groupBy=colour").body().get("field").asText()).isEqualTo("groupBy");
        assertThat(admin.get("/api/v1/indices?from=soon").body().get("field").asText()).isEqualTo("from");
        var rollups = admin.get("/api/v1/rankings?rollups=weekly");
        assertThat(rollups.status()).isEqualTo(422);
        assertThat(rollups.body().get("field").asText()).isEqualTo("rollups");
        assertThat(ApiClient.anonymous(app).get("/api/v1/indices").status()).isEqualTo(401);
    }

    private static void close(JsonNode actual, String expected, String what) {
        ReferenceIndices.close(actual, expected, what);
    }
}
