package vn.hailong.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.analytics.RawResponses.assertRanked;
import static vn.hailong.analytics.RawResponses.change;
import static vn.hailong.analytics.RawResponses.flagged;
import static vn.hailong.analytics.RawResponses.query;
import static vn.hailong.analytics.RawResponses.with;
import static vn.hailong.analytics.RawResponses.close;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
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
import vn.hailong.units.UnitEvents;

/**
 * Figures equal raw recomputation across changes of boundaries. A province's units merge, split (with stated shares
 * and without), are recoded, move and are dissolved, on days that cut months and on firsts of months, one of them in
 * a chain (communes merged, their successor then moved to another district); ratings come before and after, imported
 * and submitted one by one, some recorded late against units that had ended. Then every figure of the analytics API,
 * in {@code boundaries=current} and {@code boundaries=historical}, for many filters and groupings, equals the
 * statistics core run over the raw response rows, with each view's mapping of a rating to its units computed here
 * from the events applied ({@link BoundaryModel}), never read from the database.
 */
class BoundariesEqualRawResponsesTest {
    static final String[] CRITERIA = RollupsEqualRawResponsesTest.CRITERIA;
    static final String[] SERVICES = {"S1", "S2", "S3", "S4"};
    static final String[] CHANNELS = {"kiosk", "qr", "web", "interview"};
    static final String[] FIELDS = {"HT", "DD", "XD"};

    /**
     * Communes A and B merge into a new AB; E is recoded E2; M splits into M1 and M2 (both in D2) with stated shares
     * 0.3 and 0.7 (a day that cuts March).
     */
    static final LocalDate MERGE = LocalDate.of(2024, 3, 15);
    /** G splits into G1 (district D2) and G2 (district D3) with stated shares 0.4 and 0.6. */
    static final LocalDate SHARED_SPLIT = LocalDate.of(2024, 7, 1);
    /** Commune F moves from D1 to D2. */
    static final LocalDate MOVE = LocalDate.of(2024, 10, 20);
    /** Commune K moves from D3 to the other province Q (another top unit: the top units' rollups move too). */
    static final LocalDate ACROSS = LocalDate.of(2025, 3, 10);
    /** H splits into H1 and H2 (both in D2) without shares. */
    static final LocalDate SPLIT = LocalDate.of(2025, 1, 1);
    /**
     * AB (the merged commune) moves to D3, then district D1 is dissolved (its last commune E2 goes to P); M1 (a
     * split's successor) merges into F (the moved commune).
     */
    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static final LocalDate FIRST = LocalDate.of(2023, 1, 1);
    static final LocalDate LAST = LocalDate.of(2025, 12, 31);

    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static RawResponses raw;
    static Instrument sipas;
    static List<Long> sipasVersions;
    static final BoundaryModel model = new BoundaryModel();
    static final List<RawResponses.Total> totals = new ArrayList<>();
    static final Map<String, Boolean> under = new HashMap<>();
    /** When each original unit is to end (the events below), so that no rating is dated after it but the late ones. */
    static final Map<String, LocalDate> ENDS = Map.of("A", MERGE, "B", MERGE, "G", SHARED_SPLIT, "H", SPLIT,
            "D1", REFORM, "M", MERGE, "M1", REFORM);
    /** When each new unit begins. */
    static final Map<String, LocalDate> BEGINS = Map.of("AB", MERGE, "G1", SHARED_SPLIT, "G2", SHARED_SPLIT,
            "H1", SPLIT, "H2", SPLIT, "M1", MERGE, "M2", MERGE);

    @BeforeAll
    static void reformAProvinceWithRatingsBeforeAndAfter() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        unit("P", "province", null);
        unit("D1", "district", "P");
        unit("D2", "district", "P");
        unit("D3", "district", "P");
        unit("DEP", "department", "P");
        for (var c : List.of("A", "B", "E", "F")) {
            unit(c, "commune", "D1");
        }
        for (var c : List.of("G", "H", "M")) {
            unit(c, "commune", "D2");
        }
        unit("K", "commune", "D3");
        unit("Q", "province", null);
        unit("Q1", "commune", "Q");
        for (var field : FIELDS) {
            ok(admin.post("/api/v1/service-fields", Map.of("code", field, "nameVi", "Lĩnh vực " + field)));
        }
        Map.of("S1", "HT", "S2", "DD", "S3", "XD", "S4", "HT").forEach((code, field) -> ok(admin.post(
                "/api/v1/services", Map.of("code", code, "nameVi", "Thủ tục " + code, "fieldCode", field))));
        ok(admin.post("/api/v1/centres", Map.of("code", "C1", "unitId", model.codes.get("D1"), "nameVi", "Một cửa D1")));
        ok(admin.post("/api/v1/centres", Map.of("code", "C2", "unitId", model.codes.get("D2"), "nameVi", "Một cửa D2")));
        var random = new Random(20261207);

