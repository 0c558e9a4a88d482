package vn.hailong.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import vn.hailong.Accessibility;
import vn.hailong.ApiClient;
import vn.hailong.Browser;
import vn.hailong.TestApp;

/**
 * The Decision 766 indicators on the dashboard and in the report, over the demo province: labelled as counts from the
 * dossier data (no interval), each share with its numerator and denominator and the API's figures, the rule and its
 * legal basis; a count not reported says so. Vietnamese and English, laptop and phone, WCAG 2.1 AA.
 */
class IndicatorsBrowserTest {
    static final String ADMIN_PASSWORD = "test-admin-password";
    static TestApp app;
    static Browser browser;
    static String base;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        app = Dashboards.demoProvince();
        base = "http://localhost:" + app.app.port();
        admin = ApiClient.signIn(app, "admin", ADMIN_PASSWORD);
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        app.close();
    }

    @Test
    void the_dashboard_shows_the_indicators_of_every_unit_with_their_counts_rule_and_legal_basis() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors);
            var section = page.locator("#indicators");
            assertThat(section.locator("h2")).hasText("Chỉ tiêu tính từ dữ liệu hồ sơ (Quyết định 766/QĐ-TTg)");
            assertThat(section.locator(".indicators-note")).containsText("không phải khảo sát");
            assertThat(section.locator(".indicators-note")).containsText("không có khoảng tin cậy");
            assertThat(section.locator("#indicators-table caption")).hasText("Chỉ tiêu theo cơ quan, đơn vị, Năm 2025");
            // One row per unit of the province, the province first; the figures are the API's, only rounded.
            var api = admin.get("/api/v1/indicators?from=2025-01-01&to=2025-12-31&groupBy=unit").body().get("groups");
            assertThat(section.locator("#indicators-table tbody tr")).hasCount(api.size());
            var province = api.get(0);
            assertThat(province.get("unit").get("code").asText()).isEqualTo("99");
            var row = section.locator("#indicators-table tbody tr[data-unit='99']");
            for (int i = 0; i < 3; i++) {
                var indicator = province.get("indicators").get(i);
                assertThat(indicator.get("available").asBoolean()).as(indicator.toString()).isTrue();
                var cell = row.locator("td").nth(i);
                assertThat(cell.locator(".share")).hasText(String.format(Locale.ROOT, "%.1f%%",
                        indicator.get("percent").asDouble()).replace('.', ','));
                assertThat(cell.locator(".fraction")).hasText(vietnamese(indicator.get("numerator").asLong()) + "/"
                        + vietnamese(indicator.get("denominator").asLong()));
                assertThat(cell.locator(".source")).hasText("số liệu tháng");
            }
            // No complaint in a commune all year: the share is undefined, and says so.
            assertThat(section.locator("#indicators-table tbody tr[data-unit='99028'] td").first())
                    .hasText("Không có phản ánh, kiến nghị trong kỳ");
            assertThat(section.locator(".indicator-rules dt")).hasCount(3);
            assertThat(section.locator(".indicator-basis")).hasCount(1);
            assertThat(section.locator(".indicator-basis")).containsText(
                    "Căn cứ: Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ");
            assertThat(section.locator(".indicator-basis")).containsText("Áp dụng từ 23/06/2022");
            assertThat(section.locator(".indicator-rules")).containsText("mỗi hồ sơ tính một lần");
            assertThat(section).not().containsText("KTC");
            Browser.screenshot(page, "indicators-dashboard-vi");
            section.screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("indicators-section-vi.png")));
            Accessibility.check(page, "dashboard with the indicators");
            page.setViewportSize(390, 844);
            Accessibility.check(page, "dashboard with the indicators at 390 px");
            Accessibility.checkReflow(page, "dashboard with the indicators at 390 px");
            section.screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("indicators-section-vi-390.png")));
            Browser.screenshot(page, "indicators-dashboard-vi-390");
            page.setViewportSize(1366, 900);

            page.locator("#lang").click();
            assertThat(section.locator("h2")).hasText("Indicators computed from dossier data (Decision 766/QĐ-TTg)");
            assertThat(section.locator(".indicators-note")).containsText("not a sample survey: no confidence interval");
            assertThat(section.locator(".indicator-basis")).containsText("Legal basis: Decision No. 766/QĐ-TTg of 23 June 2022");
            assertThat(row.locator("th")).hasText("Minh An Province (demo data)");
            section.screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("indicators-section-en.png")));
            Accessibility.check(page, "dashboard with the indicators in English");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void a_year_when_counts_were_not_reported_says_which_and_guesses_nothing() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors);
            page.navigate(base + "/dashboard/?year=2023");
            Dashboards.waitReady(page);
            var table = page.locator("#indicators-table");
            var province = table.locator("tbody tr[data-unit='99'] td");
            assertThat(province.nth(0).locator(".reason")).containsText("dữ liệu từng hồ sơ không cho biết");
            assertThat(province.nth(1)).hasAttribute("data-reason", Pattern.compile("notReported|dossierRowsOnly"));
            assertThat(province.nth(2).locator(".reason")).hasText("Không tính: 24 đơn vị-tháng chưa báo cáo số liệu cần cho chỉ tiêu này");
            assertThat(province.nth(2).locator(".missing")).hasText("Thiếu: Sở Công Thương (12 tháng, 2023-01–2023-12); Xã Phú Mỹ (12 tháng, 2023-01–2023-12)");
            var industry = table.locator("tbody tr[data-unit='99.SCT'] td");
            assertThat(industry.nth(0).locator(".share")).isVisible();
            assertThat(industry.nth(1).locator(".missing")).hasText("Thiếu: Sở Công Thương (12 tháng, 2023-01–2023-12)");
            var commune = table.locator("tbody tr[data-unit='99025'] td");
            assertThat(commune.nth(2).locator(".source")).hasText("từng hồ sơ");
            page.locator("#indicators").screenshot(new Locator.ScreenshotOptions()
                    .setPath(Browser.SCREENSHOTS.resolve("indicators-section-2023-vi.png")));
            Accessibility.check(page, "dashboard with indicators not available");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void the_report_prints_the_indicators_beside_the_survey_index() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors);
            page.navigate(base + "/report/?unit=99.SNNMT&year=2025&lang=vi");
            page.waitForSelector("body[data-state='ready']", new Page.WaitForSelectorOptions().setTimeout(90_000));
            var section = page.locator("#indicators");
            assertThat(section.locator("h2")).hasText("Chỉ tiêu tính từ dữ liệu hồ sơ (Quyết định 766/QĐ-TTg)");
            var codes = new ArrayList<String>();
            for (var r : section.locator("tbody tr").all()) {
                codes.add(r.getAttribute("data-unit"));
            }
            assertThat(codes).containsExactly("99.SNNMT", "99.VPDK", "99.VPDK.CN1", "99.VPDK.CN2");
            var api = admin.get("/api/v1/indicators?unit=99.SNNMT&from=2025-01-01&to=2025-12-31&groupBy=unit").body();
            var dossiers = api.get("groups").get(0).get("indicators").get(2);
            assertThat(section.locator("tbody tr").first().locator("td").nth(2).locator(".fraction"))
                    .hasText(vietnamese(dossiers.get("numerator").asLong()) + "/" + vietnamese(dossiers.get("denominator").asLong()));
            assertThat(section.locator(".indicator-basis")).containsText("Quyết định số 766/QĐ-TTg");
            Browser.screenshot(page, "indicators-report-vi");
            section.screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("indicators-report-section-vi.png")));
            Accessibility.check(page, "report with the indicators");
            page.setViewportSize(390, 844);
            Accessibility.check(page, "report with the indicators at 390 px");
            Browser.screenshot(page, "indicators-report-vi-390");
            section.screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("indicators-report-section-vi-390.png")));
            page.setViewportSize(1280, 900);
            page.locator("#lang").click();
            assertThat(section.locator("h2")).hasText("Indicators computed from dossier data (Decision 766/QĐ-TTg)");
            assertThat(section.locator("caption")).hasText("Indicators by unit, Year 2025");
            section.screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("indicators-report-section-en.png")));
            Accessibility.check(page, "report with the indicators in English");
            assertThat(errors).isEmpty();
        }
    }

    /** A count as Vietnamese writes it: 12.345. */
    static String vietnamese(long n) {
        return String.format(Locale.GERMANY, "%,d", n);
    }

    private static void signIn(Page page, List<String> errors) {
        Dashboards.signIn(page, base, "/dashboard/", errors, "admin", ADMIN_PASSWORD);
    }

}
