package vn.hailong.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;

/** Sign-in throttling as an attacker meets it, over HTTP; each test has its own app, as all come from one address. */
class SignInThrottleTest {
    TestApp app;
    CloseableDSLContext dsl;

    @BeforeEach
    void start() {
        app = TestApp.start();
        dsl = app.dsl();
        new Users(dsl).insert(dsl, "lan", "Lan", "lan-right-password", "analyst", null);
    }

    @AfterEach
    void stop() {
        dsl.close();
        app.close();
    }

    ApiClient.Answer signIn(ApiClient client, String password) {
        return client.post("/api/v1/session", Map.of("username", "lan", "password", password));
    }

    @Test
    void sixty_parallel_wrong_passwords_for_one_name_get_at_most_five_checked_and_the_rest_wait() throws Exception {
        int tasks = 60;
        var ready = new CountDownLatch(tasks);
        var go = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(tasks);
        try {
            var answers = new ArrayList<Future<ApiClient.Answer>>();
            for (int i = 0; i < tasks; i++) {
                var password = "wrong-" + i;
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return signIn(ApiClient.anonymous(app), password);
                }));
            }
            ready.await();
            go.countDown();
            int checked = 0;
            for (var f : answers) {
                var answer = f.get();
                if (answer.status() == 401) {
                    checked++;
                } else {
                    assertThat(answer.status()).isEqualTo(429);
                    assertThat(answer.raw().headers().firstValue("Retry-After"))
                            .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
                }
            }
            assertThat(checked).isBetween(1, LoginThrottle.PER_NAME.free());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void strangers_failures_lock_out_new_browsers_but_not_the_one_the_user_signed_in_with_before() {
        var first = signIn(ApiClient.anonymous(app), "lan-right-password");
        assertThat(first.status()).isEqualTo(200);
        var cookies = first.raw().headers().allValues("Set-Cookie");
        assertThat(cookies.get(0)).startsWith(Sessions.COOKIE + "=");
        var device = cookies.stream().filter(c -> c.startsWith(DeviceCookies.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(device).contains("; Path=/api/v1/session; Max-Age=15552000; HttpOnly; SameSite=Strict")
                .doesNotContain("Secure");
        var ownBrowser = ApiClient.anonymous(app).header("Cookie", device.split(";")[0]);

        var attacker = ApiClient.anonymous(app);
        for (int i = 0; i < LoginThrottle.PER_NAME.free(); i++) {
            assertThat(signIn(attacker, "guess-" + i).status()).isEqualTo(401);
        }
        assertThat(signIn(attacker, "guess-5").status()).isEqualTo(429);
        assertThat(signIn(ApiClient.anonymous(app), "lan-right-password").status()).as("a new browser waits")
                .isEqualTo(429);
        assertThat(signIn(ApiClient.anonymous(app).header("Cookie", DeviceCookies.COOKIE + "=forged.cookie"),
                "lan-right-password").status()).isEqualTo(429);

        var again = signIn(ownBrowser, "lan-right-password");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.raw().headers().allValues("Set-Cookie"))
                .as("a new device cookie at each sign-in, Secure behind HTTPS too")
                .anySatisfy(c -> assertThat(c).startsWith(DeviceCookies.COOKIE + "=").isNotEqualTo(device));
        var proxied = signIn(ownBrowser.header("X-Forwarded-Proto", "https"), "lan-right-password");
        assertThat(proxied.raw().headers().allValues("Set-Cookie")).hasSize(2).allSatisfy(c -> assertThat(c).endsWith("; Secure"));
    }
}