        // Before the events: three years of the original units' ratings, each dated while its unit is valid.
        var original = List.of("P", "D1", "D2", "D3", "DEP", "A", "B", "E", "F", "G", "H", "M", "K", "Q", "Q1");
        var csv = header();
        for (int i = 0; i < 2400; i++) {
            var day = FIRST.plusDays(random.nextInt(3 * 365));
            String agency;
            do {
                agency = original.get(random.nextInt(original.size()));
            } while (ENDS.containsKey(agency) && !day.isBefore(ENDS.get(agency)));
            row(csv, random, "R" + i, agency, day);
        }
        importCsv(csv, 2400);
        // Ratings submitted today (after every event to come), some to units about to end: late ratings of them.
        submit(random, List.of("A", "G", "H", "D1", "F", "E", "D2", "M"), 48);
        TestApp.foldRollups(dsl);
        submit(random, List.of("A", "B", "G", "D1"), 16); // perhaps still pending as the events move rollups

        dsl.transaction(trx -> {
            var events = new UnitEvents(trx.dsl(), "admin", null);
            long ab = create(events, "AB", "D1", MERGE);
            events.merge(List.of(id("A"), id("B")), ab, MERGE);
            model.merge(List.of(id("A"), id("B")), ab, MERGE);
            events.rename(id("E"), "E2", "Xã E mới", null, MERGE);
            model.rename(id("E"), "E2");
            long m1 = create(events, "M1", "D2", MERGE);
            long m2 = create(events, "M2", "D2", MERGE);
            var into = new LinkedHashMap<Long, BigDecimal>();
            into.put(m1, new BigDecimal("0.3"));
            into.put(m2, new BigDecimal("0.7"));
            events.split(id("M"), into, MERGE);
            var shares = new LinkedHashMap<Long, Double>();
            shares.put(m1, 0.3);
            shares.put(m2, 0.7);
            model.split(id("M"), shares, MERGE);
        });
        dsl.transaction(trx -> {
            var events = new UnitEvents(trx.dsl(), "admin", null);
            long g1 = create(events, "G1", "D2", SHARED_SPLIT);
            long g2 = create(events, "G2", "D3", SHARED_SPLIT);
            var into = new LinkedHashMap<Long, BigDecimal>();
            into.put(g1, new BigDecimal("0.4"));
            into.put(g2, new BigDecimal("0.6"));
            events.split(id("G"), into, SHARED_SPLIT);
            var shares = new LinkedHashMap<Long, Double>();
            shares.put(g1, 0.4);
            shares.put(g2, 0.6);
            model.split(id("G"), shares, SHARED_SPLIT);
        });
        dsl.transaction(trx -> {
            new UnitEvents(trx.dsl(), "admin", null).move(id("F"), id("D2"), MOVE);
            model.move(id("F"), id("D2"), MOVE);
        });
        dsl.transaction(trx -> {
            var events = new UnitEvents(trx.dsl(), "admin", null);
            long h1 = create(events, "H1", "D2", SPLIT);
            long h2 = create(events, "H2", "D2", SPLIT);
            var into = new LinkedHashMap<Long, BigDecimal>();
            into.put(h1, null);
            into.put(h2, null);
            events.split(id("H"), into, SPLIT);
            var none = new LinkedHashMap<Long, Double>();
            none.put(h1, null);
            none.put(h2, null);
            model.split(id("H"), none, SPLIT);
        });
        dsl.transaction(trx -> {
            new UnitEvents(trx.dsl(), "admin", null).move(id("K"), id("Q"), ACROSS);
            model.move(id("K"), id("Q"), ACROSS);
        });
        dsl.transaction(trx -> {
            var events = new UnitEvents(trx.dsl(), "admin", null);
            events.move(id("AB"), id("D3"), REFORM);
            model.move(id("AB"), id("D3"), REFORM);
            events.dissolve(id("D1"), REFORM);
            model.dissolve(id("D1"), REFORM);
            events.merge(List.of(id("M1")), id("F"), REFORM);
            model.merge(List.of(id("M1")), id("F"), REFORM);
        });

