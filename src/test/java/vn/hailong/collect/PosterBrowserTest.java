package vn.hailong.collect;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.Accessibility;
import vn.hailong.Browser;
import vn.hailong.TestApp;

/** The poster of a survey link (/poster/#code), as staff preview and print it: readable by everyone, on a laptop or a phone. */
class PosterBrowserTest {
    static TestApp app;
    static Browser browser;
    static CitizenPages pages;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        browser = new Browser();
        pages = new CitizenPages(app);
        var unit = pages.unit("XP", "Xã Áp Phích", "Poster Commune");
        pages.centre("MC-XP", unit, "Một cửa xã Áp Phích");
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void the_poster_and_its_problem_page_meet_wcag_21_aa_on_a_laptop_and_a_phone() {
        var code = pages.surveyLink("XP", "MC-XP");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = CitizenPages.consoleErrors(page, false);
            page.navigate(pages.base + "/poster/#" + code);
            page.waitForFunction("() => document.getElementById('qr').complete && document.getElementById('qr').naturalWidth > 0");
            assertThat(page.locator("#place")).containsText("Một cửa xã Áp Phích");
            Accessibility.check(page, "poster");
            page.setViewportSize(1366, 900);
            Browser.screenshot(page, "poster-1366");
            page.setViewportSize(390, 844);
            Accessibility.check(page, "poster at 390 px");
            Accessibility.checkReflow(page, "poster at 390 px");
            Accessibility.checkTouchTargets(page, "poster at 390 px");
            Browser.screenshot(page, "poster-390");

            page.navigate(pages.base + "/poster/#nosuchcode");
            page.reload();
            assertThat(page.locator("#problem")).isVisible();
            Accessibility.check(page, "poster of an unknown link");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors besides the unknown link's 404")
                    .allMatch(e -> e.matches("Failed to load resource: the server responded with a status of 404 .*"));
        }
    }
}
