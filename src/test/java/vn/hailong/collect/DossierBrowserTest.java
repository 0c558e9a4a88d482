package vn.hailong.collect;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.Accessibility;
import vn.hailong.Browser;
import vn.hailong.TestApp;

class DossierBrowserTest {
    static TestApp app;
    static Browser browser;
    static CitizenPages pages;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        browser = new Browser();
        pages = new CitizenPages(app);
        pages.unit("XD", "Xã Hồ Sơ", "Dossier Commune");
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void dossier_is_rated_once_with_a_reason_when_not_satisfied_and_the_link_then_says_it_was_rated() {
        var path = pages.invitationPath("HS-2026-001", "XD");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = CitizenPages.consoleErrors(page, false);
            page.navigate(pages.base + path);
            assertThat(page.locator("#context")).containsText("HS-2026-001");
            assertThat(page.locator("#context")).containsText("Xã Hồ Sơ");
            assertThat(page.locator("#d-DG .choice span")).hasText(new String[] {"Rất hài lòng", "Hài lòng", "Không hài lòng"});
            assertThat(page.locator("#d-LD")).hasCount(0);
            Accessibility.check(page, "dossier rating");
            page.locator("label[for='d-DG-1']").click();
            assertThat(page.locator("#d-LD")).isVisible();
            page.locator("#submit").click();
            assertThat(page.locator("#d-LD .field-error")).hasText("Vui lòng chọn một câu trả lời cho câu này.");
            assertThat(page.locator("#d-LD input").first()).isFocused();
            Accessibility.check(page, "dossier rating, reason missing");
            page.locator("#lang").click();
            assertThat(page.locator("#d-LD .field-error")).hasText("Please choose an answer to this question.");
            page.locator("#lang").click();
            Browser.screenshot(page, "dossier-reason-missing");
            page.locator("label[for='d-LD-1']").click();
            page.locator("#comment").fill("Trễ hẹn 3 ngày");
            page.locator("#submit").click();
            assertThat(page.locator("#thanks-text")).hasText("Đánh giá về hồ sơ HS-2026-001 đã được ghi nhận.");
            Browser.screenshot(page, "dossier-thanks");
            Accessibility.check(page, "dossier thanks");
            org.assertj.core.api.Assertions.assertThat(pages.sql("select count(*) || ' ' || min(answers::text) || ' '"
                    + " || min(channel) || ' ' || min(comment) from response where dossier_code = 'HS-2026-001'", String.class))
                    .isEqualTo("1 {1,1} web Trễ hẹn 3 ngày");

            page.navigate(pages.base + path);
            page.reload();
            assertThat(page.locator("#rated-text")).hasText("Hồ sơ HS-2026-001 đã được đánh giá. Cảm ơn Ông/Bà!");
            page.locator("#lang").click();
            assertThat(page.locator("#rated-text")).hasText("Dossier HS-2026-001 has already been rated. Thank you!");
            Browser.screenshot(page, "dossier-already-rated");
            Accessibility.check(page, "dossier already rated, English");
            page.setViewportSize(390, 844);
            page.locator("#lang").click();
            Accessibility.checkReflow(page, "dossier already rated at 390 px");
            Accessibility.checkTouchTargets(page, "dossier already rated at 390 px");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors (CSP violations included)").isEmpty();
        }
    }

    @Test
    void dossier_rated_meanwhile_on_another_phone_shows_the_already_rated_page() {
        var path = pages.invitationPath("HS-2026-002", "XD");
        try (var first = browser.newContext(); var second = browser.newContext()) {
            var early = second.newPage();
            early.navigate(pages.base + path);
            assertThat(early.locator("#d-DG .choice")).hasCount(3);

            var page = first.newPage();
            page.navigate(pages.base + path);
            page.locator("label[for='d-DG-3']").click();
            page.locator("#submit").click();
            assertThat(page.locator("[data-view=thanks]")).isVisible();

            early.locator("label[for='d-DG-2']").click();
            early.locator("#submit").click();
            assertThat(early.locator("#rated-text")).hasText("Hồ sơ HS-2026-002 đã được đánh giá. Cảm ơn Ông/Bà!");
            org.assertj.core.api.Assertions.assertThat(pages.sql("select count(*) || ' ' || min(answers::text)"
                    + " from response where dossier_code = 'HS-2026-002'", String.class)).isEqualTo("1 {3,NULL}");
        }
    }

    @Test
    void dossier_link_that_is_not_valid_says_so() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.navigate(pages.base + "/d/not-a-real-token");
            assertThat(page.locator("[data-view=invalid] h1")).hasText("Đường dẫn đánh giá không hợp lệ");
            assertThat(page.locator("#invalid-text")).containsText("không đúng");
            Accessibility.check(page, "dossier link not valid");
        }
    }
}
