package vn.hailong.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.App;
import vn.hailong.TestApp;

/**
 * Every route × every kind of caller × own or other unit, generated from the application's route table:
 * a route added without an access rule, or with a path parameter this test has no value for, fails it.
 */
class AuthorizationMatrixTest {
    static TestApp app;
    static org.jooq.CloseableDSLContext dsl;
    static Fixtures f;
    static final HttpClient http = HttpClient.newHttpClient();
    static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    /** A caller: how it authenticates (fresh each request). */
    record Caller(String name, Supplier<Map<String, String>> headers) {
    }

    static final Set<String> ANYONE = Set.of("anonymous", "admin", "analyst", "agency manager", "interviewer", "kiosk",
            "key:invitations", "key:import", "key:read", "key:interviews", "key:dossiers", "metrics");
    static final Set<String> PEOPLE = Set.of("admin", "analyst", "agency manager", "interviewer");
    static final Set<String> READERS = Set.of("admin", "analyst", "agency manager", "key:read");
    static final Set<String> ADMIN = Set.of("admin");
    static final Set<String> DEVICE_MANAGERS = Set.of("admin", "agency manager");

    /**
     * The intended access, written out independently of App's route table: who may call what. A route in
     * the application that is missing here fails the test, and so does any answer that contradicts it.
     */
    static final Map<String, Set<String>> POLICY = Map.ofEntries(
            Map.entry("GET /health", ANYONE),
            Map.entry("GET /metrics", Set.of("metrics")),
            Map.entry("GET /s/{code}", ANYONE),
            Map.entry("GET /survey/", ANYONE),
            Map.entry("GET /d/{token}", ANYONE),
            Map.entry("GET /api/v1/kiosk/config", Set.of("kiosk")),
            Map.entry("POST /api/v1/responses", ANYONE),
            Map.entry("GET /api/v1/responses/export", READERS),
            Map.entry("GET /api/v1/forms/{questionnaire}", ANYONE),
            Map.entry("GET /api/v1/survey-links", Set.of("admin", "analyst", "agency manager")),
            Map.entry("POST /api/v1/survey-links", DEVICE_MANAGERS),
            Map.entry("GET /api/v1/survey-links/{code}", ANYONE),
            Map.entry("PATCH /api/v1/survey-links/{code}", DEVICE_MANAGERS),
            Map.entry("POST /api/v1/invitations", Set.of("admin", "key:invitations")),
            Map.entry("GET /api/v1/invitations/{token}", ANYONE),
            Map.entry("GET /api/v1/openapi.json", ANYONE),
            Map.entry("GET /api/v1/overview", ANYONE),
            Map.entry("GET /api/v1/qr", ANYONE),
            Map.entry("POST /api/v1/session", ANYONE),
            Map.entry("GET /api/v1/session", PEOPLE),
            Map.entry("DELETE /api/v1/session", PEOPLE),
            Map.entry("PUT /api/v1/session/password", PEOPLE),
            Map.entry("GET /api/v1/session/notifications", PEOPLE),
            Map.entry("PUT /api/v1/session/notifications", PEOPLE),
            Map.entry("POST /api/v1/session/notifications/test", PEOPLE),
            Map.entry("GET /api/v1/notifications", ADMIN),
            Map.entry("GET /api/v1/webhooks", ADMIN),
            Map.entry("POST /api/v1/webhooks", ADMIN),
            Map.entry("PATCH /api/v1/webhooks/{id}", ADMIN),
            Map.entry("POST /api/v1/webhooks/{id}/test", ADMIN),
            Map.entry("GET /api/v1/unit-kinds", READERS),
            Map.entry("GET /api/v1/units", READERS),
            Map.entry("POST /api/v1/units", ADMIN),
            Map.entry("POST /api/v1/units/import", ADMIN),
            Map.entry("POST /api/v1/units/crosswalk", ADMIN),
            Map.entry("GET /api/v1/units/{id}", READERS),
            Map.entry("GET /api/v1/units/{id}/history", READERS),
            Map.entry("PATCH /api/v1/units/{id}", ADMIN),
            Map.entry("GET /api/v1/centres", READERS),
            Map.entry("POST /api/v1/centres", ADMIN),
            Map.entry("GET /api/v1/centres/{id}", READERS),
            Map.entry("PATCH /api/v1/centres/{id}", ADMIN),
            Map.entry("POST /api/v1/centres/{id}/counters", ADMIN),
            Map.entry("PATCH /api/v1/counters/{id}", ADMIN),
            Map.entry("GET /api/v1/service-fields", READERS),
            Map.entry("POST /api/v1/service-fields", ADMIN),
            Map.entry("GET /api/v1/services", READERS),
            Map.entry("POST /api/v1/services", ADMIN),
            Map.entry("POST /api/v1/services/import", ADMIN),
            Map.entry("GET /api/v1/services/{id}", READERS),
            Map.entry("PATCH /api/v1/services/{id}", ADMIN),
            Map.entry("GET /api/v1/scales", READERS),
            Map.entry("GET /api/v1/questionnaire-presets", ADMIN),
            Map.entry("GET /api/v1/questionnaires", READERS),
            Map.entry("POST /api/v1/questionnaires", ADMIN),
            Map.entry("GET /api/v1/questionnaires/{id}", READERS),
            Map.entry("POST /api/v1/questionnaires/{id}/versions", ADMIN),
            Map.entry("GET /api/v1/questionnaire-versions/{id}", READERS),
            Map.entry("PUT /api/v1/questionnaire-versions/{id}", ADMIN),
            Map.entry("DELETE /api/v1/questionnaire-versions/{id}", ADMIN),
            Map.entry("POST /api/v1/questionnaire-versions/{id}/publish", ADMIN),
            Map.entry("GET /api/v1/devices", DEVICE_MANAGERS),
            Map.entry("POST /api/v1/devices", DEVICE_MANAGERS),
            Map.entry("POST /api/v1/devices/{id}/enrolment-code", DEVICE_MANAGERS),
            Map.entry("POST /api/v1/devices/{id}/revoke", DEVICE_MANAGERS),
            Map.entry("POST /api/v1/kiosk/enrolment", ANYONE),
            Map.entry("GET /api/v1/kiosk/me", Set.of("kiosk")),
            Map.entry("GET /api/v1/users", ADMIN),
            Map.entry("POST /api/v1/users", ADMIN),
            Map.entry("PATCH /api/v1/users/{id}", ADMIN),
            Map.entry("GET /api/v1/api-keys", ADMIN),
            Map.entry("POST /api/v1/api-keys", ADMIN),
            Map.entry("POST /api/v1/api-keys/{id}/revoke", ADMIN),
            Map.entry("GET /api/v1/audit", ADMIN),
            Map.entry("GET /api/v1/indices", READERS),
            Map.entry("GET /api/v1/compare", READERS),
            Map.entry("GET /api/v1/rankings", READERS),
            Map.entry("GET /api/v1/trend", READERS),
            Map.entry("GET /api/v1/drivers", READERS),
            Map.entry("GET /api/v1/reliability", READERS),
            Map.entry("GET /api/v1/comments", READERS),
            Map.entry("GET /api/v1/distribution", READERS),
            Map.entry("GET /api/v1/reasons", READERS),
            Map.entry("GET /api/v1/timing", READERS),
            Map.entry("GET /api/v1/report.pdf", READERS),
            Map.entry("POST /api/v1/reports/send", ADMIN),
            Map.entry("GET /api/v1/reports/digest", Set.of("admin", "analyst")),
            Map.entry("GET /api/v1/reports/digest.txt", Set.of("admin", "analyst")),
            Map.entry("GET /api/v1/response-rates", READERS),
            Map.entry("GET /api/v1/population", READERS),
            Map.entry("PUT /api/v1/population", Set.of("admin", "key:import")),
            Map.entry("POST /api/v1/population/import", Set.of("admin", "key:import")),
            Map.entry("POST /api/v1/imports", Set.of("admin", "key:import")),
            Map.entry("PUT /api/v1/dossiers", Set.of("admin", "key:dossiers")),
            Map.entry("PUT /api/v1/dossier-months", Set.of("admin", "key:dossiers")),
            Map.entry("GET /api/v1/indicators", READERS),
            Map.entry("POST /api/v1/responses/{submissionId}/contact", ANYONE),
            Map.entry("GET /api/v1/cases", READERS),
            Map.entry("GET /api/v1/cases/summary", READERS),
            Map.entry("GET /api/v1/cases/{id}", READERS),
            Map.entry("PATCH /api/v1/cases/{id}", DEVICE_MANAGERS),
            Map.entry("GET /api/v1/case-settings", ADMIN),
            Map.entry("GET /api/v1/case-settings/{unit}", ADMIN),
            Map.entry("PUT /api/v1/case-settings/{unit}", ADMIN),
            Map.entry("GET /api/v1/holidays", READERS),
            Map.entry("PUT /api/v1/holidays/{date}", ADMIN),
            Map.entry("DELETE /api/v1/holidays/{date}", ADMIN),
            Map.entry("GET /api/v1/targets", READERS),
            Map.entry("PUT /api/v1/targets/{unit}/{year}", ADMIN),
            Map.entry("DELETE /api/v1/targets/{unit}/{year}", ADMIN),
            Map.entry("GET /api/v1/alerts", READERS),
            Map.entry("POST /api/v1/alerts/check", Set.of("admin", "analyst")),
            Map.entry("POST /api/v1/alerts/{id}/acknowledge", Set.of("admin", "analyst", "agency manager")),
            Map.entry("GET /api/v1/publications", ADMIN),
            Map.entry("GET /api/v1/publications/{unit}/{year}", ADMIN),
            Map.entry("PUT /api/v1/publications/{unit}/{year}", ADMIN),
            Map.entry("DELETE /api/v1/publications/{unit}/{year}", ADMIN),
            Map.entry("GET /api/v1/public/results", ANYONE),
            Map.entry("GET /api/v1/public/results.csv", ANYONE));

