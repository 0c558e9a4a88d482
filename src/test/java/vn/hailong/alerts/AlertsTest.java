package vn.hailong.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static vn.hailong.db.schema.Tables.RESPONSE;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.Vietnam;
import vn.hailong.rollup.RollupStore;
import vn.hailong.schedule.Schedule;
import vn.hailong.stats.Estimates;
import vn.hailong.survey.Forms;

/**
 * The alerts on a real database: responses planted in the windows of this week's check (a clear fall at one commune,
 * noise elsewhere, a big fall at a unit below min_n, targets wholly above or straddled), the weekly job run through
 * the Schedule, the outbox rows of the people who chose alerts, and the API: listing within scope, acknowledging,
 * checking on demand.
 *
 * <pre>
 * P (province, no target)
 * ├── P.D  district, target 95          ─ P.D.X commune (inherits 95): 90 % satisfied kind → 50 % (a fall)
 * ├── P.S  department, target 99        noise only (80 %), recent index far below 99
 * ├── P.T  department, target ≈ index   noise only (75 %), interval straddles the target
 * └── P.M  department                   95 % → 10 %, but only 20 recent responses (below min_n 30)
 * </pre>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsTest {
    static TestApp app;
    static CloseableDSLContext dsl;
    /** Where the check reads the figures: a connection of its own, as the application's pool gives it one. */
    static CloseableDSLContext reader;
    static ApiClient admin;
    static ApiClient analyst;
    static ApiClient managerD;
    static ApiClient managerS;
    static Alerts.Windows windows;
    static String week;
    static final Map<String, Long> units = new HashMap<>();

    @BeforeAll
    static void start() {
        app = TestApp.start();
        dsl = app.dsl();
        reader = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        units.put("P", unit("P", "province", null));
        units.put("P.D", unit("P.D", "district", units.get("P")));
        units.put("P.D.X", unit("P.D.X", "commune", units.get("P.D")));
        units.put("P.S", unit("P.S", "department", units.get("P")));
        units.put("P.T", unit("P.T", "department", units.get("P")));
        units.put("P.M", unit("P.M", "department", units.get("P")));
        analyst = person("phantich", "analyst", null, "phantich@example.vn");
        managerD = person("quanly.pd", "agency_manager", units.get("P.D"), "quanly.pd@example.vn");
        managerS = person("quanly.ps", "agency_manager", units.get("P.S"), null);

        var today = Vietnam.today();
        windows = Alerts.Windows.checkedOn(today);
        week = Alerts.isoWeek(today);
        dsl.execute("select ensure_response_partitions({0}, {1})", windows.baseline().from().getYear(), today.getYear());
        var random = new Random(26);
        plant(random, "P.D.X", 600, 0.90, 120, 0.50);
        plant(random, "P.S", 500, 0.80, 40, 0.80);
        plant(random, "P.T", 500, 0.75, 60, 0.75);
        plant(random, "P.M", 500, 0.95, 20, 0.10);
        dsl.transaction(trx -> RollupStore.rebuild(trx.dsl(), new Forms(trx.dsl()), windows.baseline().from(),
                windows.recent().to().plusDays(1), read -> { }));

        int year = windows.recent().to().getYear();
        assertThat(admin.put("/api/v1/targets/P.D/" + year, Map.of("value", 95)).status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/targets/P.S/" + year, Map.of("value", 99)).status()).isEqualTo(200);
        // P.T's target is its own recent index: the interval holds it, so it is neither met nor missed.
        double tIndex = indices("P.T", windows.recent()).path("index").path("value").asDouble();
        assertThat(admin.put("/api/v1/targets/P.T/" + year,
                Map.of("value", Math.round(tIndex * 100) / 100.0)).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        reader.close();
        dsl.close();
        app.close();
    }

    static long unit(String code, String kind, Long parent) {
        var body = new HashMap<String, Object>(Map.of("code", code, "nameVi", "Đơn vị " + code, "kind", kind));
        if (parent != null) {
            body.put("parentId", parent);
        }
        var answer = admin.post("/api/v1/units", body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().get("id").asLong();
    }

    /** A user who chose to receive alerts by e-mail (when given an address). */
    static ApiClient person(String username, String role, Long unit, String email) {
        var body = new HashMap<String, Object>(Map.of("username", username, "displayName", username,
                "password", "password-of-" + username, "role", role));
        if (unit != null) {
            body.put("unitId", unit);
        }
        var answer = admin.post("/api/v1/users", body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        if (email != null) {
            dsl.execute("update app_user set email = {0} where username = {1}", email, username);
            dsl.execute("insert into notification_choice (user_id, topic) select id, 'alert' from app_user"
                    + " where username = {0}", username);
        }
        return ApiClient.signIn(app, username, "password-of-" + username);
    }

    /** Plants SIPAS ratings at a unit: n in the baseline window, then m in the recent one, each respondent's kind drawn. */
    static void plant(Random random, String unit, int n, double before, int m, double after) {
        var forms = new Forms(dsl);
        long version = (Long) dsl.fetchValue("select v.id from questionnaire_version v join questionnaire q on"
                + " q.id = v.questionnaire_id where q.code = 'SIPAS' and v.status = 'published' order by v.version desc"
                + " limit 1");
        var form = forms.published(version).orElseThrow();
        int size = form.questions().values().stream().mapToInt(Forms.Question::position).max().orElseThrow();
        var insert = dsl.insertInto(RESPONSE, RESPONSE.AGENCY_ID, RESPONSE.SUBMITTED_AT,
                RESPONSE.QUESTIONNAIRE_VERSION_ID, RESPONSE.CHANNEL, RESPONSE.ANSWERS);
        // Exactly round(share × count) respondents of the satisfied kind in each window, in random order: the windows
        // differ by the answers' own noise, not by how many of each kind happened to come.
        var kinds = new java.util.ArrayList<Boolean>();
        for (int r = 0; r < n + m; r++) {
            boolean recent = r >= n;
            int index = recent ? r - n : r;
            kinds.add(index < Math.round((recent ? after : before) * (recent ? m : n)));
        }
        java.util.Collections.shuffle(kinds.subList(0, n), random);
        java.util.Collections.shuffle(kinds.subList(n, n + m), random);
        for (int r = 0; r < n + m; r++) {
            boolean recent = r >= n;
            var window = recent ? windows.recent() : windows.baseline();
            int days = (int) (window.to().toEpochDay() - window.from().toEpochDay()) + 1;
            var day = window.from().plusDays(random.nextInt(days));
            var levels = AlertSimulationTest.person(random, kinds.get(r));
            var answers = new Short[size];
            for (int i = 0; i < levels.length; i++) {
                answers[form.instrumentPositions()[i]] = levels[i] == 0 ? null : (short) levels[i];
            }
            insert = insert.values(units.get(unit), OffsetDateTime.of(day, LocalTime.of(10, 0), Vietnam.ZONE.getRules()
                    .getOffset(day.atTime(10, 0))), version, "web", answers);
        }
        insert.execute();
    }

    static JsonNode indices(String unit, vn.hailong.analytics.UnitWindows.Window window) {
        var answer = admin.get("/api/v1/indices?questionnaire=SIPAS&unit=" + unit + "&from=" + window.from()
                + "&to=" + window.to());
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().path("groups").get(0);
    }

    static Set<String> alerted(String kind) {
        return new TreeSet<>(dsl.fetch("select u.code from alert a join unit u on u.id = a.unit_id where a.kind = {0}",
                kind).getValues(0, String.class));
    }

    static AlertsJob job() {
        return new AlertsJob(new Alerts(reader, new Forms(reader), Estimates.DEFAULT_MIN_N, "https://hailong.example.gov.vn"));
    }

    @Test
    @Order(1)
    void an_alert_and_its_notices_are_written_in_one_transaction_or_not_at_all() {
        assertThatThrownBy(() -> dsl.transaction(trx -> {
            var raised = new Alerts(reader, new Forms(reader)).run(trx.dsl(), "rollback-test", Vietnam.today());
            assertThat(raised).isNotEmpty();
            assertThat(trx.dsl().fetchCount(dsl.selectFrom("outbox"))).isPositive();
            throw new IllegalStateException("crash before the commit");
        })).hasMessageContaining("crash before the commit");
        assertThat(dsl.fetchCount(dsl.selectFrom("alert"))).isZero();
        assertThat(dsl.fetchCount(dsl.selectFrom("outbox"))).isZero();
    }

    @Test
    @Order(2)
    void the_weekly_job_raises_a_drop_where_ratings_fell_and_below_target_where_the_interval_is_under_it_once_a_week() {
        assertThat(Schedule.runOnce(dsl, job(), week)).isTrue();
        assertThat(Schedule.runOnce(dsl, job(), week)).isFalse();
        // The commune fell; its district is nothing but the commune; the province is mostly the commune. Noise (P.S,
        // P.T) raises none, and P.M fell furthest of all but has 20 recent responses, below min_n.
        assertThat(alerted("drop")).containsExactly("P", "P.D", "P.D.X");
        // P.D's own target and P.D.X's inherited one (95), P.S's 99; P.T's target sits inside its interval; P has none;
        // P.M is below min_n.
        assertThat(alerted("below_target")).containsExactly("P.D", "P.D.X", "P.S");
        assertThat(dsl.fetchCount(dsl.selectFrom("alert").where("period <> {0}", week))).isZero();

        var x = alert("P.D.X", "drop");
        var figures = x.path("figures");
        assertThat(x.path("recent").path("from").asText()).isEqualTo(windows.recent().from().toString());
        assertThat(x.path("baseline").path("to").asText()).isEqualTo(windows.baseline().to().toString());
        assertThat(figures.path("change").path("delta").asDouble()).isLessThan(-15);
        assertThat(figures.path("change").path("high").asDouble()).isNegative();
        assertThat(figures.path("change").path("q").asDouble()).isLessThanOrEqualTo(0.05);
        assertThat(figures.path("family").asInt()).isEqualTo(5); // every unit but P.M
        assertThat(figures.path("criteria")).hasSize(3);
        assertThat(figures.path("criteria").get(0).path("change").path("delta").asDouble()).isLessThan(-15);
        assertThat(figures.path("target").path("from").asText()).isEqualTo("P.D");
        assertThat(figures.path("target").path("inherited").asBoolean()).isTrue();
        // The figures are the dashboard's: GET /indices over the same days gives the same index and interval.
        var recent = indices("P.D.X", windows.recent());
        assertThat(figures.path("recent").path("value").asDouble()).isCloseTo(recent.path("index").path("value").asDouble(), within(1e-9));
        assertThat(figures.path("recent").path("low").asDouble()).isCloseTo(recent.path("index").path("low").asDouble(), within(1e-9));
        assertThat(figures.path("recent").path("n").asLong()).isEqualTo(recent.path("n").asLong());
        var baseline = indices("P", windows.baseline());
        assertThat(alert("P", "drop").path("figures").path("baseline").path("value").asDouble())
                .isCloseTo(baseline.path("index").path("value").asDouble(), within(1e-9));
    }

    @Test
    @Order(3)
    void a_fall_or_a_unit_still_below_its_target_a_week_later_is_told_again_only_once_the_windows_no_longer_overlap() {
        long fall = alert("P.D.X", "drop").path("id").asLong();
        long below = alert("P.D.X", "below_target").path("id").asLong();
        assertThatThrownBy(() -> dsl.transaction(trx -> {
            int outbox = trx.dsl().fetchCount(trx.dsl().selectFrom("outbox"));
            var nextWeek = new Alerts(reader, new Forms(reader)).run(trx.dsl(), "next-week", Vietnam.today().plusDays(7));
            // Three weeks of four shared: the check still finds the fall and the unit below its target, and answers
            // with the alerts already raised, telling nobody again.
            assertThat(nextWeek).filteredOn(a -> a.unitId() == units.get("P.D.X"))
                    .extracting(Alerts.Stored::id).contains(fall, below);
            assertThat(nextWeek).filteredOn(Alerts.Stored::raisedNow).isEmpty();
            assertThat(trx.dsl().fetchCount(trx.dsl().selectFrom("outbox"))).isEqualTo(outbox);
            throw new IllegalStateException("only looking");
        })).hasMessageContaining("only looking");
    }

    static JsonNode alert(String unit, String kind) {
        var answer = admin.get("/api/v1/alerts?unit=" + unit + "&kind=" + kind);
        assertThat(answer.status()).isEqualTo(200);
        for (var a : answer.body().path("alerts")) {
            if (a.path("unit").path("code").asText().equals(unit)) {
                return a;
            }
        }
        throw new AssertionError("no " + kind + " alert of " + unit + " in " + answer.body());
    }

    @Test
    @Order(3)
    void whoever_chose_alerts_and_may_see_the_unit_is_told_in_the_outbox() {
        var x = alert("P.D.X", "drop");
        long id = x.path("id").asLong();
        var rows = dsl.fetch("select o.address, o.subject, o.body, o.payload->>'kind' from outbox o"
                + " where o.event_key = {0} order by o.address", "alert:" + id);
        assertThat(rows.getValues(0, String.class)).containsExactly("phantich@example.vn", "quanly.pd@example.vn");
        var subject = rows.get(0).get(1, String.class);
        assertThat(subject).startsWith("Cảnh báo: chỉ số hài lòng của Đơn vị P.D.X giảm ").contains("KTC 95 %")
                .endsWith("trong 4 tuần gần nhất");
        assertThat(rows.get(0).get(2, String.class)).contains("Các tiêu chí giảm nhiều nhất",
                "https://hailong.example.gov.vn/dashboard/?unit=P.D.X", "Benjamini–Hochberg");
        // The criteria by their wording, not their code alone.
        var first = x.path("figures").path("criteria").get(0).path("code").asText();
        var wording = TestApp.one(dsl, "select c.text_vi from criterion c join questionnaire_version v on v.id = c.version_id"
                + " join questionnaire q on q.id = v.questionnaire_id where q.code = 'SIPAS' and c.indicator_code = ?"
                + " order by v.version desc limit 1", String.class, first);
        assertThat(rows.get(0).get(2, String.class)).contains("- " + wording + " (" + first + "): ");
        assertThat(rows.get(0).get(3, String.class)).isEqualTo("drop");
        assertThat(x.path("told")).extracting(t -> t.path("name").asText()).containsExactly("phantich", "quanly.pd");
        // P.S's manager chose nothing; P.D's manager may not see P.S: only the analyst is told of P.S.
        var s = alert("P.S", "below_target");
        assertThat(s.path("told")).extracting(t -> t.path("name").asText()).containsExactly("phantich");
        assertThat(dsl.fetchValue("select subject from outbox where event_key = {0}", "alert:" + s.path("id").asLong())
                .toString()).contains("thấp hơn mục tiêu 99,0");
    }

    @Test
    @Order(4)
    void a_manager_lists_and_acknowledges_only_the_alerts_of_its_subtree() {
        var listed = managerD.get("/api/v1/alerts");
        assertThat(listed.status()).isEqualTo(200);
        var codes = new TreeSet<String>();
        listed.body().path("alerts").forEach(a -> codes.add(a.path("unit").path("code").asText()));
        assertThat(codes).containsExactly("P.D", "P.D.X");
        assertThat(managerS.get("/api/v1/alerts?unit=P.D").status()).isEqualTo(404);

        long id = alert("P.D.X", "drop").path("id").asLong();
        var refused = managerS.post("/api/v1/alerts/" + id + "/acknowledge", Map.of());
        assertThat(refused.status()).isEqualTo(404);
        var tooLong = managerD.post("/api/v1/alerts/" + id + "/acknowledge", Map.of("note", "x".repeat(2001)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body().path("field").asText()).isEqualTo("note");
        var done = managerD.post("/api/v1/alerts/" + id + "/acknowledge", Map.of("note", "Đã họp bộ phận một cửa"));
        assertThat(done.status()).as(done.body().toString()).isEqualTo(200);
        assertThat(done.body().path("acknowledgedBy").asText()).contains("quanly.pd");
        assertThat(done.body().path("note").asText()).isEqualTo("Đã họp bộ phận một cửa");
        assertThat(done.body().path("acknowledgedAt").isNull()).isFalse();
        assertThat(managerD.post("/api/v1/alerts/" + id + "/acknowledge", Map.of()).status()).isEqualTo(409);
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_event").where("entity = 'alert' and action = 'acknowledge'"
                + " and entity_id = {0}", String.valueOf(id)))).isEqualTo(1);

        var open = admin.get("/api/v1/alerts?acknowledged=false").body().path("alerts");
        assertThat(open).noneMatch(a -> a.path("id").asLong() == id);
        var acknowledged = admin.get("/api/v1/alerts?acknowledged=true").body().path("alerts");
        assertThat(acknowledged).extracting(a -> a.path("id").asLong()).containsExactly(id);
        assertThat(admin.get("/api/v1/alerts?kind=rise").body().path("field").asText()).isEqualTo("kind");
        assertThat(admin.get("/api/v1/alerts?from=2026-13-01").body().path("field").asText()).isEqualTo("from");
        assertThat(admin.get("/api/v1/alerts?from=" + LocalDate.now().plusDays(5)).body().path("alerts")).isEmpty();
    }

    @Test
    @Order(5)
    void a_check_on_demand_finds_the_alerts_of_this_weeks_windows_already_raised_and_tells_nobody_again() {
        long outbox = dsl.fetchCount(dsl.selectFrom("outbox"));
        assertThat(managerD.post("/api/v1/alerts/check", Map.of()).status()).isEqualTo(403);
        var checked = analyst.post("/api/v1/alerts/check", Map.of());
        assertThat(checked.status()).as(checked.body().toString()).isEqualTo(200);
        assertThat(checked.body().path("period").asText()).startsWith("manual-");
        assertThat(checked.body().path("raised").asInt()).isZero();
        assertThat(checked.body().path("raisedBefore").asInt()).isEqualTo(6);
        assertThat(checked.body().path("alerts")).hasSize(6)
                .allSatisfy(a -> assertThat(a.path("period").asText()).isEqualTo(week));
        assertThat(dsl.fetchCount(dsl.selectFrom("outbox"))).isEqualTo(outbox);
    }

    @Test
    @Order(6)
    void a_webhook_told_of_an_alert_is_named_to_an_admin_only() {
        long id = alert("P.D.X", "drop").path("id").asLong();
        dsl.execute("insert into webhook (name, url, secret, topics, created_by) values"
                + " ('Cổng một cửa', 'https://motcua.example.gov.vn/hook', 'whsec_x', array['alert'], 'admin')");
        dsl.execute("insert into outbox (event_key, topic, unit_id, channel, webhook_id, address, subject, body, payload)"
                + " select {0}, 'alert', {1}, 'webhook', id, url, 's', 'b', '{}'::jsonb from webhook"
                + " where name = 'Cổng một cửa'", "alert:" + id, units.get("P.D.X"));
        var forManager = managerD.get("/api/v1/alerts?unit=P.D.X&kind=drop").body().path("alerts").get(0).path("told");
        var forAdmin = admin.get("/api/v1/alerts?unit=P.D.X&kind=drop").body().path("alerts").get(0).path("told");
        assertThat(forAdmin).filteredOn(t -> t.path("channel").asText().equals("webhook"))
                .extracting(t -> t.path("name").asText()).containsExactly("Cổng một cửa");
        assertThat(forManager).filteredOn(t -> t.path("channel").asText().equals("webhook"))
                .allSatisfy(t -> assertThat(t.path("name").isNull()).isTrue()).hasSize(1);
    }

}
