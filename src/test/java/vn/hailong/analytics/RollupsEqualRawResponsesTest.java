package vn.hailong.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.analytics.RawResponses.assertRanked;
import static vn.hailong.analytics.RawResponses.change;
import static vn.hailong.analytics.RawResponses.flagged;
import static vn.hailong.analytics.RawResponses.query;
import static vn.hailong.analytics.RawResponses.with;
import static vn.hailong.analytics.RawResponses.close;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.stats.Comparison;
import vn.hailong.stats.Drivers;
import vn.hailong.stats.Estimate;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.Rankings;
import vn.hailong.stats.Reliability;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.stats.YearOnYear;

/**
 * Rollups equal raw recomputation: random responses go in the ways they do in production (an imported file, ratings
 * submitted one by one), and every figure the analytics API gives, for every filter and grouping, equals the
 * statistics core run over the raw response rows ({@link RawResponses}).
 */
class RollupsEqualRawResponsesTest {
    static final String[] CRITERIA = {"TC1", "TC2", "TC3", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3", "KQ1",
            "KQ2", "KQ3", "PA1", "PA2", "PA3", "HL"};
    /** Agencies with responses: the province itself, departments, their offices, and a second province. */
    static final String[] AGENCIES = {"P", "D1", "O1", "O2", "D2", "Q", "Q1"};
    static final String[] SERVICES = {"S1", "S2", "S3", "S4"};
    static final String[] CHANNELS = {"kiosk", "qr", "web", "interview"};
    static final String[] WORDS = {"Chờ lâu quá", "Cán bộ tận tình", "chờ đợi ở quầy", "Thủ tục rõ ràng", "Phí cao"};

    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static RawResponses raw;
    static Instrument sipas;
    static List<Long> sipasVersions;
    static final List<RawResponses.Total> totals = new ArrayList<>();
    static int submittedWithCentre;

    @BeforeAll
    static void fillWithRandomResponses() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        long p = unit("P", "province", null);
        long d1 = unit("D1", "department", p);
        unit("O1", "commune", d1);
        unit("O2", "commune", d1);
        long d2 = unit("D2", "department", p);
        long q = unit("Q", "province", null);
        unit("Q1", "department", q);
        for (var field : new String[] {"HT", "DD", "XD"}) {
            ok(admin.post("/api/v1/service-fields", Map.of("code", field, "nameVi", "Lĩnh vực " + field)));
        }
        var fields = Map.of("S1", "HT", "S2", "DD", "S3", "XD", "S4", "HT");
        fields.forEach((code, field) -> ok(admin.post("/api/v1/services", Map.of("code", code, "nameVi", "Thủ tục " + code,
                "fieldCode", field))));
        ok(admin.post("/api/v1/centres", Map.of("code", "C1", "unitId", d1, "nameVi", "Một cửa D1")));
        ok(admin.post("/api/v1/centres", Map.of("code", "C2", "unitId", d2, "nameVi", "Một cửa D2")));

        var random = new Random(20261205);
        var csv = new StringBuilder("response_id,submitted_at,agency_code,channel,service_code,comment,"
                + String.join(",", CRITERIA) + "\n");
        var first = LocalDate.of(2023, 1, 1);
        for (int i = 0; i < 3000; i++) {
            var agency = AGENCIES[random.nextInt(AGENCIES.length)];
            var day = first.plusDays(random.nextInt(3 * 365));
            csv.append("R").append(i).append(',').append(day).append(',').append(agency).append(',')
                    .append(CHANNELS[random.nextInt(CHANNELS.length)]).append(',')
                    .append(SERVICES[random.nextInt(SERVICES.length)]).append(',')
                    .append(random.nextInt(6) == 0 ? WORDS[random.nextInt(WORDS.length)] : "");
            for (var level : answers(random, satisfaction(agency, day.getYear()))) {
                csv.append(',').append(level == null ? "" : level.toString());
            }
            csv.append('\n');
        }
        var imported = admin.send("POST", "/api/v1/imports", csv.toString(), "text/csv");
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        assertThat(imported.body().get("imported").asInt()).isEqualTo(3000);