    @BeforeAll
    static void start() {
        app = TestApp.start();
        dsl = app.dsl();
        f = new Fixtures(dsl);
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    static List<Caller> callers() {
        return List.of(
                new Caller("anonymous", Map::of),
                user("admin", f.admin),
                user("analyst", f.analyst),
                user("agency manager", f.manager),
                user("interviewer", f.interviewer),
                new Caller("kiosk", () -> bearer(f.kioskToken)),
                new Caller("key:invitations", () -> bearer(f.keyInvitations)),
                new Caller("key:import", () -> bearer(f.keyImport)),
                new Caller("key:read", () -> bearer(f.keyRead)),
                new Caller("key:interviews", () -> bearer(f.keyInterviews)),
                new Caller("key:dossiers", () -> bearer(f.keyDossiers)),
                new Caller("metrics", () -> bearer(TestApp.METRICS_TOKEN)));
    }

    static Caller user(String name, long id) {
        return new Caller(name, () -> {
            var session = f.session(id);
            return Map.of("Cookie", Sessions.COOKIE + "=" + session.token(),
                    AccessControl.CSRF_HEADER, session.csrfToken());
        });
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** Paths whose answer differs between a unit in the caller's subtree and one outside it. */
    static boolean unitScoped(App.Route route) {
        return route.path().matches("/api/v1/(units|centres|devices|cases)/\\{id}.*")
                || route.method().equals("PATCH") && route.path().equals("/api/v1/survey-links/{code}");
    }

    @Test
    void every_route_declares_who_may_call_it_and_is_in_the_policy() {
        assertThat(app.app.routes()).isNotEmpty();
        assertThat(app.app.routes()).allSatisfy(r -> assertThat(r.roles())
                .as("access rule of %s %s", r.method(), r.path()).isNotEmpty());
        var declared = app.app.routes().stream().map(r -> r.method() + " " + r.path()).toList();
        assertThat(declared).as("routes missing from POLICY").allSatisfy(r -> assertThat(POLICY).containsKey(r));
        assertThat(POLICY.keySet()).as("routes in POLICY that no longer exist").allSatisfy(r -> assertThat(declared).contains(r));
    }

    @Test
    void every_caller_gets_the_answer_its_role_allows_on_every_route() throws Exception {
        var failures = new ArrayList<String>();
        int checked = 0;
        for (var route : app.app.routes()) {
            boolean hasParams = PARAM.matcher(route.path()).find();
            var ids = hasParams ? f.pathValues(route.method(), route.path()) : List.<String>of();
            for (var caller : callers()) {
                for (int i = 0; i < Math.max(1, ids.size()); i++) {
                    var path = hasParams ? PARAM.matcher(route.path()).replaceAll(ids.get(i)) : route.path();
                    boolean other = i == 1;
                    int status = send(route.method(), path, caller.headers().get());
                    checked++;
                    var expected = expectation(route, caller, other);
                    if (!expected.accepts(status)) {
                        failures.add(caller.name() + " " + route.method() + " " + path + (other ? " (other unit)" : "")
                                + ": got " + status + ", expected " + expected);
                    }
                }
            }
        }
        assertThat(failures).as("out of %d requests", checked).isEmpty();
        assertThat(checked).isGreaterThan(300);
    }

    @Test
    void an_agency_manager_lists_only_its_own_subtree() throws Exception {
        var session = f.session(f.manager);
        var response = http.send(HttpRequest.newBuilder(uri("/api/v1/units"))
                .header("Cookie", Sessions.COOKIE + "=" + session.token()).build(), HttpResponse.BodyHandlers.ofString());
        var codes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).findValuesAsText("code");
        assertThat(codes).containsExactlyInAnyOrder("A", "A1");
        var centres = http.send(HttpRequest.newBuilder(uri("/api/v1/centres"))
                .header("Cookie", Sessions.COOKIE + "=" + session.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(centres.body()).contains("\"CA\"").doesNotContain("\"CB\"");
        var devices = http.send(HttpRequest.newBuilder(uri("/api/v1/devices"))
                .header("Cookie", Sessions.COOKIE + "=" + session.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(devices.body()).contains("Kiosk A").doesNotContain("Kiosk B");
        var links = http.send(HttpRequest.newBuilder(uri("/api/v1/survey-links"))
                .header("Cookie", Sessions.COOKIE + "=" + session.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(links.body()).contains(f.linkA).doesNotContain(f.linkB);
    }

    /** What a caller must get: refused (401 or 403), hidden (404), or served (anything below 500 but 401/403). */
    record Expectation(String name, Set<Integer> only) {
        boolean accepts(int status) {
            if (only != null) {
                return only.contains(status);
            }
            return status != 401 && status != 403 && status < 500;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Expectation expectation(App.Route route, Caller caller, boolean otherUnit) {
        var allowed = POLICY.get(route.method() + " " + route.path());
        if (allowed == null) {
            return new Expectation("a rule in POLICY", Set.of());
        }
        if (!allowed.contains(caller.name())) {
            return caller.name().equals("anonymous") ? new Expectation("401", Set.of(401)) : new Expectation("403", Set.of(403));
        }
        if (otherUnit && unitScoped(route) && caller.name().equals("agency manager")) {
            return new Expectation("404 (another unit's data is hidden)", Set.of(404));
        }
        return new Expectation("served", null);
    }

    static int send(String method, String path, Map<String, String> headers) throws Exception {
        var builder = HttpRequest.newBuilder(uri(path));
        headers.forEach(builder::header);
        if (method.equals("GET") || method.equals("DELETE")) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
        }
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static URI uri(String path) {
        return URI.create("http://localhost:" + app.app.port() + path);
    }
}
