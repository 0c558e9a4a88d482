package vn.hailong.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.microsoft.playwright.Page;

import vn.hailong.Accessibility;
import vn.hailong.ApiClient;
import vn.hailong.Browser;
import vn.hailong.TestApp;
import vn.hailong.db.Standby;

/**
 * The dashboard read on a hot standby that is behind (its replay paused while the primary takes a sign-in and a
 * rating) says so above the figures, in Vietnamese and in English, with the time its figures are complete to; once the
 * standby catches up the note is gone. Laptop and phone, WCAG 2.1 AA.
 */
class StandbyLagBrowserTest {
    static final Path SHOTS = Path.of("/tmp/shots-standby");
    static final String PASSWORD = "test-admin-password";
    @TempDir
    static Path dir;
    static Standby servers;
    static TestApp app;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SHOTS);
        servers = Standby.start(dir);
        app = TestApp.start(TestApp.settings(servers.primaryUrl()).withDatabaseReadUrl(servers.standbyUrl())
                .withRateLimits(0, 0));
        var admin = ApiClient.signIn(app, "admin", PASSWORD);
        admin.post("/api/v1/units", Map.of("code", "AG01", "nameVi", "Sở Tư pháp", "nameEn", "Department of Justice",
                "kind", "department"));
        admin.post("/api/v1/service-fields", Map.of("code", "HT", "nameVi", "Hộ tịch"));
        admin.post("/api/v1/services", Map.of("code", "1.001193", "nameVi", "Đăng ký khai sinh", "fieldCode", "HT"));
        var citizen = ApiClient.anonymous(app);
        for (int i = 0; i < 3; i++) {
            assertThat(citizen.post("/api/v1/responses", vn.hailong.db.StandbyReadsTest.rating()).status()).isEqualTo(201);
        }
        servers.awaitCaughtUp();
        base = "http://localhost:" + app.app.port();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void a_standby_behind_by_ten_seconds_or_more_is_said_above_the_figures_until_it_catches_up() throws Exception {
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.setViewportSize(1366, 900);
            var errors = Browser.consoleErrors(page);
            // Caught up: no note.
            Dashboards.signIn(page, base, "/dashboard/", errors, "admin", PASSWORD);
            assertThat(page.locator("#freshness")).isHidden();

            servers.pauseReplay();
            try {
                assertThat(ApiClient.anonymous(app).post("/api/v1/responses", vn.hailong.db.StandbyReadsTest.rating())
                        .status()).isEqualTo(201);
                awaitLag(11);
                // The report PDF read now says it under its heading, in its language.
                var reader = ApiClient.signIn(app, "admin", PASSWORD);
                assertThat(pdfText(reader.download("/api/v1/report.pdf?year=2026").body())).matches(
                        ".*Số liệu có thể chậm khoảng 1\\d giây so với dữ liệu mới nhất \\(cập nhật đến \\d\\d:\\d\\d"
                                + " ngày \\d\\d/\\d\\d/20\\d\\d\\)\\..*");
                assertThat(pdfText(reader.download("/api/v1/report.pdf?year=2026&lang=en").body()))
                        .contains("Figures may be about 1").contains("seconds behind the latest data (up to date as of");
                page.reload();
                Dashboards.waitReady(page);
                var note = page.locator("#freshness");
                assertThat(note).isVisible();
                assertThat(note).hasText(Pattern.compile("Số liệu có thể chậm khoảng 1\\d giây so với dữ liệu mới nhất"
                        + " \\(cập nhật đến \\d\\d:\\d\\d ngày \\d\\d/\\d\\d/20\\d\\d\\)\\."));
                page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard-behind-vi-1366.png")));
                Accessibility.check(page, "dashboard read on a standby that is behind");
                page.setViewportSize(390, 844);
                note.scrollIntoViewIfNeeded();
                page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard-behind-vi-390.png")));
                Accessibility.check(page, "dashboard read on a standby that is behind, at 390 px");
                Accessibility.checkReflow(page, "dashboard read on a standby that is behind, at 390 px");
                page.setViewportSize(1366, 900);
                page.locator("#lang").click();
                assertThat(note).hasText(Pattern.compile("Figures may be about 1\\d seconds behind the latest data"
                        + " \\(up to date as of \\d\\d:\\d\\d on \\d\\d/\\d\\d/20\\d\\d\\)\\."));
                page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard-behind-en-1366.png")));
                Accessibility.check(page, "dashboard read on a standby that is behind, in English");
                page.locator("#lang").click();
            } finally {
                servers.resumeReplay();
            }
            servers.awaitCaughtUp();
            awaitLag(0);
            page.reload();
            Dashboards.waitReady(page);
            assertThat(page.locator("#freshness")).isHidden();
            assertThat(errors).isEmpty();
        }
    }

    private static String pdfText(byte[] pdf) throws java.io.IOException {
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** Waits until /health says the standby is this far behind (0: caught up, measured at most a second ago). */
    private static void awaitLag(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            long lag = app.getJson("/health").get("standby").path("lagSeconds").asLong(-1);
            if (seconds == 0 ? lag >= 0 && lag <= 1 : lag >= seconds) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the standby's lag is " + lag + " s, not " + seconds + " s, after 30 s");
            }
            Thread.sleep(250);
        }
    }
}
