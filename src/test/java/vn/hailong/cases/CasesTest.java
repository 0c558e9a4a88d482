package vn.hailong.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
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
import vn.hailong.Vietnam;

/**
 * Follow-up cases on a real server and database: which ratings open one (and only one), who sees them, how they move,
 * the on-time summary, the outbox pass, and the citizen's contact (consent, handlers only, never in analytics or
 * exports, erased after the case closes).
 */
class CasesTest {
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static ApiClient managerA;
    static ApiClient managerB;
    static ApiClient analyst;
    static final ApiClient citizen() {
        return ApiClient.anonymous(app);
    }

    @BeforeAll
    static void start() {
        app = TestApp.start();
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        long province = unit("CP", "province", null);
        long a = unit("CP.A", "department", province);
        long b = unit("CP.B", "department", province);
        unit("CP.A.X", "commune", a);
        user("quanly.a", "agency_manager", a);
        user("quanly.b", "agency_manager", b);
        user("phantich", "analyst", null);
        managerA = ApiClient.signIn(app, "quanly.a", "manager-password-1");
        managerB = ApiClient.signIn(app, "quanly.b", "manager-password-1");
        analyst = ApiClient.signIn(app, "phantich", "manager-password-1");
    }

    @AfterAll
    static void stop() {
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

    static void user(String username, String role, Long unit) {
        var body = new HashMap<String, Object>(Map.of("username", username, "password", "manager-password-1",
                "role", role, "displayName", username));
        if (unit != null) {
            body.put("unitId", unit);
        }
        var answer = admin.post("/api/v1/users", body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    }

    static Map<String, Object> kiosk(String agency, int level, String comment) {
        var body = new LinkedHashMap<String, Object>();
        body.put("submissionId", UUID.randomUUID().toString());
        body.put("questionnaire", "KIOSK");
        body.put("version", 1);
        body.put("agency", agency);
        body.put("channel", "web");
        body.put("answers", Map.of("HL", level));
        if (comment != null) {
            body.put("comment", comment);
        }
        return body;
    }

    static Map<String, Object> dossier(String agency, int level, Integer reason, String comment) {
        var answers = new HashMap<String, Object>(Map.of("DG", level));
        if (reason != null) {
            answers.put("LD", reason);
        }
        var body = new LinkedHashMap<String, Object>(Map.of("submissionId", UUID.randomUUID().toString(),
                "questionnaire", "DOSSIER3", "version", 1, "agency", agency, "channel", "web", "answers", answers,
                "dossierCode", "HS-" + UUID.randomUUID().toString().substring(0, 8)));
        if (comment != null) {
            body.put("comment", comment);
        }
        return body;
    }

    /** Posts a rating as an anonymous citizen (dossier codes need a signed-in interviewer or admin: admin). */
    static ApiClient.Answer rate(Map<String, Object> rating) {
        var by = rating.containsKey("dossierCode") ? admin : citizen();
        var answer = by.post("/api/v1/responses", rating);
        assertThat(answer.status()).as(answer.body().toString()).isIn(200, 201);
        return answer;
    }

    static long cases(String agency) {
        return TestApp.one(dsl, "select count(*) from follow_up_case c join unit u on u.id = c.agency_id where u.code = ?",
                Long.class, agency);
    }

    static long caseOf(Map<String, Object> rating) {
        return Cases.bySubmission(dsl, UUID.fromString((String) rating.get("submissionId"))).orElseThrow();
    }

    @Test
    void exactly_the_negative_ratings_that_say_why_open_a_case_once() {
        long before = cases("CP.A.X");
        var open = List.of(kiosk("CP.A.X", 1, "Chờ quá lâu, không ai hướng dẫn"), kiosk("CP.A.X", 2, "Thái độ chưa tốt"),
                dossier("CP.A.X", 1, 2, null));
        var none = List.of(kiosk("CP.A.X", 5, "Rất tốt"), kiosk("CP.A.X", 4, "Ổn"), kiosk("CP.A.X", 3, "Bình thường"),
                kiosk("CP.A.X", 1, null), kiosk("CP.A.X", 2, "   "), dossier("CP.A.X", 2, null, "Tạm được"),
                dossier("CP.A.X", 3, null, "Tốt"));
        for (var rating : open) {
            var answer = rate(rating);
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.body().get("followUp").asBoolean()).as(rating.toString()).isTrue();
        }
        for (var rating : none) {
            assertThat(rate(rating).body().get("followUp").asBoolean()).as(rating.toString()).isFalse();
        }
        assertThat(cases("CP.A.X")).isEqualTo(before + 3);
        // A retry is answered from what was stored, and opens no second case.
        var again = rate(open.get(0));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("followUp").asBoolean()).isTrue();
        assertThat(cases("CP.A.X")).isEqualTo(before + 3);
        // The case carries what the handler needs to read.
        var kase = admin.get("/api/v1/cases/" + caseOf(open.get(2))).body().get("case");
        assertThat(kase.get("rating").get("labelVi").asText()).isEqualTo("Không hài lòng");
        assertThat(kase.get("reason").get("labelVi").asText()).isNotBlank();
        assertThat(kase.get("dossierCode").asText()).startsWith("HS-");
        assertThat(kase.get("status").asText()).isEqualTo("new");
        assertThat(kase.get("unit").get("code").asText()).isEqualTo("CP.A.X");
        var today = Vietnam.today();
        assertThat(LocalDate.parse(kase.get("dueOn").asText())).isEqualTo(
                TestApp.one(dsl, "select add_working_days(?, 5)", LocalDate.class, today));
    }

