package vn.hailong.collect;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import com.microsoft.playwright.Page;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import vn.hailong.Accessibility;
import vn.hailong.Browser;
import vn.hailong.TestApp;
import vn.hailong.collect.bench.CitizenPath;

/**
 * The citizen's path as Chromium goes it: the requests of a first visit are those the benchmark replays
 * (bench/citizen.sh), and a second visit with the browser's cache asks the server only for the page and the link
 * (both answered 304), everything else coming from the cache.
 */
class CitizenPathBrowserTest {
    static final Path SHOTS = Path.of("/tmp/shots-citizen");
    static TestApp app;
    static Browser browser;
    static CitizenPages pages;
    /** What the server answered, from its request log: "GET /survey/ 304", "GET static 200". */
    static final List<String> served = new CopyOnWriteArrayList<>();
    static AppenderBase<ILoggingEvent> requests;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        browser = new Browser();
        pages = new CitizenPages(app);
        var unit = pages.unit("XP", "Xã Đường Đi", "Path Commune");
        pages.centre("MC-XP", unit, "Một cửa xã Đường Đi");
        requests = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                var kv = new java.util.HashMap<String, Object>();
                e.getKeyValuePairs().forEach(p -> kv.put(p.key, p.value));
                served.add(kv.get("method") + " " + kv.get("route") + " " + kv.get("status"));
            }
        };
        requests.start();
        // The tests' logging keeps request lines out (WARN); here they are read, not printed.
        var log = (Logger) LoggerFactory.getLogger("hailong.request");
        log.setLevel(ch.qos.logback.classic.Level.INFO);
        log.setAdditive(false);
        log.addAppender(requests);
    }

    @AfterAll
    static void stop() {
        var log = (Logger) LoggerFactory.getLogger("hailong.request");
        log.detachAppender(requests);
        log.setAdditive(true);
        log.setLevel(ch.qos.logback.classic.Level.WARN);
        browser.close();
        app.close();
    }

    /** Waits until the server has logged {@code n} requests more than {@code before} (the log line follows the answer). */
    static List<String> servedSince(int before, int n) throws InterruptedException {
        for (int i = 0; i < 50 && served.size() < before + n; i++) {
            Thread.sleep(100);
        }
        Thread.sleep(300); // and nothing more
        return new ArrayList<>(served.subList(before, served.size()));
    }

    static void answerAll(Page page) {
        for (int p = 0; p < SurveyBrowserTest.REQUIRED.size(); p++) {
            SurveyBrowserTest.answerPage(page, q -> "5");
            SurveyBrowserTest.next(page);
        }
        SurveyBrowserTest.next(page);
        SurveyBrowserTest.next(page);
        page.locator("#submit").click();
        assertThat(page.locator("[data-view=thanks]")).isVisible();
    }

    @Test
    void a_first_visit_makes_the_benchmarks_requests_and_a_second_asks_only_for_the_page_and_the_link() throws Exception {
        var code = pages.surveyLink("XP", "MC-XP");
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.setViewportSize(1366, 900);
            var errors = CitizenPages.consoleErrors(page, false);
            var asked = new CopyOnWriteArrayList<String>();
            page.onRequest(r -> asked.add(r.method() + " " + URI.create(r.url()).getPath()));
            var answered = new CopyOnWriteArrayList<String>();
            page.onResponse(r -> answered.add(URI.create(r.url()).getPath() + " " + r.status()));
            int before = served.size();
            page.navigate(pages.base + "/s/" + code);
            assertThat(page.locator("#title")).hasText("Tiếp cận dịch vụ");
            assertThat(page.locator("#context")).containsText("Xã Đường Đi");
            Accessibility.check(page, "survey page 1 at 1366 px (versioned files)");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("survey-1366.png")));
            answerAll(page);
            var html = page.evaluate("() => fetch('/survey/').then(r => r.text())").toString();
            var files = CitizenPath.files(html);
            org.assertj.core.api.Assertions.assertThat(files).startsWith("/v/");
            var expected = new ArrayList<String>();
            CitizenPath.gets(code, "SIPAS", files).forEach(p -> expected.add("GET " + p));
            expected.add("POST /api/v1/responses");
            expected.add("GET /survey/"); // the fetch above
            org.assertj.core.api.Assertions.assertThat(asked).as("the requests of a first visit")
                    .containsExactlyInAnyOrderElementsOf(expected);
            // The page's twelve files are served from memory before Javalin (http.WebAssets.handler): no log line.
            var first = servedSince(before, expected.size() - 12);
            org.assertj.core.api.Assertions.assertThat(first).as("answered by the server")
                    .contains("GET /s/{code} 302", "GET /survey/ 200", "GET /api/v1/survey-links/{code} 200",
                            "GET /api/v1/forms/{questionnaire} 200", "POST /api/v1/responses 201");
            org.assertj.core.api.Assertions.assertThat(first).as("the page's files skip Javalin")
                    .noneMatch(line -> line.startsWith("GET static"));
            var versioned = answered.stream().filter(line -> line.startsWith(files + "/")).toList();
            org.assertj.core.api.Assertions.assertThat(versioned).as("the page's files, each answered once")
                    .hasSize(12).allMatch(line -> line.endsWith(" 200"));

            // The same phone again, minutes later: a new page in the same browser, with its cache.
            var again = context.newPage();
            again.setViewportSize(390, 844);
            var errorsAgain = CitizenPages.consoleErrors(again, false);
            before = served.size();
            again.navigate(pages.base + "/s/" + code);
            assertThat(again.locator("#title")).hasText("Tiếp cận dịch vụ");
            assertThat(again.locator("#q-TC1 .choice span").first()).hasText("Rất hài lòng");
            Accessibility.check(again, "survey page 1 at 390 px, from the browser's cache");
            again.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("survey-390-cached.png")));
            org.assertj.core.api.Assertions.assertThat(servedSince(before, 2)).as("what a second visit asks the server")
                    .containsExactlyInAnyOrder("GET /survey/ 304", "GET /api/v1/survey-links/{code} 304");
            org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
            org.assertj.core.api.Assertions.assertThat(errorsAgain).isEmpty();
        }
    }

    @Test
    void a_link_deactivated_after_a_visit_is_said_to_be_out_of_use_on_the_next_though_the_page_is_cached() {
        var code = pages.surveyLink("XP", null);
        try (var context = browser.newContext()) {
            var page = context.newPage();
            page.setViewportSize(390, 844);
            page.navigate(pages.base + "/s/" + code);
            assertThat(page.locator("#title")).hasText("Tiếp cận dịch vụ");
            org.assertj.core.api.Assertions.assertThat(
                    pages.admin.patch("/api/v1/survey-links/" + code, java.util.Map.of("active", false)).status())
                    .isEqualTo(200);
            var again = context.newPage();
            again.setViewportSize(390, 844);
            again.navigate(pages.base + "/s/" + code);
            assertThat(again.locator("[data-view=invalid]")).isVisible();
            assertThat(again.locator("[data-view=invalid] h1")).hasText("Đường dẫn không hợp lệ");
            again.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("survey-390-deactivated.png")));
            Accessibility.check(again, "deactivated link at 390 px, from the browser's cache");
        }
    }
}
