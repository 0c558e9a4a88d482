package vn.hailong.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import vn.hailong.Accessibility;
import vn.hailong.ApiClient;
import vn.hailong.Browser;
import vn.hailong.TestApp;

/**
 * The dashboard over the demo province, narrowed to one counter of the provincial centre: the counter picker (the
 * chosen centre's counters), the figures of that counter as the API gives them, the weekday × hour table, and the
 * comments with the rating, procedure, centre and counter they came with, filtered by rating and element — in
 * Vietnamese and English, on a desktop and on a phone.
 */
class CommentsTimingBrowserTest {
    static final String ADMIN_PASSWORD = "test-admin-password";
    static final String CENTRE = "99.TTPVHCC";
    static final String COUNTER = "Q-99.STP";
    static final String FILTERS = "from=2025-01-01&to=2025-12-31&centre=" + CENTRE + "&counter=" + COUNTER;
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

    @Test
    void a_counter_narrows_every_section_and_comments_and_hours_show_their_context() {
        var api = ApiClient.signIn(app, "admin", ADMIN_PASSWORD);
        var total = api.get("/api/v1/indices?" + FILTERS).body().get("groups").get(0);
        var timing = api.get("/api/v1/timing?" + FILTERS).body();
        var comments = api.get("/api/v1/comments?" + FILTERS + "&page=0&size=20").body().get("comments");
        var unhappy = api.get("/api/v1/comments?" + FILTERS + "&rating=dissatisfied&element=CC&page=0&size=20").body();
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/?year=2025&centre=" + CENTRE + "&counter=" + COUNTER, errors,
                    "admin", ADMIN_PASSWORD);

            // The counter picker offers the chosen centre's counters, this one chosen; the figures are that counter's.
            assertThat(page.locator("#filter-counter")).hasValue(COUNTER);
            assertThat(page.locator("#filter-counter option[value='" + COUNTER + "']")).hasText("Quầy Sở Tư pháp");
            assertThat(page.locator("#overview")).containsText(shown(total.get("index").get("value"), 1));
            assertThat(page.locator("#coverage")).containsText("không tính riêng cho từng quầy");

            // The weekday × hour table: a real table with a caption, each cell the API's share, interval and n in words.
            var section = page.locator("#timing");
            section.scrollIntoViewIfNeeded();
            assertThat(section.locator("h2")).hasText("Khi nào người dân chưa hài lòng?");
            assertThat(page.locator("#timing-table caption")).containsText("Quầy Sở Tư pháp");
            JsonNode shownCell = null;
            for (var c : timing.get("cells")) {
                if (!c.get("suppressed").asBoolean()) {
                    shownCell = c;
                    break;
                }
            }
            assertThat(shownCell).isNotNull();
            var cell = page.locator("#timing-table td[data-weekday='" + shownCell.get("weekday").asInt() + "'][data-hour='"
                    + shownCell.get("hour").asInt() + "']");
            assertThat(cell.locator(".share")).hasText(shown(shownCell.get("share"), 0) + " %");
            assertThat(cell.locator(".ci")).hasText(shown(shownCell.get("low"), 0) + "–" + shown(shownCell.get("high"), 0));
            assertThat(cell.locator(".n")).hasText("n = " + shownCell.get("n").asLong());
            assertThat(page.locator("#timing-table tbody tr").first().locator("th")).hasText("Thứ Hai");
            assertThat(page.locator("a[data-download='timing'][data-format='csv']")).hasAttribute("href",
                    "/api/v1/timing?" + FILTERS + "&format=csv");
            shot(section, "timing-section-vi-1366");

            // Comments: the rating as a badge in words, the procedure's name, the centre and the counter.
            var first = comments.get(0);
            var row = page.locator("#comments-table tbody tr").first();
            var rating = first.get("rating");
            assertThat(row.locator(".rating")).containsText(rating.get("labelVi").asText() + " (mức "
                    + rating.get("level").asInt() + "/" + rating.get("levels").asInt() + ")");
            assertThat(row.locator(".rating")).containsText(rating.get("satisfied").asBoolean() ? "Hài lòng" : "Chưa hài lòng");
            assertThat(row.locator("td").nth(3)).hasText(first.get("service").get("nameVi").asText() + "Sở Tư pháp");
            assertThat(row.locator("td").nth(4)).hasText("Trung tâm Phục vụ hành chính công tỉnh Minh AnQuầy Sở Tư pháp");
            assertThat(row.locator("td.comment")).hasText(first.get("comment").asText());

