package vn.hailong.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import vn.hailong.Accessibility;
import vn.hailong.ApiClient;
import vn.hailong.Browser;
import vn.hailong.TestApp;

/**
 * The dashboard in headless Chromium over the demo province: every chart drawn from the API's own figures and intervals,
 * significance as the comparison finds it, filters in the address, two languages, scope, print.
 */
class DashboardBrowserTest {
    static final String ADMIN_PASSWORD = "test-admin-password";
    static final String[] CHARTS = {"trend-chart", "elements-chart", "rankings-chart", "yoy-chart", "drivers-chart"};
    static final String YEAR = "from=2025-01-01&to=2025-12-31";
    /** Each table's download: the very query its section was drawn from (the comparison spans two years). */
    static final Map<String, String> DOWNLOADS = Map.of(
            "overview", "/api/v1/indices?" + YEAR + "&groupBy=unit",
            "trend", "/api/v1/trend?" + YEAR + "&interval=month",
            "elements", "/api/v1/indices?" + YEAR,
            "criteria", "/api/v1/indices?" + YEAR + "&table=criteria",
            "distribution", "/api/v1/distribution?" + YEAR,
            "rankings", "/api/v1/rankings?" + YEAR + "&by=unit",
            "yoy", "/api/v1/compare?period=2025&baseline=2024&groupBy=unit",
            "drivers", "/api/v1/drivers?" + YEAR,
            "comments", "/api/v1/comments?" + YEAR,
            "coverage", "/api/v1/response-rates?" + YEAR + "&groupBy=unit&questionnaire=SIPAS");