    @Test
    void imported_rows_are_history_and_open_no_case() {
        long before = TestApp.one(dsl, "select count(*) from follow_up_case", Long.class);
        var csv = "response_id,submitted_at,agency_code,channel,comment,HL\n"
                + "IMP-1,2025-03-01,CP.B,kiosk,Rất tệ,1\nIMP-2,2025-03-02,CP.B,web,Không hài lòng,2\n";
        var imported = admin.send("POST", "/api/v1/imports?questionnaire=KIOSK&version=1", csv, "text/csv");
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        assertThat(TestApp.one(dsl, "select count(*) from response where external_id like 'IMP-%'", Long.class))
                .isEqualTo(2);
        assertThat(TestApp.one(dsl, "select count(*) from follow_up_case", Long.class)).isEqualTo(before);
    }

    @Test
    void a_case_is_seen_and_handled_only_within_scope() {
        var rating = kiosk("CP.A", 1, "Nhân viên không có mặt");
        rate(rating);
        long id = caseOf(rating);
        assertThat(managerA.get("/api/v1/cases/" + id).status()).isEqualTo(200);
        assertThat(managerB.get("/api/v1/cases/" + id).status()).isEqualTo(404);
        assertThat(managerB.patch("/api/v1/cases/" + id, Map.of("status", "in_progress")).status()).isEqualTo(404);
        assertThat(managerB.get("/api/v1/cases").body().get("cases").findValuesAsText("id")).doesNotContain("" + id);
        assertThat(managerA.get("/api/v1/cases?unit=CP.A").body().get("cases").findValuesAsText("id")).contains("" + id);
        assertThat(managerB.get("/api/v1/cases?unit=CP.A").body().get("field").asText()).isEqualTo("unit");
        assertThat(analyst.get("/api/v1/cases/" + id).status()).isEqualTo(200);
        assertThat(analyst.patch("/api/v1/cases/" + id, Map.of("status", "in_progress")).status()).isEqualTo(403);
        // Someone of another unit cannot be made to handle it.
        var wrong = managerA.patch("/api/v1/cases/" + id, Map.of("assignee", "quanly.b"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body().get("field").asText()).isEqualTo("assignee");
    }

    @Test
    void statuses_move_by_the_rules_and_every_change_is_in_the_history_and_the_audit_log() {
        var rating = kiosk("CP.A", 2, "Phải đi lại nhiều lần");
        rate(rating);
        long id = caseOf(rating);
        var taken = managerA.patch("/api/v1/cases/" + id, Map.of("assignee", "me"));
        assertThat(taken.status()).as(taken.body().toString()).isEqualTo(200);
        assertThat(taken.body().get("case").get("status").asText()).isEqualTo("in_progress");
        assertThat(taken.body().get("case").get("assignee").get("username").asText()).isEqualTo("quanly.a");
        assertThat(managerA.get("/api/v1/cases?assignee=me").body().get("cases").findValuesAsText("id")).contains("" + id);

        var unanswered = managerA.patch("/api/v1/cases/" + id, Map.of("status", "resolved"));
        assertThat(unanswered.status()).isEqualTo(422);
        assertThat(unanswered.body().get("field").asText()).isEqualTo("answer");
        var back = managerA.patch("/api/v1/cases/" + id, Map.of("status", "new"));
        assertThat(back.status()).isEqualTo(422);
        assertThat(back.body().get("field").asText()).isEqualTo("status");

        var resolved = managerA.patch("/api/v1/cases/" + id, Map.of("status", "resolved",
                "answer", "Đơn vị đã bố trí thêm cán bộ hướng dẫn tại quầy."));
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.body().get("case").get("closedAt").isNull()).isFalse();
        var locked = managerA.patch("/api/v1/cases/" + id, Map.of("answer", "Sửa lại"));
        assertThat(locked.status()).isEqualTo(422);
        assertThat(locked.body().get("field").asText()).isEqualTo("answer");
        var reopened = admin.patch("/api/v1/cases/" + id, Map.of("status", "in_progress", "note", "Công dân phản ánh lại"));
        assertThat(reopened.body().get("case").get("closedAt").isNull()).isTrue();
        var history = admin.get("/api/v1/cases/" + id).body().get("history");
        assertThat(history.findValuesAsText("action"))
                .containsExactly("opened", "assigned", "status", "answered", "status", "reopened");
        assertThat(TestApp.one(dsl, "select count(*) from audit_event where entity = 'case' and entity_id = ?",
                Long.class, "" + id)).isEqualTo(3);
        var hostile = managerA.patch("/api/v1/cases/" + id, Map.of("status", 7, "colour", "red"));
        assertThat(hostile.status()).isEqualTo(422);
        assertThat(hostile.body().toString()).contains("status", "colour");
    }

