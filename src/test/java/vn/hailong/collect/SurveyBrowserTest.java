package vn.hailong.collect;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;

import vn.hailong.Accessibility;
import vn.hailong.Browser;
import vn.hailong.TestApp;

/**
 * The online survey as a citizen meets it on a phone: a short sequence of pages (5 elements, the overall question,
 * two optional modules, the respondent), nothing preselected, the answers kept on the device until sent.
 */
class SurveyBrowserTest {
    /** The required questions of SIPAS by page: the five elements, then the overall question. */
    static final List<List<String>> REQUIRED = List.of(List.of("TC1", "TC2", "TC3"), List.of("TT1", "TT2", "TT3", "TT4"),
            List.of("CC1", "CC2", "CC3"), List.of("KQ1", "KQ2", "KQ3"), List.of("PA1", "PA2", "PA3"), List.of("HL"));
    static final int PAGES = 9;
    static TestApp app;
    static Browser browser;
    static CitizenPages pages;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        browser = new Browser();
        pages = new CitizenPages(app);
        var unit = pages.unit("XS", "Xã Khảo Sát", "Survey Commune");
        pages.centre("MC-XS", unit, "Một cửa xã Khảo Sát");
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    /** A phone: 390 × 844, as the survey behind a poster's QR code is mostly opened. */
    static Page phone(com.microsoft.playwright.BrowserContext context) {
        var page = context.newPage();
        page.setViewportSize(390, 844);
        return page;
    }

    /** On a phone: WCAG 2.1 AA, no sideways scrolling, every control large enough for a finger. */
    static void phoneChecks(Page page, String state) {
        Accessibility.check(page, state + " at 390 px");
        Accessibility.checkReflow(page, state + " at 390 px");
        Accessibility.checkTouchTargets(page, state + " at 390 px");
    }

    /** Presses "Tiếp tục" and waits for the next page (the step counter moves on). */
    static void next(Page page) {
        assertThat(page.locator("#step")).containsText(java.util.regex.Pattern.compile("\\d"));
        var step = page.locator("#step").textContent();
        int n = Integer.parseInt(step.replaceAll("\\D*(\\d+)\\D.*", "$1"));
        page.locator("#next").click();
        assertThat(page.locator("#step")).containsText(step.contains(" of ") ? "Page " + (n + 1) + " of" : "Trang " + (n + 1) + "/");
    }

    /** Answers every question of the current page with the level given (or not applicable where it says "na"). */
    static void answerPage(Page page, java.util.function.Function<String, String> choice) {
        var questions = page.locator("#questions fieldset[data-code]");
        assertThat(questions.first()).isVisible(); // the page is shown (the form loads after the page itself)
        for (int i = 0; i < questions.count(); i++) {
            var code = questions.nth(i).getAttribute("data-code");
            page.locator("label[for='q-" + code + "-" + choice.apply(code) + "']").click();
        }
    }

