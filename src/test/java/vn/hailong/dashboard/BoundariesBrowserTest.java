package vn.hailong.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import vn.hailong.Accessibility;
import vn.hailong.Browser;
import vn.hailong.TestApp;

/**
 * The dashboard and the printable report across the demo province's reform of 1 July 2025, in both views of the
 * boundaries: today's (a merged commune has a 2024 baseline from the communes it was made of; the trend and year on
 * year say so; the split commune's successors are marked as estimates) and as they were (no baseline for a commune
 * made in 2025; the picker lists the ended units with what became of them); on a desktop and a phone, with axe-core.
 */
class BoundariesBrowserTest {
    static final Path SHOTS = Path.of(System.getProperty("shots", "/tmp/shots-demo"));
    static final String NOTE = "So sánh theo địa giới hiện nay: số liệu trước ngày 01/07/2025 của các đơn vị đã sáp nhập"
            + " được tính vào đơn vị kế thừa.";
    static TestApp app;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() {
        app = Dashboards.demoProvince();
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

    static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Test
    void a_merged_commune_has_a_2024_baseline_today_and_none_as_the_units_were() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.setViewportSize(1366, 900);
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/?year=2025&unit=99001", errors, "admin", "test-admin-password");
            assertThat(page.locator("#filter-boundaries")).hasValue("");
            assertThat(page.locator("#filter-boundaries option")).hasText(new String[] {"Hiện nay",
                    "Như tại thời điểm đánh giá"});
            // Today's boundaries: Phường Minh An's 2024 is its three wards' before the merger.
            var card = page.locator("#overview li[data-unit='99001']");
            assertThat(card.locator(".change")).containsText("So với 2024");
            assertThat(page.locator("#trend-boundaries")).hasText(NOTE);
            assertThat(page.locator("#headline-boundaries")).hasText(NOTE);
            assertThat(page.locator("#yoy-boundaries")).hasText(NOTE);
            // Ended units are not offered today: their figures are their successors'.
            assertThat(page.locator("#filter-unit option[value='99101']")).hasCount(0);
            Accessibility.check(page, "dashboard, today's boundaries, a merged commune");
            shot(page, "dashboard-current-99001-1366");

            page.locator("#filter-boundaries").selectOption("historical");
            page.waitForURL(Pattern.compile(".*boundaries=historical.*"));
            Dashboards.waitReady(page);
            assertThat(page.locator("#overview li[data-unit='99001'] .change")).hasText("Chưa so sánh được với 2024");
            assertThat(page.locator("#trend-boundaries")).containsText("So sánh theo địa giới tại thời điểm đánh giá");
            assertThat(page.locator("#filter-unit option[value='99101']"))
                    .hasText(Pattern.compile("Phường 1 \\(đã sáp nhập vào Phường Minh An từ ngày 01/07/2025\\)"));
            assertThat(page.locator("#filter-unit option[value='99121']"))
                    .hasText(Pattern.compile("Xã Phú An \\(đã chia tách thành Xã Phú Mỹ và Xã An Khánh từ ngày 01/07/2025\\)"));
            assertThat(page.locator("#filter-unit option[value='99.H01']"))
                    .hasText(Pattern.compile("Thị xã Minh An \\(đã giải thể từ ngày 01/07/2025\\)"));
            // The dossier counts too: Phường Minh An's 2025 began on 01/07, the three wards had its first half.
            page.navigate(base + "/dashboard/?year=2025&boundaries=historical");
            Dashboards.waitReady(page);
            assertThat(page.locator("#indicators")).containsText("Phường 1");
            page.navigate(base + "/dashboard/?year=2025");
            Dashboards.waitReady(page);
            assertThat(page.locator("#indicators")).not().containsText("Phường 1");
            page.navigate(base + "/dashboard/?year=2025&unit=99001&boundaries=historical");
            Dashboards.waitReady(page);
            Accessibility.check(page, "dashboard, boundaries as they were");
            shot(page, "dashboard-historical-99001-1366");

            // An old ward, as it was, then today: it is read as the commune it merged into.
            page.locator("#filter-unit").selectOption("99101");
            Dashboards.waitReady(page);
            page.locator("#filter-boundaries").selectOption("");
            Dashboards.waitReady(page);
            assertThat(page.locator("#filter-unit")).hasValue("99001");
            assertThat(page).hasURL(Pattern.compile(".*unit=99001.*"));

            page.setViewportSize(390, 844);
            page.navigate(base + "/dashboard/?year=2025&unit=99001&boundaries=historical");
            Dashboards.waitReady(page);
            Accessibility.check(page, "dashboard, boundaries as they were, on a phone");
            shot(page, "dashboard-historical-99001-390");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void the_split_communes_successors_are_marked_as_estimates_on_the_dashboard_and_in_the_report() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.setViewportSize(1366, 900);
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/?year=2025", errors, "admin", "test-admin-password");
            // A department never changed: nothing is said of boundaries there.
            page.getByLabel("Cơ quan, đơn vị", new Page.GetByLabelOptions().setExact(true)).selectOption("99.STP");
            Dashboards.waitReady(page);
            assertThat(page.locator(".boundaries-note")).hasCount(0);
            assertThat(page.locator(".badge.estimate")).hasCount(0);
            page.getByLabel("Cơ quan, đơn vị", new Page.GetByLabelOptions().setExact(true)).selectOption("");
            Dashboards.waitReady(page);
            var badge = page.locator("#overview li[data-unit='99016'] .badge.estimate");
            assertThat(badge).containsText("ước tính");
            assertThat(badge).hasAttribute("title", "Ước tính: số liệu của Xã Phú Mỹ gồm 60 % số phiếu của Xã Phú An"
                    + " trước ngày 01/07/2025 (đơn vị đã chia tách).");
            assertThat(page.locator("#overview li[data-unit='99019'] .badge.estimate")).hasCount(1);
            assertThat(page.locator("#overview li[data-unit='99001'] .badge.estimate")).hasCount(0);
            assertThat(page.locator("#overview-estimates")).containsText("Xã An Khánh gồm 40 % số phiếu của Xã Phú An");
            assertThat(page.locator("#rankings tr[data-unit='99016'] .badge.estimate")).hasCount(1);
            Accessibility.check(page, "dashboard, the province with estimates");
            shot(page, "dashboard-current-province-1366");
            // In English, every word of it is English.
            page.locator("#lang").click();
            assertThat(page.locator("label[for='filter-boundaries']")).hasText("Administrative boundaries");
            assertThat(page.locator("#overview li[data-unit='99016'] .badge.estimate")).containsText("estimate");
            assertThat(page.locator("#trend-boundaries")).hasText("Compared in today's boundaries: the figures before"
                    + " 01/07/2025 of units that have merged count under the units that carry them on.");
            assertThat(page.locator("#overview-estimates")).containsText("the figures of Phu My Commune include 60 % of"
                    + " the ratings of Phu An Commune before 01/07/2025");
            Accessibility.check(page, "dashboard, the province with estimates, in English");
            page.locator("#lang").click();

            page.setViewportSize(390, 844);
            page.navigate(base + "/dashboard/?year=2025&unit=99016");
            Dashboards.waitReady(page);
            assertThat(page.locator("#headline-estimates")).containsText("Xã Phú Mỹ gồm 60 % số phiếu của Xã Phú An");
            Accessibility.check(page, "dashboard, a successor of a split, on a phone");
            shot(page, "dashboard-current-99016-390");

            page.setViewportSize(1366, 900);
            page.navigate(base + "/report/?year=2025&lang=vi");
            Dashboards.waitReady(page);
            assertThat(page.locator("#boundaries")).hasText("Địa giới hành chính: hiện nay. " + NOTE);
            assertThat(page.locator("#boundaries-estimates")).containsText("Xã Phú Mỹ gồm 60 % số phiếu của Xã Phú An");
            assertThat(page.locator("#report-rankings-table tr[data-unit='99019'] .badge.estimate")).hasCount(1);
            Accessibility.check(page, "report, today's boundaries");
            shot(page, "report-current-1366");

            page.setViewportSize(390, 844);
            page.navigate(base + "/report/?year=2025&unit=99001&boundaries=historical&lang=vi");
            Dashboards.waitReady(page);
            assertThat(page.locator("#boundaries")).containsText("Địa giới hành chính: như tại thời điểm đánh giá.");
            assertThat(page.locator("#boundaries-estimates")).isHidden();
            assertThat(page.locator("#yoy")).containsText("Chưa so sánh được với 2024");
            Accessibility.check(page, "report, boundaries as they were, on a phone");
            shot(page, "report-historical-99001-390");
            var seen = new ArrayList<>(errors);
            assertThat(seen).isEmpty();
        }
    }
}
