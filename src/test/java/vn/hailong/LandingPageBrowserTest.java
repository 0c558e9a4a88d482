package vn.hailong;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.ArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LandingPageBrowserTest {
    static TestApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void the_landing_page_shows_the_server_alive_and_switches_to_english() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var problems = new ArrayList<String>();
            page.onConsoleMessage(m -> {
                if (m.type().equals("error")) {
                    problems.add(m.text());
                }
            });
            page.navigate("http://localhost:" + app.app.port() + "/");
            assertThat(page.locator("#status")).hasText("hoạt động");
            assertThat(page.locator("#database")).hasText("hoạt động");
            assertThat(page.locator("#questionnaires li")).hasCount(3);
            page.locator("#lang").click();
            assertThat(page.locator("#status")).hasText("up");
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            Browser.screenshot(page, "landing");
            org.assertj.core.api.Assertions.assertThat(problems).as("console errors (CSP violations included)").isEmpty();
        }
    }
}