    @Test
    void the_survey_is_a_few_pages_nothing_preselected_with_back_and_forward_keeping_every_answer() {
        var code = pages.surveyLink("XS", "MC-XS");
        try (var context = browser.newContext()) {
            var page = phone(context);
            var errors = CitizenPages.consoleErrors(page, false);
            page.navigate(pages.base + "/s/" + code);
            assertThat(page.locator("#title")).hasText("Tiếp cận dịch vụ");
            assertThat(page.locator("#step")).hasText("Trang 1/" + PAGES);
            assertThat(page.locator("#context")).containsText("Xã Khảo Sát");
            assertThat(page.locator("#context")).containsText("Một cửa xã Khảo Sát");
            assertThat(page.locator("#questions fieldset[data-code]")).hasCount(3);
            // Best first, as on every citizen page.
            assertThat(page.locator("#q-TC1 .choice span")).hasText(new String[] {"Rất hài lòng", "Hài lòng",
                    "Bình thường", "Không hài lòng", "Rất không hài lòng", "Không áp dụng"});
            assertThat(page.locator("input:checked")).hasCount(0);
            CitizenPages.screen(page, "survey-page-1-phone");
            phoneChecks(page, "survey page 1");

            page.locator("#next").click(); // nothing answered yet
            assertThat(page.locator("#q-TC1 .field-error")).hasText("Vui lòng chọn một câu trả lời cho câu này.");
            assertThat(page.locator("#q-TC1 input").first()).isFocused();
            assertThat(page.locator("#form-error")).containsText("Còn 3 câu bắt buộc");
            CitizenPages.screen(page, "survey-missing-phone");
            Accessibility.check(page, "survey page 1, answers missing");
            answerPage(page, q -> q.equals("TC3") ? "na" : "4");
            next(page);
            assertThat(page.locator("#title")).hasText("Thủ tục hành chính");
            assertThat(page.locator("#step")).hasText("Trang 2/" + PAGES);
            assertThat(page.locator("#title")).isFocused();
            page.locator("#back").click();
            assertThat(page.locator("#title")).hasText("Tiếp cận dịch vụ");
            assertThat(page.locator("#q-TC1-4")).isChecked();
            assertThat(page.locator("#q-TC3-na")).isChecked();
            // The phone's own back and forward buttons move between pages too.
            next(page);
            page.goBack();
            assertThat(page.locator("#title")).hasText("Tiếp cận dịch vụ");
            page.goForward();
            assertThat(page.locator("#title")).hasText("Thủ tục hành chính");
            for (int p = 1; p < REQUIRED.size(); p++) {
                phoneChecks(page, "survey page " + (p + 1));
                CitizenPages.screen(page, "survey-page-" + (p + 1) + "-phone");
                answerPage(page, q -> "5");
                next(page);
            }
            assertThat(page.locator("#title")).hasText("Mong muốn của Ông/Bà (không bắt buộc)");
            phoneChecks(page, "survey page 7 (expectations)");
            CitizenPages.screen(page, "survey-page-7-phone");
            next(page);
            assertThat(page.locator("#title")).hasText("Những điều Ông/Bà gặp phải (không bắt buộc)");
            phoneChecks(page, "survey page 8 (incidents)");
            CitizenPages.screen(page, "survey-page-8-phone");
            next(page);
            assertThat(page.locator("#title")).hasText("Về Ông/Bà (không bắt buộc)");
            assertThat(page.locator("input:checked")).hasCount(0);
            assertThat(page.locator("#next")).isHidden();
            CitizenPages.screen(page, "survey-respondent-phone");
            phoneChecks(page, "survey page 9 (respondent)");
            page.locator("label[for='p-sex-none']").click();
            page.locator("label[for='p-ageBand-30-44']").click();
            page.locator("#comment").fill("Cán bộ nhiệt tình");
            page.locator("#submit").click();
            assertThat(page.locator("[data-view=thanks]")).isVisible();
            assertThat(page.locator("[data-view=thanks] h1")).isFocused();
            assertThat(page.locator("#thanks-what")).containsText("Xã Khảo Sát");
            assertThat(page.locator("#thanks-what")).containsText("ẩn danh");
            CitizenPages.screen(page, "survey-thanks-phone");
            phoneChecks(page, "survey thanks");
            org.assertj.core.api.Assertions.assertThat(pages.sql("select count(*) from response r join survey_link l"
                    + " on l.id = r.survey_link_id where l.code = ?", Long.class, code)).as("counted for its link").isEqualTo(1L);
            org.assertj.core.api.Assertions.assertThat(pages.sql("select concat_ws(' ', answers[1], coalesce(answers[3]::text,"
                    + " 'null'), answers[4], answers[17], coalesce(answers[18]::text, 'null'), coalesce(profile->>'sex', '-'),"
                    + " profile->>'ageBand', comment) from response where channel = 'qr'", String.class))
                    .as("prefer not to say is not sent; the optional modules left empty are not answered")
                    .isEqualTo("4 null 5 5 null - 30-44 Cán bộ nhiệt tình");
            org.assertj.core.api.Assertions.assertThat(page.evaluate("localStorage.getItem('hailong.survey." + code + "')"))
                    .as("nothing of the survey stays on the phone once it is sent").isNull();
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors (CSP violations included)").isEmpty();
        }
    }

