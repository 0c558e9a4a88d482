package vn.hailong.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;

import vn.hailong.Accessibility;
import vn.hailong.ApiClient;
import vn.hailong.Browser;
import vn.hailong.TestApp;

/**
 * The dashboard's headline over the demo province: the scope's index, interval, n, change and target verdict as the
 * API has them; the year it opens on and why; drill-down by unit, month and element, and back; the targets screen.
 */
class HeadlineBrowserTest {
    static final String ADMIN_PASSWORD = "test-admin-password";
    static final String PROVINCE = "Tỉnh Minh An (dữ liệu mẫu)";

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

    /** A figure as the Vietnamese dashboard writes it: one decimal, a decimal comma. */
    static String vi(double value) {
        return String.format(Locale.ROOT, "%.1f", value).replace('.', ',');
    }

    /** A count with Vietnamese thousands dots. */
    static String viCount(long value) {
        return String.format(Locale.ROOT, "%,d", value).replace(',', '.');
    }

    /** The verdict the rule gives: met only when the whole interval is at or above the target, not met when wholly below. */
    static String verdict(JsonNode index, double target) {
        if (index.get("low").asDouble() >= target) {
            return "Đạt mục tiêu.";
        }
        if (index.get("high").asDouble() < target) {
            return "Chưa đạt mục tiêu.";
        }
        return "Chưa khẳng định được.";
    }

    static JsonNode target(String year, String unit) {
        for (var t : api.get("/api/v1/targets?year=" + year).body().get("targets")) {
            if (t.get("unit").get("code").asText().equals(unit)) {
                return t.get("value");
            }
        }
        throw new AssertionError("no unit " + unit);
    }

    /** The headline shows the API's figures for the query (the scope and year) and the target's verdict on them. */
    static void assertHeadline(Page page, String scopeQuery, String scopeName, double targetValue) {
        var total = api.get("/api/v1/indices?from=2025-01-01&to=2025-12-31" + scopeQuery).body().get("groups").get(0);
        var index = total.get("index");
        assertThat(page.locator("#headline-index")).hasText(vi(index.get("value").asDouble()));
        assertThat(page.locator("#headline-ci")).hasText("KTC 95%: " + vi(index.get("low").asDouble()) + "–"
                + vi(index.get("high").asDouble()));
        assertThat(page.locator("#headline-n")).hasText("n = " + viCount(total.get("n").asLong()));
        var overall = api.get("/api/v1/compare?period=2025&baseline=2024" + scopeQuery).body().get("groups").get(0).get("overall");
        double delta = overall.get("delta").asDouble();
        var sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
        var meaning = overall.get("significant").asBoolean()
                ? (delta > 0 ? "tăng có ý nghĩa thống kê" : "giảm có ý nghĩa thống kê") : "thay đổi không có ý nghĩa thống kê";
        assertThat(page.locator("#headline-change")).containsText("So với năm 2024: " + sign + vi(Math.abs(delta)) + " điểm, " + meaning);
        assertThat(page.locator("#headline-change")).hasAttribute("data-significant", overall.get("significant").asText());
        assertThat(page.locator("#headline-target-value")).hasText("≥ " + vi(targetValue));
        assertThat(page.locator("#headline-verdict")).hasText(verdict(index, targetValue));
        assertThat(page.locator("#headline-sentence")).hasText("Năm 2025, chỉ số hài lòng của " + scopeName + " là "
                + vi(index.get("value").asDouble()) + " điểm (khoảng tin cậy 95%: từ " + vi(index.get("low").asDouble()) + " đến "
                + vi(index.get("high").asDouble()) + "; n = " + viCount(total.get("n").asLong()) + " phiếu).");
    }