    static TestApp app;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() {
        app = Dashboards.demoProvince();
        base = "http://localhost:" + app.app.port();
        var admin = ApiClient.signIn(app, "admin", ADMIN_PASSWORD);
        long land = 0;
        for (var unit : admin.get("/api/v1/units").body()) {
            if (unit.get("code").asText().equals("99.SNNMT")) {
                land = unit.get("id").asLong();
            }
        }
        var created = admin.post("/api/v1/users", Map.of("username", "sonongnghiep", "displayName", "Anh Quản Lý Sở",
                "password", "manager-password-1", "role", "agency_manager", "unitId", land));
        assertThat(created.status()).as(created.body().toString()).isBetween(200, 201);
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
    void the_dashboard_draws_every_chart_and_table_from_the_api_without_console_errors() throws Exception {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors, "admin", ADMIN_PASSWORD);
            assertThat(page).hasURL(Pattern.compile(".*/dashboard/\\?year=2025$"));
            for (var id : CHARTS) {
                var box = page.locator("#" + id).locator("xpath=..");
                assertThat(box).hasAttribute("role", "img");
                assertThat(box).hasAttribute("aria-label", Pattern.compile(".+"));
                assertThat(box).hasCSS("position", "relative");
                assertThat((Boolean) page.evaluate("id => !!Chart.getChart(document.getElementById(id))", id)).as(id).isTrue();
            }
            // Cards: one per unit with data; the demo's units each have an index, CI, n and a change since 2024.
            var cards = page.locator("#overview .card");
            assertThat(cards.first()).isVisible();
            assertThat(cards.first().locator(".ci")).containsText("KTC 95%");
            assertThat(page.locator("#overview .change").first()).containsText("So với 2024");
            // The card's figures are the API's, only rounded.
            var api = ApiClient.signIn(app, "admin", ADMIN_PASSWORD).get("/api/v1/indices?groupBy=unit&from=2025-01-01&to=2025-12-31");
            var first = api.body().get("groups").get(0);
            var code = first.get("group").get("unit").get("code").asText();
            if (!first.get("suppressed").asBoolean()) {
                var shown = String.format(java.util.Locale.ROOT, "%.1f", first.get("index").get("value").asDouble()).replace('.', ',');
                assertThat(page.locator("#overview .card[data-unit='" + code + "'] .value")).containsText(shown);
            }
            // Criteria table: the 16 criteria and the overall question HL, each with its five-level bar; sorting by share puts the lowest first.
            assertThat(page.locator("#criteria-table tbody tr")).hasCount(17);
            assertThat(page.locator("#criteria-table .dist").first()).hasAttribute("aria-label", Pattern.compile("Rất hài lòng"));
            page.locator("#criteria-table button[data-sort='share']").click();
            assertThat(page.locator("#criteria-table th[aria-sort]")).hasAttribute("aria-sort", "descending");
            var shares = page.locator("#criteria-table tbody td:nth-child(2)").allTextContents();
            assertThat(shares).isSortedAccordingTo((a, b) -> Double.compare(number(b), number(a)));
            // Rankings table and comments; under every table and chart the API's own CSV and XLSX of it, with the view's filters.
            assertThat(page.locator("#rankings-table tbody tr").first()).isVisible();
            assertThat(page.locator("#comments-table tbody tr")).hasCount(20);
            DOWNLOADS.forEach((table, path) -> {
                for (var format : List.of("csv", "xlsx")) {
                    var link = page.locator("a[data-download='" + table + "'][data-format='" + format + "']");
                    assertThat(link).hasAttribute("href", path + "&format=" + format);
                    assertThat(link).hasText(format.equals("csv") ? "Tải CSV" : "Tải XLSX");
                }
            });
            // And the weekday × hour table's (a Map.of holds ten): for the whole scope it is asked for on its button; its
            // query is the view's filters.
            assertThat(page.locator("a[data-download='timing']")).hasCount(0);
            page.locator("#timing-show").click();
            assertThat(page.locator("#timing-table tbody tr").first()).isVisible();
            assertThat(page.locator("a[data-download='timing'][data-format='csv']"))
                    .hasAttribute("href", "/api/v1/timing?" + YEAR + "&format=csv");
            assertThat(page.locator("a[data-download]")).hasCount(2 * DOWNLOADS.size() + 2);
            var criteriaCsv = page.locator("a[data-download='criteria'][data-format='csv']");
            assertThat(criteriaCsv).hasAttribute("href", "/api/v1/indices?from=2025-01-01&to=2025-12-31&table=criteria&format=csv");
            var download = page.waitForDownload(criteriaCsv::click);
            assertThat(download.suggestedFilename()).isEqualTo("indices_2025-01-01_2025-12-31.csv");
            var csv = readAll(download.path());
            assertThat(csv).startsWith("\uFEFF\"n\",\"suppressed\",\"criterion\",\"n_valid\",\"satisfied\",\"share\"");
            assertThat(csv.lines().count()).isEqualTo(1 + 17);
            var xlsx = page.waitForDownload(() -> page.locator("a[data-download='rankings'][data-format='xlsx']").click());
            try (var workbook = new XSSFWorkbook(java.nio.file.Files.newInputStream(xlsx.path()))) {
                var sheet = workbook.getSheetAt(0);
                assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("rank");
                int ranked = page.locator("#rankings-table tbody tr").count();
                assertThat(sheet.getRow(ranked).getCell(0).getNumericCellValue()).isPositive();
                var firstUnit = page.locator("#rankings-table tbody tr").first().getAttribute("data-unit");
                assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo(firstUnit);
            }
            // Comments: the next page, then a search.
            page.locator("#comments-next").click();
            assertThat(page.locator("#comments-table caption")).containsText("Trang 2");
            assertThat(page.locator("#comments-prev")).isEnabled();
            Browser.screenshot(page, "dashboard-admin-2025");
            Accessibility.check(page, "dashboard");
            for (var section : List.of("overview", "trend", "elements", "criteria", "rankings", "yoy", "drivers", "comments")) {
                page.locator("#" + section).screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                        .setPath(Browser.SCREENSHOTS.resolve("dashboard-section-" + section + ".png")));
            }
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
            assertThat(page.locator("#filters")).isHidden();
            assertThat(page.locator("a[data-download]").first()).isHidden();
            Browser.screenshot(page, "dashboard-print");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void a_filter_change_redraws_the_charts_and_lands_in_the_address_which_restores_the_view() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors, "admin", ADMIN_PASSWORD);
            var before = page.locator("#elements-chart").locator("xpath=..").getAttribute("aria-label");
            page.getByLabel("Cơ quan, đơn vị", new Page.GetByLabelOptions().setExact(true)).selectOption("99.SNNMT");
            page.locator("#filter-year").selectOption("2024");
            page.locator("#filter-channel").selectOption("kiosk");
            waitReady(page);
            assertThat(page).hasURL(Pattern.compile(".*/dashboard/\\?year=2024&unit=99.SNNMT&channel=kiosk$"));
            assertThat(page.locator("#scope")).containsText("Sở Nông nghiệp và Môi trường. Năm 2024");
            var after = page.locator("#elements-chart").locator("xpath=..").getAttribute("aria-label");
            assertThat(after).isNotEqualTo(before);
            // The subtree: the department and its land registration offices.
            assertThat(page.locator("#overview .card")).hasCount(4);
            var cardsText = page.locator("#overview").textContent();
            assertThat(page.locator("#yoy h2")).hasText("So sánh 2024 với 2023");
            // The downloads and the report follow the filters.
            assertThat(page.locator("a[data-download='rankings'][data-format='xlsx']")).hasAttribute("href",
                    "/api/v1/rankings?from=2024-01-01&to=2024-12-31&unit=99.SNNMT&channel=kiosk&by=unit&format=xlsx");
            assertThat(page.locator("a[data-download='yoy'][data-format='csv']")).hasAttribute("href",
                    "/api/v1/compare?unit=99.SNNMT&channel=kiosk&period=2024&baseline=2023&groupBy=unit&format=csv");
            assertThat(page.locator("#report-link")).hasAttribute("href", "/report/?unit=99.SNNMT&year=2024&lang=vi");
            Browser.screenshot(page, "dashboard-filtered");
            Accessibility.check(page, "dashboard filtered");

            // The same address in a fresh tab gives the same view.
            var url = page.url();
            var other = context.newPage();
            other.navigate(url);
            waitReady(other);
            assertThat(other.locator("#filter-unit")).hasValue("99.SNNMT");
            assertThat(other.locator("#filter-year")).hasValue("2024");
            assertThat(other.locator("#filter-channel")).hasValue("kiosk");
            assertThat(other.locator("#overview")).hasText(cardsText);
            assertThat(other.locator("#elements-chart").locator("xpath=..")).hasAttribute("aria-label", after);

            // Back undoes the last filter.
            page.goBack();
            waitReady(page);
            assertThat(page.locator("#filter-channel")).hasValue("");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void the_language_switch_turns_the_whole_dashboard_into_english_and_stays_in_the_address() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors, "admin", ADMIN_PASSWORD);
            assertThat(page.locator("#criteria h2")).hasText("Các tiêu chí");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English")).click();
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            assertThat(page.locator("#criteria h2")).hasText("Criteria");
            assertThat(page.locator("#overview h2")).hasText("Overview by agency");
            assertThat(page.locator("#overview .ci").first()).containsText("95% CI");
            assertThat(page.locator("label[for='filter-year']")).hasText("Year");
            assertThat(page).hasURL(Pattern.compile(".*lang=en.*"));
            for (var id : CHARTS) {
                assertThat((Boolean) page.evaluate("id => !!Chart.getChart(document.getElementById(id))", id)).as(id).isTrue();
            }
            Browser.screenshot(page, "dashboard-english");
            Accessibility.check(page, "dashboard in English");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tiếng Việt")).click();
            assertThat(page.locator("#criteria h2")).hasText("Các tiêu chí");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void the_report_of_a_unit_and_year_prints_on_a4_from_the_api_figures() throws Exception {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors, "admin", ADMIN_PASSWORD);
            page.getByLabel("Cơ quan, đơn vị", new Page.GetByLabelOptions().setExact(true)).selectOption("99.SNNMT");
            waitReady(page);
            assertThat(page.locator("#report-link")).hasText("In báo cáo");
            page.locator("#report-link").click();
            page.waitForURL(Pattern.compile(".*/report/\\?unit=99.SNNMT&year=2025&lang=vi$"));
            waitReady(page);
            assertThat(page.locator("h1")).hasText("Báo cáo mức độ hài lòng năm 2025");
            assertThat(page.locator("#subtitle")).hasText("Cơ quan, đơn vị: Sở Nông nghiệp và Môi trường · Phiếu đánh giá: Khảo sát mức độ hài lòng (SIPAS)");
            var api = ApiClient.signIn(app, "admin", ADMIN_PASSWORD);
            var total = api.get("/api/v1/indices?unit=99.SNNMT&from=2025-01-01&to=2025-12-31").body().get("groups").get(0);
            var shown = String.format(java.util.Locale.ROOT, "%.1f", total.get("index").get("value").asDouble()).replace('.', ',');
            assertThat(page.locator("#report-index")).containsText(shown);
            assertThat(page.locator("#overview")).containsText("So với 2024");
            for (var id : List.of("report-trend-chart", "report-elements-chart")) {
                assertThat((Boolean) page.evaluate("id => !!Chart.getChart(document.getElementById(id))", id)).as(id).isTrue();
            }
            assertThat(page.locator("#report-trend-table tbody tr")).hasCount(12);
            assertThat(page.locator("#report-elements-table tbody tr")).hasCount(5);
            assertThat(page.locator("#report-criteria-table tbody tr")).hasCount(17);
            assertThat(page.locator("#report-yoy-table tbody tr")).hasCount(1 + 5);
            // Each element's change says whether it is significant among the elements (BH), as the API flags it.
            var elements = api.get("/api/v1/compare?period=2025&baseline=2024&unit=99.SNNMT").body()
                    .get("groups").get(0).get("elements");
            int row = 1;
            for (var change : elements) {
                assertThat(page.locator("#report-yoy-table tbody tr").nth(row++).locator("td").last())
                        .hasText(change.get("significant").asBoolean() ? "Có" : "Không");
            }
            assertThat(page.locator("#report-yoy-criteria tbody tr")).hasCount(17);
            var comments = page.locator("#report-comments-table tbody tr");
            assertThat(comments.first()).isVisible();
            assertThat(comments.count()).isBetween(1, 12);
            Browser.screenshot(page, "report-2025");
            Accessibility.check(page, "report");

            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
            assertThat(page.locator(".toolbar")).isHidden();
            Browser.screenshot(page, "report-2025-print");
            var pdf = Browser.SCREENSHOTS.resolve("report-2025.pdf");
            page.pdf(new Page.PdfOptions().setPath(pdf).setPreferCSSPageSize(true).setPrintBackground(true));
            var text = new String(java.nio.file.Files.readAllBytes(pdf), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("%PDF");
            var pages = Pattern.compile("/Type\\s*/Page[^s]").matcher(text).results().count();
            // The official heading and summary, the overview and trend, the months (a table kept whole), elements and criteria,
            // year on year, the ranking and comments.
            assertThat(pages).as("A4 pages").isBetween(5L, 8L);
            assertThat(text).contains("/MediaBox [0 0 594.9");

            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English")).click();
            assertThat(page.locator("h1")).hasText("Satisfaction report 2025");
            assertThat(page.locator("#report-criteria-table caption")).hasText("Criteria");
            assertThat(page).hasURL(Pattern.compile(".*lang=en.*"));
            Browser.screenshot(page, "report-2025-english");
            Accessibility.check(page, "report in English");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void per_dossier_ratings_have_their_figures_and_reasons_when_chosen_in_the_filters() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors, "admin", ADMIN_PASSWORD);
            page.locator("#filter-questionnaire").selectOption("DOSSIER3");
            waitReady(page);
            assertThat(page).hasURL(Pattern.compile(".*/dashboard/\\?questionnaire=DOSSIER3&year=2025$"));
            assertThat(page.locator("#title")).hasText("Chỉ số hài lòng · Đánh giá giải quyết hồ sơ");
            assertThat(page.locator("#scope")).containsText("tỷ lệ hồ sơ được đánh giá \"Hài lòng\" hoặc \"Rất hài lòng\"");
            // No elements, so no element chart and no drivers; the index is the rating's share satisfied, per unit.
            assertThat(page.locator("#elements")).isHidden();
            assertThat(page.locator("#drivers")).isHidden();
            var api = ApiClient.signIn(app, "admin", ADMIN_PASSWORD);
            var indices = api.get("/api/v1/indices?questionnaire=DOSSIER3&groupBy=unit&" + YEAR).body().get("groups");
            JsonNode shown = null;
            for (var g : indices) {
                if (!g.get("suppressed").asBoolean()) {
                    shown = g;
                    break;
                }
            }
            assertThat(shown).as("a unit with enough per-dossier ratings in the demo").isNotNull();
            var value = String.format(java.util.Locale.ROOT, "%.1f", shown.get("index").get("value").asDouble()).replace('.', ',');
            assertThat(page.locator("#overview .card[data-unit='" + shown.get("group").get("unit").get("code").asText()
                    + "'] .value")).containsText(value);
            // One criterion, its bar in the three levels of the dossier scale.
            assertThat(page.locator("#criteria-table tbody tr")).hasCount(1);
            assertThat(page.locator("#criteria-table .dist-part")).hasCount(3);
            assertThat(page.locator("#criteria .dist-legend li")).hasText(new String[] {"Không hài lòng", "Hài lòng", "Rất hài lòng"});
            assertThat(page.locator("#criteria-table thead")).containsText("Điểm trung bình (1–3)");
            // Reasons: each reason's share of the not satisfied with its interval, as the API gives them.
            assertThat(page.locator("#reasons h2")).hasText("Lý do chưa hài lòng");
            var reasons = api.get("/api/v1/reasons?questionnaire=DOSSIER3&" + YEAR).body().get("groups").get(0);
            assertThat(page.locator("#reasons-table tbody tr")).hasCount(reasons.get("reasons").size());
            assertThat(page.locator("#reasons .note")).containsText(String.valueOf(reasons.get("dissatisfied").asLong()));
            assertThat(page.locator("#reasons-units-table tbody tr").first()).isVisible();
            assertThat((Boolean) page.evaluate("() => !!Chart.getChart(document.getElementById('reasons-chart'))")).isTrue();
            assertThat(page.locator("a[data-download='reasons'][data-format='csv']")).hasAttribute("href",
                    "/api/v1/reasons?" + YEAR + "&questionnaire=DOSSIER3&format=csv");
            assertThat(page.locator("a[data-download='reasons-services'][data-format='xlsx']")).hasAttribute("href",
                    "/api/v1/reasons?" + YEAR + "&questionnaire=DOSSIER3&groupBy=service&format=xlsx");
            onPhoneAndLaptop(page, "dashboard-dossier");

            page.locator("#lang").click();
            assertThat(page.locator("#title")).hasText("Satisfaction index · Dossier rating");
            assertThat(page.locator("#reasons h2")).hasText("Why citizens were not satisfied");
            assertThat(page.locator("#criteria .dist-legend li")).hasText(new String[] {"Not satisfied", "Satisfied", "Very satisfied"});
            Browser.screenshot(page, "dashboard-dossier-english");
            Accessibility.check(page, "dossier dashboard in English");

            // The report of the same view: the questionnaire's own index, its reasons, no element section.
            assertThat(page.locator("#report-link")).hasAttribute("href", Pattern.compile(".*questionnaire=DOSSIER3.*"));
            var report = context.newPage();
            report.setViewportSize(1366, 900);
            report.navigate(base + "/report/?questionnaire=DOSSIER3&year=2025&lang=vi");
            report.waitForSelector("body[data-state='ready']", new Page.WaitForSelectorOptions().setTimeout(90_000));
            assertThat(report.locator("#subtitle")).containsText("Phiếu đánh giá: Đánh giá giải quyết hồ sơ");
            assertThat(report.locator("#method")).containsText("tỷ lệ hồ sơ được đánh giá");
            assertThat(report.locator("#elements")).isHidden();
            assertThat(report.locator("#report-reasons-table tbody tr")).hasCount(reasons.get("reasons").size());
            assertThat(report.locator("#report-criteria-table thead")).containsText("Điểm trung bình (1–3)");
            Browser.screenshot(report, "report-dossier");
            Accessibility.check(report, "report of per-dossier ratings");
            report.setViewportSize(390, 844);
            Browser.screenshot(report, "report-dossier-390");
            report.close();

            // The one-tap card has no ratings in the demo: every section says so, nothing fails.
            page.locator("#filter-questionnaire").selectOption("KIOSK");
            waitReady(page);
            assertThat(page.locator("#reasons h2")).hasText("Problems citizens met");
            assertThat(page.locator("#reasons")).containsText("No figures for this selection.");
            assertThat(page.locator("#status")).isEmpty();

            // Back to the survey: its elements return, and no reasons section.
            page.locator("#filter-questionnaire").selectOption("SIPAS");
            waitReady(page);
            assertThat(page.locator("#elements")).isVisible();
            assertThat(page.locator("#reasons")).isHidden();
            assertThat(page.locator("#criteria-table tbody tr")).hasCount(17);
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void an_agency_manager_sees_only_the_units_of_its_own_subtree() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors, "sonongnghiep", "manager-password-1");
            assertThat(page.locator("#who")).hasText("Anh Quản Lý Sở");
            var units = page.locator("#filter-unit option").allTextContents();
            assertThat(units).hasSize(5).noneMatch(u -> u.contains("Sở Tư pháp") || u.contains("Phường"));
            var cards = page.locator("#overview .card h3").allTextContents();
            assertThat(cards).hasSize(4).allMatch(u -> u.contains("Nông nghiệp") || u.contains("Đăng ký đất đai"));
            assertThat(page.locator("#rankings")).not().containsText("Sở Tư pháp");
            assertThat(page.locator("#comments")).not().containsText("Phường");
            Browser.screenshot(page, "dashboard-manager");
            Accessibility.check(page, "dashboard of a manager");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void post_stratification_chosen_in_the_filters_weights_the_indices_and_stays_in_the_address() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors, "admin", ADMIN_PASSWORD);
            page.locator("#filter-weighting").selectOption("poststratified");
            waitReady(page);
            assertThat(page).hasURL(Pattern.compile(".*/dashboard/\\?year=2025&weighting=poststratified$"));
            assertThat(page.locator("#scope")).containsText("gia quyền hậu phân tầng");
            // The cards show the weighted figures of the API, which differ from the unweighted ones.
            var api = ApiClient.signIn(app, "admin", ADMIN_PASSWORD);
            var weighted = api.get("/api/v1/indices?" + YEAR + "&groupBy=unit&weighting=poststratified").body().get("groups");
            var plain = api.get("/api/v1/indices?" + YEAR + "&groupBy=unit").body().get("groups");
            int differ = 0;
            for (int i = 0; i < weighted.size(); i++) {
                var g = weighted.get(i);
                if (g.get("suppressed").asBoolean()) {
                    continue;
                }
                var code = g.get("group").get("unit").get("code").asText();
                var shown = String.format(java.util.Locale.ROOT, "%.1f", g.get("index").get("value").asDouble()).replace('.', ',');
                assertThat(page.locator("#overview .card[data-unit='" + code + "'] .value")).containsText(shown);
                differ += g.get("index").get("value").asDouble() != plain.get(i).get("index").get("value").asDouble() ? 1 : 0;
            }
            assertThat(differ).isPositive();
            // What weights asks for weighting; counts and correlations never do (the API would refuse them).
            assertThat(page.locator("a[data-download='rankings'][data-format='csv']")).hasAttribute("href",
                    "/api/v1/rankings?" + YEAR + "&weighting=poststratified&by=unit&format=csv");
            assertThat(page.locator("a[data-download='yoy'][data-format='csv']")).hasAttribute("href",
                    "/api/v1/compare?weighting=poststratified&period=2025&baseline=2024&groupBy=unit&format=csv");
            assertThat(page.locator("a[data-download='trend'][data-format='csv']")).hasAttribute("href",
                    "/api/v1/trend?" + YEAR + "&weighting=poststratified&interval=month&format=csv");
            assertThat(page.locator("a[data-download='distribution'][data-format='csv']")).hasAttribute("href",
                    DOWNLOADS.get("distribution") + "&format=csv");
            assertThat(page.locator("a[data-download='drivers'][data-format='csv']")).hasAttribute("href",
                    DOWNLOADS.get("drivers") + "&format=csv");
            var other = context.newPage();
            other.navigate(page.url());
            waitReady(other);
            assertThat(other.locator("#filter-weighting")).hasValue("poststratified");
            Browser.screenshot(page, "dashboard-weighted");
            Accessibility.check(page, "dashboard weighted");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void on_a_phone_the_dashboard_and_the_report_fit_the_width_and_their_controls_take_a_finger() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors, "admin", ADMIN_PASSWORD);
            onPhoneAndLaptop(page, "dashboard");
            page.navigate(base + "/report/?unit=99.SNNMT&year=2025&lang=vi");
            waitReady(page);
            onPhoneAndLaptop(page, "report");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void each_overview_card_marks_exactly_the_changes_the_comparison_finds_significant() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors, "admin", ADMIN_PASSWORD);
            var compare = ApiClient.signIn(app, "admin", ADMIN_PASSWORD).get(DOWNLOADS.get("yoy")).body();
            int marked = 0;
            for (var group : compare.get("groups")) {
                var code = group.get("group").get("unit").get("code").asText();
                var change = page.locator("#overview .card[data-unit='" + code + "'] .change");
                if (group.get("suppressed").asBoolean()) {
                    assertThat(change.locator(".mark")).hasCount(0);
                    continue;
                }
                var overall = group.get("overall");
                double delta = overall.get("delta").asDouble();
                if (overall.get("significant").asBoolean()) {
                    assertThat(change.locator(".mark")).hasText(delta > 0 ? "▲" : "▼");
                    assertThat(change).hasClass(delta > 0 ? "change up" : "change down");
                    marked++;
                } else {
                    assertThat(change.locator(".mark")).hasCount(0);
                    assertThat(change).hasClass("change");
                }
            }
            // The demo's unit-specific jumps are significant both ways in 2025 against 2024.
            assertThat(marked).isPositive();
            assertThat(page.locator("#overview .change.up .mark").first()).hasText("▲");
            assertThat(page.locator("#overview .change.down .mark").first()).hasText("▼");
            assertThat(page.locator("#overview .change .mark")).hasCount(marked);
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void the_trend_band_and_the_whiskers_are_the_api_intervals() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors, "admin", ADMIN_PASSWORD);
            var api = ApiClient.signIn(app, "admin", ADMIN_PASSWORD);
            assertTrendBand(page, api.get(DOWNLOADS.get("trend")).body());

            var elements = chart(page, "elements-chart");
            assertThat(elements.plugins()).contains("ciWhiskers");
            var group = api.get(DOWNLOADS.get("elements")).body().get("groups").get(0);
            var expected = new ArrayList<JsonNode>();
            group.get("elements").forEach(expected::add);
            assertThat(expected).hasSize(5);
            var bars = elements.datasets().get(0);
            assertThat(doubles(bars.get("data"))).isEqualTo(expected.stream().map(e -> e.get("value").asDouble()).toList());
            assertThat(ranges(bars.get("ci"))).isEqualTo(expected.stream().map(DashboardBrowserTest::range).toList());

            var rankings = chart(page, "rankings-chart");
            assertThat(rankings.plugins()).contains("ciWhiskers");
            var ranked = new ArrayList<JsonNode>();
            api.get(DOWNLOADS.get("rankings")).body().get("ranked").forEach(r -> ranked.add(r.get("index")));
            assertThat(ranked).isNotEmpty();
            bars = rankings.datasets().get(0);
            assertThat(doubles(bars.get("data"))).isEqualTo(ranked.stream().map(i -> i.get("value").asDouble()).toList());
            assertThat(ranges(bars.get("ci"))).isEqualTo(ranked.stream().map(DashboardBrowserTest::range).toList());

            // A view where some months have too few responses: the band and the line break there.
            page.navigate(base + "/dashboard/?year=2025&unit=99.SNNMT&channel=interview");
            waitReady(page);
            var trend = api.get("/api/v1/trend?" + YEAR + "&unit=99.SNNMT&channel=interview&interval=month").body();
            assertThat(trend.get("points")).anyMatch(p -> p.get("suppressed").asBoolean())
                    .anyMatch(p -> !p.get("suppressed").asBoolean());
            assertTrendBand(page, trend);
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void the_year_on_year_dumbbells_are_coloured_by_the_significance_of_each_change() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors, "admin", ADMIN_PASSWORD);
            var changes = new HashMap<String, JsonNode>();
            for (var group : ApiClient.signIn(app, "admin", ADMIN_PASSWORD).get(DOWNLOADS.get("yoy")).body().get("groups")) {
                if (!group.get("suppressed").asBoolean()) {
                    changes.put(group.get("group").get("unit").get("nameVi").asText(), group.get("overall"));
                }
            }
            var yoy = chart(page, "yoy-chart");
            // A row per unit, sorted by this year's index and labelled by its name (wrapped into lines).
            var names = new ArrayList<String>();
            yoy.labels().forEach(label -> names.add(String.join(" ", strings(label))));
            assertThat(names).containsExactlyInAnyOrderElementsOf(changes.keySet());
            var colours = yoy.datasets().get(0).get("backgroundColor");
            var dots = yoy.datasets().get(2).get("pointBackgroundColor");
            var seen = new HashSet<String>();
            for (int i = 0; i < names.size(); i++) {
                var change = changes.get(names.get(i));
                var colour = !change.get("significant").asBoolean() ? "#9aa5b1"
                        : change.get("delta").asDouble() > 0 ? "#15803d" : "#b91c1c";
                assertThat(colours.get(i).asText()).as(names.get(i)).isEqualTo(colour);
                assertThat(dots.get(i).asText()).as(names.get(i)).isEqualTo(colour);
                seen.add(colour);
                // The bar joins last year's index to this year's.
                var bar = yoy.datasets().get(0).get("data").get(i);
                assertThat(bar.get(0).asDouble()).as(names.get(i))
                        .isCloseTo(change.get("baseline").get("value").asDouble(), within(1e-9));
                assertThat(bar.get(1).asDouble()).as(names.get(i))
                        .isCloseTo(change.get("period").get("value").asDouble(), within(1e-9));
            }
            assertThat(seen).as("rises, falls and changes that are not significant").hasSize(3);
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void units_with_too_few_responses_are_listed_apart_from_the_ranking_and_their_cards_show_no_index() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors, "admin", ADMIN_PASSWORD);
            page.navigate(base + "/dashboard/?year=2025&channel=interview");
            waitReady(page);
            var rankings = ApiClient.signIn(app, "admin", ADMIN_PASSWORD)
                    .get("/api/v1/rankings?" + YEAR + "&channel=interview&by=unit").body();
            var suppressed = new ArrayList<JsonNode>();
            rankings.get("suppressed").forEach(suppressed::add);
            assertThat(suppressed).as("interviews are a tenth of the responses: the smallest communes have too few").isNotEmpty();
            var listed = suppressed.stream()
                    .map(s -> s.get("group").get("unit").get("nameVi").asText() + " (n = " + s.get("n").asInt() + ")").toList();
            assertThat(page.locator("#rankings-suppressed")).hasText("Chưa đủ phiếu để xếp hạng: " + String.join(", ", listed));
            var ranked = new ArrayList<String>();
            rankings.get("ranked").forEach(r -> ranked.add(r.get("group").get("unit").get("code").asText()));
            var rows = page.locator("#rankings-table tbody tr");
            assertThat(rows).hasCount(ranked.size());
            assertThat(rows.evaluateAll("rows => rows.map((r) => r.dataset.unit)")).isEqualTo(ranked);
            for (var s : suppressed) {
                var code = s.get("group").get("unit").get("code").asText();
                assertThat(page.locator("#rankings-table tr[data-unit='" + code + "']")).hasCount(0);
                assertThat(page.locator("#rankings-table")).not().containsText(s.get("group").get("unit").get("nameVi").asText());
                var card = page.locator("#overview .card[data-unit='" + code + "']");
                assertThat(card).hasClass("card is-suppressed");
                assertThat(card.locator(".value")).hasText("Chưa đủ phiếu (n < 30)");
                assertThat(card.locator(".ci")).hasCount(0);
                assertThat(card.locator(".change")).hasCount(0);
            }
            assertThat(page.locator("#overview .card.is-suppressed")).hasCount(suppressed.size());
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void a_comment_search_shows_the_comments_the_api_finds_for_the_word_whatever_its_case() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors, "admin", ADMIN_PASSWORD);
            var api = ApiClient.signIn(app, "admin", ADMIN_PASSWORD);
            // "quầy" is in one complaint, written fewer than 20 times; "hướng" starts some comments ("Hướng dẫn …") and is inside others.
            for (var word : List.of("quầy", "Hướng")) {
                var q = java.net.URLEncoder.encode(word, java.nio.charset.StandardCharsets.UTF_8);
                var found = new ArrayList<String>();
                api.get("/api/v1/comments?" + YEAR + "&q=" + q + "&size=20").body().get("comments")
                        .forEach(c -> found.add(c.get("comment").asText()));
                assertThat(found).as(word).isNotEmpty();
                page.locator("#comments-q").fill(word);
                page.locator("#comments-q").press("Enter");
                var shown = page.locator("#comments-table td.comment");
                assertThat(shown).hasText(found.toArray(String[]::new));
                assertThat(shown.allTextContents()).as(word).allSatisfy(text -> assertThat(text).containsIgnoringCase(word));
                assertThat(page.locator("#comments-q")).hasValue(word);
                assertThat(page.locator("a[data-download='comments'][data-format='csv']"))
                        .hasAttribute("href", "/api/v1/comments?" + YEAR + "&q=" + q + "&format=csv");
            }
            assertThat(page.locator("#comments-table td.comment").allTextContents())
                    .anyMatch(text -> text.startsWith("Hướng")).anyMatch(text -> text.contains("hướng"));
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void the_dashboard_prints_on_several_a4_pages() throws Exception {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            signIn(page, errors, "admin", ADMIN_PASSWORD);
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
            var pdf = Browser.SCREENSHOTS.resolve("dashboard-2025.pdf");
            page.pdf(new Page.PdfOptions().setPath(pdf).setPreferCSSPageSize(true).setPrintBackground(true));
            var text = new String(java.nio.file.Files.readAllBytes(pdf), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("%PDF");
            assertThat(text).contains("/MediaBox [0 0 594.9");
            assertThat(text).doesNotContain("/MediaBox [0 0 612");
            var pages = Pattern.compile("/Type\\s*/Page[^s]").matcher(text).results().count();
            assertThat(pages).as("each section after the overview starts an A4 page").isGreaterThan(1);
            assertThat(errors).isEmpty();
        }
    }

    private static void signIn(Page page, List<String> errors, String username, String password) {
        Dashboards.signIn(page, base, "/dashboard/", errors, username, password);
    }

    /** The page as it is, on a laptop (1366 px) and on a phone (390 px): WCAG 2.1 AA, no sideways scrolling, big enough controls. */
    private static void onPhoneAndLaptop(Page page, String state) {
        page.setViewportSize(1366, 900);
        Browser.screenshot(page, state + "-1366");
        page.setViewportSize(390, 844);
        Accessibility.check(page, state + " at 390 px");
        Accessibility.checkReflow(page, state + " at 390 px");
        Accessibility.checkTouchTargets(page, state + " at 390 px");
        Browser.screenshot(page, state + "-390");
    }

    private static void waitReady(Page page) {
        Dashboards.waitReady(page);
    }

    private static double number(String shown) {
        return Double.parseDouble(shown.replace(".", "").replace(',', '.'));
    }

    private static String readAll(java.nio.file.Path path) {
        try {
            return java.nio.file.Files.readString(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What a chart holds, as Chart.js has it: labels, datasets and the ids of its own plugins. */
    record ChartData(JsonNode labels, List<JsonNode> datasets, List<String> plugins) {
    }

    private static ChartData chart(Page page, String id) {
        var json = (String) page.evaluate("""
                id => {
                  const chart = Chart.getChart(document.getElementById(id));
                  return JSON.stringify({
                    labels: chart.data.labels,
                    datasets: chart.data.datasets.map((d) => ({ data: d.data, ci: d.ci ?? null, fill: d.fill ?? null,
                      backgroundColor: d.backgroundColor ?? null, pointBackgroundColor: d.pointBackgroundColor ?? null })),
                    plugins: (chart.config.plugins ?? []).map((p) => p.id),
                  });
                }""", id);
        try {
            var node = new ObjectMapper().readTree(json);
            var datasets = new ArrayList<JsonNode>();
            node.get("datasets").forEach(datasets::add);
            var plugins = new ArrayList<String>();
            node.get("plugins").forEach(p -> plugins.add(p.asText()));
            return new ChartData(node.get("labels"), datasets, plugins);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The trend chart: the band's low edge, its high edge filled down to it, and the index; gaps where a month is suppressed. */
    private static void assertTrendBand(Page page, JsonNode trend) {
        var points = new ArrayList<JsonNode>();
        trend.get("points").forEach(points::add);
        java.util.function.Function<String, List<Double>> series = key -> points.stream()
                .map(p -> p.get("suppressed").asBoolean() || !p.hasNonNull("index") ? null : p.get("index").get(key).asDouble())
                .toList();
        var chart = chart(page, "trend-chart");
        // Every month from the first to the last has a label; the API leaves out a month without a response.
        var first = points.get(0).get("group").get("month").asText();
        var last = points.get(points.size() - 1).get("group").get("month").asText();
        assertThat(chart.labels()).hasSize(monthIndex(first, last) + 1);
        // The band's edges and the index, and the scope's target as a level line when it has one (HonestFiguresBrowserTest
        // holds that line to the targets API).
        assertThat(chart.datasets()).hasSizeBetween(3, 4);
        if (chart.datasets().size() == 4) {
            assertThat(new java.util.HashSet<>(doubles(chart.datasets().get(3).get("data")))).hasSize(1);
        }
        var low = chart.datasets().get(0);
        var high = chart.datasets().get(1);
        var index = chart.datasets().get(2);
        assertThat(low.get("fill").asBoolean(true)).isFalse();
        assertThat(high.get("fill").asText()).isEqualTo("-1");
        for (var key : List.of("low", "high", "value")) {
            var drawn = doubles(chart.datasets().get(List.of("low", "high", "value").indexOf(key)).get("data"));
            var expected = new ArrayList<Double>(java.util.Collections.nCopies(drawn.size(), (Double) null));
            for (int i = 0; i < points.size(); i++) {
                expected.set(monthIndex(first, points.get(i).get("group").get("month").asText()), series.apply(key).get(i));
            }
            assertThat(drawn).as(key).isEqualTo(expected);
        }
        assertThat(low).isNotNull();
        assertThat(high).isNotNull();
        assertThat(index).isNotNull();
    }

    /** How many months "2025-03" is after "2025-01" (2). */
    static int monthIndex(String from, String month) {
        return 12 * (Integer.parseInt(month.substring(0, 4)) - Integer.parseInt(from.substring(0, 4)))
                + Integer.parseInt(month.substring(5, 7)) - Integer.parseInt(from.substring(5, 7));
    }

    private static List<Double> doubles(JsonNode array) {
        var out = new ArrayList<Double>();
        array.forEach(x -> out.add(x.isNull() ? null : x.asDouble()));
        return out;
    }

    /** A chart label: one line, or the lines a long one was wrapped into. */
    private static List<String> strings(JsonNode label) {
        var out = new ArrayList<String>();
        if (label.isArray()) {
            label.forEach(line -> out.add(line.asText()));
        } else {
            out.add(label.asText());
        }
        return out;
    }

    private static List<List<Double>> ranges(JsonNode array) {
        var out = new ArrayList<List<Double>>();
        array.forEach(x -> out.add(doubles(x)));
        return out;
    }

    private static List<Double> range(JsonNode estimate) {
        return List.of(estimate.get("low").asDouble(), estimate.get("high").asDouble());
    }

}
