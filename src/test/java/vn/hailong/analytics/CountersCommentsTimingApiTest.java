package vn.hailong.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.Vietnam;
import vn.hailong.rollup.RollupStore;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.Proportion;
import vn.hailong.stats.Response;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.survey.Forms;

/**
 * A hand-made data set at one centre with two counters: the counter filter against the statistics core over the raw
 * rows of that counter, in every analytics answer; comments with their rating, procedure, centre and counter, and
 * their rating and element filters; the weekday × hour cells counted by hand in Vietnam time (a rating at 23:30 on a
 * Sunday is Sunday's, one at 00:30 on Monday is Monday's although it is still Sunday in UTC); and every new parameter's
 * mistakes answered with a 4xx naming it.
 */
class CountersCommentsTimingApiTest {
    static final String FILTERS = "from=2025-01-01&to=2025-12-31&centre=C1";
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static Instrument sipas = Instrument.sipas();
    static final List<Row> rows = new ArrayList<>();

    /** One planted rating: when (Vietnam time), at which counter, its levels in SIPAS's order, and its comment. */
    record Row(LocalDateTime at, String counter, int[] levels, String comment) {
        int overall() {
            return levels[sipas.criteria().indexOf("HL")];
        }

        boolean unhappyWith(String element) {
            var criteria = sipas.elements().stream().filter(e -> e.code().equals(element)).findFirst().orElseThrow().criteria();
            return criteria.stream().anyMatch(c -> {
                int level = levels[sipas.criteria().indexOf(c)];
                return level > 0 && !sipas.satisfied(level);
            });
        }
    }