    @Test
    void the_summary_counts_cases_and_the_share_answered_on_time_with_its_interval() {
        long province = TestApp.one(dsl, "select id from unit where code = 'CP'", Long.class);
        long sum = unit("CP.S", "department", province);
        var ids = new ArrayList<Long>();
        for (int i = 0; i < 4; i++) {
            var rating = kiosk("CP.S", 1, "Phản ánh số " + i);
            rate(rating);
            ids.add(caseOf(rating));
        }
        // One answered on time, one late, one still open but overdue, one open and not yet due.
        admin.patch("/api/v1/cases/" + ids.get(0), Map.of("status", "resolved", "answer", "Đã xử lý"));
        admin.patch("/api/v1/cases/" + ids.get(1), Map.of("status", "rejected", "answer", "Không thuộc thẩm quyền"));
        dsl.execute("update follow_up_case set due_on = ? where id = ?",
                Vietnam.today().minusDays(1), ids.get(1));
        dsl.execute("update follow_up_case set due_on = ? where id = ?", Vietnam.today().minusDays(2), ids.get(2));
        var summary = admin.get("/api/v1/cases/summary?groupBy=unit").body();
        JsonNode row = null;
        for (var g : summary.get("groups")) {
            if (g.get("unit").get("code").asText().equals("CP.S")) {
                row = g;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("opened").asLong()).isEqualTo(4);
        assertThat(row.get("resolved").asLong()).isEqualTo(1);
        assertThat(row.get("rejected").asLong()).isEqualTo(1);
        assertThat(row.get("overdueOpen").asLong()).isEqualTo(1);
        assertThat(row.get("closedOnTime").asLong()).isEqualTo(1);
        var share = row.get("onTime");
        assertThat(share.get("n").asLong()).isEqualTo(3);
        var expected = vn.hailong.stats.Proportion.of(1, 3);
        assertThat(share.get("value").asDouble()).isEqualTo(expected.value());
        assertThat(share.get("low").asDouble()).isEqualTo(expected.low());
        assertThat(share.get("high").asDouble()).isEqualTo(expected.high());
        var overdue = admin.get("/api/v1/cases?overdue=true&unit=CP.S").body();
        assertThat(overdue.get("total").asLong()).isEqualTo(1);
        assertThat(overdue.get("cases").get(0).get("id").asLong()).isEqualTo(ids.get(2));
        assertThat(overdue.get("cases").get(0).get("overdue").asBoolean()).isTrue();
        assertThat(admin.get("/api/v1/cases?status=open&unit=CP.S").body().get("total").asLong()).isEqualTo(2);
        var today = admin.get("/api/v1/cases/summary?groupBy=unit&from=" + Vietnam.today() + "&to=" + Vietnam.today())
                .body().get("total");
        assertThat(today.get("opened").asLong()).isGreaterThanOrEqualTo(4);
        var yesterday = admin.get("/api/v1/cases/summary?from=2020-01-01&to=2020-12-31").body();
        assertThat(yesterday.get("groups").size()).isZero();
        assertThat(yesterday.get("total").get("onTime").isNull()).isTrue();
        // Managers of another unit do not see it; dates and groupings are checked.
        assertThat(managerB.get("/api/v1/cases/summary").body().get("groups").findValuesAsText("code")).doesNotContain("CP.S");
        assertThat(admin.get("/api/v1/cases/summary?groupBy=colour").body().get("field").asText()).isEqualTo("groupBy");
        assertThat(admin.get("/api/v1/cases/summary?from=2026-13-01").body().get("field").asText()).isEqualTo("from");
        assertThat(sum).isPositive();
    }

    @Test
    void working_days_skip_weekends_and_holidays_and_the_nearest_setting_wins() {
        // Across the year's end: 1 January is a holiday, 2 January 2026 a Friday.
        assertThat(workingDays("2025-12-31", 1)).isEqualTo("2026-01-02");
        assertThat(workingDays("2025-12-31", 2)).isEqualTo("2026-01-05");
        // Tết 2026: Monday 16 to Friday 20 February are off.
        assertThat(workingDays("2026-02-13", 1)).isEqualTo("2026-02-23");
        assertThat(workingDays("2026-02-12", 5)).isEqualTo("2026-02-26");
        // A Saturday's case counts from Monday.
        assertThat(workingDays("2026-03-07", 5)).isEqualTo("2026-03-13");
        // Holidays added by an administrator count; removed ones do not.
        assertThat(admin.put("/api/v1/holidays/2026-03-10", Map.of("name", "Ngày nghỉ thử")).status()).isEqualTo(200);
        assertThat(workingDays("2026-03-07", 5)).isEqualTo("2026-03-16");
        assertThat(admin.delete("/api/v1/holidays/2026-03-10").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/holidays/2026-03-10").status()).isEqualTo(404);
        assertThat(admin.put("/api/v1/holidays/2026-02-30", Map.of("name", "x")).body().get("field").asText())
                .isEqualTo("date");
        assertThat(admin.put("/api/v1/holidays/2026-03-11", Map.of()).body().get("field").asText()).isEqualTo("name");

        assertThat(admin.put("/api/v1/case-settings/CP", Map.of("workingDays", 10)).status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/case-settings/CP.A", Map.of("workingDays", 3)).status()).isEqualTo(200);
        var commune = admin.get("/api/v1/case-settings/CP.A.X").body();
        assertThat(commune.get("workingDays").asInt()).isEqualTo(3);
        assertThat(commune.get("inherited").asBoolean()).isTrue();
        assertThat(commune.get("from").asText()).isEqualTo("CP.A");
        assertThat(admin.get("/api/v1/case-settings/CP.B").body().get("workingDays").asInt()).isEqualTo(10);
        assertThat(admin.put("/api/v1/case-settings/CP.B", Map.of("workingDays", 0)).body().get("field").asText())
                .isEqualTo("workingDays");
        assertThat(managerA.put("/api/v1/case-settings/CP.A", Map.of("workingDays", 9)).status()).isEqualTo(403);
        var rating = kiosk("CP.A.X", 1, "Hạn ba ngày");
        rate(rating);
        assertThat(TestApp.one(dsl, "select due_on from follow_up_case where id = ?", LocalDate.class, caseOf(rating)))
                .isEqualTo(TestApp.one(dsl, "select add_working_days(?, 3)", LocalDate.class, Vietnam.today()));
        admin.put("/api/v1/case-settings/CP", Map.of("workingDays", 5));
        admin.put("/api/v1/case-settings/CP.A", Map.of("workingDays", 5));
    }

    static String workingDays(String from, int n) {
        return TestApp.one(dsl, "select add_working_days(?::date, ?)::varchar", String.class, from, n);
    }

    @Test
    void each_new_case_is_handed_to_the_outbox_once() {
        dsl.execute("update app_user set email = 'quanly.a@example.vn' where username = 'quanly.a'");
        dsl.execute("insert into notification_choice (user_id, topic) select id, 'case' from app_user"
                + " where username = 'quanly.a' on conflict do nothing");
        var notifier = new CaseNotifier(dsl, null, "https://hailong.example.gov.vn");
        notifier.pass();
        var rating = kiosk("CP.A", 1, "Cần gọi lại cho tôi");
        rate(rating);
        long id = caseOf(rating);
        assertThat(notifier.pass()).isGreaterThanOrEqualTo(1);
        assertThat(notifier.pass()).isZero();
        var key = "case:" + id + ":opened";
        assertThat(TestApp.one(dsl, "select count(*) from outbox where event_key = ?", Long.class, key)).isEqualTo(1);
        assertThat(TestApp.one(dsl, "select address from outbox where event_key = ?", String.class, key))
                .isEqualTo("quanly.a@example.vn");
        assertThat(TestApp.one(dsl, "select body from outbox where event_key = ?", String.class, key))
                .contains("Cần gọi lại cho tôi", "Hạn xử lý: ngày ",
                        "Xem và xử lý: https://hailong.example.gov.vn/admin/#/cases/" + id + "\n");
        assertThat(TestApp.one(dsl, "select notified_at is not null from follow_up_case where id = ?", Boolean.class, id))
                .isTrue();
    }

    /**
     * A submission id names one rating whatever its agency: the same id sent for another agency is refused as reused,
     * so the rating's case, and the callback its citizen may ask for, are found by the id alone.
     */
    @Test
    void a_submission_id_used_for_one_agency_is_refused_for_another_and_its_citizen_can_still_be_called_back() {
        var first = kiosk("CP.A", 1, "Chờ quá lâu");
        var second = new java.util.LinkedHashMap<>(kiosk("CP.B", 1, "Thái độ chưa tốt"));
        second.put("submissionId", first.get("submissionId"));
        rate(first);
        var reused = citizen().post("/api/v1/responses", second);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.message()).contains("already used");
        var contact = citizen().post("/api/v1/responses/" + first.get("submissionId") + "/contact",
                Map.of("phone", "0912 345 678", "consent", true));
        assertThat(contact.status()).isLessThan(300);
    }

    @Test
    void a_citizen_may_leave_a_contact_with_consent_seen_only_by_handlers_never_in_analytics_and_erased_later() {
        var rating = kiosk("CP.A", 1, "Xin được gọi lại để giải thích");
        rate(rating);
        long id = caseOf(rating);
        var path = "/api/v1/responses/" + rating.get("submissionId") + "/contact";
        var phone = "0912 345 678";
        var email = "cong.dan.abc@example.vn";

        var noConsent = citizen().post(path, Map.of("phone", phone));
        assertThat(noConsent.status()).isEqualTo(422);
        assertThat(noConsent.body().get("field").asText()).isEqualTo("consent");
        var badPhone = citizen().post(path, Map.of("phone", "12ab", "consent", true));
        assertThat(badPhone.body().get("field").asText()).isEqualTo("phone");
        var badEmail = citizen().post(path, Map.of("email", "not-an-address", "consent", true));
        assertThat(badEmail.body().get("field").asText()).isEqualTo("email");
        // One plain address, as staff addresses: not two, not a mail link's subject or body, not a header.
        for (var bad : java.util.List.of("a@b.vn, c@d.vn", "Tên <a@b.vn>", "a@b.vn\r\nBcc: x@y.vn", "a@b")) {
            var refused = citizen().post(path, Map.of("email", bad, "consent", true));
            assertThat(refused.status()).as(bad).isEqualTo(422);
            assertThat(refused.body().get("field").asText()).as(bad).isEqualTo("email");
        }
        var nothing = citizen().post(path, Map.of("consent", true));
        assertThat(nothing.status()).isEqualTo(422);
        var positive = kiosk("CP.A", 5, "Tốt");
        rate(positive);
        assertThat(citizen().post("/api/v1/responses/" + positive.get("submissionId") + "/contact",
                Map.of("phone", phone, "consent", true)).status()).isEqualTo(404);
        assertThat(citizen().post("/api/v1/responses/" + UUID.randomUUID() + "/contact",
                Map.of("phone", phone, "consent", true)).status()).isEqualTo(404);

        var left = citizen().post(path, Map.of("phone", phone, "email", email, "consent", true));
        assertThat(left.status()).as(left.body().toString()).isEqualTo(201);
        assertThat(left.body().get("consentText").asText()).startsWith("Tôi đồng ý để Đơn vị CP.A");
        assertThat(citizen().post(path, Map.of("phone", phone, "email", email, "consent", true)).status()).isEqualTo(200);
        assertThat(TestApp.one(dsl, "select count(*) from case_contact where case_id = ?", Long.class, id)).isEqualTo(1);

        // Handlers see it; an analyst sees only that there is one.
        var handler = managerA.get("/api/v1/cases/" + id).body();
        assertThat(handler.get("contact").get("phone").asText()).isEqualTo("0912345678");
        assertThat(handler.get("case").get("hasContact").asBoolean()).isTrue();
        assertThat(admin.get("/api/v1/cases/" + id).body().get("contact").get("email").asText()).isEqualTo(email);
        var read = analyst.get("/api/v1/cases/" + id).body();
        assertThat(read.get("contact").isNull()).isTrue();
        assertThat(read.get("case").get("hasContact").asBoolean()).isTrue();
        assertThat(read.toString()).doesNotContain("0912345678", email);
        assertThat(admin.get("/api/v1/cases?size=200").raw().body()).doesNotContain("0912345678", email);

        // Nowhere in analytics or exports.
        var year = "from=" + Vietnam.today().withDayOfYear(1) + "&to=" + Vietnam.today();
        var routes = new ArrayList<String>(List.of(
                "/api/v1/responses/export?format=csv&questionnaire=KIOSK&" + year,
                "/api/v1/comments?questionnaire=KIOSK&" + year,
                "/api/v1/comments?format=csv&questionnaire=KIOSK&" + year,
                "/api/v1/indices?groupBy=unit&questionnaire=KIOSK&" + year,
                "/api/v1/compare?groupBy=unit&questionnaire=KIOSK&" + year,
                "/api/v1/rankings?questionnaire=KIOSK&" + year,
                "/api/v1/trend?questionnaire=KIOSK&" + year,
                "/api/v1/distribution?questionnaire=KIOSK&" + year,
                "/api/v1/reasons?questionnaire=KIOSK&" + year,
                "/api/v1/timing?questionnaire=KIOSK&" + year,
                "/api/v1/response-rates?groupBy=unit&questionnaire=KIOSK&" + year,
                "/api/v1/cases/summary?groupBy=unit",
                "/api/v1/audit"));
        for (var route : routes) {
            var answer = admin.download(route);
            assertThat(answer.statusCode()).as(route).isLessThan(500);
            var text = new String(answer.body(), StandardCharsets.UTF_8);
            assertThat(text).as(route).doesNotContain("0912345678", "0912 345 678", email);
        }
        var csvExport = new String(admin.download("/api/v1/responses/export?format=csv&questionnaire=KIOSK&" + year)
                .body(), StandardCharsets.UTF_8);
        assertThat(csvExport).as("the export has the rating itself").contains("Xin được gọi lại để giải thích");
        for (var route : List.of("/api/v1/responses/export?format=xlsx&questionnaire=KIOSK&" + year,
                "/api/v1/comments?format=xlsx&questionnaire=KIOSK&" + year)) {
            var xlsx = admin.download(route);
            assertThat(xlsx.statusCode()).as(route).isEqualTo(200);
            assertThat(unzipped(xlsx.body())).as(route).contains("Xin được gọi lại")
                    .doesNotContain("0912345678", email);
        }

        // Erased some days after the case closes; an open case's contact is kept.
        var other = kiosk("CP.A", 1, "Một phản ánh còn mở");
        rate(other);
        citizen().post("/api/v1/responses/" + other.get("submissionId") + "/contact",
                Map.of("email", "con.mo@example.vn", "consent", true));
        admin.patch("/api/v1/cases/" + id, Map.of("status", "resolved", "answer", "Đã gọi lại cho công dân"));
        var now = OffsetDateTime.now();
        assertThat(ContactErasure.erase(dsl, now.plusDays(29), 30)).isZero();
        assertThat(ContactErasure.erase(dsl, now.plusDays(31), 30)).isEqualTo(1);
        assertThat(TestApp.one(dsl, "select count(*) from case_contact where case_id = ?", Long.class, id)).isZero();
        assertThat(TestApp.one(dsl, "select count(*) from case_contact where case_id = ?", Long.class, caseOf(other)))
                .isEqualTo(1);
        var history = admin.get("/api/v1/cases/" + id).body();
        assertThat(history.get("history").findValuesAsText("action")).contains("contact_left", "contact_erased");
        assertThat(history.toString()).doesNotContain("0912345678", email);
        assertThat(history.get("case").get("hasContact").asBoolean()).isFalse();
        // The job runs once a day.
        assertThat(vn.hailong.schedule.Schedule.runOnce(dsl, new ContactErasure(30), "2026-12-07")).isTrue();
        assertThat(vn.hailong.schedule.Schedule.runOnce(dsl, new ContactErasure(30), "2026-12-07")).isFalse();
    }

    /** Every cell of every sheet of the workbook, as text. */
    static String unzipped(byte[] xlsx) {
        var text = new StringBuilder();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var format = new org.apache.poi.ss.usermodel.DataFormatter();
            for (var sheet : workbook) {
                for (var row : sheet) {
                    for (var cell : row) {
                        text.append(format.formatCellValue(cell)).append('\t');
                    }
                    text.append('\n');
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }
}