        // After the events: ratings of every unit valid on their day (the new ones from their first day), and late
        // ones recorded against units that have ended, dated before their end and (merged ones) after it.
        var now = List.of("P", "D1", "D2", "D3", "DEP", "AB", "E2", "F", "G1", "G2", "H1", "H2", "M1", "M2", "K", "Q", "Q1");
        csv = header();
        int rows = 0;
        for (int i = 0; i < 1500; i++) {
            var day = FIRST.plusDays(random.nextInt(3 * 365));
            String agency;
            do {
                agency = now.get(random.nextInt(now.size()));
            } while (ENDS.containsKey(agency) && !day.isBefore(ENDS.get(agency))
                    || BEGINS.containsKey(agency) && day.isBefore(BEGINS.get(agency)));
            row(csv, random, "S" + rows++, agency, day);
        }
        for (var late : List.of("A", "B", "G", "H", "D1", "M")) {
            for (int i = 0; i < 40; i++) {
                var end = ENDS.get(late);
                row(csv, random, "S" + rows++, late, end.minusDays(1 + random.nextInt(120)));
            }
        }
        for (var late : List.of("A", "B")) {
            for (int i = 0; i < 30; i++) {
                row(csv, random, "S" + rows++, late, MERGE.plusDays(random.nextInt(600)));
            }
        }
        importCsv(csv, rows);
        submit(random, List.of("AB", "G1", "G2", "H1", "H2", "E2", "F", "K", "D2", "P", "M2"), 66);
        TestApp.foldRollups(dsl);
        submit(random, List.of("AB", "G1", "H2", "F"), 16);

        raw = RawResponses.read(dsl);
        var versions = new Slices(dsl, new vn.hailong.survey.Forms(dsl)).versions("SIPAS").orElseThrow();
        sipas = versions.instrument();
        sipasVersions = versions.merged();
        assertThat(raw.rows).hasSize(2400 + 64 + rows + 82);
        assertThat(raw.rows).as("ratings recorded against ended units dated after their end")
                .anyMatch(r -> model.ended(r.agency()) && !r.day().isBefore(model.endedOn(r.agency())));

        var population = new ArrayList<Map<String, Object>>();
        for (var code : List.of("P", "D1", "D2", "D3", "DEP", "A", "B", "AB", "E2", "F", "G", "G1", "G2", "H", "H1",
                "H2", "M", "M1", "M2", "K", "Q", "Q1")) {
            for (int year = 2023; year <= 2025; year++) {
                for (var field : FIELDS) {
                    int total = 200 + random.nextInt(5000);
                    population.add(Map.of("unit", code, "year", year, "stratum", field, "total", total));
                    totals.add(new RawResponses.Total(id(code), year, field, total));
                }
            }
        }
        var put = admin.put("/api/v1/population", population);
        assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    /** Filters asked in both views: the province, successors, a moved commune, districts, ranges across the events. */
    static final List<Map<String, String>> FILTERS = List.of(
            query(),
            query("unit", "P"),
            query("unit", "AB"),
            query("unit", "A"),
            query("unit", "E"),
            query("unit", "F"),
            query("unit", "G1"),
            query("unit", "G2", "from", "2024-01-01", "to", "2024-12-31"),
            query("unit", "H1"),
            query("unit", "M2"),
            query("unit", "D2"),
            query("unit", "D3", "from", "2025-06-15", "to", "2025-07-15"),
            query("from", "2024-03-01", "to", "2024-03-31"),
            query("from", "2024-03-15", "to", "2025-06-30"),
            query("from", "2024-10-20"),
            query("to", "2024-06-30"),
            query("unit", "D2", "from", "2024-06-10", "to", "2025-01-20"),
            query("service", "S1"),
            query("service", "S2", "channel", "kiosk"),
            query("service", "S1", "from", "2024-03-15", "to", "2025-03-20"),
            query("unit", "Q", "service", "S2", "from", "2025-03-10", "to", "2025-07-15"),
            query("unit", "K"),
            query("channel", "web", "unit", "D2"),
            query("centre", "C1"),
            query("excludeFlagged", "true", "unit", "P", "from", "2024-03-15"));

    /** Filters asked historically only: ended units, which the current view reads as no unit of their own. */
    static final List<Map<String, String>> HISTORICAL = List.of(
            query("unit", "D1"),
            query("unit", "D1", "from", "2024-01-01", "to", "2025-06-30"),
            query("unit", "G"),
            query("unit", "H", "service", "S1"),
            query("unit", "M", "from", "2023-06-01"),
            query("unit", "M1"),
            query("unit", "B", "from", "2024-03-15"));

    static final List<String> GROUPINGS = List.of("", "unit", "year", "month", "unit,year", "channel");