    @Test
    void a_reload_or_a_closed_tab_resumes_where_the_citizen_was_and_the_survey_is_sent_whole() {
        var unit = pages.unit("XL", "Xã Tải Lại", "Reload Commune");
        var code = pages.surveyLink("XL", null);
        try (var context = browser.newContext()) {
            var page = phone(context);
            var errors = CitizenPages.consoleErrors(page, false);
            var sent = new java.util.concurrent.atomic.AtomicInteger();
            page.onRequest(request -> {
                if (request.url().contains("/api/v1/responses")) {
                    sent.incrementAndGet();
                }
            });
            page.navigate(pages.base + "/survey/#" + code);
            for (int p = 0; p < 3; p++) {
                answerPage(page, q -> "4");
                next(page);
            }
            page.locator("label[for='q-KQ1-2']").click();
            page.reload();
            assertThat(page.locator("#resumed")).isVisible();
            assertThat(page.locator("#title")).hasText("Kết quả giải quyết");
            assertThat(page.locator("#q-KQ1-2")).isChecked();
            CitizenPages.screen(page, "survey-resumed-phone");
            phoneChecks(page, "survey resumed");
            page.close();

            // The tab closed; the citizen opens the link again later.
            var again = phone(context);
            again.navigate(pages.base + "/s/" + code);
            assertThat(again.locator("#title")).hasText("Kết quả giải quyết");
            answerPage(again, q -> "3");
            again.locator("#back").click();
            again.locator("#back").click();
            assertThat(again.locator("#q-TT4-4")).isChecked();
            for (int p = 0; p < 3; p++) {
                next(again);
            }
            answerPage(again, q -> "5");
            next(again);
            answerPage(again, q -> "4");
            for (int p = 0; p < 3; p++) {
                next(again);
            }
            org.assertj.core.api.Assertions.assertThat(sent.get()).as("nothing left the phone before Send").isZero();
            again.locator("#submit").click();
            assertThat(again.locator("[data-view=thanks]")).isVisible();
            org.assertj.core.api.Assertions.assertThat(pages.sql("select array_to_string(answers, ',', 'NA')"
                    + " from response where agency_id = ?", String.class, unit))
                    .startsWith("4,4,4,4,4,4,4,4,4,4,3,3,3,5,5,5,4,");
            again.navigate(pages.base + "/survey/#" + code);
            assertThat(again.locator("#resumed")).isHidden();
            assertThat(again.locator("input:checked")).hasCount(0);
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    @Test
    void the_servers_refusal_is_shown_in_the_pages_language_at_the_question_it_names() {
        var code = pages.surveyLink("XS", null);
        try (var context = browser.newContext()) {
            var page = phone(context);
            // The 422 provoked below is the browser's own "Failed to load resource" line: expected.
            var errors = CitizenPages.consoleErrors(page, true);
            page.navigate(pages.base + "/survey/#" + code);
            for (int p = 0; p < REQUIRED.size(); p++) {
                answerPage(page, q -> "4");
                next(page);
            }
            next(page);
            next(page);
            // The server has the last word: drop HL on the way out, and the survey goes back to HL's page.
            page.route("**/api/v1/responses", route -> route.resume(new Route.ResumeOptions()
                    .setPostData(route.request().postData().replace(",\"HL\":4", ""))));
            page.locator("#submit").click();
            assertThat(page.locator("#title")).hasText("Đánh giá chung");
            assertThat(page.locator("#q-HL .field-error")).hasText("Vui lòng chọn một câu trả lời cho câu này.");
            assertThat(page.locator("#form-error")).containsText("Phiếu chưa được nhận");
            assertThat(page.locator("main")).not().containsText("is required");
            CitizenPages.screen(page, "survey-server-422-phone");
            Accessibility.check(page, "survey refused by the server");
            page.unrouteAll();
            page.locator("#lang").click();
            assertThat(page.locator("#q-HL .field-error")).hasText("Please choose an answer to this question.");
            page.locator("#lang").click();
            for (int p = 0; p < 3; p++) {
                next(page);
            }
            page.locator("#submit").click();
            assertThat(page.locator("[data-view=thanks]")).isVisible();
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    @Test
    void survey_can_be_filled_and_sent_with_the_keyboard_alone() {
        var code = pages.surveyLink("XS", null);
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = CitizenPages.consoleErrors(page, false);
            page.navigate(pages.base + "/survey/#" + code);
            assertThat(page.locator("#questions fieldset[data-code]")).hasCount(3);
            var keyboard = page.keyboard();
            for (var codes : REQUIRED) {
                for (var question : codes) {
                    tabUntil(page, "document.activeElement.name === 'q-" + question + "'");
                    // The first radio is the best level; two steps down is "Bình thường", then back up one: "Hài lòng".
                    keyboard.press("Space");
                    keyboard.press("ArrowRight");
                    keyboard.press("ArrowRight");
                    keyboard.press(question.equals("KQ1") ? "ArrowRight" : "ArrowLeft");
                }
                tabUntil(page, "document.activeElement.id === 'next'");
                keyboard.press("Enter");
            }
            tabUntil(page, "document.activeElement.id === 'next'");
            keyboard.press("Enter");
            tabUntil(page, "document.activeElement.id === 'next'");
            keyboard.press("Enter");
            tabUntil(page, "document.activeElement.id === 'comment'");
            keyboard.type("Gõ bằng bàn phím");
            CitizenPages.screen(page, "survey-keyboard-screen");
            tabUntil(page, "document.activeElement.id === 'submit'");
            keyboard.press("Enter");
            assertThat(page.locator("[data-view=thanks]")).isVisible();
            org.assertj.core.api.Assertions.assertThat(pages.eventually(() -> pages.sql("select count(*) from response"
                    + " where comment = 'Gõ bằng bàn phím'", Long.class), 1L, Duration.ofSeconds(5))).isEqualTo(1L);
            org.assertj.core.api.Assertions.assertThat(pages.sql("select channel || ' ' || answers[1] || ' ' || answers[11]"
                    + " from response where comment = 'Gõ bằng bàn phím'", String.class)).isEqualTo("web 4 2");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    @Test
    void survey_sent_again_after_a_lost_answer_is_stored_once() {
        var unit = pages.unit("XR", "Xã Gửi Lại", "Retry Commune");
        var code = pages.surveyLink("XR", null);
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = CitizenPages.consoleErrors(page, true);
            page.navigate(pages.base + "/survey/#" + code);
            for (int p = 0; p < REQUIRED.size(); p++) {
                answerPage(page, q -> "5");
                next(page);
            }
            next(page);
            next(page);
            // The server stores the survey, but its answer never reaches the phone.
            page.route("**/api/v1/responses", route -> {
                route.fetch();
                route.abort("connectionreset");
            });
            page.locator("#submit").click();
            assertThat(page.locator("#form-error")).containsText("lỗi mạng");
            org.assertj.core.api.Assertions.assertThat(responsesOf(unit)).isEqualTo(1L);
            page.unrouteAll();
            page.locator("#submit").click();
            assertThat(page.locator("[data-view=thanks]")).isVisible();
            org.assertj.core.api.Assertions.assertThat(responsesOf(unit)).isEqualTo(1L);
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    private static long responsesOf(long unit) {
        return pages.sql("select count(*) from response where agency_id = ?", Long.class, unit);
    }

    @Test
    void survey_switches_to_english() {
        var code = pages.surveyLink("XS", null);
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = CitizenPages.consoleErrors(page, false);
            page.navigate(pages.base + "/survey/#" + code);
            assertThat(page.locator("#form-title")).hasText("Ông/Bà hài lòng thế nào với dịch vụ hành chính công?");
            page.locator("#lang").click();
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            assertThat(page.locator("#form-title")).hasText("How satisfied are you with the public administrative service?");
            assertThat(page.locator("#title")).hasText("Access to the service");
            assertThat(page.locator("#step")).hasText("Page 1 of " + PAGES);
            assertThat(page.locator("#q-TC1 legend")).containsText("Signs and directions");
            assertThat(page.locator("label[for='q-TC1-na']")).hasText("Not applicable");
            assertThat(page.locator("#next")).hasText("Next");
            Accessibility.check(page, "survey page 1, English");
            page.setViewportSize(1366, 900);
            Browser.screenshot(page, "survey-page-1-desktop");
            page.locator("#large").click();
            page.locator("#contrast").click();
            Accessibility.check(page, "survey page 1, English, large text, high contrast");
            page.locator("#large").click();
            page.locator("#contrast").click();
            page.setViewportSize(390, 844);
            CitizenPages.screen(page, "survey-english-mobile-screen");
            page.reload();
            assertThat(page.locator("#title")).hasText("Access to the service");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    @Test
    void survey_link_that_does_not_exist_says_so() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.navigate(pages.base + "/survey/#nosuchlink");
            assertThat(page.locator("[data-view=invalid] h1")).hasText("Đường dẫn không hợp lệ");
            Accessibility.check(page, "survey link unknown");
        }
    }

    @Test
    void poster_prints_the_short_link_and_its_qr_code_on_a5() {
        var code = pages.surveyLink("XS", "MC-XS");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = CitizenPages.consoleErrors(page, false);
            page.navigate(pages.base + "/poster/#" + code);
            assertThat(page.locator("#short-url")).hasText("localhost:" + app.app.port() + "/s/" + code);
            assertThat(page.locator("#place")).containsText("Xã Khảo Sát");
            assertThat(page.locator("#place")).containsText("Một cửa xã Khảo Sát");
            assertThat(page.locator("#qr")).hasAttribute("src", "/api/v1/qr?format=svg&text="
                    + java.net.URLEncoder.encode(pages.base + "/s/" + code, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(page.locator("#qr")).hasJSProperty("complete", true);
            org.assertj.core.api.Assertions.assertThat(((Number) page.locator("#qr").evaluate("img => img.naturalWidth")).intValue())
                    .as("the QR code image loaded").isPositive();
            assertThat(page.locator("#print")).isVisible();
            Browser.screenshot(page, "poster");
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
            assertThat(page.locator("#print")).isHidden();
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    private static void tabUntil(Page page, String condition) {
        for (int i = 0; i < 80; i++) {
            page.keyboard().press("Tab");
            if ((Boolean) page.evaluate(condition)) {
                return;
            }
        }
        throw new AssertionError("Tab never reached: " + condition);
    }
}