            // Filtered: not satisfied overall, and with at least one criterion of the civil servant element.
            page.locator("#comments-rating").selectOption("dissatisfied");
            page.locator("#comments-element").selectOption("CC");
            page.locator("#comments button[type='submit']").click();
            var rows = page.locator("#comments-table tbody tr");
            assertThat(rows).hasCount(unhappy.get("comments").size());
            assertThat(rows.first().locator("td.comment")).hasText(unhappy.get("comments").get(0).get("comment").asText());
            assertThat(page.locator("#comments-table .rating.satisfied")).hasCount(0);
            assertThat(page.locator("#comments .note")).containsText("ít nhất một tiêu chí của yếu tố đó");
            assertThat(page.locator("a[data-download='comments'][data-format='xlsx']")).hasAttribute("href",
                    Pattern.compile(".*rating=dissatisfied&element=CC.*format=xlsx"));
            shot(page.locator("#comments"), "comments-section-vi-1366");

            page.setViewportSize(1366, 900);
            Accessibility.check(page, "comments and timing");
            Browser.screenshot(page, "comments-timing-vi-1366");
            page.setViewportSize(390, 844);
            Accessibility.check(page, "comments and timing at 390 px");
            Accessibility.checkReflow(page, "comments and timing at 390 px");
            Accessibility.checkTouchTargets(page, "comments and timing at 390 px");
            shot(page.locator("#filters"), "filters-vi-390");
            shot(section, "timing-section-vi-390");
            shot(page.locator("#comments"), "comments-section-vi-390");

            page.setViewportSize(1366, 900);
            page.locator("#lang").click();
            assertThat(section.locator("h2")).hasText("When are citizens not satisfied?");
            assertThat(page.locator("#timing-table tbody tr").first().locator("th")).hasText("Monday");
            assertThat(page.locator("#comments-table thead")).containsText("Overall rating");
            Accessibility.check(page, "comments and timing in English");
            shot(section, "timing-section-en-1366");
            shot(page.locator("#comments"), "comments-section-en-1366");
            page.setViewportSize(390, 844);
            Accessibility.check(page, "comments and timing in English at 390 px");
            Accessibility.checkReflow(page, "comments and timing in English at 390 px");
            shot(page.locator("#comments"), "comments-section-en-390");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void choosing_a_centre_offers_its_counters_and_a_counter_narrows_the_view() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/?year=2025", errors, "admin", ADMIN_PASSWORD);
            assertThat(page.locator("#filter-counter")).isDisabled();
            assertThat(page.locator("#filter-counter option")).hasText("Vui lòng chọn trung tâm trước");
            page.locator("#filter-centre").selectOption(CENTRE);
            Dashboards.waitReady(page);
            assertThat(page.locator("#filter-counter")).isEnabled();
            assertThat(page.locator("#filter-centre")).isFocused();
            page.locator("#filter-counter").selectOption(COUNTER);
            page.waitForURL(Pattern.compile(".*counter=" + Pattern.quote(COUNTER) + ".*"));
            page.waitForFunction("() => document.body.dataset.state === 'ready'"
                    + " && document.querySelector('#timing-table caption')?.textContent.includes('Quầy Sở Tư pháp')", null,
                    new Page.WaitForFunctionOptions().setTimeout(90_000));
            // Another centre clears the counter: counters are one centre's.
            page.locator("#filter-centre").selectOption("");
            page.waitForURL(url -> !url.contains("counter=") && !url.contains("centre="));
            Dashboards.waitReady(page);
            assertThat(page.locator("#filter-counter")).isDisabled();
            assertThat(errors).isEmpty();
        }
    }

    private static String shown(JsonNode value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value.asDouble()).replace('.', ',');
    }

    private static void shot(Locator section, String name) {
        section.screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve(name + ".png")));
    }
}