    @Test
    void every_figure_of_indices_equals_the_core_over_the_raw_rows_in_both_boundaries() {
        int groups = 0;
        for (var view : List.of("current", "historical")) {
            var filters = new ArrayList<>(FILTERS);
            if (view.equals("historical")) {
                filters.addAll(HISTORICAL);
            }
            for (var filter : filters) {
                for (var groupBy : GROUPINGS) {
                    groups += assertIndices(with(filter, "boundaries", view, "groupBy", groupBy));
                }
            }
        }
        // The responses alone give the current view the same figures as its rollups.
        for (var filter : FILTERS) {
            for (var groupBy : List.of("unit,month", "", "year")) {
                groups += assertIndices(with(filter, "groupBy", groupBy, "rollups", "responses"));
            }
        }
        assertThat(groups).as("groups compared").isGreaterThan(2000);
    }

    @Test
    void the_two_views_differ_where_the_events_say_and_estimates_are_where_the_shares_are() {
        // Historically the merged units are groups of their own; currently they are not, and AB holds them.
        var historical = keys(query("boundaries", "historical", "groupBy", "unit"));
        var current = keys(query("groupBy", "unit"));
        for (var ended : List.of("A", "B", "G", "H", "D1", "M", "M1")) {
            assertThat(historical).contains(String.valueOf(id(ended)));
            assertThat(current).doesNotContain(String.valueOf(id(ended)));
        }
        // Currently a split's successor with stated shares holds its predecessor's ratings (weighted), one without
        // shares does not: H's ratings are D2's own.
        long g = raw.rows.stream().filter(r -> r.agency() == id("G")).count();
        assertThat(n(query("unit", "G1"))).isEqualTo(count("G1") + g);
        assertThat(n(query("unit", "H1"))).isEqualTo(count("H1"));
        assertThat(n(query("unit", "F"))).as("F holds M1, which holds a share of M").isEqualTo(count("F")
                + count("M1") + count("M"));
        assertThat(n(query("unit", "H1", "boundaries", "historical"))).isEqualTo(count("H1"));
        // The two provinces count each rating once in both views, though K moved from one to the other.
        for (var view : List.of("current", "historical")) {
            assertThat(n(query("unit", "P", "boundaries", view)) + n(query("unit", "Q", "boundaries", view)))
                    .as(view).isEqualTo(raw.rows.size());
        }
        assertThat(n(query("unit", "Q"))).isGreaterThan(n(query("unit", "Q", "boundaries", "historical")));
        // An old code reads as its successor today; a split or dissolved unit's code is refused, naming unit.
        assertThat(n(query("unit", "A"))).isEqualTo(n(query("unit", "AB")));
        assertThat(n(query("unit", "E"))).isEqualTo(n(query("unit", "E2")));
        for (var gone : List.of("G", "H", "D1", "M")) {
            var refused = admin.get("/api/v1/indices?unit=" + gone);
            assertThat(refused.status()).as(gone).isEqualTo(422);
            assertThat(refused.body().get("field").asText()).isEqualTo("unit");
        }
    }

    @Test
    void compare_year_on_year_equals_the_core_in_both_boundaries() {
        for (var view : List.of("current", "historical")) {
            for (var filter : List.of(query("groupBy", "unit"), query("groupBy", "channel", "unit", "D2"),
                    query("unit", "AB"), query("unit", "F", "groupBy", "unit"), query())) {
                var f = with(filter, "boundaries", view);
                assertCompare(f, "2025", "2024");
                assertCompare(f, "2024", "2023");
            }
        }
    }

