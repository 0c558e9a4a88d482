package vn.hailong.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;

/**
 * The analytics read on a real hot standby (streaming replication, started here): while the standby's replay is
 * paused, a rating sent to the primary is stored there and a new sign-in works, but the dashboard's figures do not count
 * the rating yet and say how far behind they are; once replay resumes, the rating counts and the lag is back to 0. A
 * standby that stops answering leaves the figures to the primary, and the answers and /health say so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class StandbyReadsTest {
    static final String INDICES = "/api/v1/indices?questionnaire=SIPAS&from=2026-01-01&to=2026-12-31";
    @TempDir
    static Path dir;
    static Standby servers;
    static TestApp app;
    static ApiClient admin;
    static ApiClient citizen;

    @BeforeAll
    static void start() {
        long started = System.nanoTime();
        servers = Standby.start(dir);
        long replicating = System.nanoTime();
        // The standby is read as a user that may only read: no superuser, no pg_read_all_stats (the probe needs none).
        try (var primary = TestApp.dsl(servers.primaryUrl())) {
            primary.execute("create role hailong_reader login; grant pg_read_all_data to hailong_reader");
        }
        app = TestApp.start(TestApp.settings(servers.primaryUrl())
                .withDatabaseReadUrl(servers.standbyUrl().replace("postgres@", "hailong_reader@")).withRateLimits(0, 0));
        System.out.printf("standby: primary and standby up in %d ms, the application in %d ms%n",
                (replicating - started) / 1_000_000, (System.nanoTime() - replicating) / 1_000_000);
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        admin.post("/api/v1/units", Map.of("code", "AG01", "nameVi", "Sở Tư pháp", "kind", "department"));
        admin.post("/api/v1/service-fields", Map.of("code", "HT", "nameVi", "Hộ tịch"));
        admin.post("/api/v1/services", Map.of("code", "1.001193", "nameVi", "Đăng ký khai sinh", "fieldCode", "HT"));
        citizen = ApiClient.anonymous(app);
        for (int i = 0; i < 3; i++) {
            assertThat(citizen.post("/api/v1/responses", rating()).status()).isEqualTo(201);
        }
        servers.awaitCaughtUp();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void the_figures_are_read_on_the_standby_and_say_how_far_behind_it_is() throws Exception {
        var current = await(() -> admin.get(INDICES), a -> lag(a) <= 1);
        assertThat(current.raw().headers().firstValue("X-Data-Source")).hasValue("standby");
        assertThat(responses(current)).isEqualTo(3);

        servers.pauseReplay();
        var sent = OffsetDateTime.now();
        try {
            // Writes and sign-in are the primary's: they work while the standby shows nothing new.
            assertThat(citizen.post("/api/v1/responses", rating()).status()).isEqualTo(201);
            var analyst = ApiClient.signIn(app, "admin", "test-admin-password");
            try (var primary = TestApp.dsl(servers.primaryUrl())) {
                assertThat(TestApp.one(primary, "select count(*) from response", Long.class)).isEqualTo(4);
            }
            // The standby received the rating but has not applied it: the answer does not count it, and says the
            // figures are behind by the time since the standby was last seen complete.
            var behind = await(() -> analyst.get(INDICES), a -> lag(a) >= 2);
            assertThat(behind.status()).isEqualTo(200);
            assertThat(behind.raw().headers().firstValue("X-Data-Source")).hasValue("standby");
            assertThat(responses(behind)).isEqualTo(3);
            var asOf = OffsetDateTime.parse(behind.raw().headers().firstValue("X-Data-As-Of").orElseThrow());
            assertThat(asOf).isBefore(sent.plusSeconds(1));
            assertThat(asOf.getOffset().getTotalSeconds()).isEqualTo(7 * 3600);
            // Every analytics answer says where it was read; the routes that write or read their own writes do not.
            for (var path : new String[] {"/api/v1/compare?questionnaire=SIPAS&period=2026&baseline=2025",
                    "/api/v1/trend?questionnaire=SIPAS&from=2026-01-01&to=2026-12-31",
                    "/api/v1/comments?questionnaire=SIPAS&from=2026-01-01&to=2026-12-31", "/api/v1/overview",
                    "/api/v1/response-rates?from=2026-01-01&to=2026-12-31"}) {
                var answer = analyst.get(path);
                assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
                assertThat(answer.raw().headers().firstValue("X-Data-Source")).as(path).hasValue("standby");
                assertThat(lag(answer)).as(path).isGreaterThanOrEqualTo(2);
            }
            var comments = analyst.get("/api/v1/comments?questionnaire=SIPAS&from=2026-01-01&to=2026-12-31");
            assertThat(comments.body().toString()).doesNotContain("lần thứ tư");
            assertThat(analyst.get("/api/v1/units").raw().headers().firstValue("X-Data-Source")).isEmpty();
            var pdf = analyst.download("/api/v1/report.pdf?year=2026");
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("X-Data-Source")).hasValue("standby");
            var health = app.getJson("/health");
            assertThat(health.get("status").asText()).isEqualTo("up");
            assertThat(health.get("standby").get("status").asText()).isEqualTo("up");
            assertThat(health.get("standby").get("lagSeconds").asLong()).isGreaterThanOrEqualTo(2);
            var metrics = ApiClient.anonymous(app).header("Authorization", "Bearer " + TestApp.METRICS_TOKEN)
                    .get("/metrics").raw().body();
            assertThat(metrics).contains("hailong_standby_up 1.0").containsPattern("hailong_standby_lag_seconds [1-9]")
                    .contains("pool=\"hailong-read\"");
        } finally {
            servers.resumeReplay();
        }
        servers.awaitCaughtUp();
        var caughtUp = await(() -> admin.get(INDICES), a -> lag(a) <= 1 && responses(a) == 4);
        assertThat(caughtUp.raw().headers().firstValue("X-Data-Source")).hasValue("standby");
        assertThat(app.getJson("/health").get("standby").get("lagSeconds").asLong()).isLessThanOrEqualTo(1);
    }

    @Test
    @Order(2)
    void an_idle_primary_is_not_taken_for_a_lagging_one() throws Exception {
        // Nothing written for a few seconds: the last replayed commit grows old, yet nothing is missing (the lag is
        // counted from the last measurement, at most a second ago).
        Thread.sleep(3_000);
        var answer = admin.get(INDICES);
        assertThat(answer.raw().headers().firstValue("X-Data-Source")).hasValue("standby");
        assertThat(lag(answer)).isLessThanOrEqualTo(1);
    }

    @Test
    @Order(3)
    void a_standby_that_stops_answering_leaves_the_figures_to_the_primary() throws Exception {
        servers.stopStandby();
        var answer = await(() -> admin.get(INDICES), a -> a.raw().headers().firstValue("X-Data-Source")
                .equals(java.util.Optional.of("primary")));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(responses(answer)).isEqualTo(4);
        assertThat(lag(answer)).isZero();
        var health = app.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        var said = app.getJson("/health");
        assertThat(said.get("database").asText()).isEqualTo("up");
        assertThat(said.get("standby").get("status").asText()).isEqualTo("down");
        assertThat(said.get("standby").get("reads").asText()).isEqualTo("primary");
        assertThat(citizen.post("/api/v1/responses", rating()).status()).isEqualTo(201);
        assertThat(responses(admin.get(INDICES))).isEqualTo(5);
    }

    private static int ratings;

    /** A complete SIPAS rating of AG01's birth registrations, sent now (the browser test sends them too). */
    public static Map<String, Object> rating() {
        var answers = new LinkedHashMap<String, Object>();
        int level = 2;
        for (var code : new String[] {"TC1", "TC2", "TC3", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3", "KQ1", "KQ2",
                "KQ3", "PA1", "PA2", "PA3", "HL"}) {
            answers.put(code, level++ % 5 + 1);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("submissionId", UUID.randomUUID().toString());
        body.put("questionnaire", "SIPAS");
        body.put("version", 1);
        body.put("agency", "AG01");
        body.put("service", "1.001193");
        body.put("channel", "qr");
        body.put("answers", answers);
        body.put("comment", ++ratings == 4 ? "Góp ý lần thứ tư" : "Góp ý lần thứ " + ratings);
        return body;
    }

    static long lag(ApiClient.Answer answer) {
        return Long.parseLong(answer.raw().headers().firstValue("X-Data-Lag-Seconds").orElseThrow(
                () -> new AssertionError("no X-Data-Lag-Seconds on " + answer.raw().uri())));
    }

    static long responses(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().get("groups").get(0).get("n").asLong();
    }

    static ApiClient.Answer await(java.util.function.Supplier<ApiClient.Answer> ask, Predicate<ApiClient.Answer> until)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            var answer = ask.get();
            if (until.test(answer)) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not so after 15 s: " + answer.raw().headers().map() + " " + answer.body());
            }
            Thread.sleep(200);
        }
    }
}