    @Test
    void the_headline_answers_how_we_are_doing_with_the_apis_figures_and_drills_down_and_back() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/", errors, "admin", ADMIN_PASSWORD);
            // Opened without a year: the latest year with enough responses, and it says so.
            assertThat(page).hasURL(Pattern.compile(".*/dashboard/\\?year=2025$"));
            assertThat(page.locator("#default-year")).hasText("Đang xem năm 2025, năm gần nhất có đủ phiếu.");
            // The headline comes before the overview cards.
            assertThat(page.locator("main > section:visible").first()).hasId("headline");
            var province = target("2025", "99");
            assertThat(province.asDouble()).isEqualTo(90.0);
            assertHeadline(page, "", PROVINCE, province.asDouble());
            onPhoneAndLaptop(page, "dashboard-headline-vi");
            page.setViewportSize(1366, 900);

            // A unit: its card's name is a link; the Department of Justice has a target of its own.
            page.locator("#overview a[data-drill-unit='99.STP']").click();
            Dashboards.waitReady(page);
            assertThat(page).hasURL(Pattern.compile(".*unit=99\\.STP.*"));
            assertThat(page.locator("#filter-unit")).hasValue("99.STP");
            assertThat(page.locator("#drill")).isVisible();
            assertThat(page.locator("#drill [aria-current='page']")).hasText("Sở Tư pháp");
            // The default year's sentence spoke of the whole scope: it is gone once narrowed.
            assertThat(page.locator("#default-year")).hasCount(0);
            assertThat(target("2025", "99.STP").asDouble()).isEqualTo(85.0);
            assertHeadline(page, "&unit=99.STP", "Sở Tư pháp", 85.0);

            // A month, by keyboard: the scope says it, and the year's views narrow to it.
            page.locator("#trend-months a[data-month='2025-03']").focus();
            page.keyboard().press("Enter");
            Dashboards.waitReady(page);
            assertThat(page).hasURL(Pattern.compile(".*month=2025-03.*"));
            assertThat(page.locator("#scope")).containsText("Phạm vi: Sở Tư pháp, tháng 03/2025.");
            assertThat(page.locator("#drill [aria-current='page']")).hasText("tháng 03/2025");
            assertThat(page.locator("a[data-download='elements'][data-format='csv']"))
                    .hasAttribute("href", Pattern.compile(".*from=2025-03-01&to=2025-03-31.*unit=99\\.STP.*"));
            // The headline stays on the year.
            assertHeadline(page, "&unit=99.STP", "Sở Tư pháp", 85.0);
            Browser.screenshot(page, "dashboard-drill-vi-1366");

            // An element: the criteria table keeps that element's criteria only.
            var element = page.locator("#element-links a[data-element]").first();
            var code = element.getAttribute("data-element");
            element.click();
            Dashboards.waitReady(page);
            assertThat(page).hasURL(Pattern.compile(".*element=" + code + "(&.*)?$"));
            var form = api.get("/api/v1/forms/SIPAS").body();
            int ofElement = 0;
            for (var q : form.get("questions")) {
                if (code.equals(q.get("element").asText(null))) {
                    ofElement++;
                }
            }
            assertThat(ofElement).isPositive();
            assertThat(page.locator("#criteria-table tbody tr")).hasCount(ofElement);
            assertThat(page.locator("#criteria-element")).isVisible();
            // The comments open on the citizens not satisfied with that element, as the comments API filters them.
            assertThat(page.locator("#comments-element")).hasValue(code);

            // Back: the browser's button, then the page's own, then the path's first step.
            page.goBack();
            Dashboards.waitReady(page);
            assertThat(page.locator("#criteria-table tbody tr")).hasCount(17);
            assertThat(page).hasURL(Pattern.compile(".*month=2025-03.*"));
            page.locator("#drill-back").click();
            Dashboards.waitReady(page);
            assertThat(page).not().hasURL(Pattern.compile(".*month=.*"));
            assertThat(page).hasURL(Pattern.compile(".*unit=99\\.STP.*"));
            page.locator("#drill ol a").first().click();
            Dashboards.waitReady(page);
            assertThat(page).not().hasURL(Pattern.compile(".*unit=.*"));
            assertThat(page.locator("#drill")).isHidden();
            assertHeadline(page, "", PROVINCE, 90.0);

