package vn.hailong.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;

/**
 * Two servers on one database, as behind a load balancer: what one changes in the catalogue, the other's remembered
 * codes (Directory, 15 s) give up within about a second (sql/V15 directory_version), and sign-in failures on one
 * count on the other.
 */
class SharedDirectoryTest {
    static TestApp a;
    static TestApp b;
    static CloseableDSLContext dsl;
    static ApiClient adminA;
    static ApiClient citizenB;

    @BeforeAll
    static void start() {
        var url = TestDatabase.fresh();
        a = TestApp.start(TestApp.settings(url).withRateLimits(0, 0));
        b = TestApp.start(TestApp.settings(url).withRateLimits(0, 0));
        dsl = a.dsl();
        adminA = ApiClient.signIn(a, "admin", "test-admin-password");
        long province = adminA.post("/api/v1/units", Map.of("code", "P", "nameVi", "Tỉnh P", "kind", "province"))
                .body().get("id").asLong();
        adminA.post("/api/v1/units", Map.of("code", "A", "nameVi", "Sở A", "kind", "department", "parentId", province));
        adminA.post("/api/v1/units", Map.of("code", "C", "nameVi", "Sở C", "kind", "department", "parentId", province));
        citizenB = ApiClient.anonymous(b);
    }

    @AfterAll
    static void stop() {
        dsl.close();
        b.close();
        a.close();
    }

    @Test
    void a_link_taken_out_of_use_on_one_server_is_refused_by_the_other_within_two_seconds() {
        var answer = adminA.post("/api/v1/survey-links", Map.of("agency", "A", "questionnaire", "KIOSK"));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        var code = answer.body().get("code").asText();
        assertThat(rateOnB("A", code).status()).as("B now remembers the link as in use").isEqualTo(201);

        assertThat(adminA.patch("/api/v1/survey-links/" + code, Map.of("active", false)).status()).isEqualTo(200);
        long refusedAfter = millisUntil(() -> rateOnB("A", code).status() == 422);
        System.out.println("link turned off on A, refused on B after " + refusedAfter + " ms");
        assertThat(refusedAfter).as("ms until B refuses (it would accept for 15 s)").isLessThan(2_000);
        var refused = rateOnB("A", code);
        assertThat(refused.body().get("field").asText()).isEqualTo("link");

        assertThat(adminA.patch("/api/v1/survey-links/" + code, Map.of("active", true)).status()).isEqualTo(200);
        assertThat(millisUntil(() -> rateOnB("A", code).status() == 201)).as("and accepts it again").isLessThan(2_000);
    }

    @Test
    void a_unit_deactivated_by_another_process_is_refused_within_two_seconds() {
        assertThat(rateOnB("C", null).status()).as("B now remembers C as active").isEqualTo(201);
        // Behind the servers' backs, as a third process would: nothing in this JVM hears of it.
        dsl.execute("update unit set active = false where code = 'C'");
        long refusedAfter = millisUntil(() -> rateOnB("C", null).status() == 422);
        System.out.println("unit deactivated behind the servers' backs, refused on B after " + refusedAfter + " ms");
        assertThat(refusedAfter).as("ms until B refuses C (it would accept for 15 s)").isLessThan(2_000);
        dsl.execute("update unit set active = true where code = 'C'");
        assertThat(millisUntil(() -> rateOnB("C", null).status() == 201)).isLessThan(2_000);
    }

    @Test
    void five_wrong_passwords_on_one_server_make_the_sixth_wait_on_the_other() {
        dsl.execute("delete from login_throttle"); // the tests all sign in from one address
        adminA.post("/api/v1/users", Map.of("username", "lan", "password", "lan-right-password", "role", "analyst"));
        for (int i = 0; i < 5; i++) {
            var server = i % 2 == 0 ? a : b;
            assertThat(ApiClient.anonymous(server).post("/api/v1/session",
                    Map.of("username", "lan", "password", "wrong-" + i)).status()).isEqualTo(401);
        }
        for (var server : new TestApp[] {a, b}) {
            var sixth = ApiClient.anonymous(server).post("/api/v1/session",
                    Map.of("username", "lan", "password", "lan-right-password"));
            assertThat(sixth.status()).as("the sixth attempt, on either server").isEqualTo(429);
            assertThat(sixth.raw().headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void twenty_failures_from_one_address_across_both_servers_make_the_next_name_wait_on_either() {
        dsl.execute("delete from login_throttle"); // the tests all sign in from one address
        for (int i = 0; i < 20; i++) {
            var server = i % 2 == 0 ? a : b;
            assertThat(ApiClient.anonymous(server).post("/api/v1/session",
                    Map.of("username", "stranger-" + i, "password", "guess")).status()).isEqualTo(401);
        }
        for (var server : new TestApp[] {a, b}) {
            assertThat(ApiClient.anonymous(server).post("/api/v1/session",
                    Map.of("username", "someone-else", "password", "guess")).status())
                    .as("the 21st failure from one address, on either server").isEqualTo(429);
        }
    }

    static ApiClient.Answer rateOnB(String agency, String link) {
        var body = new LinkedHashMap<String, Object>();
        body.put("submissionId", UUID.randomUUID().toString());
        body.put("questionnaire", "KIOSK");
        body.put("version", 1);
        body.put("agency", agency);
        body.put("channel", "qr");
        body.put("answers", Map.of("HL", 4));
        if (link != null) {
            body.put("link", link);
        }
        return citizenB.post("/api/v1/responses", body);
    }

    /** Milliseconds until the condition holds, asking every 50 ms; fails after 20 s. */
    static long millisUntil(Supplier<Boolean> condition) {
        long start = System.nanoTime();
        while (!condition.get()) {
            if (System.nanoTime() - start > Duration.ofSeconds(20).toNanos()) {
                throw new AssertionError("not within 20 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
