package vn.hailong.collect;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;

import vn.hailong.Browser;
import vn.hailong.TestApp;

class SurveyBrowserTest {
    static final List<String> REQUIRED = List.of("TC1", "TC2", "TC3", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3",
            "KQ1", "KQ2", "KQ3", "PA1", "PA2", "PA3", "HL");
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

    @Test
    void survey_accepts_not_applicable_points_at_what_is_missing_shows_the_servers_422_and_stores_once() {
        var code = pages.surveyLink("XS", "MC-XS");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            // The 422 provoked below is the browser's own "Failed to load resource" line: expected.
            var errors = CitizenPages.consoleErrors(page, true);
            page.navigate(pages.base + "/s/" + code);
            assertThat(page.locator("fieldset.question[data-code]")).hasCount(29);
            assertThat(page.locator("#context")).containsText("Xã Khảo Sát");
            assertThat(page.locator("#context")).containsText("Một cửa xã Khảo Sát");
            Browser.screenshot(page, "survey-form");
            for (var question : REQUIRED) {
                if (question.equals("TC2")) {
                    continue;
                }
                var choice = question.equals("TC3") || question.equals("PA2") ? "na" : "4";
                page.locator("label[for='q-" + question + "-" + choice + "']").click();
            }
            assertThat(page.locator("#progress-text")).hasText("Đã trả lời 16/17 câu bắt buộc");
            page.locator("label[for='p-sex-female']").click();
            page.locator("label[for='p-ageBand-30-44']").click();
            page.locator("#comment").fill("Cán bộ nhiệt tình");
            assertThat(page.locator("#comment-count")).hasText("17/2000 ký tự");

            page.locator("#submit").click();
            assertThat(page.locator("#q-TC2 .field-error")).hasText("Xin chọn một câu trả lời cho câu này.");
            assertThat(page.locator("#q-TC2 input").first()).isFocused();
            assertThat(page.locator("#form-error")).containsText("Còn 1 câu bắt buộc");
            Browser.screenshot(page, "survey-missing");
            CitizenPages.screen(page, "survey-missing-screen");

            page.locator("label[for='q-TC2-5']").click();
            assertThat(page.locator("#q-TC2 .field-error")).isHidden();
            // The server has the last word: drop HL on the way out and the page shows the server's 422 at HL.
            page.route("**/api/v1/responses", route -> route.resume(new Route.ResumeOptions()
                    .setPostData(route.request().postData().replace(",\"HL\":4", ""))));
            page.locator("#submit").click();
            assertThat(page.locator("#q-HL .field-error")).containsText("is required");
            assertThat(page.locator("#q-HL .field-error")).containsText("Máy chủ báo lỗi");
            assertThat(page.locator("#form-error")).containsText("Máy chủ chưa nhận phiếu");
            assertThat(page.locator("#q-HL input:checked")).hasCount(1);
            CitizenPages.screen(page, "survey-server-422-screen");
            page.unrouteAll();
            org.assertj.core.api.Assertions.assertThat(count("qr")).isZero();

            page.locator("#submit").click();
            assertThat(page.locator("[data-view=thanks]")).isVisible();
            assertThat(page.locator("[data-view=thanks] h1")).isFocused();
            Browser.screenshot(page, "survey-thanks");
            org.assertj.core.api.Assertions.assertThat(count("qr")).isEqualTo(1L);
            org.assertj.core.api.Assertions.assertThat(pages.sql("select concat_ws(' ', answers[1], answers[2],"
                    + " coalesce(answers[3]::text, 'null'), coalesce(answers[15]::text, 'null'), answers[17],"
                    + " cardinality(answers), profile->>'sex', profile->>'ageBand', comment) from response where channel = 'qr'",
                    String.class)).isEqualTo("4 5 null null 4 29 female 30-44 Cán bộ nhiệt tình");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors (CSP violations included)").isEmpty();
        }
    }

    @Test
    void survey_can_be_filled_and_sent_with_the_keyboard_alone() {
        var code = pages.surveyLink("XS", null);
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = CitizenPages.consoleErrors(page, false);
            page.navigate(pages.base + "/survey/#" + code);
            assertThat(page.locator("fieldset.question[data-code]")).hasCount(29);
            var keyboard = page.keyboard();
            for (var question : REQUIRED) {
                tabUntil(page, "document.activeElement.name === 'q-" + question + "'");
                keyboard.press("Space");
                keyboard.press("ArrowRight");
                keyboard.press("ArrowRight");
                keyboard.press(question.equals("KQ1") ? "ArrowLeft" : "ArrowRight");
            }
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
            assertThat(page.locator("fieldset.question[data-code]")).hasCount(29);
            for (var question : REQUIRED) {
                page.locator("label[for='q-" + question + "-5']").click();
            }
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
            assertThat(page.locator("#title")).hasText("Ông/Bà hài lòng thế nào với dịch vụ hành chính công?");
            page.locator("#lang").click();
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            assertThat(page.locator("#title")).hasText("How satisfied are you with the public administrative service?");
            assertThat(page.locator("#q-TC1 legend")).containsText("Signs and directions");
            assertThat(page.locator("label[for='q-TC1-na']")).hasText("Not applicable");
            assertThat(page.locator("#submit")).hasText("Send");
            page.setViewportSize(390, 844);
            CitizenPages.screen(page, "survey-english-mobile-screen");
            page.locator("#q-PA3").scrollIntoViewIfNeeded();
            CitizenPages.screen(page, "survey-english-mobile-middle");
            page.reload();
            assertThat(page.locator("#title")).hasText("How satisfied are you with the public administrative service?");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    @Test
    void survey_link_that_does_not_exist_says_so() {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.navigate(pages.base + "/survey/#nosuchlink");
            assertThat(page.locator("[data-view=invalid] h1")).hasText("Đường dẫn không hợp lệ");
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
            page.waitForFunction("document.getElementById('qr').complete && document.getElementById('qr').naturalWidth > 0");
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

    private static long count(String channel) {
        return pages.sql("select count(*) from response where channel = ?", Long.class, channel);
    }
}
