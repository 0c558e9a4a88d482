package vn.hailong.collect;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import vn.hailong.Accessibility;
import vn.hailong.Browser;
import vn.hailong.TestApp;

class KioskBrowserTest {
    static TestApp app;
    static Browser browser;
    static CitizenPages pages;
    static long centreId;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        browser = new Browser();
        pages = new CitizenPages(app);
        var unit = pages.unit("XK", "Xã Kiosk", "Kiosk Commune");
        centreId = pages.centre("MC-XK", unit, "Một cửa xã Kiosk");
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    private long kioskResponses(String device) {
        return pages.sql("select count(*) from response r join kiosk_device d on d.id = r.device_id"
                + " where r.channel = 'kiosk' and d.name = ?", Long.class, device);
    }

    @Test
    void kiosk_enrols_from_its_link_thanks_the_citizen_and_forgets_them_by_itself() {
        var code = pages.enrolmentCode(centreId, "Máy 1");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = CitizenPages.consoleErrors(page, false);
            page.navigate(pages.base + "/kiosk/?thanks=1&idle=3#enrol=" + code);
            assertThat(page.locator(".face")).hasCount(5);
            assertThat(page.locator("#centre-name")).containsText("Một cửa xã Kiosk");
            assertThat(page).hasURL(Pattern.compile(".*/kiosk/\\?thanks=1&idle=3$"));
            Browser.screenshot(page, "kiosk-card");
            Accessibility.check(page, "kiosk faces");

            // Best first: "Rất hài lòng" leads, as on every citizen page.
            assertThat(page.locator(".face .face-label")).hasText(new String[] {"Rất hài lòng", "Hài lòng", "Bình thường",
                    "Không hài lòng", "Rất không hài lòng"});
            page.locator(".face[data-level='2']").click();
            assertThat(page.locator("[data-view=more]")).isVisible();
            page.locator("label[for='k-PB-1']").click();
            page.locator("#comment").fill("Phải chờ gần một tiếng");
            Browser.screenshot(page, "kiosk-problem");
            Accessibility.check(page, "kiosk follow-up");
            page.locator("#send").click();
            assertThat(page.locator("[data-view=thanks]")).isVisible();
            Browser.screenshot(page, "kiosk-thanks");
            Accessibility.check(page, "kiosk thanks");
            assertThat(page.locator("[data-view=rate]")).isVisible();
            assertThat(page.locator(".face[aria-pressed=true]")).hasCount(0);

            org.assertj.core.api.Assertions.assertThat(pages.eventually(() -> kioskResponses("Máy 1"), 1L, Duration.ofSeconds(10)))
                    .isEqualTo(1L);
            org.assertj.core.api.Assertions.assertThat(pages.sql("select r.answers::text || ' ' || r.comment from response r"
                    + " join kiosk_device d on d.id = r.device_id where d.name = 'Máy 1'", String.class))
                    .isEqualTo("{2,1} Phải chờ gần một tiếng");

            // A citizen who walks away half-way: what they gave is sent, then nothing of theirs is left on screen.
            page.locator(".face[data-level='1']").click();
            page.locator("label[for='k-PB-3']").click();
            page.locator("#comment").fill("Bỏ dở");
            assertThat(page.locator("[data-view=rate]")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions
                    .IsVisibleOptions().setTimeout(8000));
            assertThat(page.locator(".face[aria-pressed=true]")).hasCount(0);
            page.locator(".face[data-level='2']").click();
            assertThat(page.locator("#comment")).hasValue("");
            assertThat(page.locator("input[name='k-PB']:checked")).hasCount(0);
            org.assertj.core.api.Assertions.assertThat(pages.eventually(() -> kioskResponses("Máy 1"), 2L, Duration.ofSeconds(10)))
                    .isEqualTo(2L);
            org.assertj.core.api.Assertions.assertThat(pages.sql("select r.answers::text || ' ' || r.comment from response r"
                    + " join kiosk_device d on d.id = r.device_id where d.name = 'Máy 1' and r.comment = 'Bỏ dở'", String.class))
                    .isEqualTo("{1,3} Bỏ dở");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors (CSP violations included)").isEmpty();
        }
    }

    @Test
    void kiosk_switches_to_english_and_back_to_vietnamese_for_the_next_citizen() {
        var code = pages.enrolmentCode(centreId, "Máy 2");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            // The wrong code's 422 is the browser's own "Failed to load resource" line: expected here.
            var errors = CitizenPages.consoleErrors(page, true);
            page.navigate(pages.base + "/kiosk/?thanks=1&idle=2");
            assertThat(page.locator("#enrol-code")).isVisible();
            page.locator("#enrol-code").fill("WRONG-CODE");
            page.locator("#enrol-form button").click();
            assertThat(page.locator("#enrol-error")).containsText("Mã không đúng");
            Accessibility.check(page, "kiosk enrolment, wrong code");
            page.locator("#enrol-code").fill(code);
            page.locator("#enrol-form button").click();
            assertThat(page.locator("#rate-title")).hasText("Ông/Bà hài lòng với việc phục vụ hôm nay không?");
            page.locator("#lang").click();
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            assertThat(page.locator("#rate-title")).hasText("Were you satisfied with the service today?");
            assertThat(page.locator(".face[data-level='5'] .face-label")).hasText("Very satisfied");
            page.locator("#large").click();
            Accessibility.check(page, "kiosk faces, English, large text");
            page.locator("#contrast").click();
            Browser.screenshot(page, "kiosk-english-large-contrast");
            Accessibility.check(page, "kiosk faces, English, large text, high contrast");
            page.locator(".face[data-level='1']").click();
            Accessibility.check(page, "kiosk follow-up, large text, high contrast");
            page.locator("#large").click();
            Accessibility.check(page, "kiosk follow-up, high contrast");
            page.locator("#send").click();
            assertThat(page.locator("html")).hasAttribute("lang", "vi",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(8000));
            assertThat(page.locator("#rate-title")).hasText("Ông/Bà hài lòng với việc phục vụ hôm nay không?");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    @Test
    void kiosk_ratings_taken_offline_survive_a_reload_and_are_stored_once_when_back_online() {
        var code = pages.enrolmentCode(centreId, "Máy 3");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = CitizenPages.consoleErrors(page, true);
            page.navigate(pages.base + "/kiosk/?thanks=1&idle=30#enrol=" + code);
            assertThat(page.locator(".face")).hasCount(5);
            page.evaluate("navigator.serviceWorker.ready.then(() => true)");
            assertThat(page.locator("#status")).hasAttribute("data-queued", "0");

            context.setOffline(true);
            for (int level : new int[] {5, 3, 1}) {
                rate(page, level);
            }
            assertThat(page.locator("#status")).hasAttribute("data-queued", "3");
            assertThat(page.locator("#status")).containsText("Ngoại tuyến");
            Browser.screenshot(page, "kiosk-offline-queued");

            var shell = page.reload();
            org.assertj.core.api.Assertions.assertThat(shell.headers().get("x-kiosk-source"))
                    .as("the reloaded page comes from the service worker's cache").isEqualTo("offline-cache");
            assertThat(page.locator(".face")).hasCount(5);
            assertThat(page.locator("#status")).hasAttribute("data-queued", "3");
            org.assertj.core.api.Assertions.assertThat(kioskResponses("Máy 3")).isZero();

            context.setOffline(false);
            assertThat(page.locator("#status")).hasAttribute("data-queued", "0",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(20000));
            org.assertj.core.api.Assertions.assertThat(pages.eventually(() -> kioskResponses("Máy 3"), 3L, Duration.ofSeconds(10)))
                    .isEqualTo(3L);
            org.assertj.core.api.Assertions.assertThat(pages.sql("select count(distinct r.submission_id) from response r"
                    + " join kiosk_device d on d.id = r.device_id where d.name = 'Máy 3'", Long.class)).isEqualTo(3L);
            org.assertj.core.api.Assertions.assertThat(pages.sql("select string_agg(r.answers[1]::text, ',' order by r.client_submitted_at)"
                    + " from response r join kiosk_device d on d.id = r.device_id where d.name = 'Máy 3'", String.class))
                    .isEqualTo("5,3,1");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors other than the offline requests").isEmpty();
        }
    }

    @Test
    void kiosk_of_a_provincial_centre_asks_which_agency_then_walks_through_the_full_sipas_form() {
        var province = pages.unit("TP", "Tỉnh Thử", "Test Province", "province", null);
        pages.unit("SA", "Sở Tư pháp", "Department of Justice", "department", province);
        pages.unit("SB", "Sở Xây dựng", "Department of Construction", "department", province);
        var centre = pages.centre("TTHCC", province, "Trung tâm Phục vụ hành chính công tỉnh", "SIPAS");
        var code = pages.enrolmentCode(centre, "Máy tỉnh");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = CitizenPages.consoleErrors(page, false);
            page.navigate(pages.base + "/kiosk/?thanks=1&idle=30#enrol=" + code);
            assertThat(page.locator(".agency")).hasCount(2); // the departments the provincial centre hosts
            Browser.screenshot(page, "kiosk-agencies");
            Accessibility.check(page, "kiosk agencies");
            page.locator(".agency[data-code='SA']").click();
            assertThat(page.locator("#full-title")).hasText("Tiếp cận dịch vụ");
            assertThat(page.locator("#full-step")).hasText("Bước 1 / 9");
            page.locator("#full-next").click();
            assertThat(page.locator("#full-page .field-error:visible")).hasCount(3);
            Browser.screenshot(page, "kiosk-full-missing");
            Accessibility.check(page, "kiosk full form, answers missing");
            page.locator("label[for='k-TC1-5']").click();
            page.locator("label[for='k-TC2-4']").click();
            page.locator("label[for='k-TC3-na']").click();
            assertThat(page.locator("#full-page .field-error:visible")).hasCount(0);
            page.locator("#full-next").click();
            for (int step = 2; step <= 6; step++) {
                assertThat(page.locator("#full-step")).hasText("Bước " + step + " / 9");
                var questions = page.locator("#full-page fieldset");
                for (int i = 0; i < questions.count(); i++) {
                    questions.nth(i).locator(".choice").nth(1).click(); // "Hài lòng": the levels are shown best first
                }
                page.locator("#full-next").click();
            }
            assertThat(page.locator("#full-title")).hasText("Mong muốn của Ông/Bà (không bắt buộc)");
            page.locator("#full-next").click();
            page.locator("#full-next").click();
            page.locator("#full-comment").fill("Rất tốt");
            page.locator("#full-send").click();
            assertThat(page.locator("[data-view=thanks]")).isVisible();
            assertThat(page.locator(".agency")).hasCount(2); // the departments the provincial centre hosts
            org.assertj.core.api.Assertions.assertThat(pages.eventually(() -> kioskResponses("Máy tỉnh"), 1L, Duration.ofSeconds(10)))
                    .isEqualTo(1L);
            org.assertj.core.api.Assertions.assertThat(pages.sql("select u.code || ' ' || r.answers[1] || ' '"
                    + " || coalesce(r.answers[3]::text, 'null') || ' ' || r.answers[17] || ' ' || r.comment"
                    + " from response r join unit u on u.id = r.agency_id where r.comment = 'Rất tốt'", String.class))
                    .isEqualTo("SA 5 null 4 Rất tốt");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    @Test
    void kiosk_retries_after_server_errors_and_sets_a_refused_rating_aside() {
        var code = pages.enrolmentCode(centreId, "Máy 4");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = CitizenPages.consoleErrors(page, true);
            page.navigate(pages.base + "/kiosk/?thanks=1&idle=30#enrol=" + code);
            assertThat(page.locator(".face")).hasCount(5);
            var calls = new java.util.concurrent.atomic.AtomicInteger();
            page.route("**/api/v1/responses", route -> {
                switch (calls.incrementAndGet()) {
                    case 1 -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(503)
                            .setContentType("application/json").setBody("{\"status\":503}"));
                    case 2 -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(429)
                            .setHeaders(java.util.Map.of("Retry-After", "1", "Content-Type", "application/json"))
                            .setBody("{\"status\":429}"));
                    default -> route.resume();
                }
            });
            rate(page, 4);
            assertThat(page.locator("#status")).hasAttribute("data-queued", "0",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(20000));
            org.assertj.core.api.Assertions.assertThat(calls.get()).isEqualTo(3);
            org.assertj.core.api.Assertions.assertThat(kioskResponses("Máy 4")).isEqualTo(1L);

            page.unrouteAll();
            page.route("**/api/v1/responses", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                    .setStatus(422).setContentType("application/json")
                    .setBody("{\"status\":422,\"field\":\"version\",\"errors\":[{\"field\":\"version\",\"message\":\"is not published\"}]}")));
            rate(page, 2);
            assertThat(page.locator("#status")).containsText("1 phiếu bị từ chối");
            assertThat(page.locator("#status")).hasAttribute("data-queued", "0");
            org.assertj.core.api.Assertions.assertThat(kioskResponses("Máy 4")).isEqualTo(1L);
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    /** One rating: a tap, and (after a neutral or unhappy tap) "Gửi" on the follow-up without adding anything. */
    private static void rate(Page page, int level) {
        page.locator(".face[data-level='" + level + "']").click();
        if (level < 4) {
            page.locator("#send").click();
        }
        assertThat(page.locator("[data-view=thanks]")).isVisible();
        assertThat(page.locator("[data-view=rate]")).isVisible();
    }

    @Test
    void a_happy_tap_is_a_rating_at_once_and_an_unhappy_tap_left_alone_is_sent_when_the_citizen_walks_away() {
        var code = pages.enrolmentCode(centreId, "Máy 5");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = CitizenPages.consoleErrors(page, false);
            page.navigate(pages.base + "/kiosk/?thanks=1&idle=2#enrol=" + code);
            page.locator(".face[data-level='5']").click();
            assertThat(page.locator("[data-view=thanks]")).isVisible();
            assertThat(page.locator("[data-view=more]")).isHidden();
            org.assertj.core.api.Assertions.assertThat(pages.eventually(() -> kioskResponses("Máy 5"), 1L, Duration.ofSeconds(10)))
                    .isEqualTo(1L);

            // A tap, and nothing more: the citizen walks away from the follow-up. The tap is a rating.
            assertThat(page.locator("[data-view=rate]")).isVisible();
            page.locator(".face[data-level='3']").click();
            assertThat(page.locator("[data-view=more]")).isVisible();
            assertThat(page.locator("[data-view=rate]")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions
                    .IsVisibleOptions().setTimeout(8000));
            org.assertj.core.api.Assertions.assertThat(pages.eventually(() -> kioskResponses("Máy 5"), 2L, Duration.ofSeconds(10)))
                    .isEqualTo(2L);
            org.assertj.core.api.Assertions.assertThat(pages.sql("select string_agg(r.answers::text, ' ' order by r.id)"
                    + " from response r join kiosk_device d on d.id = r.device_id where d.name = 'Máy 5'", String.class))
                    .isEqualTo("{5,NULL} {3,NULL}");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    @Test
    void what_a_citizen_added_survives_going_back_and_even_a_crash_of_the_kiosk_browser() {
        var code = pages.enrolmentCode(centreId, "Máy 6");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = CitizenPages.consoleErrors(page, false);
            page.navigate(pages.base + "/kiosk/?thanks=1&idle=60#enrol=" + code);
            page.locator(".face[data-level='1']").click();
            page.locator("label[for='k-PB-4']").click();
            page.locator("#comment").fill("Giấy tờ rắc rối");
            // Back to the faces to change the tap: the same rating, what was added kept.
            page.locator("#more-back").click();
            page.locator(".face[data-level='2']").click();
            assertThat(page.locator("#k-PB-4")).isChecked();
            assertThat(page.locator("#comment")).hasValue("Giấy tờ rắc rối");
            page.locator("#comment").fill("Giấy tờ rắc rối quá");
            // The kiosk's browser stops here (a crash, a power cut, a reload): the rating it held is sent at the next start.
            page.reload();
            assertThat(page.locator("[data-view=rate]")).isVisible();
            org.assertj.core.api.Assertions.assertThat(pages.eventually(() -> kioskResponses("Máy 6"), 1L, Duration.ofSeconds(10)))
                    .isEqualTo(1L);
            org.assertj.core.api.Assertions.assertThat(pages.sql("select r.answers::text || ' ' || r.comment from response r"
                    + " join kiosk_device d on d.id = r.device_id where d.name = 'Máy 6'", String.class))
                    .isEqualTo("{2,4} Giấy tờ rắc rối quá");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    @Test
    void the_full_form_left_unfinished_is_sent_if_the_overall_question_was_answered_and_not_otherwise() {
        var province = pages.unit("TI", "Tỉnh Bỏ Dở", "Unfinished Province", "province", null);
        pages.unit("SI", "Sở Nội vụ", "Department of Home Affairs", "department", province);
        var centre = pages.centre("TTI", province, "Trung tâm tỉnh Bỏ Dở", "SIPAS");
        var code = pages.enrolmentCode(centre, "Máy bỏ dở");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            var errors = CitizenPages.consoleErrors(page, false);
            page.navigate(pages.base + "/kiosk/?thanks=1&idle=3#enrol=" + code);
            // Only one agency here: the form starts at once. Two pages answered, then the citizen leaves.
            assertThat(page.locator("#full-step")).hasText("Bước 1 / 9");
            for (int step = 1; step <= 2; step++) {
                var questions = page.locator("#full-page fieldset");
                for (int i = 0; i < questions.count(); i++) {
                    questions.nth(i).locator(".choice").nth(0).click();
                }
                page.locator("#full-next").click();
            }
            assertThat(page.locator("#full-step")).hasText("Bước 1 / 9", new com.microsoft.playwright.assertions
                    .LocatorAssertions.HasTextOptions().setTimeout(8000));
            org.assertj.core.api.Assertions.assertThat(kioskResponses("Máy bỏ dở")).as("no overall answer: nothing sent")
                    .isZero();
            // Now up to the overall question (page 6), then away.
            for (int step = 1; step <= 6; step++) {
                assertThat(page.locator("#full-step")).hasText("Bước " + step + " / 9");
                var questions = page.locator("#full-page fieldset");
                for (int i = 0; i < questions.count(); i++) {
                    questions.nth(i).locator(".choice").nth(1).click();
                }
                if (step < 6) {
                    page.locator("#full-next").click();
                }
            }
            org.assertj.core.api.Assertions.assertThat(pages.eventually(() -> kioskResponses("Máy bỏ dở"), 1L,
                    Duration.ofSeconds(15))).isEqualTo(1L);
            org.assertj.core.api.Assertions.assertThat(pages.sql("select r.answers[1] || ' ' || r.answers[17] || ' '"
                    + " || coalesce(r.answers[18]::text, 'null') from response r join kiosk_device d on d.id = r.device_id"
                    + " where d.name = 'Máy bỏ dở'", String.class)).isEqualTo("4 4 null");
            org.assertj.core.api.Assertions.assertThat(errors).as("console errors").isEmpty();
        }
    }

    @Test
    void on_a_phone_sized_screen_every_face_is_a_large_target() {
        var code = pages.enrolmentCode(centreId, "Máy 7");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.setViewportSize(390, 844);
            page.navigate(pages.base + "/kiosk/?thanks=1&idle=60#enrol=" + code);
            assertThat(page.locator(".face")).hasCount(5);
            for (int i = 0; i < 5; i++) {
                var box = page.locator(".face").nth(i).boundingBox();
                org.assertj.core.api.Assertions.assertThat(box.height).as("face %d height", i).isGreaterThanOrEqualTo(48);
                org.assertj.core.api.Assertions.assertThat(box.width).as("face %d width", i).isGreaterThanOrEqualTo(48);
            }
            for (var button : new String[] {"#large", "#contrast", "#lang"}) {
                var box = page.locator(button).boundingBox();
                org.assertj.core.api.Assertions.assertThat(Math.min(box.height, box.width)).as(button).isGreaterThanOrEqualTo(48);
            }
            Browser.screenshot(page, "kiosk-card-phone");
            Accessibility.check(page, "kiosk faces at 390 px");
            Accessibility.checkReflow(page, "kiosk faces at 390 px");
            Accessibility.checkTouchTargets(page, "kiosk faces at 390 px");
            page.locator(".face[data-level='2']").click();
            Browser.screenshot(page, "kiosk-problem-phone");
            Accessibility.check(page, "kiosk follow-up at 390 px");
            Accessibility.checkReflow(page, "kiosk follow-up at 390 px");
            Accessibility.checkTouchTargets(page, "kiosk follow-up at 390 px");
        }
    }
}
