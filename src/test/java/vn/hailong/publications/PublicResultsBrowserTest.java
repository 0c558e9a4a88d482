package vn.hailong.publications;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import vn.hailong.Accessibility;
import vn.hailong.ApiClient;
import vn.hailong.Browser;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.Vietnam;
import vn.hailong.demo.DemoProvince;

/**
 * The public results page (/ket-qua/) without signing in, on the demo province with its 2025 results published and
 * the Department of Industry and Trade (99.SCT) taken off, with a comment of its own; and the admin's publications
 * screen, which publishes and unpublishes.
 */
class PublicResultsBrowserTest {
    static final String SECRET = "Ý kiến riêng không được công bố 5d1e";
    static TestApp app;
    static Browser browser;
    static String base;
    static ApiClient admin;
    static ApiClient anonymous;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()));
        try (var dsl = app.dsl()) {
            new DemoProvince(dsl).fillIfEmpty(DemoProvince.DEFAULT_SEED, 2025);
            dsl.execute("update response set comment = ? where id = (select min(r.id) from response r join unit u on"
                    + " u.id = r.agency_id where u.code = '99.SCT' and r.submitted_at >= '2025-06-01')", SECRET);
        }
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        anonymous = ApiClient.anonymous(app);
        org.assertj.core.api.Assertions.assertThat(admin.delete("/api/v1/publications/99.SCT/2025").status()).isEqualTo(204);
        browser = new Browser();
        base = "http://localhost:" + app.app.port();
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    static void open(Page page, String path) {
        page.navigate(base + path);
        page.waitForSelector("body[data-ready]", new Page.WaitForSelectorOptions().setTimeout(60_000));
    }

    static String vi(double value) {
        return String.format(Locale.ROOT, "%.1f", value).replace('.', ',');
    }

    @Test
    void the_public_page_shows_the_published_figures_in_vietnamese_and_english_and_nothing_unpublished() {
        // Whatever the admin test did before: the Department of Justice published as the demo left it.
        org.assertj.core.api.Assertions.assertThat(admin.put("/api/v1/publications/99.STP/2025", java.util.Map.of()).status())
                .isEqualTo(200);
        var results = anonymous.get("/api/v1/public/results").body();
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            var asked = new ArrayList<String>();
            page.onRequest(r -> asked.add(r.url().substring(base.length())));
            page.setViewportSize(1366, 900);
            open(page, "/ket-qua/");
            assertThat(page.locator("h1")).hasText("Kết quả đo lường sự hài lòng năm 2025");
            var published = OffsetDateTime.parse(results.path("publishedAt").asText()).atZoneSameInstant(Vietnam.ZONE)
                    .format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
            assertThat(page.locator("#published")).hasText("Công bố ngày " + published);

            // Every figure on the page is the API's, and every published unit has its row.
            var table = page.locator("#units table");
            assertThat(table.locator("tbody tr")).hasCount(results.path("units").size());
            for (var unit : results.path("units")) {
                var row = table.locator("tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
                        .setHas(page.locator("th", new Page.LocatorOptions().setHasText(unit.path("nameVi").asText()))));
                if (unit.path("suppressed").asBoolean()) {
                    assertThat(row).containsText("Chưa công bố chỉ số: mới có " + unit.path("n").asText()
                            + " phiếu, cần ít nhất 30");
                } else {
                    var index = unit.path("index");
                    assertThat(row.locator("td").nth(1)).hasText(vi(index.path("value").asDouble()));
                    assertThat(row.locator("td").nth(2)).hasText(vi(index.path("low").asDouble()) + "–"
                            + vi(index.path("high").asDouble()));
                }
            }
            assertThat(page.locator("#units .note")).containsText("dưới 30 phiếu");
            assertThat(page.locator("#units-chart")).isVisible();
            assertThat(page.locator("#units [role=img]")).hasAttribute("aria-label",
                    Pattern.compile(".*Sở Tư pháp " + vi(unit(results, "99.STP").path("index").path("value").asDouble()) + " .*"));
            // Each ranked unit's places as the 95 % intervals allow them, as the API gives them.
            assertThat(page.locator("#ranking")).containsText("Hạng ghi thành khoảng");
            com.fasterxml.jackson.databind.JsonNode departments = null;
            for (var kind : results.path("ranking")) {
                if (departments == null && kind.path("ranked").size() > 1) {
                    departments = kind.path("ranked"); // the first table: the page leaves out a kind of one unit
                }
            }
            var rankRows = page.locator("#ranking table").first().locator("tbody tr");
            assertThat(rankRows).hasCount(departments.size());
            for (int i = 0; i < departments.size(); i++) {
                var place = departments.get(i);
                var best = place.path("rankRange").path("best").asInt();
                var worst = place.path("rankRange").path("worst").asInt();
                assertThat(rankRows.nth(i).locator("th")).hasText(place.path("nameVi").asText());
                assertThat(rankRows.nth(i).locator("td").first()).hasText(best == worst ? "" + best : best + "–" + worst);
            }
            assertThat(page.locator("#definitions")).containsText("Khoảng tin cậy 95%");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tải dữ liệu mở (CSV)")))
                    .hasAttribute("href", "/api/v1/public/results.csv?year=2025&questionnaire=SIPAS");
            assertThat(page.locator("#year, select[name=nam]")).hasValue("2025");

            // Nothing unpublished, no comment: not the unit's name, not what a citizen wrote.
            var text = page.locator("body").innerText();
            org.assertj.core.api.Assertions.assertThat(text).doesNotContain("Sở Công Thương", "99.SCT", SECRET, "2024");
            org.assertj.core.api.Assertions.assertThat(asked).as("the page asks only for published results and the form")
                    .filteredOn(p -> p.startsWith("/api/"))
                    .allMatch(p -> p.startsWith("/api/v1/public/results") || p.equals("/api/v1/forms/SIPAS"));

            Accessibility.check(page, "public results in Vietnamese at 1366 px");
            Browser.screenshot(page, "public-results-vi-1366");
            page.setViewportSize(390, 844);
            Accessibility.check(page, "public results in Vietnamese at 390 px");
            Accessibility.checkReflow(page, "public results at 390 px");
            Accessibility.checkTouchTargets(page, "public results at 390 px");
            Browser.screenshot(page, "public-results-vi-390");

            page.setViewportSize(1366, 900);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English")).click();
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            assertThat(page.locator("h1")).hasText("Satisfaction survey results for 2025");
            assertThat(page.locator("#published")).hasText("Published on " + published);
            assertThat(page.locator("#units table")).containsText("Department of Justice");
            assertThat(page.locator("#ranking")).containsText("A rank written as a range");
            var english = page.locator("main").innerText();
            org.assertj.core.api.Assertions.assertThat(english).as("no Vietnamese words of the page's own on the English page")
                    .doesNotContain("Công bố", "Chỉ số", "Số phiếu", "Khoảng tin cậy", "ngang hạng", "Xếp hạng", "Tải dữ liệu");
            Accessibility.check(page, "public results in English at 1366 px");
            Browser.screenshot(page, "public-results-en-1366");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tiếng Việt")).click();
            org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
        }
    }

    @Test
    void the_landing_page_links_to_the_public_results() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.navigate(base + "/");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Xem kết quả đo lường sự hài lòng đã công bố")).click();
            page.waitForSelector("body[data-ready]");
            assertThat(page.locator("h1")).hasText("Kết quả đo lường sự hài lòng năm 2025");
        }
    }

    @Test
    void an_admin_unpublishes_and_publishes_a_unit_and_the_public_page_follows() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            page.navigate(base + "/login.html?next=" + java.net.URLEncoder.encode("/admin/#/publications?year=2025",
                    java.nio.charset.StandardCharsets.UTF_8));
            page.getByLabel("Tên đăng nhập").fill("admin");
            page.getByLabel("Mật khẩu").fill("test-admin-password");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
            page.waitForURL(Pattern.compile(Pattern.quote(base) + "/admin/#/publications.*"));
            assertThat(page.locator("#view h1")).hasText("Công bố kết quả cho người dân");
            var stp = page.locator("tr[data-unit='99.STP']");
            assertThat(stp).containsText("Công bố ngày");
            assertThat(stp).containsText("demo");
            assertThat(page.locator("tr[data-unit='99.SCT']")).containsText("Chưa công bố");
            page.setViewportSize(1366, 900);
            Accessibility.check(page, "admin publications at 1366 px");
            Browser.screenshot(page, "admin-publications-1366");
            page.setViewportSize(390, 844);
            Accessibility.check(page, "admin publications at 390 px");
            Accessibility.checkReflow(page, "admin publications at 390 px");
            Browser.screenshot(page, "admin-publications-390");
            page.setViewportSize(1366, 900);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Thôi công bố Sở Tư pháp")).click();
            page.locator("dialog").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("Thôi công bố")).click();
            assertThat(page.locator("#status")).containsText("Đã thôi công bố kết quả năm 2025 của Sở Tư pháp.");
            assertThat(page.locator("tr[data-unit='99.STP']")).containsText("Chưa công bố");
            org.assertj.core.api.Assertions.assertThat(anonymous.get("/api/v1/public/results").body().toString())
                    .doesNotContain("99.STP");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Công bố Sở Tư pháp").setExact(true)).click();
            assertThat(page.locator("#status")).containsText("Đã công bố kết quả năm 2025 của Sở Tư pháp.");
            assertThat(page.locator("tr[data-unit='99.STP']")).containsText("(admin)");
            var frozen = unit(anonymous.get("/api/v1/public/results").body(), "99.STP");
            assertThat(page.locator("tr[data-unit='99.STP'] td").nth(2)).containsText(vi(frozen.path("index").path("value").asDouble()));
            org.assertj.core.api.Assertions.assertThat(admin.get("/api/v1/audit?entity=publication&action=unpublish")
                    .body().toString()).contains("99.STP/2025/SIPAS");
            org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
        }
    }

    static JsonNode unit(JsonNode body, String code) {
        for (var u : body.path("units")) {
            if (u.path("code").asText().equals(code)) {
                return u;
            }
        }
        throw new AssertionError("no unit " + code);
    }

}