    @Test
    void rankings_trend_distribution_drivers_and_reliability_equal_the_core_in_both_boundaries() {
        for (var view : List.of("current", "historical")) {
            for (var filter : List.of(query(), query("unit", "D2"), query("unit", "P", "from", "2024-03-15",
                    "to", "2025-07-31"), query("channel", "kiosk"), query("unit", "AB"))) {
                var f = with(filter, "boundaries", view);
                for (var by : List.of("unit", "service")) {
                    var indices = new LinkedHashMap<String, Estimate>();
                    var suppressed = new ArrayList<String>();
                    expected(with(f, "groupBy", by)).forEach((key, stats) -> {
                        var index = Estimates.of(stats).index();
                        if (index.published()) {
                            indices.put(key, index.overall().orElseThrow());
                        } else {
                            suppressed.add(key);
                        }
                    });
                    var answer = get("/api/v1/rankings", with(f, "by", by));
                    assertRanked(answer, indices);
                    assertThat(answer.get("suppressed").size()).as(f + " by " + by).isEqualTo(suppressed.size());
                }
                for (var interval : List.of("month", "year")) {
                    var points = get("/api/v1/trend", with(f, "interval", interval)).get("points");
                    var expected = expected(with(f, "groupBy", interval));
                    assertThat(points.size()).as(f + " " + interval).isEqualTo(expected.size());
                    var keys = new ArrayList<>(expected.keySet());
                    for (int i = 0; i < points.size(); i++) {
                        var key = RawResponses.key(List.of(interval), points.get(i).get("group"));
                        assertThat(key).as("points oldest first").isEqualTo(keys.get(i));
                        RawResponses.figures(points.get(i), Estimates.of(expected.get(key)), 30, f + " trend " + key);
                    }
                }
                for (var groupBy : List.of("", "unit,year", "channel")) {
                    var q = with(f, "groupBy", groupBy);
                    var distribution = get("/api/v1/distribution", q).get("groups");
                    var expected = expected(q);
                    assertThat(distribution.size()).as(q.toString()).isEqualTo(expected.size());
                    for (var g : distribution) {
                        var stats = expected.get(RawResponses.key(RawResponses.groupBy(groupBy), g.get("group")));
                        assertThat(g.get("n").asLong()).as(q.toString()).isEqualTo(stats.n());
                        if (g.get("suppressed").asBoolean()) {
                            assertThat(stats.n()).isLessThan(30);
                            continue;
                        }
                        for (var c : g.get("criteria")) {
                            var counts = stats.levelCounts(c.get("code").asText());
                            for (int l = 0; l < counts.length; l++) {
                                assertThat(c.get("counts").get(l).asLong()).as(q + " " + c.get("code"))
                                        .isEqualTo(counts[l]);
                            }
                        }
                    }
                }
                var whole = expected(f).getOrDefault("", SufficientStatistics.empty(sipas));
                var drivers = get("/api/v1/drivers", f);
                var expectedDrivers = Drivers.of(whole);
                assertThat(drivers.size()).isEqualTo(expectedDrivers.size());
                for (int i = 0; i < drivers.size(); i++) {
                    var d = expectedDrivers.get(i);
                    assertThat(drivers.get(i).get("criterion").asText()).isEqualTo(d.criterion());
                    assertThat(drivers.get(i).get("n").asLong()).as(f + " drivers n").isEqualTo(d.n());
                    close(drivers.get(i).get("r"), d.r(), f + " r " + d.criterion());
                    close(drivers.get(i).get("performance"), d.performance(), f + " performance " + d.criterion());
                    assertThat(drivers.get(i).get("quadrant").asText()).isEqualTo(String.valueOf(d.quadrant()));
                }
                var alphas = get("/api/v1/reliability", f);
                var expectedAlphas = Reliability.cronbach(whole);
                assertThat(alphas.size()).isEqualTo(expectedAlphas.size());
                for (int i = 0; i < alphas.size(); i++) {
                    assertThat(alphas.get(i).get("element").asText()).isEqualTo(expectedAlphas.get(i).element());
                    assertThat(alphas.get(i).get("nComplete").asLong()).as(f + " nComplete")
                            .isEqualTo(expectedAlphas.get(i).nComplete());
                    close(alphas.get(i).get("alpha"), expectedAlphas.get(i).alpha(), f + " alpha "
                            + expectedAlphas.get(i).element());
                }
            }
        }
    }

    @Test
    void post_stratified_figures_equal_the_core_weighted_to_each_views_population_totals() {
        int weighted = 0;
        for (var view : List.of("current", "historical")) {
            var filters = new ArrayList<>(List.of(query(), query("unit", "D2"), query("unit", "AB"),
                    query("unit", "F", "from", "2024-01-01", "to", "2025-12-31"), query("unit", "G1")));
            if (view.equals("historical")) {
                filters.add(query("unit", "D1", "from", "2024-01-01", "to", "2025-12-31"));
            }
            for (var filter : filters) {
                for (var groupBy : List.of("", "unit", "year", "unit,year")) {
                    var q = with(filter, "boundaries", view, "groupBy", groupBy, "weighting", "poststratified");
                    var answer = get("/api/v1/indices", q);
                    assertThat(answer.get("weighting").asText()).isEqualTo("poststratified");
                    for (var g : answer.get("groups")) {
                        weighted += assertWeighted(q, g) ? 1 : 0;
                    }
                }
            }
        }
        assertThat(weighted).as("groups weighted").isGreaterThan(60);
    }

