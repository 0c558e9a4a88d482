package vn.hailong.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.options.AriaRole;

import vn.hailong.Accessibility;
import vn.hailong.ApiClient;
import vn.hailong.Browser;
import vn.hailong.TestApp;

/**
 * The print view reads as an official report (issuing body, number, national heading and motto, place and date, page
 * numbers on paper) and links to the server's PDF of the same view, as the dashboard's top bar does; on a desktop and a
 * phone, with axe-core.
 */
class ReportPrintBrowserTest {
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
    void the_print_view_has_the_official_heading_and_the_pdf_link_on_a_desktop_and_a_phone() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.setViewportSize(1366, 900);
            var errors = Browser.consoleErrors(page);
            Dashboards.signIn(page, base, "/dashboard/?unit=99.SNNMT&year=2025", errors, "admin", "test-admin-password");
            assertThat(page.locator("#pdf-link")).hasText("Tải báo cáo PDF");
            assertThat(page.locator("#pdf-link")).hasAttribute("href", "/api/v1/report.pdf?unit=99.SNNMT&year=2025&lang=vi");
            // The link downloads the server's PDF of the view.
            var pdf = ApiClient.signIn(app, "admin", "test-admin-password")
                    .download(page.locator("#pdf-link").getAttribute("href"));
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Disposition")).hasValue(
                    "attachment; filename=\"bao-cao-hai-long-99.SNNMT-2025.pdf\"");
            assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
            Browser.screenshot(page, "dashboard-pdf-link");

            page.navigate(base + "/report/?unit=99.SNNMT&year=2025&lang=vi");
            Dashboards.waitReady(page);
            assertThat(page.locator("#superior")).hasText("UBND TỈNH MINH AN");
            assertThat(page.locator("#issuer")).hasText("SỞ NỘI VỤ");
            assertThat(page.locator("#number")).hasText("Số: ……/BC-SNV");
            assertThat(page.locator("#nation")).hasText("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
            assertThat(page.locator("#motto")).hasText("Độc lập - Tự do - Hạnh phúc");
            var today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
            assertThat(page.locator("#dateline")).hasText(String.format(Locale.ROOT, "Minh An, ngày %02d tháng %02d năm %d",
                    today.getDayOfMonth(), today.getMonthValue(), today.getYear()));
            assertThat(page.locator("h1")).hasText("Báo cáo mức độ hài lòng năm 2025");
            assertThat(page.locator("#pdf")).hasAttribute("href", "/api/v1/report.pdf?unit=99.SNNMT&year=2025&lang=vi");
            assertThat(page.locator("#page-numbers")).hasAttribute("href", "/report/pages-vi.css");
            // The overall change's adjusted p-value as /compare gives it, "< 0,001" when it rounds to nothing.
            double p = ApiClient.signIn(app, "admin", "test-admin-password")
                    .get("/api/v1/compare?period=2025&baseline=2024&unit=99.SNNMT").body()
                    .get("groups").get(0).get("overall").get("adjustedP").asDouble();
            assertThat(page.locator("#report-yoy-table tbody tr").first().locator("td").nth(3)).hasText(p < 0.001 ? "< 0,001"
                    : String.format(Locale.ROOT, "%.3f", p).replace('.', ','));
            // The summary names the units whose index changed significantly, as /compare flags them; the ranking is /rankings'.
            var api = ApiClient.signIn(app, "admin", "test-admin-password");
            var rose = new java.util.ArrayList<String>();
            for (var g : api.get("/api/v1/compare?period=2025&baseline=2024&groupBy=unit&unit=99.SNNMT").body().get("groups")) {
                if (!g.get("suppressed").asBoolean() && g.get("overall").get("significant").asBoolean()
                        && g.get("overall").get("delta").asDouble() > 0) {
                    rose.add(g.get("group").get("unit").get("nameVi").asText());
                }
            }
            assertThat(rose).isNotEmpty();
            var sentence = page.locator("#report-summary li").filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText("có chỉ số tăng có ý nghĩa thống kê"));
            for (var name : rose) {
                assertThat(sentence).containsText(name + " (+");
            }
            var ranked = api.get("/api/v1/rankings?by=unit&unit=99.SNNMT&from=2025-01-01&to=2025-12-31").body().get("ranked");
            assertThat(page.locator("#report-rankings-table tbody tr")).hasCount(ranked.size());
            var first = ranked.get(0);
            assertThat(page.locator("#report-rankings-table tbody tr").first().locator("th"))
                    .hasText(first.get("group").get("unit").get("nameVi").asText());
            var best = first.get("rankRange").get("best").asInt();
            var worst = first.get("rankRange").get("worst").asInt();
            assertThat(page.locator("#report-rankings-table tbody tr").first().locator("td").first())
                    .hasText(best == worst ? String.valueOf(best) : best + "–" + worst);
            Browser.screenshot(page, "report-official-1366");
            Accessibility.check(page, "report with its official heading");

            page.setViewportSize(390, 844);
            Browser.screenshot(page, "report-official-390");
            Accessibility.check(page, "report with its official heading on a phone");
            Accessibility.checkReflow(page, "report on a phone");

            page.setViewportSize(1366, 900);
            page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("English")).click();
            assertThat(page.locator("#nation")).hasText("SOCIALIST REPUBLIC OF VIET NAM");
            assertThat(page.locator("#superior")).hasText("PEOPLE'S COMMITTEE OF MINH AN PROVINCE");
            assertThat(page.locator("#pdf")).hasText("Download the PDF report");
            assertThat(page.locator("#pdf")).hasAttribute("href", "/api/v1/report.pdf?unit=99.SNNMT&year=2025&lang=en");
            assertThat(page.locator("#page-numbers")).hasAttribute("href", "/report/pages-en.css");
            Browser.screenshot(page, "report-official-english");
            Accessibility.check(page, "report in English with its official heading");
            assertThat(errors).isEmpty();
        }
    }
}
