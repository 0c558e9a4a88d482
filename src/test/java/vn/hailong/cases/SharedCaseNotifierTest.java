package vn.hailong.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;

/**
 * The case notifier runs on every server: several passing at once share the new cases ({@code for update skip locked})
 * and hand each to the outbox once.
 */
class SharedCaseNotifierTest {
    static final int CASES = 250; // more than two of a notifier's batches (100): the three share the work

    @Test
    void notifiers_of_three_servers_passing_at_once_hand_each_case_to_the_outbox_once() throws Exception {
        try (var app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
             var dsl = app.dsl()) {
            var admin = ApiClient.signIn(app, "admin", "test-admin-password");
            long unit = admin.post("/api/v1/units", Map.of("code", "SA", "nameVi", "Sở A", "kind", "department"))
                    .body().get("id").asLong();
            assertThat(admin.post("/api/v1/users", Map.of("username", "quanly.a", "password", "manager-password-1",
                    "role", "agency_manager", "unitId", unit, "displayName", "Quản lý A")).status()).isEqualTo(201);
            dsl.execute("update app_user set email = 'quanly.a@example.vn' where username = 'quanly.a'");
            dsl.execute("insert into notification_choice (user_id, topic) select id, 'case' from app_user"
                    + " where username = 'quanly.a'");
            var citizen = ApiClient.anonymous(app);
            for (int i = 0; i < CASES; i++) {
                var body = new LinkedHashMap<String, Object>(Map.of("submissionId", UUID.randomUUID().toString(),
                        "questionnaire", "KIOSK", "version", 1, "agency", "SA", "channel", "web",
                        "answers", Map.of("HL", 1), "comment", "Chờ quá lâu " + i));
                assertThat(citizen.post("/api/v1/responses", body).status()).isEqualTo(201);
            }
            assertThat(TestApp.one(dsl, "select count(*) from follow_up_case where notified_at is null", Long.class))
                    .isEqualTo((long) CASES);

            var pool = Executors.newFixedThreadPool(3);
            var go = new CountDownLatch(1);
            var handed = new ArrayList<Future<Integer>>();
            for (int s = 0; s < 3; s++) {
                handed.add(pool.submit(() -> {
                    // Each its own connection, as a separate server has; each passes until nothing is left.
                    try (var own = TestApp.dsl(app.databaseUrl)) {
                        var notifier = new CaseNotifier(own, null, "https://hailong.example.gov.vn");
                        own.fetch("select 1"); // connected before the start
                        go.await();
                        int total = 0;
                        for (int n = notifier.pass(); n > 0; n = notifier.pass()) {
                            total += n;
                        }
                        System.out.println("one notifier handed " + total + " cases");
                        return total;
                    }
                }));
            }
            go.countDown();
            int total = 0;
            for (var f : handed) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(total).as("cases handed over by the three notifiers together").isEqualTo(CASES);
            assertThat(TestApp.one(dsl, "select count(*) from outbox where event_key like 'case:%:opened'", Long.class))
                    .isEqualTo((long) CASES);
            assertThat(TestApp.one(dsl, "select count(distinct event_key) from outbox where event_key like 'case:%'",
                    Long.class)).isEqualTo((long) CASES);
            assertThat(TestApp.one(dsl, "select count(*) from follow_up_case where notified_at is null", Long.class))
                    .isZero();
        }
    }
}