            // A ranking row's name narrows as well.
            page.locator("#rankings-table a[data-drill-unit]").first().click();
            Dashboards.waitReady(page);
            assertThat(page).hasURL(Pattern.compile(".*unit=.*"));
            page.goBack();
            Dashboards.waitReady(page);

            // Clicking the charts: a ranking bar, a year-on-year row, a point of the trend.
            var firstRanked = api.get("/api/v1/rankings?from=2025-01-01&to=2025-12-31&by=unit").body().get("ranked").get(0)
                    .get("group").get("unit").get("code").asText();
            fresh(page);
            clickChart(page, "rankings-chart", 0, 0);
            Dashboards.waitReady(page);
            assertThat(page).hasURL(Pattern.compile(".*unit=" + firstRanked.replace(".", "\\.") + "(&.*)?$"));
            page.goBack();
            Dashboards.waitReady(page);
            fresh(page);
            clickChart(page, "yoy-chart", 2, 0);
            Dashboards.waitReady(page);
            assertThat(page).hasURL(Pattern.compile(".*unit=.*"));
            page.goBack();
            Dashboards.waitReady(page);
            // The trend shows the months of the year in view.
            var months = api.get("/api/v1/trend?interval=month&from=2025-01-01&to=2025-12-31").body().get("points");
            int june = -1;
            for (int i = 0; i < months.size(); i++) {
                if (months.get(i).get("group").get("month").asText().equals("2025-06")) {
                    june = i;
                }
            }
            fresh(page);
            clickChart(page, "trend-chart", 2, june);
            Dashboards.waitReady(page);
            assertThat(page).hasURL(Pattern.compile(".*month=2025-06.*"));
            page.goBack();
            Dashboards.waitReady(page);

