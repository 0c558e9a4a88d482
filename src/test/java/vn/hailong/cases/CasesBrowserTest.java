package vn.hailong.cases;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import vn.hailong.Accessibility;
import vn.hailong.ApiClient;
import vn.hailong.Browser;
import vn.hailong.TestApp;

/**
 * The follow-up cases in headless Chromium: the consent form after a dissatisfied rating on the survey and dossier
 * pages, the inbox, a case's page and the settings in the admin app, and the on-time share on the dashboard; each
 * checked with axe at 1366 and 390 px and photographed (target/screenshots and /tmp/shots-cases).
 */
class CasesBrowserTest {
    static final Path SHOTS = Path.of("/tmp/shots-cases");
    static TestApp app;
    static Browser browser;
    static ApiClient admin;
    static String base;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        browser = new Browser();
        base = "http://localhost:" + app.app.port();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        var province = admin.post("/api/v1/units", Map.of("code", "BT", "nameVi", "Tỉnh Bến Tre Thử", "kind", "province"))
                .body().get("id").asLong();
        var unit = admin.post("/api/v1/units", new HashMap<>(Map.of("code", "BT.XA", "nameVi", "UBND xã An Hòa",
                "nameEn", "An Hoa Commune", "kind", "commune", "parentId", province))).body().get("id").asLong();
        var manager = admin.post("/api/v1/users", Map.of("username", "quanly.xa", "password", "manager-password-1",
                "role", "agency_manager", "displayName", "Chị Lan (xã An Hòa)", "unitId", unit));
        org.assertj.core.api.Assertions.assertThat(manager.status()).as(manager.body().toString()).isEqualTo(201);
        // A few cases already in the inbox: one overdue, one resolved.
        for (var comment : List.of("Chờ hơn một tiếng mới được tiếp nhận hồ sơ.", "Cán bộ không hướng dẫn rõ giấy tờ cần nộp.",
                "Phòng chờ nóng, không có nước uống.")) {
            var answer = ApiClient.anonymous(app).post("/api/v1/responses", Map.of("submissionId", UUID.randomUUID().toString(),
                    "questionnaire", "KIOSK", "version", 1, "agency", "BT.XA", "channel", "web", "answers", Map.of("HL", 1),
                    "comment", comment));
            org.assertj.core.api.Assertions.assertThat(answer.body().get("followUp").asBoolean()).isTrue();
        }
        try (var dsl = app.dsl()) {
            dsl.execute("update follow_up_case set due_on = current_date - 3, opened_at = now() - interval '9 days'"
                    + " where id = (select min(id) from follow_up_case)");
        }
        admin.patch("/api/v1/cases/3", Map.of("status", "resolved", "answer", "Đã bố trí quạt và nước uống tại phòng chờ."));
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    static void shoot(Page page, String name) {
        Browser.screenshot(page, "cases-" + name);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** Checked and photographed at 1366 × 900 and 390 × 844. */
    static void bothSizes(Page page, String name) {
        page.setViewportSize(1366, 900);
        Accessibility.check(page, name + " at 1366 px");
        shoot(page, name + "-1366");
        page.setViewportSize(390, 844);
        Accessibility.check(page, name + " at 390 px");
        Accessibility.checkReflow(page, name + " at 390 px");
        shoot(page, name + "-390");
        page.setViewportSize(1366, 900);
    }

    static void signIn(Page page, String username, String password) {
        page.navigate(base + "/login.html");
        page.getByLabel("Tên đăng nhập").fill(username);
        page.getByLabel("Mật khẩu").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        try {
            page.waitForURL(Pattern.compile(Pattern.quote(base) + "/admin/#/.+"), new Page.WaitForURLOptions().setTimeout(10_000));
        } catch (com.microsoft.playwright.TimeoutError e) {
            shoot(page, "debug-signin");
            throw new AssertionError(page.url() + " " + page.locator("body").innerText(), e);
        }
        assertThat(page.locator("#view h1")).isVisible();
    }

    @Test
    void a_citizen_dissatisfied_on_the_survey_may_leave_a_phone_with_consent_and_the_manager_sees_it() {
        var link = admin.post("/api/v1/survey-links", Map.of("agency", "BT.XA", "questionnaire", "KIOSK")).body()
                .get("code").asText();
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            page.navigate(base + "/survey/#" + link);
            page.locator("label[for='q-HL-1']").click();
            while (!page.locator("#submit").isVisible()) {
                page.locator("#next").click();
            }
            page.locator("#comment").fill("Phải đi lại ba lần vì thiếu giấy tờ mà không ai nói trước.");
            page.locator("#submit").click();
            assertThat(page.locator("#callback-title")).hasText("Ông/Bà có muốn cơ quan liên hệ lại để phản hồi không?");
            assertThat(page.locator("label[for=callback-consent]")).containsText("Tôi đồng ý để UBND xã An Hòa dùng số điện thoại/email này");
            bothSizes(page, "survey-consent");

            // Never required, but never sent without the consent ticked.
            page.locator("#callback-phone").fill("0912 345 678");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Gửi thông tin liên hệ")).click();
            assertThat(page.locator("#callback-error")).hasText("Vui lòng đánh dấu ô đồng ý để cơ quan được liên hệ với Ông/Bà.");
            assertThat(page.locator("#callback-consent")).isFocused();
            shoot(page, "survey-consent-missing");
            page.locator("#callback-consent").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Gửi thông tin liên hệ")).click();
            assertThat(page.locator("#callback-title")).hasText("Đã nhận thông tin liên hệ");
            bothSizes(page, "survey-consent-done");
            org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
        }
        try (var dsl = app.dsl()) {
            org.assertj.core.api.Assertions.assertThat(TestApp.one(dsl,
                    "select count(*) from case_contact where phone = '0912345678'", Long.class)).isEqualTo(1);
        }
        // A satisfied citizen is never asked.
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.navigate(base + "/survey/#" + link);
            page.locator("label[for='q-HL-5']").click();
            while (!page.locator("#submit").isVisible()) {
                page.locator("#next").click();
            }
            page.locator("#comment").fill("Rất tốt");
            page.locator("#submit").click();
            assertThat(page.locator("[data-view=thanks]")).isVisible();
            assertThat(page.locator("#callback-title")).hasCount(0);
        }
    }

    @Test
    void a_dossier_rated_not_satisfied_with_its_reason_offers_a_reply() {
        var path = admin.post("/api/v1/invitations", Map.of("dossierCode", "HS-AN-HOA-01", "agency", "BT.XA")).body()
                .get("path").asText();
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            page.navigate(base + path);
            page.locator("label[for='d-DG-1']").click();
            page.locator("label[for='d-LD-1']").click();
            page.locator("#submit").click();
            assertThat(page.locator("#callback-title")).hasText("Ông/Bà có muốn cơ quan liên hệ lại để phản hồi không?");
            page.locator("#callback-email").fill("khong-phai-email");
            page.locator("#callback-consent").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Gửi thông tin liên hệ")).click();
            assertThat(page.locator("#callback-error")).containsText("Email chưa đúng");
            page.locator("#callback-email").fill("nguoidan@example.vn");
            bothSizes(page, "dossier-consent");
            page.locator("#lang").click();
            assertThat(page.locator("#callback-title")).hasText("Would you like the agency to contact you with a reply?");
            assertThat(page.locator("#callback-email")).hasValue("nguoidan@example.vn");
            page.locator("#lang").click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Gửi thông tin liên hệ")).click();
            assertThat(page.locator("#callback-title")).hasText("Đã nhận thông tin liên hệ");
            org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
        }
    }

    @Test
    void a_manager_works_through_the_inbox_and_an_admin_keeps_deadlines_and_holidays() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, "quanly.xa", "manager-password-1");
            page.locator("#nav-cases").click();
            assertThat(page.locator("#view h1")).hasText("Phản ánh cần xử lý");
            assertThat(page.locator("#cases-table tr.overdue td.due .badge.late")).hasText("Quá hạn");
            assertThat(page.locator("#cases-table tbody tr")).not().hasCount(0);
            bothSizes(page, "inbox");

            page.locator("#case-overdue").check();
            assertThat(page.locator("#cases-table tbody tr")).hasCount(1);
            page.locator("#cases-table tbody tr a").first().click();
            assertThat(page.locator("#view h1")).containsText("Phản ánh số");
            assertThat(page.locator("#case-facts")).containsText("Chờ hơn một tiếng");
            page.locator("#case-assign-me").click();
            assertThat(page.locator("#case-facts")).containsText("Chị Lan (xã An Hòa)");
            assertThat(page.locator("#case-facts")).containsText("Đang xử lý");
            // Closing without an answer: told so in Vietnamese, on the page, before anything is sent.
            page.locator("#case-new-status").selectOption("resolved");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu")).click();
            assertThat(page.locator("#status")).containsText("Vui lòng nhập trả lời của cơ quan, đơn vị trước khi đóng phản ánh.");
            assertThat(page.locator("#case-answer")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("#case-facts")).containsText("Đang xử lý");
            page.locator("#case-answer").fill("Xã đã bố trí thêm một cán bộ tiếp nhận vào buổi sáng.");
            page.locator("#case-new-status").selectOption("resolved");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu")).click();
            assertThat(page.locator("#case-facts")).containsText("Đã giải quyết");
            assertThat(page.locator("#case-history")).containsText("Cập nhật trả lời");
            bothSizes(page, "case");
            org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
        }
        // The case with a contact: its handler sees it; an analyst only that there is one.
        long withContact;
        try (var dsl = app.dsl()) {
            var rating = Map.<String, Object>of("submissionId", UUID.randomUUID().toString(), "questionnaire", "KIOSK",
                    "version", 1, "agency", "BT.XA", "channel", "web", "answers", Map.of("HL", 2), "comment", "Xin gọi lại");
            ApiClient.anonymous(app).post("/api/v1/responses", rating);
            ApiClient.anonymous(app).post("/api/v1/responses/" + rating.get("submissionId") + "/contact",
                    Map.of("phone", "0987 654 321", "consent", true));
            withContact = Cases.bySubmission(dsl, UUID.fromString((String) rating.get("submissionId"))).orElseThrow();
        }
        try (var context = browser.newContext()) {
            var page = context.newPage();
            signIn(page, "admin", "test-admin-password");
            page.navigate(base + "/admin/#/cases/" + withContact);
            assertThat(page.locator("#case-contact")).hasText("Liên hệ người dân để lại");
            assertThat(page.locator(".contact")).containsText("0987654321");
            // The history in the page's words: the kinds of contact left, never the stored codes.
            assertThat(page.locator("#case-history")).containsText("Người dân để lại liên hệ (Số điện thoại)");
            assertThat(page.locator("#case-history")).not().containsText("phone");
            bothSizes(page, "case-contact");

            page.navigate(base + "/admin/#/cases/settings");
            assertThat(page.locator("#view h1")).hasText("Thời hạn xử lý phản ánh");
            page.locator("#days-unit").selectOption("BT.XA");
            page.locator("#days-value").fill("7");
            page.locator("#view form button[type=submit]").first().click();
            assertThat(page.locator("#days-table tr[data-unit='BT.XA'] td.num")).hasText("7");
            page.locator("#holiday-date").fill("2027-02-08");
            page.locator("#holiday-name").fill("Tết Nguyên đán 2027");
            page.locator("#view form button[type=submit]").nth(1).click();
            assertThat(page.locator("#holidays-table")).containsText("Tết Nguyên đán 2027");
            bothSizes(page, "settings");
        }
        admin.post("/api/v1/users", Map.of("username", "phantich.xa", "password", "analyst-password-1", "role", "analyst",
                "displayName", "Phân tích"));
        try (var context = browser.newContext()) {
            var page = context.newPage();
            signIn(page, "phantich.xa", "analyst-password-1");
            page.navigate(base + "/admin/#/cases/" + withContact);
            assertThat(page.locator("#case-contact-hidden")).isVisible();
            assertThat(page.locator("#view")).not().containsText("0987654321");
            assertThat(page.locator("#case-handle")).hasCount(0);
            shoot(page, "case-analyst-1366");

            page.navigate(base + "/dashboard/?questionnaire=KIOSK");
            assertThat(page.locator("#cases-table")).isVisible();
            assertThat(page.locator("#cases h2")).hasText("Xử lý phản ánh đúng hạn");
            page.locator("#cases").scrollIntoViewIfNeeded();
            Accessibility.check(page, "dashboard with cases", axe -> axe.include(List.of("#cases")));
            page.locator("#cases").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                    .setPath(SHOTS.resolve("dashboard-cases-1366.png")));
            page.setViewportSize(390, 844);
            Accessibility.check(page, "dashboard with cases at 390 px", axe -> axe.include(List.of("#cases")));
            page.locator("#cases").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                    .setPath(SHOTS.resolve("dashboard-cases-390.png")));
        }
    }
}