    // --- the oracle: the raw rows, each view's mapping computed from the events applied, the statistics core

    /**
     * Sufficient statistics per group of the rows a query selects, in the view it asks for.
     * Historical: a rating counts within a unit when the unit is its recorded unit or stood above it on its day; split
     * by unit, its group is its recorded unit. Current: a rating counts under the unit that carries its unit on today
     * ({@link BoundaryModel#home}), within a unit when that unit's subtree today holds its unit; the ratings of a unit
     * split with stated shares count, split by unit, only under each successor (weighted by its share), and not split
     * by unit, under the unit asked for when its subtree holds the split unit, else weighted by the share of each
     * successor it holds.
     */
    static Map<String, SufficientStatistics> expected(Map<String, String> q) {
        boolean historical = "historical".equals(q.get("boundaries"));
        var groupBy = RawResponses.groupBy(q.get("groupBy"));
        boolean byUnit = groupBy.contains("unit");
        var rest = new LinkedHashMap<>(q);
        rest.remove("unit");
        Predicate<RawResponses.Row> keep = raw.filter(rest);
        Long root = !q.containsKey("unit") ? null
                : historical ? model.codes.get(q.get("unit")) : model.today(q.get("unit"));
        if (q.containsKey("unit")) {
            assertThat(root).as("the test asks for a unit it knows: " + q).isNotNull();
        }
        var subtree = !historical && root != null ? model.subtreeNow(root) : null;
        var plain = new TreeMap<String, SufficientStatistics.Builder>();
        var shared = new TreeMap<String, Map<Double, SufficientStatistics.Builder>>();
        for (var r : raw.rows) {
            if (!sipasVersions.contains(r.version()) || !keep.test(r)) {
                continue;
            }
            var response = raw.response(r, sipas);
            if (historical) {
                if (root == null || model.lineOn(r.agency(), r.day()).contains(root)) {
                    plain.computeIfAbsent(key(groupBy, r, r.agency()), k -> SufficientStatistics.builder(sipas))
                            .add(response);
                }
                continue;
            }
            var split = model.shares.get(r.agency());
            if (split != null && (byUnit || subtree != null && !subtree.contains(r.agency()))) {
                split.forEach((successor, share) -> {
                    long group = model.home(successor);
                    if (subtree == null || subtree.contains(byUnit ? group : successor)) {
                        shared.computeIfAbsent(key(groupBy, r, group), k -> new LinkedHashMap<>())
                                .computeIfAbsent(share, k -> SufficientStatistics.builder(sipas)).add(response);
                    }
                });
            } else if (subtree == null || subtree.contains(r.agency())) {
                plain.computeIfAbsent(key(groupBy, r, model.home(r.agency())), k -> SufficientStatistics.builder(sipas))
                        .add(response);
            }
        }
        var merged = new TreeMap<String, SufficientStatistics>();
        plain.forEach((k, b) -> merged.put(k, b.build()));
        shared.forEach((k, byShare) -> byShare.forEach((share, b) -> merged.merge(k, b.build().weightedBy(share),
                SufficientStatistics::merge)));
        var out = new LinkedHashMap<String, SufficientStatistics>();
        sortedByApiOrder(merged.keySet(), groupBy).forEach(k -> out.put(k, merged.get(k)));
        return out;
    }

    /** A row's group key with {@code unit} as its unit. */
    static String key(List<String> groupBy, RawResponses.Row r, long unit) {
        var parts = new ArrayList<String>();
        for (var d : groupBy) {
            parts.add(d.equals("unit") ? String.valueOf(unit) : RawResponses.key(List.of(d), r));
        }
        return String.join("|", parts);
    }

    /**
     * N_h of a group: the totals of the group's unit (else the unit asked for, else all) over the years it spans;
     * currently the units of that unit's subtree today, historically the units that lay at or below it in a year.
     */
    static Map<String, Double> totals(Map<String, String> q, JsonNode group) {
        boolean historical = "historical".equals(q.get("boundaries"));
        var groupBy = RawResponses.groupBy(q.get("groupBy"));
        Long unit = !q.containsKey("unit") ? null
                : historical ? model.codes.get(q.get("unit")) : model.today(q.get("unit"));
        Integer firstYear = q.containsKey("from") ? LocalDate.parse(q.get("from")).getYear() : null;
        Integer lastYear = q.containsKey("to") ? LocalDate.parse(q.get("to")).getYear() : null;
        for (var d : groupBy) {
            switch (d) {
                case "unit" -> unit = group.get("unit").get("id").asLong();
                case "year", "quarter", "month" -> {
                    firstYear = Integer.valueOf(group.get(d).asText().substring(0, 4));
                    lastYear = firstYear;
                }
                default -> {
                }
            }
        }
        var covered = unit == null || historical ? null : model.subtreeNow(unit);
        var sums = new HashMap<String, Double>();
        for (var t : totals) {
            if (firstYear != null && t.year() < firstYear || lastYear != null && t.year() > lastYear) {
                continue;
            }
            boolean in = unit == null || (historical ? under(t.unit(), unit, t.year()) : covered.contains(t.unit()));
            if (in) {
                sums.merge(t.stratum(), t.total(), Double::sum);
            }
        }
        return sums;
    }

