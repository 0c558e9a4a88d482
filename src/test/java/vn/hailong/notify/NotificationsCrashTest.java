package vn.hailong.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.TestApp.one;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import vn.hailong.ApiClient;
import vn.hailong.ServerProcess;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;

/**
 * Exactly once across kill -9: a real server process (as an operator runs it) commits notifications it cannot deliver
 * yet, is killed, and started again by the same command once the SMTP server and the webhook receiver are up; each
 * notification then arrives once. And a burst being delivered when the server is killed all arrives, a copy (if any)
 * carrying the same idempotency key as the first.
 */
class NotificationsCrashTest {
    static final String PASSWORD = "crash-test-password";

    @TempDir
    Path dataDir;

    Map<String, String> env(int smtpPort) {
        var env = new HashMap<String, String>();
        env.put("DATABASE_URL", TestDatabase.fresh());
        env.put("DATA_DIR", dataDir.toString());
        env.put("PORT", Integer.toString(ServerProcess.freePort()));
        env.put("ADMIN_PASSWORD", PASSWORD);
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(smtpPort));
        env.put("SMTP_FROM", "hailong@so-ttp.example.gov.vn");
        env.put("SMTP_SECURITY", "none");
        // A delivery tick of 1 s and a first back-off of 1 s, so that the test does not wait 30 s for a retry.
        env.put("JAVA_TOOL_OPTIONS", "-Dhailong.deliverySeconds=1 -Dhailong.retrySeconds=1");
        return env;
    }

    static ApiClient signIn(int port) {
        var client = new ApiClient(port);
        var answer = client.post("/api/v1/session", Map.of("username", "admin", "password", PASSWORD));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        client.header("Cookie", answer.raw().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0]);
        client.header("X-CSRF-Token", answer.body().get("csrfToken").asText());
        return client;
    }

    static ServerProcess up(Map<String, String> env) throws InterruptedException {
        var server = ServerProcess.launch(env);
        server.awaitUp("/health", Duration.ofSeconds(120));
        return server;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void notifications_committed_before_a_kill_9_arrive_once_after_the_restart() throws Exception {
        int smtpPort = ServerProcess.freePort();
        int hookPort = ServerProcess.freePort();
        var env = env(smtpPort);
        String mailEvent;
        String hookEvent;
        var server = up(env);
        try {
            var admin = signIn(server.port);
            assertThat(admin.put("/api/v1/session/notifications", Map.of("email", "admin@tinh.example.gov.vn",
                    "topics", List.of())).status()).isEqualTo(200);
            var hook = admin.post("/api/v1/webhooks", Map.of("name", "một cửa", "url",
                    "http://127.0.0.1:" + hookPort + "/hook", "topics", List.of("case")));
            assertThat(hook.status()).isEqualTo(201);
            mailEvent = admin.post("/api/v1/session/notifications/test", Map.of()).body().get("event").asText();
            hookEvent = admin.post("/api/v1/webhooks/" + hook.body().get("webhook").get("id").asLong() + "/test", Map.of())
                    .body().get("event").asText();
            try (var dsl = TestApp.dsl(env.get("DATABASE_URL"))) {
                // Committed; tried against receivers that are down, so not delivered.
                await("a first attempt", Duration.ofSeconds(20), () -> one(dsl,
                        "select count(*) from outbox where attempts > 0", Integer.class) == 2);
                assertThat(one(dsl, "select count(*) from outbox where delivered_at is null", Integer.class)).isEqualTo(2);
            }
        } finally {
            server.kill();
        }

        var mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        mail.start();
        try (var receiver = new WebhookReceiver(hookPort, () -> 200, 0)) {
            var again = up(env);
            try {
                assertThat(mail.waitForIncomingEmail(30_000, 1)).isTrue();
                await("the webhook call", Duration.ofSeconds(30), () -> receiver.calls.size() >= 1);
                Thread.sleep(5000); // time enough for a second copy, if one were to come
                assertThat(mail.getReceivedMessages()).hasSize(1);
                var message = mail.getReceivedMessages()[0];
                assertThat(message.getSubject()).isEqualTo("Thư thử từ Hài Lòng");
                assertThat(message.getHeader("X-HaiLong-Event")[0]).isEqualTo(mailEvent);
                assertThat(message.getMessageID()).isEqualTo(Delivery.messageId(mailEvent, "hailong@so-ttp.example.gov.vn"));
                assertThat(receiver.calls).hasSize(1);
                assertThat(receiver.calls.get(0).header("Idempotency-Key")).isEqualTo(hookEvent);
                try (var dsl = TestApp.dsl(env.get("DATABASE_URL"))) {
                    assertThat(one(dsl, "select count(*) from outbox where delivered_at is not null", Integer.class))
                            .isEqualTo(2);
                }
            } finally {
                again.terminate(Duration.ofSeconds(60));
            }
        } finally {
            mail.stop();
        }
    }

    @Test
    void a_burst_killed_mid_delivery_all_arrives_and_without_a_kill_exactly_once() throws Exception {
        var env = env(ServerProcess.freePort());
        // A receiver slow enough (0.25 s a call) for the kill to come while it is being called.
        try (var receiver = new WebhookReceiver(0, () -> 200, 250)) {
            var server = up(env);
            var calm = new ArrayList<String>();
            var burst = new ArrayList<String>();
            try {
                var admin = signIn(server.port);
                var hook = admin.post("/api/v1/webhooks", Map.of("name", "một cửa", "url", receiver.url(),
                        "topics", List.of("case")));
                long id = hook.body().get("webhook").get("id").asLong();
                for (int i = 0; i < 20; i++) {
                    calm.add(admin.post("/api/v1/webhooks/" + id + "/test", Map.of()).body().get("event").asText());
                }
                await("the 20 calm notifications", Duration.ofSeconds(60), () -> receiver.calls.size() >= 20);
                Thread.sleep(3000);
                assertThat(receiver.calls).as("no kill: exactly one call each").hasSize(20);
                assertThat(receiver.calls.stream().map(c -> c.header("Idempotency-Key")).toList())
                        .containsExactlyInAnyOrderElementsOf(calm);

                for (int i = 0; i < 20; i++) {
                    burst.add(admin.post("/api/v1/webhooks/" + id + "/test", Map.of()).body().get("event").asText());
                }
                await("the burst under way", Duration.ofSeconds(30), () -> receiver.calls.size() >= 25);
            } finally {
                server.kill();
            }
            int atKill = receiver.calls.size();
            assertThat(atKill).as("killed mid-burst").isLessThan(40);
            var again = up(env);
            try {
                await("every notification of the burst", Duration.ofSeconds(60), () -> new HashSet<>(
                        receiver.calls.stream().map(c -> c.header("Idempotency-Key")).toList()).size() >= 40);
                Thread.sleep(3000);
            } finally {
                again.terminate(Duration.ofSeconds(60));
            }
            var burstCalls = receiver.calls.subList(20, receiver.calls.size()).stream()
                    .map(c -> c.header("Idempotency-Key")).toList();
            assertThat(new HashSet<>(burstCalls)).containsExactlyInAnyOrderElementsOf(burst);
            // The one row being sent at the kill may come again, with its own key: at most one copy.
            assertThat(burstCalls.size() - 20).as("copies").isBetween(0, 1);
            System.out.println("burst: " + (atKill - 20) + " calls before the kill, " + (burstCalls.size() - 20)
                    + " copy after it");
            try (var dsl = TestApp.dsl(env.get("DATABASE_URL"))) {
                assertThat(one(dsl, "select count(*) from outbox where delivered_at is not null", Integer.class))
                        .isEqualTo(40);
            }
        }
    }
}