    @BeforeAll
    static void plant() {
        app = TestApp.start();
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        dsl.execute("insert into unit (code, name_vi, kind) values ('P', 'Tỉnh', 'province')");
        dsl.execute("insert into unit (code, name_vi, name_en, kind, parent_id) select 'AG01', 'Sở Tư pháp',"
                + " 'Department of Justice', 'department', id from unit where code = 'P'");
        dsl.execute("insert into service_centre (code, unit_id, name_vi, name_en) select 'C1', id,"
                + " 'Trung tâm Phục vụ hành chính công', 'Public Administration Service Centre' from unit where code = 'P'");
        dsl.execute("insert into counter (centre_id, code, name_vi, name_en) select id, 'Q1', 'Quầy số 1', 'Counter 1'"
                + " from service_centre where code = 'C1'");
        dsl.execute("insert into counter (centre_id, code, name_vi, name_en) select id, 'Q2', 'Quầy số 2', 'Counter 2'"
                + " from service_centre where code = 'C1'");
        dsl.execute("insert into service_field (code, name_vi) values ('HT', 'Hộ tịch')");
        dsl.execute("insert into service (code, name_vi, name_en, field_id) select '1.001037', 'Đăng ký khai sinh',"
                + " 'Birth registration', id from service_field where code = 'HT'");
        // 80 ratings over a week of March 2025, 7:00–16:59, alternating counters; every fourth one with a comment.
        var monday = LocalDate.of(2025, 3, 3);
        int k = sipas.criteria().size();
        for (int i = 0; i < 80; i++) {
            var levels = new int[k];
            for (int c = 0; c < k; c++) {
                levels[c] = 1 + (i * 7 + c * 3) % 5;
            }
            levels[sipas.criteria().indexOf("HL")] = 1 + (i * 3) % 5;
            var at = monday.plusDays(i % 7).atTime(LocalTime.of(7 + i % 10, 15));
            rows.add(new Row(at, i % 2 == 0 ? "Q1" : "Q2", levels, i % 4 == 0 ? "Ý kiến số " + i : null));
        }
        // The time-zone edges: Sunday 23:30 and Monday 00:30 in Vietnam (both still Sunday in UTC).
        var satisfied = new int[k];
        java.util.Arrays.fill(satisfied, 5);
        rows.add(new Row(LocalDate.of(2025, 3, 9).atTime(23, 30), "Q1", satisfied, "Muộn nhưng chu đáo"));
        rows.add(new Row(LocalDate.of(2025, 3, 10).atTime(0, 30), "Q1", satisfied, null));
        var form = new Forms(dsl).latest("SIPAS").orElseThrow();
        for (var row : rows) {
            var answers = new Short[form.size()];
            for (int c = 0; c < k; c++) {
                answers[form.questions().get(sipas.criteria().get(c)).position() - 1] = (short) row.levels()[c];
            }
            dsl.execute("insert into response (agency_id, submitted_at, questionnaire_version_id, channel, service_id,"
                    + " centre_id, counter_id, answers, comment)"
                    + " select u.id, {0}, {1}, 'kiosk', s.id, c.id, q.id, {2}, {3}"
                    + " from unit u, service s, service_centre c join counter q on q.centre_id = c.id"
                    + " where u.code = 'AG01' and s.code = '1.001037' and c.code = 'C1' and q.code = {4}",
                    row.at().atZone(Vietnam.ZONE).toOffsetDateTime(), form.versionId(), answers, row.comment(),
                    row.counter());
        }
        dsl.transaction(trx -> RollupStore.rebuild(trx.dsl(), new Forms(trx.dsl()), LocalDate.of(2025, 1, 1),
                LocalDate.of(2026, 1, 1), read -> { }));
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    private static SufficientStatistics core(Predicate<Row> keep) {
        var builder = SufficientStatistics.builder(sipas);
        rows.stream().filter(keep).forEach(r -> builder.add(new Response("", 1, r.levels())));
        return builder.build();
    }

    @Test
    void a_counters_figures_equal_the_statistics_core_over_its_raw_rows_in_every_answer() {
        for (var counter : List.of("Q1", "Q2")) {
            var q = FILTERS + "&counter=" + counter + "&minN=5";
            var stats = core(r -> r.counter().equals(counter));
            var expected = Estimates.of(stats).index(5).overall().orElseThrow();
            var index = admin.get("/api/v1/indices?" + q).body().get("groups").get(0);
            assertThat(index.get("n").asLong()).isEqualTo(stats.n());
            assertThat(index.get("index").get("value").asDouble()).isCloseTo(expected.value(), within(1e-9));
            assertThat(index.get("index").get("low").asDouble()).isCloseTo(expected.low(), within(1e-9));
            // The same counter through the other answers: each counts that counter's ratings only.
            assertThat(sum(admin.get("/api/v1/trend?" + q + "&interval=month").body().get("points"), "n")).isEqualTo(stats.n());
            var ranked = admin.get("/api/v1/rankings?" + q + "&by=unit").body().get("ranked").get(0);
            assertThat(ranked.get("n").asLong()).isEqualTo(stats.n());
            assertThat(ranked.get("index").get("value").asDouble()).isCloseTo(expected.value(), within(1e-9));
            assertThat(admin.get("/api/v1/distribution?" + q).body().get("groups").get(0).get("n").asLong())
                    .isEqualTo(stats.n());
            var drivers = admin.get("/api/v1/drivers?" + q).body();
            assertThat(drivers.get(0).get("n").asLong()).isLessThanOrEqualTo(stats.n()).isPositive();
            var compare = admin.get("/api/v1/compare?centre=C1&counter=" + counter
                    + "&period=2025&baseline=2024&minN=5").body();
            assertThat(compare.toString()).contains("\"n\":" + stats.n());
            assertThat(admin.get("/api/v1/comments?" + q + "&size=200").body().get("comments").size())
                    .isEqualTo((int) rows.stream().filter(r -> r.counter().equals(counter) && r.comment() != null).count());
            var csv = admin.get("/api/v1/indices?" + q + "&format=csv").raw().body();
            assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith(String.valueOf(stats.n()));
            assertThat(sum(admin.get("/api/v1/timing?" + q).body().get("cells"), "n")).isEqualTo(stats.n());
        }
        // Without a counter, the centre's figures come from the rollups and are the whole centre's.
        var whole = admin.get("/api/v1/indices?" + FILTERS + "&minN=5").body().get("groups").get(0);
        assertThat(whole.get("n").asLong()).isEqualTo(rows.size());
    }

    private static long sum(JsonNode items, String field) {
        long total = 0;
        for (var item : items) {
            total += item.get(field).asLong();
        }
        return total;
    }

    @Test
    void comments_come_with_their_rating_procedure_centre_and_counter() {
        var comments = admin.get("/api/v1/comments?" + FILTERS + "&size=200").body().get("comments");
        var commented = rows.stream().filter(r -> r.comment() != null).toList();
        assertThat(comments.size()).isEqualTo(commented.size());
        var late = comments.get(0);
        assertThat(late.get("comment").asText()).isEqualTo("Muộn nhưng chu đáo");
        assertThat(late.get("service").get("nameVi").asText()).isEqualTo("Đăng ký khai sinh");
        assertThat(late.get("centre").get("nameVi").asText()).isEqualTo("Trung tâm Phục vụ hành chính công");
        assertThat(late.get("counter").get("code").asText()).isEqualTo("Q1");
        assertThat(late.get("counter").get("nameEn").asText()).isEqualTo("Counter 1");
        assertThat(late.get("rating").get("level").asInt()).isEqualTo(5);
        assertThat(late.get("rating").get("levels").asInt()).isEqualTo(5);
        assertThat(late.get("rating").get("labelVi").asText()).isEqualTo("Rất hài lòng");
        assertThat(late.get("rating").get("labelEn").asText()).isEqualTo("Very satisfied");
        assertThat(late.get("rating").get("satisfied").asBoolean()).isTrue();
        for (var c : comments) {
            var row = commented.stream().filter(r -> r.comment().equals(c.get("comment").asText())).findFirst().orElseThrow();
            assertThat(c.get("rating").get("level").asInt()).isEqualTo(row.overall());
            assertThat(c.get("rating").get("satisfied").asBoolean()).isEqualTo(row.overall() >= 4);
            assertThat(c.get("counter").get("code").asText()).isEqualTo(row.counter());
        }
    }

    @Test
    void comments_are_filtered_by_the_overall_rating_and_by_an_element() {
        assertThat(texts("&rating=satisfied")).containsExactlyInAnyOrderElementsOf(expected(r -> r.overall() >= 4));
        assertThat(texts("&rating=dissatisfied")).containsExactlyInAnyOrderElementsOf(expected(r -> r.overall() <= 3));
        assertThat(texts("&rating=2")).containsExactlyInAnyOrderElementsOf(expected(r -> r.overall() == 2));
        assertThat(texts("&element=CC")).containsExactlyInAnyOrderElementsOf(expected(r -> r.unhappyWith("CC")));
        assertThat(texts("&element=CC")).doesNotContain("Muộn nhưng chu đáo");
        assertThat(texts("&element=TC&rating=dissatisfied&counter=Q2")).containsExactlyInAnyOrderElementsOf(
                expected(r -> r.unhappyWith("TC") && r.overall() <= 3 && r.counter().equals("Q2")));
        assertThat(texts("&rating=dissatisfied&element=KQ")).isNotEmpty();
        // The download carries the context and keeps the filters.
        var csv = admin.get("/api/v1/comments?" + FILTERS + "&rating=dissatisfied&format=csv").raw().body();
        var lines = csv.lines().toList();
        assertThat(lines.get(0)).contains("centre_name_vi", "counter_code", "overall_level", "overall_label_vi",
                "overall_satisfied", "service_name_vi");
        assertThat(lines).hasSize(1 + expected(r -> r.overall() <= 3).size());
        assertThat(lines.get(1)).contains("Quầy số", "Trung tâm Phục vụ hành chính công", "Đăng ký khai sinh", "false");
    }

    private static List<String> texts(String extra) {
        var answer = admin.get("/api/v1/comments?" + FILTERS + extra + "&size=200");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().get("comments").findValuesAsText("comment");
    }

    private static List<String> expected(Predicate<Row> keep) {
        return rows.stream().filter(r -> r.comment() != null).filter(keep).map(Row::comment).toList();
    }

    @Test
    void weekday_and_hour_cells_are_counted_in_vietnam_time() {
        var cells = admin.get("/api/v1/timing?" + FILTERS + "&minN=3").body();
        assertThat(cells.get("overall").asText()).isEqualTo("HL");
        var byHand = new TreeMap<String, int[]>();
        for (var r : rows) {
            var c = byHand.computeIfAbsent(r.at().getDayOfWeek().getValue() + "-" + r.at().getHour(), x -> new int[2]);
            c[0]++;
            if (r.overall() >= 4) {
                c[1]++;
            }
        }
        assertThat(cells.get("cells").size()).isEqualTo(byHand.size());
        for (var cell : cells.get("cells")) {
            var c = byHand.get(cell.get("weekday").asInt() + "-" + cell.get("hour").asInt());
            assertThat(c).as("cell %s", cell).isNotNull();
            assertThat(cell.get("n").asInt()).isEqualTo(c[0]);
            assertThat(cell.get("answered").asInt()).isEqualTo(c[0]);
            assertThat(cell.get("suppressed").asBoolean()).isEqualTo(c[0] < 3);
            if (c[0] >= 3) {
                var p = Proportion.of(c[1], c[0]);
                assertThat(cell.get("satisfied").asInt()).isEqualTo(c[1]);
                assertThat(cell.get("share").asDouble()).isCloseTo(p.value(), within(1e-9));
                assertThat(cell.get("low").asDouble()).isCloseTo(p.low(), within(1e-9));
                assertThat(cell.get("high").asDouble()).isCloseTo(p.high(), within(1e-9));
            } else {
                assertThat(cell.has("share")).isFalse();
            }
        }
        // Sunday 23:30 is Sunday's 23 o'clock; Monday 00:30 is Monday's 0 o'clock, though both are Sunday in UTC.
        assertThat(cell(cells, DayOfWeek.SUNDAY, 23).get("n").asInt()).isEqualTo(1);
        assertThat(cell(cells, DayOfWeek.MONDAY, 0).get("n").asInt()).isEqualTo(1);
        assertThat(cell(cells, DayOfWeek.SUNDAY, 17)).isNull();
        // At the default min_n (30) every cell of this small set shows its counts only.
        for (var cell : admin.get("/api/v1/timing?" + FILTERS).body().get("cells")) {
            assertThat(cell.get("suppressed").asBoolean()).isTrue();
            assertThat(cell.has("share")).isFalse();
        }
        var csv = admin.get("/api/v1/timing?" + FILTERS + "&minN=3&format=csv").raw().body().lines().toList();
        assertThat(csv.get(0)).contains("weekday", "hour", "n", "share_low");
        assertThat(csv).hasSize(1 + byHand.size());
    }

    private static JsonNode cell(JsonNode answer, DayOfWeek day, int hour) {
        for (var c : answer.get("cells")) {
            if (c.get("weekday").asInt() == day.getValue() && c.get("hour").asInt() == hour) {
                return c;
            }
        }
        return null;
    }

    @Test
    void mistakes_in_the_new_parameters_are_answered_naming_them() {
        Map<String, String> field = Map.of(
                "/api/v1/indices?counter=Q1", "counter",
                "/api/v1/comments?counter=Q1", "counter",
                "/api/v1/comments?rating=happy", "rating",
                "/api/v1/comments?rating=0", "rating",
                "/api/v1/comments?rating=6", "rating",
                "/api/v1/comments?element=XX", "element",
                "/api/v1/timing?groupBy=unit", "groupBy",
                "/api/v1/timing?weighting=poststratified", "weighting",
                "/api/v1/timing?minN=0", "minN",
                "/api/v1/response-rates?centre=C1&counter=Q1", "counter");
        field.forEach((path, name) -> {
            var answer = admin.get(path);
            assertThat(answer.status()).as(path).isEqualTo(422);
            assertThat(answer.body().get("field").asText()).as(path).isEqualTo(name);
        });
        var unknown = admin.get("/api/v1/indices?centre=C1&counter=Q9");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().toString()).contains("counter", "Q9");
        assertThat(admin.get("/api/v1/comments?rating=%27%3B%20drop%20table%20response").status()).isEqualTo(422);
        assertThat(admin.get("/api/v1/comments?element=%27%3B--").status()).isEqualTo(422);
        assertThat(admin.get("/api/v1/timing?centre=C1&counter=%00").status()).isIn(400, 404);
    }
}
