package vn.hailong.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import vn.hailong.Accessibility;
import vn.hailong.ApiClient;
import vn.hailong.Browser;
import vn.hailong.TestApp;

/**
 * Figures an official can read without overreading them, over the demo province: ranks as the ranges their intervals
 * allow, importance–performance quadrants only where the data tell them, the trend of the year in view on an unstretched
 * axis with its target line, and every technical term explained where it is used, by keyboard, on a laptop and a phone.
 */
class HonestFiguresBrowserTest {
    static final String ADMIN_PASSWORD = "test-admin-password";
    static final String YEAR = "from=2025-01-01&to=2025-12-31";
    static TestApp app;
    static Browser browser;
    static String base;
    static ApiClient api;

    @BeforeAll
    static void start() {
        app = Dashboards.demoProvince();
        base = "http://localhost:" + app.app.port();
        api = ApiClient.signIn(app, "admin", ADMIN_PASSWORD);
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
    void each_unit_shows_the_ranks_its_interval_allows_as_the_api_gives_them() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/", errors, "admin", ADMIN_PASSWORD);
            var ranked = api.get("/api/v1/rankings?" + YEAR + "&by=unit").body().get("ranked");
            var rows = page.locator("#rankings-table tbody tr");
            assertThat(rows).hasCount(ranked.size());
            boolean someRange = false;
            for (int i = 0; i < ranked.size(); i++) {
                var r = ranked.get(i);
                int best = r.get("rankRange").get("best").asInt();
                int worst = r.get("rankRange").get("worst").asInt();
                assertThat(best).isEqualTo(r.get("rank").asInt());
                var row = rows.nth(i);
                assertThat(row).hasAttribute("data-unit", r.get("group").get("unit").get("code").asText());
                var cell = row.locator("td.rank-range");
                assertThat(cell).hasAttribute("data-best", String.valueOf(best));
                assertThat(cell).hasAttribute("data-worst", String.valueOf(worst));
                assertThat(cell).hasText(best == worst ? "hạng " + best : "hạng " + best + "–" + worst);
                someRange |= best != worst;
            }
            assertThat(someRange).as("the demo province has units that cannot be told apart").isTrue();
            assertThat(page.locator("#rankings-plain")).containsText("không chồng lên nhau");
            assertThat(page.locator("#rankings h2")).hasText("Xếp hạng cơ quan, đơn vị");
            assertThat(page.locator("#rankings-table thead")).containsText("Cơ quan, đơn vị");
            // Beside each index, the unit's share of follow-up cases answered on time, as /cases/summary counts it.
            assertThat(page.locator("#rankings-table thead th.on-time")).hasText("Phản ánh xử lý đúng hạn");
            var onTime = new java.util.HashMap<String, JsonNode>();
            api.get("/api/v1/cases/summary?groupBy=unit&" + YEAR).body().get("groups")
                    .forEach(g -> onTime.put(g.get("unit").get("code").asText(), g.get("onTime")));
            int withShare = 0;
            for (int i = 0; i < ranked.size(); i++) {
                var share = onTime.get(ranked.get(i).get("group").get("unit").get("code").asText());
                boolean shown = share != null && !share.isNull();
                withShare += shown ? 1 : 0;
                assertThat(rows.nth(i).locator("td.on-time")).hasText(shown
                        ? String.format(java.util.Locale.ROOT, "%.1f", share.get("value").asDouble()).replace('.', ',')
                                + " % (n = " + share.get("n").asLong() + ")"
                        : "–");
            }
            assertThat(withShare).as("the demo's units handled cases in 2025").isPositive();
            page.locator("#rankings").screenshot(new Locator.ScreenshotOptions()
                    .setPath(Browser.SCREENSHOTS.resolve("honest-rankings.png")));

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English")).click();
            var first = ranked.get(0).get("rankRange");
            assertThat(rows.first().locator("td.rank-range")).hasText(first.get("best").asInt() == first.get("worst").asInt()
                    ? "rank " + first.get("best").asInt() : "ranks " + first.get("best").asInt() + "–" + first.get("worst").asInt());
            assertThat(page.locator("#rankings-plain")).containsText("cannot be told apart");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void the_importance_performance_chart_leaves_undetermined_quadrants_unlabelled() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/?year=2025&unit=99.STP", errors, "admin", ADMIN_PASSWORD);
            var drivers = api.get("/api/v1/drivers?" + YEAR + "&unit=99.STP").body();
            Set<String> undetermined = new HashSet<>();
            Set<String> determined = new HashSet<>();
            for (var d : drivers) {
                (d.get("determined").asBoolean() ? determined : undetermined).add(d.get("criterion").asText());
            }
            assertThat(undetermined).as("Justice's criteria differ in the third decimal of r").isNotEmpty();
            var chart = chartJson(page, "drivers-chart");
            // The axes are r's and the share's whole scales, not stretched to the spread of the points.
            assertThat(chart.get("x").get("min").asDouble()).isEqualTo(0);
            assertThat(chart.get("x").get("max").asDouble()).isEqualTo(1);
            assertThat(chart.get("y").get("min").asDouble()).isEqualTo(0);
            assertThat(chart.get("y").get("max").asDouble()).isEqualTo(100);
            Set<String> grey = new HashSet<>();
            Set<String> coloured = new HashSet<>();
            for (var dataset : chart.get("datasets")) {
                var codes = dataset.get("data").findValuesAsText("code");
                (dataset.get("label").asText().equals("Chưa phân biệt được") ? grey : coloured).addAll(codes);
                for (var point : dataset.get("data")) {
                    var d = find(drivers, point.get("code").asText());
                    assertThat(point.get("x").asDouble()).isEqualTo(d.get("r").asDouble());
                    assertThat(point.get("rLow").asDouble()).isEqualTo(d.get("rLow").asDouble());
                    assertThat(point.get("rHigh").asDouble()).isEqualTo(d.get("rHigh").asDouble());
                    assertThat(point.get("pLow").asDouble()).isEqualTo(d.get("performanceLow").asDouble());
                    assertThat(point.get("pHigh").asDouble()).isEqualTo(d.get("performanceHigh").asDouble());
                }
            }
            assertThat(grey).isEqualTo(undetermined);
            assertThat(coloured).isEqualTo(determined);
            assertThat(chart.get("plugins").toString()).contains("crossWhiskers", "dividers");
            for (var d : drivers) {
                var row = page.locator("#drivers-table tr[data-code='" + d.get("criterion").asText() + "']");
                assertThat(row).hasAttribute("data-determined", d.get("determined").asText());
                if (!d.get("determined").asBoolean()) {
                    assertThat(row.locator("td").last()).hasText("Chưa phân biệt được");
                }
            }
            assertThat(page.locator("#drivers-plain")).containsText("không cho biết nguyên nhân");
            page.locator("#drivers").screenshot(new Locator.ScreenshotOptions()
                    .setPath(Browser.SCREENSHOTS.resolve("honest-drivers.png")));
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void the_trend_shows_the_months_of_the_year_in_view_from_zero_with_its_target_line() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/", errors, "admin", ADMIN_PASSWORD);
            var chart = chartJson(page, "trend-chart");
            var months = new ArrayList<String>();
            for (int m = 1; m <= 12; m++) {
                months.add(String.format("Tháng %02d/2025", m));
            }
            assertThat(strings(chart.get("labels"))).isEqualTo(months);
            assertThat(chart.get("y").get("min").asDouble()).isEqualTo(0);
            assertThat(chart.get("y").get("max").asDouble()).isEqualTo(100);
            assertThat(page.locator("#trend h2")).hasText("Diễn biến theo tháng năm 2025");

            page.locator("#filter-year").selectOption("2024");
            Dashboards.waitReady(page);
            assertThat(strings(chartJson(page, "trend-chart").get("labels"))).first().isEqualTo("Tháng 01/2024");
            assertThat(strings(chartJson(page, "trend-chart").get("labels"))).hasSize(12).last().isEqualTo("Tháng 12/2024");

            // The target line: the section drawn again by its own module, as the dashboard would with a unit's target.
            page.evaluate("""
                    async () => {
                      const trend = await import('/dashboard/trend.js');
                      const { get } = await import('/lib/api.js');
                      const data = await get('/trend?from=2024-01-01&to=2024-12-31&interval=month');
                      trend.render(document.getElementById('trend'), data, '/trend?interval=month', { target: 90 });
                    }""");
            var withTarget = chartJson(page, "trend-chart");
            var target = withTarget.get("datasets").get(3);
            assertThat(target.get("label").asText()).isEqualTo("Mục tiêu: 90,0");
            assertThat(target.get("data")).hasSize(12).allMatch(v -> v.asDouble() == 90);
            assertThat(page.locator("#trend-chart").locator("xpath=..")).hasAttribute("aria-label", Pattern.compile(".*Mục tiêu: 90,0.*"));
            page.locator("#trend").screenshot(new Locator.ScreenshotOptions()
                    .setPath(Browser.SCREENSHOTS.resolve("honest-trend-target.png")));

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English")).click();
            assertThat(strings(chartJson(page, "trend-chart").get("labels"))).first().isEqualTo("Jan 2024");
            // The axes' numbers in the page's language, not the browser's.
            assertThat((String) page.evaluate("() => Chart.getChart(document.getElementById('drivers-chart')).scales.x.ticks"
                    + ".map((t) => t.label).join(' ')")).contains("0.2").doesNotContain("0,2");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void every_technical_term_is_explained_where_it_is_used_and_opens_from_the_keyboard() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/?year=2025&weighting=poststratified", errors, "admin", ADMIN_PASSWORD);
            var expected = List.of(
                    List.of("trend-terms", "ci", "n"), List.of("elements-terms", "ci"), List.of("criteria-terms", "ci", "wilson"),
                    List.of("rankings-terms", "rankRange", "ci", "n", "eb", "post"), List.of("yoy-terms", "bh", "p"),
                    List.of("drivers-terms", "r", "ci", "wilson", "n", "undetermined"));
            for (var terms : expected) {
                var details = page.locator("#" + terms.get(0));
                assertThat(details.locator("summary")).hasText("Giải thích thuật ngữ");
                assertThat(details.locator("[data-term]")).hasCount(terms.size() - 1);
                for (var term : terms.subList(1, terms.size())) {
                    assertThat(details.locator("[data-term='" + term + "'] dd")).not().isEmpty();
                }
            }
            // From the rankings table's scrolling box, Tab (past the units' drill-down links) reaches the explanation;
            // Enter opens it.
            page.locator("#rankings .table-wrap").focus();
            var summary = page.locator("#rankings-terms summary");
            for (int tabs = 0; tabs < 80 && !(Boolean) summary.evaluate("s => s === document.activeElement"); tabs++) {
                page.keyboard().press("Tab");
            }
            assertThat(summary).isFocused();
            page.keyboard().press("Enter");
            assertThat(page.locator("#rankings-terms")).hasAttribute("open", "");
            assertThat(page.locator("#rankings-terms [data-term='eb'] dd")).isVisible();
            assertThat(page.locator("#rankings-terms [data-term='eb'] dd")).containsText("ít phiếu");
            assertThat(page.locator("#rankings-terms [data-term='post'] dt")).hasText("Hậu phân tầng");
            page.locator("#drivers-terms summary").focus();
            page.keyboard().press("Space");
            assertThat(page.locator("#drivers-terms [data-term='r'] dd")).isVisible();
            page.locator("#rankings").screenshot(new Locator.ScreenshotOptions()
                    .setPath(Browser.SCREENSHOTS.resolve("honest-explanations.png")));
            assertThat(page.locator("label[for='filter-excludeFlagged']")).hasText("Loại phiếu nghi vấn");
            onLaptopAndPhone(page, "honest-vi");

            page.setViewportSize(1366, 900);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English")).click();
            assertThat(page.locator("#rankings-terms summary")).hasText("What the terms mean");
            page.locator("#rankings-terms summary").click();
            assertThat(page.locator("#rankings-terms [data-term='eb'] dt")).hasText("Shrunken index (EB)");
            onLaptopAndPhone(page, "honest-en");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void the_province_report_ranks_its_units_with_their_rank_ranges_and_explains_its_terms() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/report/?year=2025&lang=vi", errors, "admin", ADMIN_PASSWORD);
            var ranked = api.get("/api/v1/rankings?" + YEAR + "&by=unit").body().get("ranked");
            var rows = page.locator("#report-rankings-table tbody tr");
            assertThat(rows).hasCount(ranked.size());
            for (int i = 0; i < ranked.size(); i++) {
                var range = ranked.get(i).get("rankRange");
                int best = range.get("best").asInt();
                int worst = range.get("worst").asInt();
                assertThat(rows.nth(i).locator("td").first()).hasText(best == worst ? String.valueOf(best) : best + "–" + worst);
            }
            assertThat(page.locator("#report-trend-table tbody tr").first().locator("th")).hasText("Tháng 01/2025");
            assertThat(page.locator("#method")).containsText(Pattern.compile("Lập ngày \\d{2}/\\d{2}/\\d{4}\\."));
            assertThat(page.locator("#report-overview-terms")).hasAttribute("open", "");
            assertThat(page.locator("#report-criteria-terms [data-term='wilson'] dd")).isVisible();
            // p-values: three decimals, or "< 0,001", never "0,000".
            for (var p : page.locator("#report-yoy-table tbody td:nth-child(5), #report-yoy-criteria tbody td:nth-child(5)")
                    .allTextContents()) {
                assertThat(p).matches("< 0,001|[01],\\d{3}");
            }
            var trend = chartJson(page, "report-trend-chart");
            assertThat(trend.get("y").get("min").asDouble()).isEqualTo(0);
            page.setViewportSize(1366, 900);
            Browser.screenshot(page, "honest-report-1366");
            for (var section : List.of("overview", "trend", "yoy", "rankings")) {
                page.locator("#" + section).screenshot(new Locator.ScreenshotOptions()
                        .setPath(Browser.SCREENSHOTS.resolve("honest-report-" + section + ".png")));
            }
            Accessibility.check(page, "report with rankings");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English")).click();
            assertThat(page.locator("#report-trend-table tbody tr").first().locator("th")).hasText("Jan 2025");
            assertThat(page.locator("#rankings h2")).hasText("Ranking of agencies");
            Accessibility.check(page, "report with rankings in English");
            assertThat(errors).isEmpty();
        }
    }

    /** The page at 1366 px and at 390 px: WCAG 2.1 AA, no sideways scrolling, controls big enough to tap. */
    private static void onLaptopAndPhone(Page page, String state) {
        page.setViewportSize(1366, 900);
        Accessibility.check(page, state + " at 1366 px");
        Browser.screenshot(page, state + "-1366");
        page.setViewportSize(390, 844);
        Accessibility.check(page, state + " at 390 px");
        Accessibility.checkReflow(page, state + " at 390 px");
        Accessibility.checkTouchTargets(page, state + " at 390 px");
        page.locator("#rankings").screenshot(new Locator.ScreenshotOptions()
                .setPath(Browser.SCREENSHOTS.resolve(state + "-rankings-390.png")));
        page.locator("#drivers").screenshot(new Locator.ScreenshotOptions()
                .setPath(Browser.SCREENSHOTS.resolve(state + "-drivers-390.png")));
    }

    /** A chart's labels, datasets (label, data) and axes' min and max, and its plugins' ids, as Chart.js holds them. */
    private static JsonNode chartJson(Page page, String id) {
        var json = (String) page.evaluate("""
                id => {
                  const chart = Chart.getChart(document.getElementById(id));
                  const axis = (s) => s ? { min: s.options.min ?? null, max: s.options.max ?? null } : null;
                  return JSON.stringify({
                    labels: chart.data.labels,
                    datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data })),
                    x: axis(chart.scales.x), y: axis(chart.scales.y),
                    plugins: (chart.config.plugins ?? []).map((p) => p.id),
                  });
                }""", id);
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode find(JsonNode drivers, String code) {
        for (var d : drivers) {
            if (d.get("criterion").asText().equals(code)) {
                return d;
            }
        }
        throw new AssertionError("no driver " + code);
    }

    private static List<String> strings(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
