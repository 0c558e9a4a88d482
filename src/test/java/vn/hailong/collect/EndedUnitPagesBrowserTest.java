package vn.hailong.collect;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import vn.hailong.Accessibility;
import vn.hailong.Browser;
import vn.hailong.TestApp;
import vn.hailong.units.UnitEvents;

/**
 * A citizen opening a poster's link or a dossier's invitation made before the 2025 reform: a merged commune's link
 * rates the commune it became, named as it is now; a split commune's asks which of the new communes handled the
 * dossier; a dissolved one's says so. In Vietnamese, on a phone and on a desk screen, with no accessibility fault.
 */
class EndedUnitPagesBrowserTest {
    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static final Path SHOTS = Path.of("/tmp/shots-resolve");
    static TestApp app;
    static Browser browser;
    static CitizenPages pages;
    static String linkA;
    static String linkS;
    static String linkX;
    static String invitationS;

    @BeforeAll
    static void start() throws Exception {
        java.nio.file.Files.createDirectories(SHOTS);
        app = TestApp.start(TestApp.settings(vn.hailong.TestDatabase.fresh()).withRateLimits(0, 0));
        browser = new Browser();
        pages = new CitizenPages(app);
        long province = pages.unit("P", "Tỉnh Hưng Yên", "Hung Yen Province", "province", null);
        long a = pages.unit("A", "Xã An Vĩ", "An Vi Commune", "commune", province);
        long b = pages.unit("B", "Xã Đông Kết", "Dong Ket Commune", "commune", province);
        long s = pages.unit("S", "Xã Tân Dân", "Tan Dan Commune", "commune", province);
        long x = pages.unit("X", "Xã Bình Minh", "Binh Minh Commune", "commune", province);
        linkA = link("A");
        linkS = link("S");
        linkX = link("X");
        invitationS = pages.invitationPath("HS-TD-0042", "S");
        try (var dsl = app.dsl()) {
            dsl.transaction(trx -> {
                var events = new UnitEvents(trx.dsl(), "admin", null);
                long c = events.create("C", "Xã Khoái Châu", "Khoai Chau Commune", "commune", province, REFORM);
                events.merge(List.of(a, b), c, REFORM);
                long s1 = events.create("S1", "Xã Tân Dân Bắc", "North Tan Dan Commune", "commune", province, REFORM);
                long s2 = events.create("S2", "Xã Tân Dân Nam", "South Tan Dan Commune", "commune", province, REFORM);
                var into = new LinkedHashMap<Long, BigDecimal>();
                into.put(s1, null);
                into.put(s2, null);
                events.split(s, into, REFORM);
                events.dissolve(x, REFORM);
            });
        }
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    static String link(String agency) {
        var answer = pages.admin.post("/api/v1/survey-links", Map.of("agency", agency, "questionnaire", "KIOSK"));
        if (answer.status() != 201) {
            throw new IllegalStateException(answer.body().toString());
        }
        return answer.body().get("code").asText();
    }

    static Page page(com.microsoft.playwright.BrowserContext context, int width, int height) {
        var page = context.newPage();
        page.setViewportSize(width, height);
        return page;
    }

    static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Test
    void a_split_communes_link_asks_which_new_commune_handled_the_dossier_and_records_the_one_chosen() {
        for (var size : List.of(new int[] {1366, 900}, new int[] {390, 844})) {
            try (var context = browser.newContext()) {
                var page = page(context, size[0], size[1]);
                var errors = CitizenPages.consoleErrors(page, false);
                page.navigate(pages.base + "/s/" + linkS);
                assertThat(page.locator("[data-view=choose] h1")).hasText("Chọn cơ quan, đơn vị");
                assertThat(page.locator("#choose-agency legend")).hasText("Đơn vị này đã được chia tách. Vui lòng chọn"
                        + " cơ quan, đơn vị đã giải quyết hồ sơ của Ông/Bà:");
                assertThat(page.locator("#choose-former")).containsText("Xã Tân Dân");
                assertThat(page.locator("#choose-choices label")).hasText(new String[] {"Xã Tân Dân Bắc", "Xã Tân Dân Nam"});
                assertThat(page.locator("#choose-choices input:checked")).hasCount(0);
                shot(page, "split-link-choose-" + size[0]);
                Accessibility.check(page, "split link, choice at " + size[0] + " px");
                if (size[0] == 390) {
                    Accessibility.checkReflow(page, "split link, choice at 390 px");
                    Accessibility.checkTouchTargets(page, "split link, choice at 390 px");
                }
                page.locator("#choose-next").click(); // nothing chosen
                assertThat(page.locator("#choose-error")).hasText("Vui lòng chọn một cơ quan, đơn vị để tiếp tục.");
                shot(page, "split-link-choose-missing-" + size[0]);
                Accessibility.check(page, "split link, nothing chosen at " + size[0] + " px");
                page.locator("label[for='choose-S2']").click();
                page.locator("#choose-next").click();
                assertThat(page.locator("#context")).containsText("Xã Tân Dân Nam");
                shot(page, "split-link-form-" + size[0]);
                Accessibility.check(page, "split link, form at " + size[0] + " px");
                org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
            }
        }
        // Sent from a phone: recorded under the commune chosen.
        try (var context = browser.newContext()) {
            var page = page(context, 390, 844);
            page.navigate(pages.base + "/s/" + linkS);
            page.locator("label[for='choose-S1']").click();
            page.locator("#choose-next").click();
            page.locator("#questions fieldset[data-code] label").first().click();
            for (int i = 0; i < 5 && !page.locator("#submit").isVisible(); i++) {
                page.locator("#next").click(); // the pages after the overall question are optional
            }
            page.locator("#submit").click();
            assertThat(page.locator("[data-view=thanks] h1")).isVisible();
            assertThat(page.locator("#thanks-what")).containsText("Xã Tân Dân Bắc");
            shot(page, "split-link-thanks-390");
        }
        org.assertj.core.api.Assertions.assertThat(pages.sql("select u.code from response r join unit u"
                + " on u.id = r.agency_id join survey_link l on l.id = r.survey_link_id where l.code = ?", String.class,
                linkS)).isEqualTo("S1");
    }

    @Test
    void a_merged_communes_link_rates_the_commune_it_became_named_as_it_is_now() {
        try (var context = browser.newContext()) {
            var page = page(context, 390, 844);
            page.navigate(pages.base + "/s/" + linkA);
            assertThat(page.locator("#context")).containsText("Xã Khoái Châu (trước đây: Xã An Vĩ)");
            shot(page, "merged-link-390");
            Accessibility.check(page, "merged link at 390 px");
            page.locator("#lang").click();
            assertThat(page.locator("#context")).containsText("Khoai Chau Commune (formerly: An Vi Commune)");
        }
    }

    @Test
    void a_dissolved_communes_link_says_it_takes_no_rating() {
        for (var size : List.of(new int[] {1366, 900}, new int[] {390, 844})) {
            try (var context = browser.newContext()) {
                var page = page(context, size[0], size[1]);
                page.navigate(pages.base + "/s/" + linkX);
                assertThat(page.locator("[data-view=ended] h1")).hasText("Cơ quan, đơn vị đã giải thể");
                assertThat(page.locator("#ended-text")).containsText("Xã Bình Minh đã giải thể");
                assertThat(page.locator("#ended-text")).containsText("Vui lòng liên hệ");
                shot(page, "dissolved-link-" + size[0]);
                Accessibility.check(page, "dissolved link at " + size[0] + " px");
            }
        }
    }

    @Test
    void a_split_communes_dossier_invitation_asks_which_commune_handled_it() {
        for (var size : List.of(new int[] {1366, 900}, new int[] {390, 844})) {
            try (var context = browser.newContext()) {
                var page = page(context, size[0], size[1]);
                page.navigate(pages.base + invitationS);
                assertThat(page.locator("#d-agency legend")).containsText("Đơn vị này đã được chia tách. Vui lòng chọn"
                        + " cơ quan, đơn vị đã giải quyết hồ sơ của Ông/Bà:");
                page.locator("#submit").click(); // nothing chosen nor answered
                assertThat(page.locator("#d-agency .field-error")).isVisible();
                shot(page, "split-invitation-missing-" + size[0]);
                Accessibility.check(page, "split invitation, missing at " + size[0] + " px");
            }
        }
        try (var context = browser.newContext()) {
            var page = page(context, 390, 844);
            page.navigate(pages.base + invitationS);
            page.locator("label[for='d-agency-S2']").click();
            var first = page.locator("#questions fieldset[data-code]").first();
            first.locator("label").first().click();
            page.locator("#submit").click();
            assertThat(page.locator("[data-view=thanks] h1")).isVisible();
            shot(page, "split-invitation-thanks-390");
        }
        org.assertj.core.api.Assertions.assertThat(pages.sql("select u.code from response r join unit u"
                + " on u.id = r.agency_id where r.dossier_code = 'HS-TD-0042'", String.class)).isEqualTo("S2");
    }
}