    private static boolean under(long unit, long root, int year) {
        return under.computeIfAbsent(unit + "/" + root + "/" + year, k -> model.underIn(unit, root, year));
    }

    // --- comparisons

    private static int assertIndices(Map<String, String> q) {
        var answer = get("/api/v1/indices", q);
        var expected = expected(q);
        var groupBy = RawResponses.groupBy(q.get("groupBy"));
        var shown = new ArrayList<String>();
        for (var g : answer.get("groups")) {
            var key = RawResponses.key(groupBy, g.get("group"));
            shown.add(key);
            assertThat(expected).as(q + ": group " + key + " " + names(key)).containsKey(key);
            RawResponses.figures(g, Estimates.of(expected.get(key)), 30, q + " " + key + " " + names(key));
        }
        assertThat(shown).as(q + ": the groups, in key order").containsExactlyElementsOf(expected.keySet());
        return shown.size();
    }

    private static boolean assertWeighted(Map<String, String> q, JsonNode g) {
        var groupBy = RawResponses.groupBy(q.get("groupBy"));
        var key = RawResponses.key(groupBy, g.get("group"));
        var stats = expected(q).get(key);
        assertThat(stats).as(q + " " + key).isNotNull();
        var population = totals(q, g.get("group"));
        if (!population.keySet().containsAll(stats.strata().keySet())) {
            assertThat(g.get("weightingUnavailable").asText()).as(q + " " + key).startsWith("no population total");
            return false;
        }
        RawResponses.figures(g, Estimates.postStratified(stats, population), 30, q + " weighted " + key + " "
                + names(key));
        return true;
    }

    private static void assertCompare(Map<String, String> filter, String period, String baseline) {
        var q = with(filter, "period", period, "baseline", baseline);
        var answer = get("/api/v1/compare", q);
        var now = expected(with(filter, "from", period + "-01-01", "to", period + "-12-31"));
        var before = expected(with(filter, "from", baseline + "-01-01", "to", baseline + "-12-31"));
        var groupBy = RawResponses.groupBy(filter.get("groupBy"));
        var family = new ArrayList<Comparison>();
        var shown = new ArrayList<JsonNode>();
        assertThat(answer.get("groups").size()).as(q.toString()).isEqualTo(now.size());
        for (var g : answer.get("groups")) {
            var key = RawResponses.key(groupBy, g.get("group"));
            var after = Estimates.of(now.get(key));
            assertThat(g.get("n").asLong()).as(q + " " + key).isEqualTo(after.n());
            if (g.get("suppressed").asBoolean()) {
                assertThat(before.containsKey(key) && after.index().published()
                        && Estimates.of(before.get(key)).index().published()).as(q + " " + key).isFalse();
                continue;
            }
            var earlier = Estimates.of(before.get(key));
            assertThat(g.get("baselineN").asLong()).as(q + " " + key).isEqualTo(earlier.n());
            var indices = YearOnYear.indices(earlier.index(), after.index());
            change(g.get("overall"), indices.get("overall"), q + " " + key + " overall");
            family.add(indices.get("overall"));
            shown.add(g.get("overall"));
            var elements = new LinkedHashMap<>(indices);
            elements.remove("overall");
            flagged(g.get("elements"), elements, q + " " + key + " elements");
            flagged(g.get("criteria"), YearOnYear.criteria(earlier.criteria(), after.criteria()), q + " " + key
                    + " criteria");
        }
        var flags = YearOnYear.flag(family);
        for (int i = 0; i < flags.size(); i++) {
            close(shown.get(i).get("adjustedP"), flags.get(i).adjustedP(), q + " overall adjustedP");
            assertThat(shown.get(i).get("significant").asBoolean()).isEqualTo(flags.get(i).significant());
        }
    }

