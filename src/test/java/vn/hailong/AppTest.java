package vn.hailong;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import vn.hailong.auth.Accounts;

class AppTest {
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void health_says_the_server_and_its_database_are_up_and_which_version_runs() {
        var response = app.get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        var health = app.getJson("/health");
        assertThat(health.get("status").asText()).isEqualTo("up");
        assertThat(health.get("database").asText()).isEqualTo("up");
        assertThat(health.get("version").asText()).isEqualTo(App.VERSION).isNotBlank();
    }

    @Test
    void the_landing_page_is_served_and_links_to_what_exists() {
        var page = app.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Hài Lòng", "href=\"/login.html\"", "href=\"/dashboard/\"", "href=\"/report/\"",
                "href=\"/api/\"", "/landing/landing.js");
        assertThat(app.get("/landing/landing.js").statusCode()).isEqualTo(200);
        assertThat(app.get("/lib/site.css").statusCode()).isEqualTo(200);
        assertThat(app.get("/landing/landing.css").statusCode()).isEqualTo(200);
        assertThat(app.get("/webjars/chart.js/4.5.1/dist/chart.umd.js").statusCode()).isEqualTo(200);
    }

    @Test
    void the_overview_counts_what_the_installation_holds() {
        var overview = app.getJson("/api/v1/overview");
        assertThat(overview.get("units").asInt()).isZero();
        assertThat(overview.get("questionnaires").findValuesAsText("code")).containsExactly("SIPAS", "DOSSIER3", "KIOSK");
        assertThat(overview.get("responsesByYear").size()).isZero();
    }

    @Test
    void an_unknown_api_path_gets_a_json_404() {
        var response = app.get("/api/v1/no-such-thing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(app.getJson("/api/v1/no-such-thing").get("message").asText()).contains("/api/v1/no-such-thing");
    }

    @Test
    void metrics_report_requests_pool_and_responses_in_prometheus_format() {
        app.get("/health");
        assertThat(app.get("/metrics").statusCode()).as("without the metrics token").isEqualTo(401);
        var metrics = ApiClient.anonymous(app).header("Authorization", "Bearer " + TestApp.METRICS_TOKEN).get("/metrics").raw();
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}")
                .contains("http_server_requests_seconds_bucket")
                .contains("hikaricp_connections_active{pool=\"hailong\"}")
                .contains("hailong_responses_stored 0.0");
    }

    @Test
    void request_logs_name_the_route_but_never_the_client_or_the_query() {
        var logger = (Logger) LoggerFactory.getLogger("hailong.request");
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        var level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.addAppender(appender);
        try {
            app.get("/api/v1/overview?dossier=H99-SECRET-0001");
            app.get("/api/v1/not-here/H99-SECRET-0002");
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
        List<String> lines = appender.list.stream()
                .map(e -> e.getFormattedMessage() + " " + e.getKeyValuePairs())
                .toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("route", "/api/v1/overview", "200");
        assertThat(lines.get(1)).contains("unmatched", "404");
        assertThat(String.join("\n", lines)).doesNotContain("SECRET", "127.0.0.1", "Java-http-client");
    }

    @Test
    void admin_password_creates_the_first_admin_once() {
        assertThat(ApiClient.anonymous(app).post("/api/v1/session",
                java.util.Map.of("username", "admin", "password", "test-admin-password")).status()).isEqualTo(200);
        assertThat(ApiClient.anonymous(app).post("/api/v1/session",
                java.util.Map.of("username", "admin", "password", "wrong")).status()).isEqualTo(401);
        try (var dsl = app.dsl()) {
            assertThat(TestApp.one(dsl, "select count(*) from app_user", Long.class)).isEqualTo(1L);
            assertThat(TestApp.one(dsl, "select password_hash from app_user", String.class)).startsWith("$argon2id$");
            // A later start with another ADMIN_PASSWORD does not overwrite the account.
            assertThat(new Accounts(dsl).ensureFirstAdmin(Optional.of("other")).created()).isFalse();
        }
        assertThat(ApiClient.anonymous(app).post("/api/v1/session",
                java.util.Map.of("username", "admin", "password", "test-admin-password")).status()).isEqualTo(200);
    }

    @Test
    void without_admin_password_a_random_one_is_generated_and_works() {
        var url = TestDatabase.fresh();
        try (var db = vn.hailong.db.Database.open(Optional.of(url), java.nio.file.Path.of("target/unused"))) {
            var accounts = new Accounts(org.jooq.impl.DSL.using(db.dataSource(), org.jooq.SQLDialect.POSTGRES));
            var first = accounts.ensureFirstAdmin(Optional.empty());
            assertThat(first.created()).isTrue();
            var password = first.generatedPassword().orElseThrow();
            assertThat(password).hasSize(16);
            var hash = TestApp.one(org.jooq.impl.DSL.using(db.dataSource(), org.jooq.SQLDialect.POSTGRES),
                    "select password_hash from app_user where username = 'admin'", String.class);
            assertThat(vn.hailong.auth.Passwords.matches(password, hash)).isTrue();
            assertThat(accounts.ensureFirstAdmin(Optional.empty()).generatedPassword()).isEmpty();
        }
    }
}
