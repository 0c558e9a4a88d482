package vn.hailong.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import vn.hailong.Accessibility;
import vn.hailong.ApiClient;
import vn.hailong.Browser;
import vn.hailong.TestApp;
import vn.hailong.alerts.Alerts;
import vn.hailong.alerts.AlertsJob;
import vn.hailong.schedule.Schedule;
import vn.hailong.survey.Forms;

/**
 * The dashboard's alerts section over the demo province, after the weekly check of 2025-W50 (the demo's ratings end
 * with 2025): each alert with its unit, kind, figures and interval in words, the criteria that moved, who was told;
 * acknowledging one with a note; an agency manager seeing only its own unit's; Vietnamese and English; axe at a
 * laptop's and a phone's width.
 */
class AlertsBrowserTest {
    static final String ADMIN_PASSWORD = "test-admin-password";
    static final Path SHOTS = Path.of("/tmp/shots-alerts");

    static TestApp app;
    static Browser browser;
    static String base;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        app = Dashboards.demoProvince();
        base = "http://localhost:" + app.app.port();
        admin = ApiClient.signIn(app, "admin", ADMIN_PASSWORD);
        var unit = admin.get("/api/v1/units").body();
        long stp = 0;
        for (var u : unit.has("units") ? unit.get("units") : unit) {
            if (u.path("code").asText().equals("99.STP")) {
                stp = u.path("id").asLong();
            }
        }
        var user = admin.post("/api/v1/users", Map.of("username", "quanly.stp", "displayName", "Quản lý Sở Tư pháp",
                "password", "manager-password-1", "role", "agency_manager", "unitId", stp));
        assertThat(user.status()).as(user.body().toString()).isEqualTo(201);
        try (CloseableDSLContext dsl = app.dsl(); CloseableDSLContext reader = app.dsl()) {
            dsl.execute("update app_user set email = 'quanly.stp@example.vn' where username = 'quanly.stp'");
            dsl.execute("insert into notification_choice (user_id, topic) select id, 'alert' from app_user"
                    + " where username = 'quanly.stp'");
            var week = Alerts.isoWeek(LocalDate.of(2025, 12, 8));
            assertThat(Schedule.runOnce(dsl, new AlertsJob(new Alerts(reader, new Forms(reader))), week)).isTrue();
        }
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        app.close();
    }

    static void shoot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(false));
        Browser.screenshot(page, name);
    }

    static void onPhoneAndLaptop(Page page, String state) {
        page.setViewportSize(1366, 900);
        page.locator("#alerts").scrollIntoViewIfNeeded();
        Accessibility.check(page, state + " at 1366 px");
        shoot(page, state + "-1366");
        page.setViewportSize(390, 844);
        page.locator("#alerts").scrollIntoViewIfNeeded();
        Accessibility.check(page, state + " at 390 px");
        Accessibility.checkReflow(page, state + " at 390 px");
        Accessibility.checkTouchTargets(page, state + " at 390 px");
        shoot(page, state + "-390");
        page.setViewportSize(1366, 900);
    }

    @Test
    void officials_see_the_alerts_in_scope_in_plain_words_and_acknowledge_them() {
        var listed = admin.get("/api/v1/alerts?questionnaire=SIPAS&limit=20").body().path("alerts");
        assertThat(listed.size()).as("the demo's week 2025-W50 raises alerts").isPositive();
        System.out.println("alerts raised on the demo, 2025-W50: " + admin.get("/api/v1/alerts?limit=500").body()
                .path("alerts").size());
        var first = listed.get(0);
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/?year=2025", errors, "admin", ADMIN_PASSWORD);
            var items = page.locator("#alerts li.alert-item");
            assertThat(items.first()).isVisible();
            assertThat(items).hasCount(listed.size());
            // Right under the headline.
            assertThat(page.locator("main > section").nth(1)).hasId("alerts");
            assertThat(page.locator("#alerts h2")).containsText("Cảnh báo");
            var item = page.locator("#alerts li[data-alert-id='" + first.path("id").asText() + "']");
            assertThat(item.locator("h3")).containsText(first.path("unit").path("nameVi").asText());
            assertThat(item.locator("h3")).containsText(first.path("kind").asText().equals("drop")
                    ? "Giảm có ý nghĩa" : "Dưới mục tiêu");
            var recent = first.path("figures").path("recent");
            assertThat(item.locator(".alert-sentence")).containsText("Từ 10/11/2025 đến 07/12/2025, chỉ số là "
                    + HeadlineBrowserTest.vi(recent.path("value").asDouble()) + " điểm (KTC 95 %: "
                    + HeadlineBrowserTest.vi(recent.path("low").asDouble()) + "–"
                    + HeadlineBrowserTest.vi(recent.path("high").asDouble()) + ";");
            assertThat(item.locator(".alert-criteria")).containsText("Tiêu chí giảm nhiều nhất:");
            assertThat(item.locator(".alert-meta")).containsText("kiểm tra hằng tuần, tuần 50/2025");
            onPhoneAndLaptop(page, "dashboard-alerts-vi");

            // Acknowledge with a note: the item says who and when, and the API has it.
            item.locator("input[name='note']").fill("Đã họp với bộ phận một cửa");
            item.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Ghi nhận đã xem")).click();
            assertThat(item.locator(".alert-ack.done")).containsText("Đã ghi nhận: admin");
            assertThat(item.locator(".alert-ack.done")).containsText("Đã họp với bộ phận một cửa");
            var after = admin.get("/api/v1/alerts?acknowledged=true").body().path("alerts");
            assertThat(after.size()).isEqualTo(1);
            assertThat(after.get(0).path("id").asLong()).isEqualTo(first.path("id").asLong());

            page.locator("#lang").click();
            assertThat(page.locator("#alerts h2")).containsText("Alerts");
            assertThat(item.locator(".alert-ack.done")).containsText("Acknowledged by admin");
            onPhoneAndLaptop(page, "dashboard-alerts-en");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void an_agency_manager_sees_only_its_own_units_alerts() {
        var own = ApiClient.signIn(app, "quanly.stp", "manager-password-1").get("/api/v1/alerts").body().path("alerts");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/?year=2025", errors, "quanly.stp", "manager-password-1");
            if (own.isEmpty()) {
                assertThat(page.locator("#alerts-none")).isVisible();
            } else {
                assertThat(page.locator("#alerts li.alert-item")).hasCount(own.size());
                for (var a : own) {
                    assertThat(a.path("unit").path("code").asText()).startsWith("99.STP");
                }
                assertThat(page.locator("#alerts .alert-meta").first()).containsText("Đã gửi cho: quanly.stp");
            }
            onPhoneAndLaptop(page, "dashboard-alerts-manager-vi");
            assertThat(errors).isEmpty();
        }
    }
}
