package vn.hailong.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;

class AccessTest {
    static TestApp app;
    static CloseableDSLContext dsl;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        dsl = app.dsl();
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    @Test
    void signing_in_sets_an_http_only_same_site_cookie_secure_behind_https() {
        var answer = ApiClient.anonymous(app).post("/api/v1/session",
                Map.of("username", "admin", "password", "test-admin-password"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("role").asText()).isEqualTo("admin");
        var cookie = answer.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("hl_session=hls_").contains("HttpOnly", "SameSite=Strict", "Path=/")
                .doesNotContain("Secure");
        var proxied = ApiClient.anonymous(app).header("X-Forwarded-Proto", "https").post("/api/v1/session",
                Map.of("username", "admin", "password", "test-admin-password"));
        assertThat(proxied.raw().headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
        // Only a hash of the token is kept.
        var token = cookie.substring("hl_session=".length(), cookie.indexOf(';'));
        assertThat(TestApp.one(dsl, "select count(*) from session where token_hash = {0}", Long.class, token)).isZero();
        assertThat(TestApp.one(dsl, "select count(*) from session where token_hash = {0}", Long.class,
                Tokens.hash(token))).isEqualTo(1L);
    }

    @Test
    void a_busy_session_still_ends_twelve_hours_after_sign_in() {
        var admin = ApiClient.signIn(app, "admin", "test-admin-password");
        assertThat(admin.get("/api/v1/session").status()).isEqualTo(200);
        // Eleven hours of use keep it alive; at twelve it ends, however recently it was used.
        dsl.execute("update session set created_at = now() - interval '11 hours'");
        assertThat(admin.get("/api/v1/session").status()).isEqualTo(200);
        dsl.execute("update session set created_at = now() - interval '12 hours 1 minute'");
        assertThat(admin.get("/api/v1/session").status()).isEqualTo(401);
    }

    @Test
    void metrics_are_read_only_with_the_metrics_token() {
        assertThat(ApiClient.anonymous(app).get("/metrics").status()).isEqualTo(401);
        var admin = ApiClient.signIn(app, "admin", "test-admin-password");
        assertThat(admin.get("/metrics").status()).as("not even an admin's session").isEqualTo(403);
        assertThat(ApiClient.anonymous(app).header("Authorization", "Bearer not-the-token").get("/metrics").status())
                .isEqualTo(401);
        var scrape = ApiClient.anonymous(app).header("Authorization", "Bearer " + TestApp.METRICS_TOKEN).get("/metrics");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.raw().body()).contains("hailong_responses_stored");
    }

    @Test
    void a_wrong_password_is_refused_and_repeated_failures_are_throttled() {
        var client = ApiClient.anonymous(app);
        var body = Map.of("username", "throttled-user", "password", "wrong");
        for (int i = 0; i < LoginThrottle.PER_NAME.free(); i++) {
            var answer = client.post("/api/v1/session", body);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.message()).isEqualTo("Wrong user name or password.");
        }
        var throttled = client.post("/api/v1/session", body);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.raw().headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Integer.parseInt(v)).isPositive());
        assertThat(throttled.message()).contains("try again in");
        // The same client may still sign in as someone else: one person's typos do not lock out an office.
        assertThat(client.post("/api/v1/session", Map.of("username", "admin", "password", "test-admin-password"))
                .status()).isEqualTo(200);
    }

    @Test
    void a_tampered_or_expired_session_gets_401() {
        var admin = ApiClient.signIn(app, "admin", "test-admin-password");
        assertThat(admin.get("/api/v1/session").status()).isEqualTo(200);
        assertThat(new ApiClient(app.app.port()).header("Cookie", "hl_session=hls_forged").get("/api/v1/units").status())
                .isEqualTo(401);
        var other = ApiClient.signIn(app, "admin", "test-admin-password");
        dsl.execute("update session set expires_at = now() - interval '1 minute'");
        assertThat(other.get("/api/v1/units").status()).isEqualTo(401);
        assertThat(admin.get("/api/v1/session").status()).isEqualTo(401);
    }

    @Test
    void a_cookie_write_without_the_csrf_token_gets_403_and_changes_nothing() {
        var admin = ApiClient.signIn(app, "admin", "test-admin-password");
        var unit = Map.of("code", "CSRF", "nameVi", "Thử CSRF", "kind", "province");
        var refused = admin.without("X-CSRF-Token").post("/api/v1/units", unit);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.message()).contains("X-CSRF-Token");
        assertThat(admin.header("X-CSRF-Token", "wrong").post("/api/v1/units", unit).status()).isEqualTo(403);
        assertThat(TestApp.one(dsl, "select count(*) from unit where code = 'CSRF'", Long.class)).isZero();
        // Reading needs no token; API keys need none either, having no cookie to be tricked with.
        assertThat(admin.without("X-CSRF-Token").get("/api/v1/units").status()).isEqualTo(200);
    }

    @Test
    void signing_out_ends_the_session() {
        var admin = ApiClient.signIn(app, "admin", "test-admin-password");
        var answer = admin.delete("/api/v1/session");
        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.raw().headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(admin.get("/api/v1/session").status()).isEqualTo(401);
    }

    @Test
    void changing_a_password_needs_the_current_one_and_signs_out_other_sessions() {
        var admin = ApiClient.signIn(app, "admin", "test-admin-password");
        admin.post("/api/v1/users", Map.of("username", "changer", "password", "first-password", "role", "analyst"));
        var here = ApiClient.signIn(app, "changer", "first-password");
        var elsewhere = ApiClient.signIn(app, "changer", "first-password");
        var wrong = here.put("/api/v1/session/password", Map.of("currentPassword", "nope", "newPassword", "second-password"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body().get("field").asText()).isEqualTo("currentPassword");
        var tooShort = here.put("/api/v1/session/password", Map.of("currentPassword", "first-password", "newPassword", "short"));
        assertThat(tooShort.body().get("field").asText()).isEqualTo("newPassword");
        assertThat(here.put("/api/v1/session/password",
                Map.of("currentPassword", "first-password", "newPassword", "second-password")).status()).isEqualTo(204);
        assertThat(here.get("/api/v1/session").status()).isEqualTo(200);
        assertThat(elsewhere.get("/api/v1/session").status()).isEqualTo(401);
        ApiClient.signIn(app, "changer", "second-password");
    }

    @Test
    void an_api_key_is_shown_once_stored_hashed_and_stops_working_when_revoked() {
        var admin = ApiClient.signIn(app, "admin", "test-admin-password");
        var created = admin.post("/api/v1/api-keys", Map.of("name", "Một cửa điện tử", "scopes", List.of("read")));
        assertThat(created.status()).isEqualTo(201);
        var secret = created.body().get("secret").asText();
        assertThat(secret).startsWith("hlk_");
        assertThat(admin.get("/api/v1/api-keys").body().toString()).doesNotContain(secret);
        assertThat(TestApp.one(dsl, "select count(*) from api_key where key_hash = {0}", Long.class, secret)).isZero();
        var key = ApiClient.withKey(app, secret);
        assertThat(key.get("/api/v1/units").status()).isEqualTo(200);
        assertThat(key.get("/api/v1/users").status()).isEqualTo(403);
        admin.post("/api/v1/api-keys/" + created.body().get("key").get("id").asLong() + "/revoke", "{}");
        assertThat(key.get("/api/v1/units").status()).isEqualTo(401);
        assertThat(admin.post("/api/v1/api-keys", Map.of("name", "x", "scopes", List.of("everything")))
                .body().get("field").asText()).isEqualTo("scopes");
    }

    @Test
    void a_kiosk_enrols_once_with_its_code_and_a_revoked_kiosk_is_shut_out() {
        var admin = ApiClient.signIn(app, "admin", "test-admin-password");
        var unit = admin.post("/api/v1/units", Map.of("code", "KIOSK-U", "nameVi", "Xã Kiosk", "kind", "commune"));
        var centre = admin.post("/api/v1/centres", Map.of("code", "KIOSK-C", "unitId", unit.body().get("id").asLong(),
                "nameVi", "Một cửa xã Kiosk"));
        var device = admin.post("/api/v1/devices", Map.of("centreId", centre.body().get("id").asLong(), "name", "Máy 1"));
        assertThat(device.status()).isEqualTo(201);
        var code = device.body().get("enrolmentCode").asText();
        assertThat(device.body().get("enrolmentPath").asText()).isEqualTo("/kiosk/#enrol=" + code);

        var kiosk = ApiClient.anonymous(app);
        var enrolled = kiosk.post("/api/v1/kiosk/enrolment", Map.of("code", code.toLowerCase()));
        assertThat(enrolled.status()).isEqualTo(201);
        var token = enrolled.body().get("token").asText();
        var again = kiosk.post("/api/v1/kiosk/enrolment", Map.of("code", code));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body().get("field").asText()).isEqualTo("code");

        var asKiosk = ApiClient.withKey(app, token);
        assertThat(asKiosk.get("/api/v1/kiosk/me").body().get("status").asText()).isEqualTo("enrolled");
        assertThat(asKiosk.get("/api/v1/units").status()).isEqualTo(403);
        admin.post("/api/v1/devices/" + device.body().get("device").get("id").asLong() + "/revoke", "{}");
        assertThat(asKiosk.get("/api/v1/kiosk/me").status()).isEqualTo(401);
    }

    @Test
    void every_answer_carries_the_security_headers() {
        for (var path : List.of("/", "/landing/landing.js", "/health", "/api/v1/overview", "/api/v1/units", "/nothing-here")) {
            var headers = ApiClient.anonymous(app).get(path).raw().headers();
            assertThat(headers.firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
                    assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline"));
            assertThat(headers.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
    }

    @Test
    void bad_requests_get_clear_messages_without_stack_traces() {
        var admin = ApiClient.signIn(app, "admin", "test-admin-password");
        var malformed = admin.send("POST", "/api/v1/units", "{\"code\": ", "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.message()).startsWith("The body is not valid JSON");
        var wrongType = admin.send("POST", "/api/v1/units", "{\"code\":\"X\",\"parentId\":\"abc\"}", "application/json");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().get("field").asText()).isEqualTo("parentId");
        var notJson = admin.send("POST", "/api/v1/units", "code=X", "application/x-www-form-urlencoded");
        assertThat(notJson.status()).isEqualTo(415);
        var unknownField = admin.post("/api/v1/units", Map.of("code", "X", "colour", "red"));
        assertThat(unknownField.body().get("field").asText()).isEqualTo("colour");
        var huge = admin.send("POST", "/api/v1/units", "{\"code\":\"" + "x".repeat(3_000_000) + "\"}", "application/json");
        assertThat(huge.status()).isEqualTo(413);
        for (var answer : List.of(malformed, wrongType, notJson, unknownField)) {
            assertThat(answer.body().toString()).doesNotContain("Exception", "at vn.", "at com.", "SQL");
        }
        assertThat(admin.get("/api/v1/units/not-a-number").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/audit?from=yesterday").body().get("field").asText()).isEqualTo("from");
    }

    @Test
    void the_audit_log_cannot_be_edited_or_deleted() {
        var admin = ApiClient.signIn(app, "admin", "test-admin-password");
        admin.post("/api/v1/units", Map.of("code", "AUDIT", "nameVi", "Đơn vị nhật ký", "kind", "province"));
        var events = admin.get("/api/v1/audit?entity=unit&action=create").body().get("events");
        assertThat(events.findValuesAsText("actor")).contains("admin");
        assertThatThrownBy(() -> dsl.execute("update audit_event set actor = 'someone else'"))
                .hasMessageContaining("the audit log cannot be changed");
        assertThatThrownBy(() -> dsl.execute("delete from audit_event"))
                .hasMessageContaining("the audit log cannot be changed");
        assertThatThrownBy(() -> dsl.execute("truncate audit_event"))
                .hasMessageContaining("the audit log cannot be changed");
    }
}