        // Ratings submitted one by one today: the ones with a centre, through the pending rows and the folder.
        var citizen = ApiClient.anonymous(app);
        for (int i = 0; i < 150; i++) {
            var agency = i % 3 == 0 ? "D2" : "D1";
            var body = new LinkedHashMap<String, Object>();
            body.put("submissionId", UUID.randomUUID().toString());
            body.put("questionnaire", "SIPAS");
            body.put("version", 1);
            body.put("agency", agency);
            body.put("service", SERVICES[random.nextInt(SERVICES.length)]);
            if (i % 5 != 4) {
                body.put("centre", agency.equals("D1") ? "C1" : "C2");
                submittedWithCentre++;
            }
            body.put("channel", i % 2 == 0 ? "qr" : "web");
            var answers = new LinkedHashMap<String, Object>();
            var levels = answers(random, 0.7);
            for (int c = 0; c < CRITERIA.length; c++) {
                answers.put(CRITERIA[c], levels[c]);
            }
            body.put("answers", answers);
            if (i % 4 == 0) {
                body.put("comment", WORDS[random.nextInt(WORDS.length)]);
            }
            var stored = citizen.post("/api/v1/responses", body);
            assertThat(stored.status()).as(stored.body().toString()).isEqualTo(201);
        }
        TestApp.foldRollups(dsl);

        raw = RawResponses.read(dsl);
        var versions = new Slices(dsl, new vn.hailong.survey.Forms(dsl)).versions("SIPAS").orElseThrow();
        sipas = versions.instrument();
        sipasVersions = versions.merged();
        assertThat(raw.rows).hasSize(3150);

