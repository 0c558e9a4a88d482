package vn.hailong.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.microsoft.playwright.Page;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;

/** Set-up for the citizen page tests through the admin API, and what those tests watch in the browser. */
final class CitizenPages {
    final TestApp app;
    final ApiClient admin;
    final String base;

    CitizenPages(TestApp app) {
        this.app = app;
        this.admin = ApiClient.signIn(app, "admin", "test-admin-password");
        this.base = "http://localhost:" + app.app.port();
    }

    long unit(String code, String nameVi, String nameEn) {
        var answer = admin.post("/api/v1/units", Map.of("code", code, "nameVi", nameVi, "nameEn", nameEn, "kind", "commune"));
        check(answer, 201);
        return answer.body().get("id").asLong();
    }

    long unit(String code, String nameVi, String nameEn, String kind, Long parentId) {
        var body = new java.util.HashMap<String, Object>(Map.of("code", code, "nameVi", nameVi, "nameEn", nameEn, "kind", kind));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        var answer = admin.post("/api/v1/units", body);
        check(answer, 201);
        return answer.body().get("id").asLong();
    }

    long centre(String code, long unitId, String nameVi) {
        return centre(code, unitId, nameVi, null);
    }

    /** A centre; kioskQuestionnaire (null for the one-tap card) is what its kiosks show. */
    long centre(String code, long unitId, String nameVi, String kioskQuestionnaire) {
        var body = new java.util.HashMap<String, Object>(Map.of("code", code, "unitId", unitId, "nameVi", nameVi,
                "nameEn", nameVi + " (EN)"));
        if (kioskQuestionnaire != null) {
            body.put("kioskQuestionnaire", kioskQuestionnaire);
        }
        var answer = admin.post("/api/v1/centres", body);
        check(answer, 201);
        return answer.body().get("id").asLong();
    }

    /** A new kiosk device of the centre; returns its one-time enrolment code. */
    String enrolmentCode(long centreId, String name) {
        var answer = admin.post("/api/v1/devices", Map.of("centreId", centreId, "name", name));
        check(answer, 201);
        return answer.body().get("enrolmentCode").asText();
    }

    String surveyLink(String agency, String centre) {
        var body = centre == null ? Map.of("agency", agency) : Map.of("agency", agency, "centre", centre);
        var answer = admin.post("/api/v1/survey-links", body);
        check(answer, 201);
        return answer.body().get("code").asText();
    }

    String invitationPath(String dossierCode, String agency) {
        var answer = admin.post("/api/v1/invitations", Map.of("dossierCode", dossierCode, "agency", agency));
        check(answer, 201);
        return answer.body().get("path").asText();
    }

    <T> T sql(String query, Class<T> type, Object... bindings) {
        try (var dsl = app.dsl()) {
            return TestApp.one(dsl, query, type, bindings);
        }
    }

    /** Waits up to the timeout for a value from the database to become the expected one. */
    <T> T eventually(Supplier<T> value, T expected, Duration timeout) {
        var deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!expected.equals(last) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = value.get();
        }
        return last;
    }

    /**
     * Console errors of a page (CSP violations and script errors show up here). Failed requests the test
     * provoked on purpose (offline, a 422) are the browser's own "Failed to load resource" lines and are
     * left out when the test says so.
     */
    static List<String> consoleErrors(Page page, boolean ignoreFailedRequests) {
        var errors = new ArrayList<String>();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")
                    && !(ignoreFailedRequests && (m.text().startsWith("Failed to load resource") || m.text().contains("net::ERR_")))) {
                errors.add(m.text());
            }
        });
        page.onPageError(e -> errors.add("page error: " + e));
        return errors;
    }

    /** What the screen shows right now (the full-page screenshots of long forms are too tall to look at). */
    static void screen(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(vn.hailong.Browser.SCREENSHOTS.resolve(name + ".png")));
    }

    private static void check(ApiClient.Answer answer, int status) {
        if (answer.status() != status) {
            throw new IllegalStateException("set-up call failed: " + answer.status() + " " + answer.body());
        }
    }
}
