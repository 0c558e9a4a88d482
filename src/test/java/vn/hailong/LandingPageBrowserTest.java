package vn.hailong;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The landing page (/) in headless Chromium: the way in for staff, in one language at a time. */
class LandingPageBrowserTest {
    static TestApp app;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        browser = new Browser();
        base = "http://localhost:" + app.app.port();
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void the_landing_page_leads_staff_to_sign_in_the_dashboard_the_report_and_the_api_docs() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            var asked = new ArrayList<String>();
            page.onRequest(r -> asked.add(r.url().substring(base.length())));
            page.navigate(base + "/");
            assertThat(page.locator("h1")).hasText("Hài Lòng");
            assertThat(page.locator(".lead")).containsText("dịch vụ hành chính công");
            assertThat(page.locator(".citizens")).containsText("quét mã QR");
            org.assertj.core.api.Assertions.assertThat(asked).as("the page asks the server for its own files only")
                    .allMatch(path -> path.equals("/") || path.startsWith("/lib/") || path.startsWith("/landing/")
                            || path.equals("/favicon.svg"));
            Accessibility.check(page, "landing");
            screenshots(page, "landing");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
            page.waitForURL(base + "/login.html");
            assertThat(page.locator("h1")).hasText("Đăng nhập");
            page.goBack();
            // Signed out, the dashboard and the report send the browser to sign in, and back there afterwards.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Bảng điều khiển")).click();
            page.waitForURL(Pattern.compile(Pattern.quote(base) + "/login\\.html\\?next=%2Fdashboard%2F.*"));
            page.goBack();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Báo cáo")).click();
            page.waitForURL(Pattern.compile(Pattern.quote(base) + "/login\\.html\\?next=%2Freport%2F.*"));
            page.navigate(base + "/");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tài liệu API")).click();
            assertThat(page.locator(".swagger-ui .info .title")).containsText("Hài Lòng API");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors besides the signed-out refusals")
                    .allMatch(e -> e.matches("Failed to load resource: the server responded with a status of 401 .*"));
        }
    }

    @Test
    void the_language_switch_turns_the_whole_page_into_english_and_back_never_mixing_the_two() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = Browser.consoleErrors(page);
            page.navigate(base + "/");
            var vietnamese = texts(page);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English")).click();
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            assertThat(page).hasTitle("Hài Lòng · Satisfaction with public administrative services");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in"))).hasAttribute("href", "/login.html");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard"))).hasAttribute("href", "/dashboard/");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Report"))).hasAttribute("href", "/report/");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API documentation")))
                    .hasAttribute("href", "/api/");
            assertThat(page.locator("#lang")).hasText("Tiếng Việt");
            assertThat(page.locator("#lang")).hasAttribute("lang", "vi");
            // Every text but the product's name and the switch (which names the other language in that language) is English.
            var english = texts(page);
            org.assertj.core.api.Assertions.assertThat(english).hasSameSizeAs(vietnamese).doesNotContainAnyElementsOf(vietnamese);
            org.assertj.core.api.Assertions.assertThat(visibleText(page).replace("Hài Lòng", ""))
                    .doesNotContainPattern("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ]");
            Accessibility.check(page, "landing in English");
            screenshots(page, "landing-english");

            // The choice stays, here and on the sign-in page.
            page.reload();
            assertThat(page.locator("h2").first()).hasText("For staff");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.locator("h1")).hasText("Sign in");
            page.goBack();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tiếng Việt")).click();
            assertThat(page.locator("html")).hasAttribute("lang", "vi");
            org.assertj.core.api.Assertions.assertThat(texts(page)).isEqualTo(vietnamese);
            org.assertj.core.api.Assertions.assertThat(visibleText(page))
                    .doesNotContain("Sign in", "Dashboard", "Report", "staff", "developers", "citizens");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors (CSP violations included)").isEmpty();
        }
    }

    /** The texts that change with the language, in page order. */
    private static List<String> texts(Page page) {
        return page.locator("title, [data-i18n]").allTextContents();
    }

    /** What a person reads, without the language switch. */
    private static String visibleText(Page page) {
        return (String) page.evaluate("() => { const b = document.body.cloneNode(true); b.querySelector('#lang').remove();"
                + " return document.title + '\\n' + b.innerText; }");
    }

    /** The page on a laptop and on a phone; on the phone every control is big enough for a finger. */
    static void screenshots(Page page, String name) {
        page.setViewportSize(1366, 900);
        Browser.screenshot(page, name + "-1366");
        page.setViewportSize(390, 844);
        Accessibility.checkReflow(page, name + " at 390 px");
        Accessibility.checkTouchTargets(page, name + " at 390 px");
        Browser.screenshot(page, name + "-390");
        page.setViewportSize(1280, 900);
    }

}