    /** Keys in the API's order: each dimension's values ascending, ids and years as numbers. */
    private static List<String> sortedByApiOrder(java.util.Collection<String> keys, List<String> groupBy) {
        return keys.stream().sorted((a, b) -> {
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

    // --- plumbing

    private static StringBuilder header() {
        return new StringBuilder("response_id,submitted_at,agency_code,channel,service_code,"
                + String.join(",", CRITERIA) + "\n");
    }

    /** Each unit's chance of a satisfied answer: some rise, some fall, so that the groups differ. */
    private static double satisfaction(String agency, int year) {
        int h = Math.abs(agency.hashCode()) % 7;
        return 0.45 + 0.05 * h + (h % 2 == 0 ? 0.04 : -0.04) * (year - 2023);
    }

    private static void row(StringBuilder csv, Random random, String id, String agency, LocalDate day) {
        csv.append(id).append(',').append(day).append(',').append(agency).append(',')
                .append(CHANNELS[random.nextInt(CHANNELS.length)]).append(',')
                .append(SERVICES[random.nextInt(SERVICES.length)]);
        for (var level : RollupsEqualRawResponsesTest.answers(random, satisfaction(agency, day.getYear()))) {
            csv.append(',').append(level == null ? "" : level.toString());
        }
        csv.append('\n');
    }

    private static void importCsv(StringBuilder csv, int rows) {
        var imported = admin.send("POST", "/api/v1/imports", csv.toString(), "text/csv");
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        assertThat(imported.body().get("imported").asInt()).isEqualTo(rows);
    }

    /** Ratings submitted one by one today, through the pending rows. */
    private static void submit(Random random, List<String> agencies, int count) {
        var citizen = ApiClient.anonymous(app);
        for (int i = 0; i < count; i++) {
            var agency = agencies.get(i % agencies.size());
            var body = new LinkedHashMap<String, Object>();
            body.put("submissionId", UUID.randomUUID().toString());
            body.put("questionnaire", "SIPAS");
            body.put("version", 1);
            body.put("agency", agency);
            body.put("service", SERVICES[random.nextInt(SERVICES.length)]);
            if (agency.equals("D1") || agency.equals("D2")) {
                body.put("centre", agency.equals("D1") ? "C1" : "C2");
            }
            body.put("channel", i % 2 == 0 ? "qr" : "web");
            var answers = new LinkedHashMap<String, Object>();
            var levels = RollupsEqualRawResponsesTest.answers(random, satisfaction(agency, 2026));
            for (int c = 0; c < CRITERIA.length; c++) {
                answers.put(CRITERIA[c], levels[c]);
            }
            body.put("answers", answers);
            var stored = citizen.post("/api/v1/responses", body);
            assertThat(stored.status()).as(agency + ": " + stored.body()).isEqualTo(201);
        }
    }

    private static long create(UnitEvents events, String code, String parent, LocalDate day) {
        long id = events.create(code, "Xã " + code, null, "commune", id(parent), day);
        model.add(id, code, id(parent), day);
        return id;
    }

    private static long id(String code) {
        return model.codes.get(code);
    }

    private static long count(String code) {
        return raw.rows.stream().filter(r -> r.agency() == id(code)).count();
    }

    private static String names(String key) {
        return java.util.Arrays.stream(key.split("\\|")).map(p -> {
            try {
                return model.names.getOrDefault(Long.parseLong(p), p);
            } catch (NumberFormatException e) {
                return p;
            }
        }).collect(Collectors.joining("|", "(", ")"));
    }

    private static List<String> keys(Map<String, String> q) {
        var keys = new ArrayList<String>();
        get("/api/v1/indices", q).get("groups").forEach(g -> keys.add(RawResponses.key(List.of("unit"), g.get("group"))));
        return keys;
    }

    private static long n(Map<String, String> q) {
        var groups = get("/api/v1/indices", q).get("groups");
        return groups.isEmpty() ? 0 : groups.get(0).get("n").asLong();
    }

    private static JsonNode get(String path, Map<String, String> q) {
        var query = q.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var answer = admin.get(path + (query.isEmpty() ? "" : "?" + query));
        assertThat(answer.status()).as(path + "?" + query + ": " + answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static void unit(String code, String kind, String parent) {
        var body = new HashMap<String, Object>(Map.of("code", code, "nameVi", "Đơn vị " + code, "kind", kind));
        if (parent != null) {
            body.put("parentId", id(parent));
        }
        var created = admin.post("/api/v1/units", body);
        ok(created);
        model.add(created.body().get("id").asLong(), code, parent == null ? null : id(parent), null);
    }

    private static void ok(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isBetween(200, 201);
    }
}
