package vn.hailong.publications;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.TestApp.one;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.demo.DemoProvince;
import vn.hailong.rollup.RollupStore;
import vn.hailong.survey.Forms;

/**
 * Published results on the demo province, whose last full year (2025) the demo publishes. Planted: the Department
 * of Industry and Trade (99.SCT) unpublished for 2025, with a comment nobody else wrote; a comment in 2024, a year
 * never published; and a small department (99.SVH, 5 ratings) published, so suppressed.
 */
class PublicationsApiTest {
    static final int YEAR = 2025;
    static final String SECRET_2025 = "Bí mật của Sở Công Thương 7f3a";
    static final String SECRET_2024 = "Góp ý năm chưa công bố 91c2";
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static ApiClient anonymous;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        dsl = app.dsl();
        new DemoProvince(dsl).fillIfEmpty(DemoProvince.DEFAULT_SEED, YEAR);
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        anonymous = ApiClient.anonymous(app);
        assertThat(admin.delete("/api/v1/publications/99.SCT/" + YEAR).status()).isEqualTo(204);
        dsl.execute("update response set comment = ? where id = (select min(r.id) from response r join unit u on"
                + " u.id = r.agency_id where u.code = '99.SCT' and r.submitted_at >= '2025-03-01')", SECRET_2025);
        dsl.execute("update response set comment = ? where id = (select min(r.id) from response r join unit u on"
                + " u.id = r.agency_id where u.code = '99.STP' and r.submitted_at < '2025-01-01')", SECRET_2024);
        dsl.execute("insert into unit (code, name_vi, name_en, kind, parent_id) select '99.SVH', 'Sở Văn hóa nhỏ',"
                + " 'Small Department of Culture', 'department', id from unit where code = '99'");
        copyRatings("99.STP", "99.SVH", 5, null);
        assertThat(admin.put("/api/v1/publications/99.SVH/" + YEAR, Map.of()).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    /** Copies count 2025 ratings of one unit to another (with every answer set to level, when given), as a late import would. */
    static void copyRatings(String from, String to, int count, Integer level) {
        dsl.execute("insert into response (agency_id, submitted_at, questionnaire_version_id, service_id, centre_id,"
                + " channel, answers, quality_flags) select (select id from unit where code = ?), r.submitted_at,"
                + " r.questionnaire_version_id, r.service_id, r.centre_id, r.channel,"
                + (level == null ? " r.answers" : " array_fill(" + level + "::smallint, array[cardinality(r.answers)])")
                + ", r.quality_flags from response r join unit u on u.id = r.agency_id"
                + " join questionnaire_version v on v.id = r.questionnaire_version_id"
                + " join questionnaire q on q.id = v.questionnaire_id"
                + " where u.code = ? and q.code = 'SIPAS' and r.submitted_at >= '2025-01-01' and r.submitted_at < '2026-01-01'"
                + " order by r.id limit ?", to, from, count);
        dsl.transaction(trx -> RollupStore.rebuild(trx.dsl(), new Forms(trx.dsl()), LocalDate.of(YEAR, 1, 1),
                LocalDate.of(YEAR + 1, 1, 1), read -> { }));
    }

    static JsonNode indices(String unit) {
        var answer = admin.get("/api/v1/indices?questionnaire=SIPAS&unit=" + unit + "&from=2025-01-01&to=2025-12-31");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().path("groups").get(0);
    }

    @Test
    void the_demo_publishes_its_last_full_year_and_the_public_sees_it_without_signing_in() {
        var answer = anonymous.get("/api/v1/public/results");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.raw().headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        var body = answer.body();
        assertThat(body.path("year").asInt()).isEqualTo(YEAR);
        assertThat(body.path("questionnaire").asText()).isEqualTo("SIPAS");
        assertThat(body.path("years").toString()).isEqualTo("[2025]");
        assertThat(body.path("units").size()).isGreaterThan(15);
        var stp = unit(body, "99.STP");
        assertThat(stp.path("nameVi").asText()).isEqualTo("Sở Tư pháp");
        assertThat(stp.path("suppressed").asBoolean()).isFalse();
        assertThat(stp.has("publishedBy")).isFalse();
        assertThat(body.path("ranking").size()).isGreaterThan(1);
    }

    @Test
    void the_public_answer_holds_exactly_the_published_units_and_years_and_never_a_comment() {
        var published = one(dsl, "select string_agg(u.code, ',' order by u.code) from publication p join unit u on"
                + " u.id = p.unit_id where p.year = 2025", String.class);
        var body = anonymous.get("/api/v1/public/results?year=2025&questionnaire=SIPAS").body();
        var codes = new ArrayList<String>();
        body.path("units").forEach(u -> codes.add(u.path("code").asText()));
        assertThat(String.join(",", codes.stream().sorted().toList())).isEqualTo(published);
        assertThat(codes).doesNotContain("99.SCT").contains("99.STP", "99.SVH");
        var json = body.toString();
        var csv = new String(anonymous.download("/api/v1/public/results.csv?year=2025").body(), StandardCharsets.UTF_8);
        var sct = indices("99.SCT");
        for (var text : List.of(json, csv)) {
            assertThat(text).doesNotContain("Sở Công Thương", "Industry and Trade", "99.SCT", SECRET_2025, SECRET_2024,
                    "comment", "publishedBy", "\"2024\"");
            assertThat(text).doesNotContain(sct.path("index").path("value").asText(),
                    sct.path("index").path("low").asText(), sct.path("index").path("high").asText());
        }
        // No comment the citizens wrote appears, whichever unit it was about.
        var comments = dsl.fetch("select distinct comment from response where comment is not null and length(comment) > 12")
                .getValues(0, String.class);
        assertThat(comments).hasSizeGreaterThan(10);
        comments.forEach(c -> assertThat(json).doesNotContain(c));
        comments.forEach(c -> assertThat(csv).doesNotContain(c));
        assertThat(anonymous.get("/api/v1/public/results?year=2024").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/v1/public/results.csv?year=2024").status()).isEqualTo(404);
    }

    @Test
    void a_small_unit_shows_its_n_and_no_index_and_is_not_ranked() {
        var body = anonymous.get("/api/v1/public/results").body();
        var small = unit(body, "99.SVH");
        assertThat(small.path("n").asLong()).isEqualTo(5);
        assertThat(small.path("minN").asInt()).isEqualTo(30);
        assertThat(small.path("suppressed").asBoolean()).isTrue();
        assertThat(small.has("index")).isFalse();
        assertThat(small.has("elements")).isFalse();
        assertThat(body.path("ranking").toString()).doesNotContain("99.SVH");
        var csv = new String(anonymous.download("/api/v1/public/results.csv").body(), StandardCharsets.UTF_8);
        var row = csv.lines().filter(l -> l.contains("99.SVH")).findFirst().orElseThrow();
        assertThat(row).contains(",5,30,\"true\",,,,");
    }

    @Test
    void published_figures_equal_the_indices_at_publication_and_the_ranking_ranks_units_of_a_kind() {
        for (var code : List.of("99", "99.STP", "99.VPDK", "99001", "99031")) {
            var live = indices(code);
            var answer = admin.put("/api/v1/publications/" + code + "/2025", Map.of());
            assertThat(answer.status()).isEqualTo(200);
            var frozen = unit(anonymous.get("/api/v1/public/results").body(), code);
            for (var published : List.of(answer.body(), frozen)) {
                assertThat(published.path("n").asLong()).as(code).isEqualTo(live.path("n").asLong());
                assertThat(published.path("suppressed")).as(code).isEqualTo(live.path("suppressed"));
                assertThat(figure(published, "index")).as(code).isEqualTo(figure(live, "index"));
                assertThat(figure(published, "elements")).as(code).isEqualTo(figure(live, "elements"));
            }
        }
        var body = anonymous.get("/api/v1/public/results").body();
        // The departments' ranking is the statistics core's over the published, shown departments.
        JsonNode departments = null;
        for (var k : body.path("ranking")) {
            if (k.path("kind").asText().equals("department")) {
                departments = k;
            }
        }
        assertThat(departments).isNotNull();
        var ranked = new ArrayList<String>();
        departments.path("ranked").forEach(p -> ranked.add(p.path("code").asText()));
        assertThat(ranked).containsExactlyInAnyOrder("99.STP", "99.SXD", "99.STC", "99.SNNMT", "99.SNV");
        var first = departments.path("ranked").get(0);
        assertThat(first.path("rank").asInt()).isEqualTo(1);
        assertThat(first.path("index").path("value").asDouble())
                .isGreaterThanOrEqualTo(departments.path("ranked").get(4).path("index").path("value").asDouble());
    }

    @Test
    void a_snapshot_stays_when_late_ratings_arrive_until_it_is_published_again() {
        var before = admin.get("/api/v1/publications/99.SNV/2025").body();
        copyRatings("99.SNV", "99.SNV", 400, 1);
        var live = indices("99.SNV");
        assertThat(live.path("n").asLong()).isEqualTo(before.path("n").asLong() + 400);
        assertThat(live.path("index").path("value").asDouble()).isLessThan(before.path("index").path("value").asDouble() - 1);
        var still = unit(anonymous.get("/api/v1/public/results").body(), "99.SNV");
        assertThat(still.path("index")).isEqualTo(before.path("index"));
        assertThat(still.path("n").asLong()).isEqualTo(before.path("n").asLong());

        var republished = admin.put("/api/v1/publications/99.SNV/2025", Map.of());
        assertThat(republished.status()).isEqualTo(200);
        assertThat(republished.body().path("index")).isEqualTo(live.path("index"));
        var now = unit(anonymous.get("/api/v1/public/results").body(), "99.SNV");
        assertThat(now.path("index")).isEqualTo(live.path("index"));
        assertThat(now.path("n").asLong()).isEqualTo(live.path("n").asLong());
    }

    @Test
    void publishing_and_unpublishing_are_audited_and_unpublishing_takes_a_unit_off_the_public_page() {
        var published = admin.put("/api/v1/publications/99.SCT/2024?questionnaire=SIPAS", Map.of());
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.body().path("publishedBy").asText()).isEqualTo("admin");
        assertThat(published.body().path("unit").path("code").asText()).isEqualTo("99.SCT");
        assertThat(anonymous.get("/api/v1/public/results?year=2024").body().path("units").size()).isEqualTo(1);
        assertThat(admin.get("/api/v1/publications?year=2024").body().toString()).contains("\"publishedBy\":\"admin\"");
        assertThat(admin.delete("/api/v1/publications/99.SCT/2024").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/publications/99.SCT/2024").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/v1/public/results?year=2024").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/v1/public/results").body().path("years").toString()).isEqualTo("[2025]");
        var audit = dsl.fetch("select action from audit_event where entity = 'publication' and entity_id = '99.SCT/2024/SIPAS'"
                + " order by id").getValues(0, String.class);
        assertThat(audit).containsExactly("publish", "unpublish");
    }

    @Test
    void only_an_admin_publishes_and_mistakes_get_an_answer_naming_the_field() {
        assertThat(anonymous.get("/api/v1/publications").status()).isEqualTo(401);
        assertThat(anonymous.put("/api/v1/publications/99.STP/2025", Map.of()).status()).isEqualTo(401);
        assertThat(anonymous.delete("/api/v1/publications/99.STP/2025").status()).isEqualTo(401);
        admin.post("/api/v1/users", Map.of("username", "reader", "password", "reader-password-1", "role", "analyst"));
        var analyst = ApiClient.signIn(app, "reader", "reader-password-1");
        assertThat(analyst.put("/api/v1/publications/99.STP/2025", Map.of()).status()).isEqualTo(403);
        assertThat(analyst.get("/api/v1/public/results").status()).isEqualTo(200);

        assertThat(field(admin.put("/api/v1/publications/99.STP/twenty", Map.of()))).isEqualTo("year");
        assertThat(field(admin.put("/api/v1/publications/99.STP/1999", Map.of()))).isEqualTo("year");
        assertThat(field(admin.put("/api/v1/publications/99.STP/2099", Map.of()))).isEqualTo("year");
        assertThat(field(admin.put("/api/v1/publications/99.STP/2019", Map.of()))).isEqualTo("year");
        assertThat(field(admin.put("/api/v1/publications/99.STP/2025?questionnaire=NOPE", Map.of())))
                .isEqualTo("questionnaire");
        assertThat(field(admin.put("/api/v1/publications/99.STP/2025?questionnaire=%3Cscript%3E", Map.of())))
                .isEqualTo("questionnaire");
        assertThat(admin.put("/api/v1/publications/99.NOWHERE/2025", Map.of()).status()).isEqualTo(404);
        assertThat(field(anonymous.get("/api/v1/public/results?year=abc"))).isEqualTo("year");
        assertThat(field(anonymous.get("/api/v1/public/results?year=-1"))).isEqualTo("year");
        assertThat(field(anonymous.get("/api/v1/public/results?questionnaire=%27%3B--"))).isEqualTo("questionnaire");
        assertThat(field(anonymous.get("/api/v1/public/results.csv?year=99999999999"))).isEqualTo("year");
        var nothing = anonymous.get("/api/v1/public/results?questionnaire=KIOSK").body();
        assertThat(nothing.path("year").isNull()).isTrue();
        assertThat(nothing.path("units").size()).isZero();
    }

    static String field(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isBetween(400, 499);
        return answer.body().path("field").asText();
    }

    /** A figure, or null where the answer has none (left out, as /indices does, or null, as a publication says). */
    static JsonNode figure(JsonNode node, String name) {
        var value = node.path(name);
        return value.isMissingNode() || value.isNull() ? null : value;
    }

    static JsonNode unit(JsonNode body, String code) {
        for (var u : body.path("units")) {
            if (u.path("code").asText().equals(code)) {
                return u;
            }
        }
        throw new AssertionError("no unit " + code + " in " + body);
    }
}