        // Population totals for every agency, year and field of the imported years; none for today's year.
        var population = new ArrayList<Map<String, Object>>();
        for (var agency : AGENCIES) {
            for (int year = 2023; year <= 2025; year++) {
                for (var field : new String[] {"HT", "DD", "XD"}) {
                    int total = 200 + random.nextInt(5000);
                    population.add(Map.of("unit", agency, "year", year, "stratum", field, "total", total));
                    totals.add(new RawResponses.Total(raw.units.get(agency), year, field, total));
                }
            }
        }
        assertThat(admin.put("/api/v1/population", population).status()).isEqualTo(200);
    }

    /** Each agency's chance of a satisfied answer: D2 rises sharply in 2025, Q1 falls, the others drift a little. */
    static double satisfaction(String agency, int year) {
        return switch (agency) {
            case "D2" -> year == 2025 ? 0.9 : 0.45;
            case "Q1" -> year == 2025 ? 0.4 : 0.75;
            default -> 0.6 + 0.02 * (year - 2023);
        };
    }

    /** A response's answers: one in ten straight-lined (flagged), else each criterion N/A one time in twelve. */
    static Integer[] answers(Random random, double satisfied) {
        var levels = new Integer[CRITERIA.length];
        if (random.nextInt(10) == 0) {
            java.util.Arrays.fill(levels, 1 + random.nextInt(5));
            return levels;
        }
        for (int c = 0; c < levels.length; c++) {
            if (random.nextInt(12) == 0 && c < CRITERIA.length - 1) {
                continue;
            }
            levels[c] = random.nextDouble() < satisfied ? 4 + random.nextInt(2) : 1 + random.nextInt(3);
        }
        return levels;
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    /** Filters of every kind the rollups answer differently: whole years, days that cut months, cuts, subtrees. */
    static final List<Map<String, String>> FILTERS = List.of(
            query(),
            query("from", "2024-01-01", "to", "2024-12-31"),
            query("from", "2024-02-10", "to", "2025-03-20"),
            query("from", "2025-06-03", "to", "2025-06-19"),
            query("from", "2024-04-01"),
            query("to", "2024-05-31"),
            query("unit", "P"),
            query("unit", "D1", "from", "2023-03-01", "to", "2023-08-31"),
            query("unit", "D1", "from", "2025-01-15", "to", "2025-02-14"),
            query("unit", "Q"),
            query("service", "S1"),
            query("service", "S2", "channel", "kiosk"),
            query("service", "S3", "from", "2024-03-05", "to", "2024-11-27"),
            query("service", "S1", "unit", "D1"),
            query("centre", "C1"),
            query("centre", "C2", "channel", "qr"),
            query("channel", "web"),
            query("channel", "interview", "from", "2023-05-17", "to", "2024-02-02"),
            query("excludeFlagged", "true"),
            query("excludeFlagged", "true", "channel", "kiosk", "from", "2025-01-01", "to", "2025-12-31"),
            query("excludeFlagged", "true", "unit", "D2", "from", "2024-07-08", "to", "2024-09-30"),
            query("questionnaire", "SIPAS", "unit", "O1"));

    static final List<String> GROUPINGS = List.of("", "unit", "service", "centre", "channel", "year", "quarter", "month",
            "unit,year", "service,channel", "centre,month", "channel,quarter");

    @Test
    void every_figure_of_indices_equals_the_statistics_core_over_the_raw_responses_for_every_filter_and_grouping() {
        int groups = 0;
        for (var filter : FILTERS) {
            for (var groupBy : GROUPINGS) {
                var q = with(filter, "groupBy", groupBy);
                groups += assertIndices(q);
            }
            // The responses alone give the same figures as the rollups the filter is otherwise answered from.
            groups += assertIndices(with(with(filter, "groupBy", "unit,month"), "rollups", "responses"));
        }
        assertThat(groups).as("groups compared").isGreaterThan(2000);
    }

    @Test
    void small_groups_are_suppressed_at_the_min_n_asked_for() {
        for (var minN : List.of("2", "50", "400")) {
            assertIndices(query("groupBy", "unit,quarter", "minN", minN));
        }
    }

    @Test
    void post_stratified_indices_trend_and_rankings_equal_the_core_weighted_to_the_population_totals() {
        int weighted = 0;
        for (var filter : List.of(query(), query("from", "2024-01-01", "to", "2025-12-31"), query("unit", "D1"),
                query("unit", "P", "from", "2025-01-01", "to", "2025-12-31"))) {
            for (var groupBy : List.of("", "unit", "year", "unit,year", "quarter")) {
                var q = with(with(filter, "groupBy", groupBy), "weighting", "poststratified");
                var answer = get("/api/v1/indices", q);
                assertThat(answer.get("weighting").asText()).isEqualTo("poststratified");
                for (var g : answer.get("groups")) {
                    weighted += assertWeighted(q, g) ? 1 : 0;
                }
            }
        }
        assertThat(weighted).as("groups weighted").isGreaterThan(40);

        var trend = query("interval", "quarter", "weighting", "poststratified", "from", "2023-01-01", "to", "2025-12-31");
        var points = get("/api/v1/trend", trend);
        assertThat(points.get("weighting").asText()).isEqualTo("poststratified");
        assertThat(points.get("points").size()).isEqualTo(12);
        points.get("points").forEach(g -> assertThat(assertWeighted(with(trend, "groupBy", "quarter"), g)).isTrue());

        // Today's year has no population totals: its groups say so, and rankings list such units apart.
        var today = get("/api/v1/indices", query("groupBy", "year", "weighting", "poststratified")).get("groups");
        var last = today.get(today.size() - 1);
        assertThat(last.get("weightingUnavailable").asText()).startsWith("no population total for stratum");

        var ranking = query("by", "unit", "weighting", "poststratified", "from", "2024-01-01", "to", "2024-12-31");
        var ranked = get("/api/v1/rankings", ranking);
        assertThat(ranked.get("weighting").asText()).isEqualTo("poststratified");
        var indices = new LinkedHashMap<String, Estimate>();
        var expectedStats = raw.groups(with(ranking, "groupBy", "unit"), sipasVersions, sipas);
        for (var e : expectedStats.entrySet()) {
            var group = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            group.putObject("unit").put("id", Long.parseLong(e.getKey()));
            var estimates = Estimates.postStratified(e.getValue(), raw.totals(totals, with(ranking, "groupBy", "unit"), group));
            estimates.index().overall().ifPresent(i -> indices.put(e.getKey(), i));
        }
        assertRanked(ranked, indices);
        // Year on year, each year weighted to its own totals; today's year cannot be, and says why.
        var compared = get("/api/v1/compare", query("period", "2025", "baseline", "2024", "groupBy", "unit",
                "weighting", "poststratified"));
        assertThat(compared.get("groups").size()).isEqualTo(AGENCIES.length);
        for (var g : compared.get("groups")) {
            var unit = query("groupBy", "unit", "weighting", "poststratified");
            var now = with(unit, "from", "2025-01-01", "to", "2025-12-31");
            var before = with(unit, "from", "2024-01-01", "to", "2024-12-31");
            var key = RawResponses.key(List.of("unit"), g.get("group"));
            var after = Estimates.postStratified(raw.groups(now, sipasVersions, sipas).get(key),
                    raw.totals(totals, now, g.get("group")));
            var earlier = Estimates.postStratified(raw.groups(before, sipasVersions, sipas).get(key),
                    raw.totals(totals, before, g.get("group")));
            change(g.get("overall"), YearOnYear.indices(earlier.index(), after.index()).get("overall"), "weighted " + key);
        }
        var unweightable = get("/api/v1/compare", query("period", "2026", "baseline", "2025", "weighting", "poststratified"));
        assertThat(unweightable.get("groups").get(0).get("weightingUnavailable").asText())
                .startsWith("no population total for stratum");

        var current = get("/api/v1/rankings", query("weighting", "poststratified", "from", "2026-01-01"));
        assertThat(current.get("ranked").size()).isZero();
        assertThat(current.get("suppressed").findValuesAsText("weightingUnavailable")).isNotEmpty()
                .allMatch(w -> w.startsWith("no population total for stratum"));
    }

    @Test
    void the_filters_select_exactly_the_responses_they_name() {
        // Counted in SQL, apart from the oracle: each filter's n is the number of stored responses it names.
        long s1 = TestApp.one(dsl, "select count(*) from response r join service s on s.id = r.service_id where s.code = 'S1'",
                Long.class);
        assertThat(n(query("service", "S1"))).isEqualTo(s1).isPositive();
        long c1 = TestApp.one(dsl, "select count(*) from response r join service_centre c on c.id = r.centre_id"
                + " where c.code = 'C1'", Long.class);
        long c2 = TestApp.one(dsl, "select count(*) from response r join service_centre c on c.id = r.centre_id"
                + " where c.code = 'C2'", Long.class);
        assertThat(c1 + c2).isEqualTo(submittedWithCentre);
        assertThat(n(query("centre", "C1"))).isEqualTo(c1).isPositive();
        long clean = TestApp.one(dsl, "select count(*) from response where cardinality(quality_flags) = 0", Long.class);
        assertThat(clean).as("some responses are flagged").isLessThan(3150).isGreaterThan(2500);
        assertThat(n(query("excludeFlagged", "true"))).isEqualTo(clean);
        assertThat(n(query())).isEqualTo(3150);
        long d1 = TestApp.one(dsl, "select count(*) from response r join unit u on u.id = r.agency_id"
                + " where u.code in ('D1', 'O1', 'O2')", Long.class);
        assertThat(n(query("unit", "D1"))).as("a unit's subtree").isEqualTo(d1);
    }

    @Test
    void compare_equals_the_core_and_flags_the_changes_that_survive_benjamini_hochberg() {
        for (var filter : List.of(query("groupBy", "unit"), query("groupBy", "service"), query("groupBy", "unit",
                "excludeFlagged", "true"), query("groupBy", "channel", "unit", "P"), query())) {
            var q = with(with(filter, "period", "2025"), "baseline", "2024");
            var answer = get("/api/v1/compare", q);
            assertThat(answer.get("criteria").size()).isEqualTo(17);
            var now = raw.groups(with(filter, "from", "2025-01-01", "to", "2025-12-31"), sipasVersions, sipas);
            var before = raw.groups(with(filter, "from", "2024-01-01", "to", "2024-12-31"), sipasVersions, sipas);
            var groupBy = RawResponses.groupBy(filter.get("groupBy"));
            var family = new ArrayList<Comparison>();
            var shown = new ArrayList<JsonNode>();
            assertThat(answer.get("groups").size()).isEqualTo(now.size());
            for (var g : answer.get("groups")) {
                var key = RawResponses.key(groupBy, g.get("group"));
                var after = Estimates.of(now.get(key));
                assertThat(g.get("n").asLong()).isEqualTo(after.n());
                if (g.get("suppressed").asBoolean()) {
                    assertThat(before.containsKey(key) && after.index().published()
                            && Estimates.of(before.get(key)).index().published()).isFalse();
                    continue;
                }
                var earlier = Estimates.of(before.get(key));
                assertThat(g.get("baselineN").asLong()).isEqualTo(earlier.n());
                var indices = YearOnYear.indices(earlier.index(), after.index());
                change(g.get("overall"), indices.get("overall"), key + " overall");
                family.add(indices.get("overall"));
                shown.add(g.get("overall"));
                var elements = new LinkedHashMap<>(indices);
                elements.remove("overall");
                flagged(g.get("elements"), elements, key + " elements");
                flagged(g.get("criteria"), YearOnYear.criteria(earlier.criteria(), after.criteria()), key + " criteria");
            }
            var flags = YearOnYear.flag(family);
            for (int i = 0; i < flags.size(); i++) {
                close(shown.get(i).get("adjustedP"), flags.get(i).adjustedP(), "overall adjustedP");
                assertThat(shown.get(i).get("significant").asBoolean()).isEqualTo(flags.get(i).significant());
            }
        }
        // D2's sharp rise and Q1's fall are significant, and so are some of their elements; P's drift is not.
        var byUnit = new HashMap<String, JsonNode>();
        get("/api/v1/compare", query("period", "2025", "baseline", "2024", "groupBy", "unit"))
                .get("groups").forEach(g -> byUnit.put(g.get("group").get("unit").get("code").asText(), g));
        assertThat(byUnit.get("D2").get("overall").get("significant").asBoolean()).isTrue();
        assertThat(byUnit.get("D2").get("overall").get("delta").asDouble()).isGreaterThan(20);
        assertThat(byUnit.get("D2").get("elements").findValues("significant")).anyMatch(JsonNode::asBoolean);
        assertThat(byUnit.get("Q1").get("overall").get("significant").asBoolean()).isTrue();
        assertThat(byUnit.get("Q1").get("overall").get("delta").asDouble()).isNegative();
        assertThat(byUnit.get("P").get("overall").get("significant").asBoolean()).isFalse();
    }

    @Test
    void rankings_trend_distribution_drivers_and_reliability_equal_the_core_over_the_raw_responses() {
        for (var filter : List.of(query(), query("from", "2025-01-01", "to", "2025-12-31"), query("channel", "kiosk"),
                query("unit", "P", "excludeFlagged", "true"), query("from", "2024-02-10", "to", "2025-03-20"))) {
            for (var by : List.of("unit", "service", "centre")) {
                var q = with(filter, "by", by);
                var indices = new LinkedHashMap<String, Estimate>();
                var suppressed = new ArrayList<String>();
                raw.groups(with(filter, "groupBy", by), sipasVersions, sipas).forEach((key, stats) -> {
                    var index = Estimates.of(stats).index();
                    if (index.published()) {
                        indices.put(key, index.overall().orElseThrow());
                    } else {
                        suppressed.add(key);
                    }
                });
                var answer = get("/api/v1/rankings", q);
                assertRanked(answer, indices);
                assertThat(answer.get("suppressed").size()).isEqualTo(suppressed.size());
            }
            for (var interval : List.of("month", "quarter", "year")) {
                var points = get("/api/v1/trend", with(filter, "interval", interval)).get("points");
                var expected = raw.groups(with(filter, "groupBy", interval), sipasVersions, sipas);
                assertThat(points.size()).isEqualTo(expected.size());
                var keys = new ArrayList<>(expected.keySet());
                for (int i = 0; i < points.size(); i++) {
                    var key = RawResponses.key(List.of(interval), points.get(i).get("group"));
                    assertThat(key).as("points oldest first").isEqualTo(keys.get(i));
                    RawResponses.figures(points.get(i), Estimates.of(expected.get(key)), 30, "trend " + key);
                }
            }
            for (var groupBy : List.of("", "unit,year", "channel")) {
                var distribution = get("/api/v1/distribution", with(filter, "groupBy", groupBy)).get("groups");
                var expected = raw.groups(with(filter, "groupBy", groupBy), sipasVersions, sipas);
                assertThat(distribution.size()).isEqualTo(expected.size());
                for (var g : distribution) {
                    var stats = expected.get(RawResponses.key(RawResponses.groupBy(groupBy), g.get("group")));
                    assertThat(g.get("n").asLong()).isEqualTo(stats.n());
                    if (g.get("suppressed").asBoolean()) {
                        assertThat(stats.n()).isLessThan(30);
                        continue;
                    }
                    for (var c : g.get("criteria")) {
                        var counts = stats.levelCounts(c.get("code").asText());
                        for (int l = 0; l < counts.length; l++) {
                            assertThat(c.get("counts").get(l).asLong()).isEqualTo(counts[l]);
                        }
                    }
                }
            }
            var whole = raw.groups(filter, sipasVersions, sipas).getOrDefault("", SufficientStatistics.empty(sipas));
            var drivers = get("/api/v1/drivers", filter);
            var expectedDrivers = Drivers.of(whole);
            assertThat(drivers.size()).isEqualTo(expectedDrivers.size());
            for (int i = 0; i < drivers.size(); i++) {
                var d = expectedDrivers.get(i);
                assertThat(drivers.get(i).get("criterion").asText()).isEqualTo(d.criterion());
                assertThat(drivers.get(i).get("n").asLong()).isEqualTo(d.n());
                close(drivers.get(i).get("r"), d.r(), "r " + d.criterion());
                close(drivers.get(i).get("performance"), d.performance(), "performance " + d.criterion());
                assertThat(drivers.get(i).get("quadrant").asText()).isEqualTo(String.valueOf(d.quadrant()));
            }
            var alphas = get("/api/v1/reliability", filter);
            var expectedAlphas = Reliability.cronbach(whole);
            assertThat(alphas.size()).isEqualTo(expectedAlphas.size());
            for (int i = 0; i < alphas.size(); i++) {
                assertThat(alphas.get(i).get("element").asText()).isEqualTo(expectedAlphas.get(i).element());
                assertThat(alphas.get(i).get("nComplete").asLong()).isEqualTo(expectedAlphas.get(i).nComplete());
                close(alphas.get(i).get("alpha"), expectedAlphas.get(i).alpha(), "alpha " + expectedAlphas.get(i).element());
            }
        }
    }

    @Test
    void comments_follow_every_filter_the_search_and_the_questionnaire() {
        for (var filter : FILTERS) {
            for (var q : List.of("", "chờ")) {
                var expected = raw.rows.stream().filter(raw.filter(filter)).filter(r -> r.comment() != null)
                        .filter(r -> q.isEmpty() || r.comment().toLowerCase(java.util.Locale.ROOT).contains(q))
                        .count();
                var shown = new ArrayList<String>();
                boolean more = true;
                for (int page = 0; more; page++) {
                    var answer = get("/api/v1/comments", with(with(with(filter, "q", q), "page", String.valueOf(page)),
                            "size", "200"));
                    answer.get("comments").forEach(c -> shown.add(c.get("comment").asText()));
                    more = answer.get("more").asBoolean();
                }
                assertThat(shown).as(filter + " q=" + q).hasSize((int) expected);
                if (!q.isEmpty()) {
                    assertThat(shown).allMatch(c -> c.toLowerCase(java.util.Locale.ROOT).contains(q));
                }
            }
        }
        long all = raw.rows.stream().filter(r -> r.comment() != null).count();
        assertThat(commentCount(query("questionnaire", "SIPAS"))).isEqualTo(Math.min(all, 200));
        assertThat(commentCount(query("questionnaire", "DOSSIER3"))).as("nobody answered that questionnaire").isZero();
        var unknown = admin.get("/api/v1/comments?questionnaire=NOPE");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().get("field").asText()).isEqualTo("questionnaire");
    }

    @Test
    void figures_that_are_never_weighted_refuse_post_stratification_naming_the_field() {
        for (var path : List.of("/api/v1/distribution", "/api/v1/drivers", "/api/v1/reliability", "/api/v1/comments")) {
            var refused = admin.get(path + "?weighting=poststratified");
            assertThat(refused.status()).as(path).isEqualTo(422);
            assertThat(refused.body().get("field").asText()).as(path).isEqualTo("weighting");
            assertThat(refused.message()).as(path).contains("never weighted");
            assertThat(admin.get(path + "?weighting=none").status()).as(path).isEqualTo(200);
        }
        assertThat(admin.get("/api/v1/trend?weighting=heavy").body().get("field").asText()).isEqualTo("weighting");
    }

    // --- the oracle's side of each comparison

    /** Compares every group of /indices with the core over the raw rows; returns how many groups were compared. */
    private static int assertIndices(Map<String, String> q) {
        var answer = get("/api/v1/indices", q);
        var expected = raw.groups(q, sipasVersions, sipas);
        var groupBy = RawResponses.groupBy(q.get("groupBy"));
        var shown = new ArrayList<String>();
        int minN = Integer.parseInt(q.getOrDefault("minN", "30"));
        for (var g : answer.get("groups")) {
            var key = RawResponses.key(groupBy, g.get("group"));
            shown.add(key);
            assertThat(expected).as(q + ": group " + key).containsKey(key);
            RawResponses.figures(g, Estimates.of(expected.get(key)), minN, q + " " + key);
        }
        assertThat(shown).as(q + ": the groups, in key order").containsExactlyElementsOf(sortedByApiOrder(expected, groupBy));
        return shown.size();
    }

    /** Keys in the API's order: each dimension's values ascending, ids and years as numbers. */
    private static List<String> sortedByApiOrder(Map<String, SufficientStatistics> expected, List<String> groupBy) {
        return expected.keySet().stream().sorted((a, b) -> {
            var x = a.split("\\|", -1);
            var y = b.split("\\|", -1);
            for (int i = 0; i < groupBy.size(); i++) {
                boolean numeric = List.of("unit", "service", "centre", "year").contains(groupBy.get(i));
                int c = numeric ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i])) : x[i].compareTo(y[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }).collect(Collectors.toList());
    }

    /** One post-stratified group against the core; false when it rightly says it cannot be weighted. */
    private static boolean assertWeighted(Map<String, String> q, JsonNode g) {
        var groupBy = RawResponses.groupBy(q.get("groupBy"));
        var key = RawResponses.key(groupBy, g.get("group"));
        var stats = raw.groups(q, sipasVersions, sipas).get(key);
        var population = raw.totals(totals, q, g.get("group"));
        if (!population.keySet().containsAll(stats.strata().keySet())) {
            assertThat(g.get("weightingUnavailable").asText()).as(q + " " + key).startsWith("no population total");
            assertThat(g.get("suppressed").asBoolean()).isTrue();
            return false;
        }
        RawResponses.figures(g, Estimates.postStratified(stats, population), 30, q + " weighted " + key);
        return true;
    }

    // --- plumbing

    private static long n(Map<String, String> q) {
        return get("/api/v1/indices", q).get("groups").get(0).get("n").asLong();
    }

    private static long commentCount(Map<String, String> q) {
        return get("/api/v1/comments", with(q, "size", "200")).get("comments").size();
    }

    private static JsonNode get(String path, Map<String, String> q) {
        var query = q.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var answer = admin.get(path + (query.isEmpty() ? "" : "?" + query));
        assertThat(answer.status()).as(path + "?" + query + ": " + answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static long unit(String code, String kind, Long parent) {
        var body = new HashMap<String, Object>(Map.of("code", code, "nameVi", "Đơn vị " + code, "kind", kind));
        if (parent != null) {
            body.put("parentId", parent);
        }
        var created = admin.post("/api/v1/units", body);
        ok(created);
        return created.body().get("id").asLong();
    }

    private static void ok(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isBetween(200, 201);
    }
}
