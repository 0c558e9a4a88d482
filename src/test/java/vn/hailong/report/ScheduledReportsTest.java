package vn.hailong.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.analytics.ReportApi;
import vn.hailong.demo.DemoProvince;
import vn.hailong.notify.Delivery;
import vn.hailong.notify.Outbox;
import vn.hailong.notify.Smtp;
import vn.hailong.schedule.Schedule;
import vn.hailong.survey.Forms;

/**
 * Scheduled reports over the demo province (2023–2025): the report PDF made from an outbox row's spec, the monthly job
 * telling only subscribed units and only their own users, once per month; the digest's rises and falls exactly as
 * /compare?groupBy=unit flags them, its open cases from the OpenCases it is given; POST /reports/send.
 */
class ScheduledReportsTest {
    static TestApp app;
    static CloseableDSLContext dsl;
    /** The jobs' reading connection: the analytics read in transactions of their own (the application's pool). */
    static CloseableDSLContext reader;
    static ApiClient admin;
    static final ObjectMapper json = new ObjectMapper();
    static long stp;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()));
        dsl = app.dsl();
        reader = app.dsl();
        new DemoProvince(dsl).fillIfEmpty(DemoProvince.DEFAULT_SEED, 2025);
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        stp = TestApp.one(dsl, "select id from unit where code = '99.STP'", Long.class);
        // Subscribers and people who are not: the report goes to an active user with an e-mail who chose it.
        user("stp.reader", "agency_manager", "99.STP", "stp@example.vn", true, "report");
        user("stp.quiet", "agency_manager", "99.STP", "quiet@example.vn", true);
        user("vpdk.gone", "agency_manager", "99.VPDK", "gone@example.vn", false, "report");
        user("snnmt.nomail", "agency_manager", "99.SNNMT", null, true, "report");
        user("province.analyst", "analyst", null, "analyst@example.vn", true, "report", "digest");
    }

    @AfterAll
    static void stop() {
        dsl.close();
        reader.close();
        app.close();
    }

    static void user(String name, String role, String unit, String email, boolean active, String... topics) {
        long id = TestApp.one(dsl, "insert into app_user (username, password_hash, role, unit_id, email, active)"
                + " values (?, 'x', ?, (select id from unit where code = ?), ?, ?) returning id", Long.class,
                name, role, unit, email, active);
        for (var topic : topics) {
            dsl.execute("insert into notification_choice (user_id, topic) values (?, ?)", id, topic);
        }
    }

    @Test
    void theAttachmentIsTheUnitsReportOfTheMonth() throws Exception {
        var spec = json.valueToTree(ReportAttachments.monthly("99.STP", YearMonth.of(2025, 11), "SIPAS"));
        var attachment = new ReportAttachments(new ReportApi(dsl, new Forms(dsl))).make(spec);
        assertThat(attachment.fileName()).isEqualTo("bao-cao-99.STP-2025-11.pdf");
        assertThat(attachment.contentType()).isEqualTo("application/pdf");
        try (var pdf = Loader.loadPDF(attachment.content())) {
            // Page 1 drawn to look at.
            var shots = java.nio.file.Path.of("/tmp/shots-reports");
            java.nio.file.Files.createDirectories(shots);
            javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(pdf).renderImageWithDPI(0, 80),
                    "png", shots.resolve("monthly-report-page1.png").toFile());
            var text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertThat(text).contains("Sở Tư pháp").contains("tháng 11/2025").contains("so với tháng 11/2024")
                    .doesNotContain("năm 2025 ");
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new ReportAttachments(
                new ReportApi(dsl, new Forms(dsl))).make(json.readTree("{\"report\": {\"unit\": \"NOPE\","
                + " \"from\": \"2025-11-01\", \"to\": \"2025-11-30\"}}"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOPE");
    }

    /**
     * The whole way, on real components: the month's job writes the notice, the delivery makes the unit's PDF from the
     * row's spec and sends it over SMTP to a real server (GreenMail), where it arrives attached and readable.
     */
    @Test
    void aSubscribersMonthlyReportArrivesByEmailWithItsPdfAttached() throws Exception {
        var mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        try (var delivery = new Delivery(dsl, Optional.of(new Smtp("127.0.0.1", mail.getSmtp().getPort(),
                Optional.empty(), Optional.empty(), "hailong@snv.example.gov.vn", Smtp.Security.NONE)),
                new ReportAttachments(new ReportApi(reader, new Forms(reader))),
                new Delivery.Backoff(Duration.ofMillis(100), Duration.ofMillis(400), 3), Duration.ZERO)) {
            assertThat(Schedule.runOnce(dsl, new MonthlyReports(reader, new Forms(reader), "SIPAS"), "2025-10")).isTrue();
            // Other tests' notices may be waiting too: whatever is due goes.
            int sent = delivery.deliverDue();
            assertThat(TestApp.one(dsl, "select count(*) from outbox where event_key like 'report:%:2025-10'"
                    + " and delivered_at is not null", Long.class))
                    .as("one e-mail per subscriber: the unit's reader and the province's analyst").isEqualTo(2L);
            assertThat(mail.waitForIncomingEmail(10_000, sent)).isTrue();
            MimeMessage toStp = null;
            for (var message : mail.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equals("stp@example.vn")
                        && message.getSubject().contains("tháng 10/2025")) {
                    toStp = message;
                }
            }
            assertThat(toStp).as("the e-mail to Sở Tư pháp's subscriber").isNotNull();
            assertThat(toStp.getSubject()).isEqualTo("Báo cáo mức độ hài lòng tháng 10/2025 — Sở Tư pháp");
            var parts = (Multipart) toStp.getContent();
            Part pdf = null;
            for (int i = 0; i < parts.getCount(); i++) {
                if (Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(i).getDisposition())) {
                    pdf = parts.getBodyPart(i);
                }
            }
            assertThat(pdf).as("the PDF attached").isNotNull();
            assertThat(pdf.getFileName()).isEqualTo("bao-cao-99.STP-2025-10.pdf");
            try (var in = pdf.getInputStream(); var document = Loader.loadPDF(in.readAllBytes())) {
                assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", " "))
                        .contains("Sở Tư pháp").contains("tháng 10/2025");
            }
            assertThat(delivery.deliverDue()).as("delivered once").isZero();
        } finally {
            mail.stop();
        }
    }

    @Test
    void monthlyReportsGoOncePerMonthToSubscribedUnitsOwnUsers() throws Exception {
        var job = new MonthlyReports(reader, new Forms(reader), "SIPAS");
        assertThat(job.due(ZonedDateTime.parse("2025-12-01T06:59+07:00[Asia/Ho_Chi_Minh]"))).isEmpty();
        assertThat(job.due(ZonedDateTime.parse("2025-12-01T00:00Z"))).hasValue("2025-11");
        assertThat(job.due(ZonedDateTime.parse("2025-12-20T10:00+07:00[Asia/Ho_Chi_Minh]"))).hasValue("2025-11");

        assertThat(Schedule.runOnce(dsl, job, "2025-11")).isTrue();
        assertThat(Schedule.runOnce(dsl, job, "2025-11")).isFalse();
        var events = new TreeSet<>(dsl.fetchValues("select distinct event_key from outbox where topic = 'report'"
                + " and event_key like '%:2025-11'").stream().map(Object::toString).toList());
        // 99.STP (its reader) and the root (the analyst without a unit): not the inactive user's unit, nor the one without e-mail.
        assertThat(events).containsExactly("report:99.STP:2025-11", "report:99:2025-11");
        assertThat(Outbox.recipients(dsl, "report:99.STP:2025-11")).extracting(Outbox.Recipient::name)
                .containsExactly("stp.reader");
        assertThat(Outbox.recipients(dsl, "report:99:2025-11")).extracting(Outbox.Recipient::name)
                .containsExactly("province.analyst");
        assertThat(TestApp.one(dsl, "select count(*) from outbox where event_key like 'report:%:2025-11'", Long.class))
                .isEqualTo(2L);

        var row = dsl.fetchOne("select subject, body, attachment::text, payload::text from outbox"
                + " where event_key = 'report:99.STP:2025-11'");
        assertThat(row.get(0, String.class)).isEqualTo("Báo cáo mức độ hài lòng tháng 11/2025 — Sở Tư pháp");
        var body = row.get(1, String.class);
        assertThat(body).contains("Chỉ số hài lòng chung: ").contains("khoảng tin cậy 95 %")
                .contains("Báo cáo chi tiết (tệp PDF) được đính kèm");
        var attachment = json.readTree(row.get(2, String.class)).get("report");
        assertThat(attachment.get("unit").asText()).isEqualTo("99.STP");
        assertThat(attachment.get("from").asText()).isEqualTo("2025-11-01");
        assertThat(attachment.get("to").asText()).isEqualTo("2025-11-30");
        var payload = json.readTree(row.get(3, String.class));
        assertThat(payload.get("month").asText()).isEqualTo("2025-11");
        // The index in the e-mail is the one GET /indices gives for the unit and month.
        var indices = admin.get("/api/v1/indices?unit=99.STP&from=2025-11-01&to=2025-11-30").body().get("groups").get(0);
        assertThat(payload.get("n").asLong()).isEqualTo(indices.get("n").asLong());
        assertThat(payload.get("index").get("value").asDouble()).isCloseTo(indices.get("index").get("value").asDouble(),
                within(1e-9));
    }

    @Test
    void theDigestTellsWhatRoseAndFellAsCompareFlagsIt() {
        var digest = admin.get("/api/v1/reports/digest?month=2025-12");
        assertThat(digest.status()).as(digest.message()).isEqualTo(200);
        // In December the year to date is the year: /compare?period=2025&baseline=2024 (the dashboard's year-on-year).
        check(digest.body().get("yearToDate"), "period=2025&baseline=2024");
        check(digest.body().get("inMonth"), "period=2025-12&baseline=2024-12");
        int flagged = digest.body().get("yearToDate").get("roseCount").asInt()
                + digest.body().get("yearToDate").get("fellCount").asInt();
        assertThat(flagged).as("the demo province changes between years").isPositive();
        var text = admin.get("/api/v1/reports/digest.txt?month=2025-12").raw().body();
        assertThat(text).contains("Bản tin mức độ hài lòng tháng 12/2025").contains("Tăng có ý nghĩa thống kê")
                .contains("Giảm có ý nghĩa thống kê").contains("Chưa đạt mục tiêu năm 2025");
    }

    /** The section's rises and falls: every unit /compare flags, the largest first, with its delta and interval. */
    static void check(JsonNode section, String periods) {
        var compare = admin.get("/api/v1/compare?groupBy=unit&" + periods).body().get("groups");
        var expected = new HashMap<String, JsonNode>();
        int compared = 0;
        for (var g : compare) {
            if (!g.get("suppressed").asBoolean()) {
                compared++;
                if (g.get("overall").get("significant").asBoolean()) {
                    expected.put(g.get("group").get("unit").get("code").asText(), g.get("overall"));
                }
            }
        }
        assertThat(section.get("compared").asInt()).isEqualTo(compared);
        long rises = expected.values().stream().filter(c -> c.get("delta").asDouble() > 0).count();
        assertThat(section.get("roseCount").asLong()).isEqualTo(rises);
        assertThat(section.get("fellCount").asLong()).isEqualTo(expected.size() - rises);
        for (var way : List.of("rose", "fell")) {
            double last = way.equals("rose") ? Double.MAX_VALUE : -Double.MAX_VALUE;
            for (var e : section.get(way)) {
                var c = expected.get(e.get("unit").asText());
                assertThat(c).as(e.get("unit").asText()).isNotNull();
                double delta = e.get("delta").asDouble();
                assertThat(delta).isCloseTo(c.get("delta").asDouble(), within(1e-9));
                assertThat(way.equals("rose") ? delta > 0 : delta < 0).isTrue();
                assertThat(way.equals("rose") ? delta <= last : delta >= last).as("largest first").isTrue();
                last = delta;
                double se = c.get("se").asDouble();
                assertThat(e.get("low").asDouble()).isCloseTo(delta - 1.959964 * se, within(1e-4));
                assertThat(e.get("high").asDouble()).isCloseTo(delta + 1.959964 * se, within(1e-4));
                assertThat(e.get("adjustedP").asDouble()).isCloseTo(c.get("adjustedP").asDouble(), within(1e-12));
                assertThat(e.get("index").asDouble()).isCloseTo(c.get("period").get("value").asDouble(), within(1e-9));
            }
        }
    }

    @Test
    void theDigestCountsOpenCasesFromWhatItIsGivenAndGoesOutOnce() throws Exception {
        long snnmt = TestApp.one(dsl, "select id from unit where code = '99.SNNMT'", Long.class);
        OpenCases cases = tx -> List.of(new OpenCases.Count(stp, 3, 1), new OpenCases.Count(snnmt, 5, 2));
        var digests = new Digests(new Forms(dsl), "SIPAS", cases);
        var digest = digests.build(dsl, YearMonth.of(2025, 12));
        assertThat(digest.openCases().open()).isEqualTo(8);
        assertThat(digest.openCases().overdue()).isEqualTo(3);
        assertThat(digest.openCases().units()).extracting(Digests.CaseRow::unit).containsExactly("99.SNNMT", "99.STP");
        var text = Digests.text(digest);
        assertThat(text).contains("Phản ánh cần xử lý (đang mở): 8, trong đó quá hạn: 3.")
                .contains("- Sở Tư pháp: 3 đang mở, 1 quá hạn");
        // Below target: the whole year-to-date interval under the unit's target (the demo: 90, the Justice Department 85).
        digest.belowTarget().forEach(b -> assertThat(b.high()).isLessThan(b.target()));

        var job = new DigestJob(reader, digests);
        assertThat(job.due(ZonedDateTime.parse("2026-01-01T07:29+07:00[Asia/Ho_Chi_Minh]"))).isEmpty();
        assertThat(job.due(ZonedDateTime.parse("2026-01-01T07:30+07:00[Asia/Ho_Chi_Minh]"))).hasValue("2025-12");
        assertThat(Schedule.runOnce(dsl, job, "2025-12")).isTrue();
        assertThat(Schedule.runOnce(dsl, job, "2025-12")).isFalse();
        assertThat(Outbox.recipients(dsl, "digest:2025-12")).extracting(Outbox.Recipient::name)
                .containsExactly("province.analyst");
        var payload = json.readTree(TestApp.one(dsl, "select payload::text from outbox where event_key = 'digest:2025-12'",
                String.class));
        assertThat(payload.get("openCases").get("open").asInt()).isEqualTo(8);
        assertThat(payload.get("yearToDate").get("roseCount").asInt()).isEqualTo(digest.yearToDate().roseCount());
    }

    /** As the application wires it: the digest's open cases are the follow-up cases the demo left open. */
    @Test
    void theServersDigestCountsTheCasesStillOpen() {
        long open = TestApp.one(dsl, "select count(*) from follow_up_case where closed_at is null", Long.class);
        long overdue = TestApp.one(dsl, "select count(*) from follow_up_case where closed_at is null"
                + " and due_on < (now() at time zone 'Asia/Ho_Chi_Minh')::date", Long.class);
        assertThat(open).as("the demo leaves some cases open").isPositive();
        var digest = admin.get("/api/v1/reports/digest?month=2025-12");
        assertThat(digest.status()).isEqualTo(200);
        assertThat(digest.body().get("openCases").get("open").asLong()).isEqualTo(open);
        assertThat(digest.body().get("openCases").get("overdue").asLong()).isEqualTo(overdue);
    }

    @Test
    void anAdministratorSendsAReportNow() {
        var sent = admin.post("/api/v1/reports/send", Map.of("unit", "99.STP", "month", "2025-12"));
        assertThat(sent.status()).as(sent.message()).isEqualTo(202);
        assertThat(sent.body().get("event").asText()).startsWith("report:99.STP:2025-12:sent-");
        assertThat(sent.body().get("recipients").asInt()).isEqualTo(1);
        assertThat(Outbox.recipients(dsl, sent.body().get("event").asText())).extracting(Outbox.Recipient::name)
                .containsExactly("stp.reader");
        var again = admin.post("/api/v1/reports/send", Map.of("unit", "99.STP", "month", "2025-12"));
        assertThat(again.body().get("event").asText()).isNotEqualTo(sent.body().get("event").asText());

        for (var bad : List.of("2025-13", "2025-1", "x", "9999-01", "")) {
            var answer = admin.post("/api/v1/reports/send", Map.of("unit", "99.STP", "month", bad));
            assertThat(answer.status()).as(bad).isEqualTo(422);
            assertThat(answer.body().get("field").asText()).isEqualTo("month");
        }
        var unknown = admin.post("/api/v1/reports/send", Map.of("unit", "NOPE", "month", "2025-12"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().get("field").asText()).isEqualTo("unit");
        assertThat(admin.get("/api/v1/reports/digest?month=2025-00").body().get("field").asText()).isEqualTo("month");
        assertThat(Set.of(admin.get("/api/v1/reports/digest").status())).containsExactly(200);
    }

    @Test
    void theScreenShowsTheDigestAndSendsAReport() throws Exception {
        var shots = java.nio.file.Path.of("/tmp/shots-reports");
        java.nio.file.Files.createDirectories(shots);
        var base = "http://localhost:" + app.app.port();
        try (var browser = new vn.hailong.Browser(); var context = browser.newContext()) {
            var page = context.newPage();
            var errors = vn.hailong.Browser.consoleErrors(page);
            page.setViewportSize(1366, 900);
            page.navigate(base + "/login.html");
            page.getByLabel("Tên đăng nhập").fill("admin");
            page.getByLabel("Mật khẩu").fill("test-admin-password");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName("Đăng nhập")).click();
            page.waitForURL(java.util.regex.Pattern.compile(".*/admin/#/.+"));
            page.navigate(base + "/admin/#/reports?month=2025-12");
            var view = com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#view h1"));
            view.hasText("Báo cáo định kỳ");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#rep-digest"))
                    .hasText("Bản tin tháng 12/2025");
            // The rises of the year to date, as the API lists them (largest first).
            var digest = admin.get("/api/v1/reports/digest?month=2025-12").body();
            var rose = digest.get("yearToDate").get("rose");
            if (rose.size() > 0) {
                com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(
                        page.locator("#rep-ytd-rose tbody tr").first()).containsText(rose.get(0).get("name").asText());
            }
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#rep-cases"))
                    .containsText("Đang mở:");
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions().setPath(shots.resolve("reports-vi-1366.png"))
                    .setFullPage(true));
            vn.hailong.Accessibility.check(page, "scheduled reports, digest 12/2025");

            // Send a unit's report now: the status says how many notifications were queued.
            var send = page.locator("#rep-send");
            send.getByLabel("Cơ quan, đơn vị").selectOption("99.STP");
            send.locator("select[name=month]").selectOption("2025-11");
            send.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Gửi báo cáo ngay")).click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#status"))
                    .containsText("Đã xếp hàng gửi báo cáo tháng 11/2025 của 99.STP: 1 thông báo.");
            assertThat(TestApp.one(dsl, "select count(*) from outbox where event_key like 'report:99.STP:2025-11:sent-%'",
                    Long.class)).isPositive();
            vn.hailong.Accessibility.check(page, "scheduled reports, sent");

            page.setViewportSize(390, 844);
            page.reload();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#rep-digest")).isVisible();
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions().setPath(shots.resolve("reports-vi-390.png"))
                    .setFullPage(true));
            vn.hailong.Accessibility.check(page, "scheduled reports, phone");
            vn.hailong.Accessibility.checkReflow(page, "scheduled reports, phone");
            vn.hailong.Accessibility.checkTouchTargets(page, "scheduled reports, phone");

            page.locator("#lang").click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#view h1"))
                    .hasText("Scheduled reports");
            page.setViewportSize(1366, 900);
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions().setPath(shots.resolve("reports-en-1366.png"))
                    .setFullPage(true));
            vn.hailong.Accessibility.check(page, "scheduled reports, English");
            assertThat(errors).isEmpty();
        }
    }
}
