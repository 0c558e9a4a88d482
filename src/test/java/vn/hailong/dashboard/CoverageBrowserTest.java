package vn.hailong.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;

import vn.hailong.Accessibility;
import vn.hailong.ApiClient;
import vn.hailong.Browser;
import vn.hailong.TestApp;

/**
 * The dashboard's response rates and coverage over the demo province, with monthly dossier counts planted for 2025:
 * about 8 dossiers per rating everywhere but the Department of Industry and Trade, which handled 50 per rating (2 %,
 * below the 5 % rule) and must be flagged, in Vietnamese and in English, on a desktop and on a phone.
 */
class CoverageBrowserTest {
    static final String ADMIN_PASSWORD = "test-admin-password";
    static final String LOW = "99.SCT";
    static TestApp app;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() {
        app = Dashboards.demoProvince();
        try (var dsl = app.dsl()) {
            dsl.execute("insert into dossier_month (unit_id, month, dossiers_handled, dossiers_late, complaints_received,"
                    + " complaints_on_time)"
                    + " select r.agency_id, date_trunc('month', r.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date,"
                    + " count(*) * case when u.code = {0} then 50 else 8 end, 0, 0, 0"
                    + " from response r join unit u on u.id = r.agency_id"
                    // The dashboard's coverage is of the questionnaire in view (SIPAS): 8 or 50 dossiers per rating of it.
                    + " join questionnaire_version v on v.id = r.questionnaire_version_id"
                    + " join questionnaire q on q.id = v.questionnaire_id and q.code = 'SIPAS'"
                    + " where r.submitted_at >= '2025-01-01T00:00+07' and r.submitted_at < '2026-01-01T00:00+07'"
                    + " group by 1, 2, u.code"
                    + " on conflict (unit_id, month) do update set dossiers_handled = excluded.dossiers_handled", LOW);
        }
        base = "http://localhost:" + app.app.port();
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
    void units_show_rates_with_intervals_and_coverage_and_the_low_one_is_flagged_in_both_languages() {
        var api = ApiClient.signIn(app, "admin", ADMIN_PASSWORD)
                .get("/api/v1/response-rates?from=2025-01-01&to=2025-12-31&groupBy=unit&questionnaire=SIPAS").body();
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/?year=2025", errors, "admin", ADMIN_PASSWORD);
            var section = page.locator("#coverage");
            section.scrollIntoViewIfNeeded();
            assertThat(section.locator("h2")).hasText("Tỷ lệ phản hồi và độ bao phủ của đánh giá");
            assertThat(page.locator("#coverage-rule")).hasText(Pattern.compile(
                    "dưới 30 phiếu đánh giá, hoặc khi số phiếu chưa bằng 5 % số hồ sơ đã giải quyết"
                            + " \\(chưa đến 1 phiếu cho mỗi 20 hồ sơ\\)"));
            assertThat(section.locator(".note")).containsText("KTC 95% (khoảng tin cậy 95%)");

            // Every unit of the API is a row, with the API's figures only rounded; the total closes the table.
            var rows = page.locator("#coverage-table tbody tr[data-unit]");
            assertThat(rows).hasCount(api.get("groups").size());
            var first = api.get("groups").get(0);
            var row = page.locator("#coverage-table tr[data-unit='" + first.get("group").get("unit").get("code").asText() + "']");
            assertThat(row.locator("td").nth(2)).hasText(shown(first.get("responseRate").get("value")) + " %");
            assertThat(row.locator("td").nth(3)).hasText(shown(first.get("responseRate").get("low")) + "–"
                    + shown(first.get("responseRate").get("high")));
            assertThat(row.locator("td").nth(6)).hasText(shown(first.get("coverage").get("value")) + " %");
            assertThat(row.locator("td").nth(7)).hasText("Đạt");
            assertThat(page.locator("#coverage-table tr.total th")).hasText("Toàn phạm vi");

            // The planted unit: 2 % coverage, flagged in words; so is the small island zone with fewer than 30 ratings.
            var low = page.locator("#coverage-table tr[data-unit='" + LOW + "']");
            assertThat(low).hasClass(Pattern.compile("is-low"));
            assertThat(low.locator("td").nth(6)).hasText("2,0 %");
            assertThat(low.locator("td.trust")).hasText("⚠ Chưa đủ tin cậy (độ bao phủ thấp)");
            assertThat(page.locator("#coverage-flagged")).containsText("Sở Công Thương");
            var flagged = new ArrayList<String>();
            api.get("groups").forEach(g -> {
                if (!g.get("cautions").isEmpty()) {
                    flagged.add(g.get("group").get("unit").get("code").asText());
                }
            });
            assertThat(flagged).contains(LOW);
            assertThat(page.locator("#coverage-table tr.is-low[data-unit]")).hasCount(flagged.size());
            assertThat(page.locator("a[data-download='coverage'][data-format='csv']"))
                    .hasAttribute("href", "/api/v1/response-rates?from=2025-01-01&to=2025-12-31&groupBy=unit&questionnaire=SIPAS&format=csv");
            Accessibility.check(page, "coverage");
            page.setViewportSize(1366, 900);
            Browser.screenshot(page, "coverage-vi-1366");
            shot(section, "coverage-section-vi-1366");
            page.setViewportSize(390, 844);
            Accessibility.check(page, "coverage at 390 px");
            Accessibility.checkReflow(page, "coverage at 390 px");
            Accessibility.checkTouchTargets(page, "coverage at 390 px");
            Browser.screenshot(page, "coverage-vi-390");
            shot(section, "coverage-section-vi-390");

            page.setViewportSize(1366, 900);
            page.locator("#lang").click();
            assertThat(section.locator("h2")).hasText("Response rates and coverage of the ratings");
            assertThat(page.locator("#coverage-rule")).containsText("fewer than 30 ratings, or when its ratings are fewer"
                    + " than 5 % of the dossiers it handled (less than 1 rating for every 20 dossiers)");
            assertThat(low.locator("td.trust")).hasText("⚠ Not reliable yet (low coverage)");
            assertThat(low.locator("td").nth(6)).hasText("2.0 %");
            assertThat(section.locator(".note")).containsText("95% CI (confidence interval)");
            Accessibility.check(page, "coverage in English");
            Browser.screenshot(page, "coverage-en-1366");
            shot(section, "coverage-section-en-1366");
            page.setViewportSize(390, 844);
            Accessibility.check(page, "coverage in English at 390 px");
            Browser.screenshot(page, "coverage-en-390");
            shot(section, "coverage-section-en-390");
            assertThat(errors).isEmpty();
        }
    }

    private static String shown(com.fasterxml.jackson.databind.JsonNode value) {
        return String.format(Locale.ROOT, "%.1f", value.asDouble()).replace('.', ',');
    }

    private static void shot(Locator section, String name) {
        section.screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve(name + ".png")));
    }


}