            // English: the same sentences, in English.
            page.locator("#lang").click();
            assertThat(page.locator("#headline h2")).hasText("Key result");
            assertThat(page.locator("#headline-sentence")).containsText("In 2025, the satisfaction index of ");
            page.setViewportSize(1366, 900);
            Browser.screenshot(page, "dashboard-headline-en-1366");
            Accessibility.check(page, "headline in English at 1366 px");
            page.setViewportSize(390, 844);
            Accessibility.check(page, "headline in English at 390 px");
            Accessibility.checkReflow(page, "headline in English at 390 px");
            page.locator("#lang").click();
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void a_scope_with_too_few_responses_says_so_plainly() {
        // A slice of 2025 with some responses but fewer than min_n: a procedure, or a unit or procedure by one channel.
        String filters = null;
        long n = 0;
        int minN = 0;
        for (var groupBy : List.of("service", "unit,channel", "service,channel")) {
            var groups = api.get("/api/v1/indices?from=2025-01-01&to=2025-12-31&groupBy=" + groupBy).body();
            minN = groups.get("minN").asInt();
            for (var g : groups.get("groups")) {
                if (filters == null && g.get("suppressed").asBoolean() && g.get("n").asLong() > 0) {
                    var query = new StringBuilder();
                    g.get("group").fields().forEachRemaining(f -> query.append('&').append(f.getKey()).append('=')
                            .append(f.getValue().isObject() ? f.getValue().get("code").asText() : f.getValue().asText()));
                    filters = query.toString();
                    n = g.get("n").asLong();
                }
            }
        }
        assertThat(filters).as("a slice of the demo with fewer than %d responses in 2025", minN).isNotNull();
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/?year=2025" + filters, errors, "admin", ADMIN_PASSWORD);
            assertThat(page.locator("#headline-suppressed")).containsText(" mới có " + viCount(n) + " phiếu, chưa đủ "
                    + minN + " phiếu để tính chỉ số một cách tin cậy.");
            assertThat(page.locator("#headline-index")).hasCount(0);
            assertThat(page.locator("#headline")).hasAttribute("data-verdict", "suppressed");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void an_administrator_sets_a_target_on_the_targets_screen_and_the_units_below_inherit_it() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/", errors, "admin", ADMIN_PASSWORD);
            page.navigate(base + "/admin/#/targets/2025/SIPAS");
            assertThat(page.locator("#targets-table tr[data-unit='99']")).containsText("≥ 90,0");
            assertThat(page.locator("#targets-table tr[data-unit='99.STP']")).containsText("Mục tiêu riêng");
            assertThat(page.locator("#targets-table tr[data-unit='99.SXD']")).containsText("Theo mục tiêu của Tỉnh Minh An");
            // Out of range: refused in Vietnamese, nothing stored.
            page.locator("#target-unit").selectOption("99.SXD");
            page.locator("#target-value").fill("120");
            page.locator("#view button[type=submit]").click();
            assertThat(page.locator("#status")).containsText("Vui lòng nhập mục tiêu là một số từ 0 đến 100.");
            assertThat(page.locator("#target-value")).hasAttribute("aria-invalid", "true");
            page.locator("#target-value").fill("87,5");
            page.locator("#view button[type=submit]").click();
            assertThat(page.locator("#targets-table tr[data-unit='99.SXD']")).containsText("≥ 87,5");
            assertThat(target("2025", "99.SXD").asDouble()).isEqualTo(87.5);
            onPhoneAndLaptop(page, "admin-targets");
            // Removed: the department inherits the province's plan again.
            page.setViewportSize(1366, 900);
            page.locator("#targets-table tr[data-unit='99.SXD'] button").click();
            page.locator("dialog button").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Xóa")).click();
            assertThat(page.locator("#targets-table tr[data-unit='99.SXD']")).containsText("≥ 90,0");
            assertThat(target("2025", "99.SXD").asDouble()).isEqualTo(90.0);
            assertThat(errors).isEmpty();
        }
    }

    /** The whole scope's view of 2025, drawn afresh (after Back, the redraw may still be under way). */
    private static void fresh(Page page) {
        page.navigate(base + "/dashboard/?year=2025");
        Dashboards.waitReady(page);
    }

    /** Clicks point or bar i of a chart's dataset where Chart.js drew it. */
    private static void clickChart(Page page, String id, int dataset, int i) {
        @SuppressWarnings("unchecked")
        var at = (java.util.Map<String, Object>) page.evaluate("""
                ([id, dataset, i]) => {
                  const chart = Chart.getChart(document.getElementById(id));
                  const point = chart.getDatasetMeta(dataset).data[i];
                  if (typeof chart.options.onClick !== 'function') {
                    throw new Error(`${id} does not narrow on a click`);
                  }
                  // The point into the middle of the window, where the mouse can reach it.
                  window.scrollTo(0, chart.canvas.getBoundingClientRect().top + window.scrollY + point.y - innerHeight / 2);
                  const box = chart.canvas.getBoundingClientRect();
                  // A bar is clicked halfway along, a point on itself.
                  return { x: box.left + (point.x + (point.base ?? point.x)) / 2, y: box.top + point.y };
                }""", List.of(id, dataset, i));
        page.mouse().click(((Number) at.get("x")).doubleValue(), ((Number) at.get("y")).doubleValue());
    }

    /** The page on a laptop (1366 px) and on a phone (390 px): WCAG 2.1 AA, no sideways scrolling, big enough controls. */
    private static void onPhoneAndLaptop(Page page, String state) {
        page.setViewportSize(1366, 900);
        Accessibility.check(page, state + " at 1366 px");
        Browser.screenshot(page, state + "-1366");
        page.setViewportSize(390, 844);
        Accessibility.check(page, state + " at 390 px");
        Accessibility.checkReflow(page, state + " at 390 px");
        Accessibility.checkTouchTargets(page, state + " at 390 px");
        Browser.screenshot(page, state + "-390");
    }

}
