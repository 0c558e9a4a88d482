package vn.hailong.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.TestApp.one;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.auth.Fixtures;

/** Each person's choices, their test e-mail, the webhooks and the record of who was told, through the HTTP API. */
class NotificationsApiTest {
    static TestApp app;
    static CloseableDSLContext dsl;
    static Fixtures f;
    static ApiClient admin;
    static ApiClient manager;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        dsl = app.dsl();
        f = new Fixtures(dsl);
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        manager = ApiClient.signIn(app, "manager", "manager-password");
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    @Test
    void a_person_reads_and_sets_their_address_and_topics() {
        var mine = manager.get("/api/v1/session/notifications");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().get("email").isNull()).isTrue();
        assertThat(mine.body().get("topics")).isEmpty();
        assertThat(mine.body().get("available").toString()).isEqualTo("[\"alert\",\"case\",\"digest\",\"report\"]");
        assertThat(mine.body().get("emailConfigured").asBoolean()).isFalse();

        var saved = manager.put("/api/v1/session/notifications", Map.of("email", " truong.phong@so-a.example.gov.vn ",
                "topics", List.of("report", "alert", "alert")));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().get("email").asText()).isEqualTo("truong.phong@so-a.example.gov.vn");
        assertThat(saved.body().get("topics").toString()).isEqualTo("[\"alert\",\"report\"]");
        assertThat(manager.get("/api/v1/session/notifications").body()).isEqualTo(saved.body());
        assertThat(one(dsl, "select count(*) from audit_event where entity = 'notification_choices' and entity_id = {0}",
                Integer.class, Long.toString(f.manager))).isEqualTo(1);

        var cleared = manager.put("/api/v1/session/notifications", Map.of("email", "", "topics", List.of()));
        assertThat(cleared.body().get("email").isNull()).isTrue();
        assertThat(cleared.body().get("topics")).isEmpty();
    }

    @Test
    void an_interviewer_who_reads_no_agency_data_may_not_choose_to_receive_it() {
        var interviewer = ApiClient.signIn(app, "interviewer", "interviewer-password");
        var refused = interviewer.put("/api/v1/session/notifications", Map.of("email", "dieu.tra@so-a.example.gov.vn",
                "topics", List.of("case")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("field").asText()).isEqualTo("topics");
        var addressOnly = interviewer.put("/api/v1/session/notifications", Map.of("email", "dieu.tra@so-a.example.gov.vn",
                "topics", List.of()));
        assertThat(addressOnly.status()).isEqualTo(200);
    }

    @Test
    void a_bad_address_or_topic_is_refused_naming_the_field() {
        for (var bad : List.of("not-an-address", "a@b", "two@a.vn, three@b.vn", "Tên <ten@so.vn>", "a@b.vn\r\nBcc: x@y.vn",
                "x".repeat(250) + "@a.vn")) {
            var answer = manager.put("/api/v1/session/notifications", Map.of("email", bad, "topics", List.of()));
            assertThat(answer.status()).as(bad).isEqualTo(422);
            assertThat(answer.body().get("field").asText()).isEqualTo("email");
        }
        var topic = manager.put("/api/v1/session/notifications", Map.of("email", "a@so.vn", "topics", List.of("spam")));
        assertThat(topic.status()).isEqualTo(422);
        assertThat(topic.body().get("field").asText()).isEqualTo("topics");
        var missing = manager.put("/api/v1/session/notifications", Map.of("email", "a@so.vn"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().get("field").asText()).isEqualTo("topics");
        var notList = manager.send("PUT", "/api/v1/session/notifications", "{\"topics\": \"alert\"}", "application/json");
        assertThat(notList.status()).isEqualTo(400);
        assertThat(notList.body().get("field").asText()).isEqualTo("topics");
    }

    @Test
    void the_test_button_writes_one_email_to_me_only_which_arrives() throws Exception {
        var analyst = ApiClient.signIn(app, "analyst", "analyst-password");
        var without = analyst.post("/api/v1/session/notifications/test", Map.of());
        assertThat(without.status()).isEqualTo(422);
        assertThat(without.body().get("field").asText()).isEqualTo("email");

        analyst.put("/api/v1/session/notifications", Map.of("email", "phan.tich@tinh.example.gov.vn", "topics", List.of()));
        var first = analyst.post("/api/v1/session/notifications/test", Map.of());
        var second = analyst.post("/api/v1/session/notifications/test", Map.of());
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.body().get("address").asText()).isEqualTo("phan.tich@tinh.example.gov.vn");
        assertThat(first.body().get("event").asText()).isNotEqualTo(second.body().get("event").asText());
        var event = first.body().get("event").asText();
        assertThat(one(dsl, "select count(*) from outbox where event_key = {0}", Integer.class, event)).isEqualTo(1);
        assertThat(one(dsl, "select user_id from outbox where event_key = {0}", Long.class, event)).isEqualTo(f.analyst);

        var mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        try {
            var smtp = new Smtp("127.0.0.1", mail.getSmtp().getPort(), Optional.empty(), Optional.empty(),
                    "hailong@example.gov.vn", Smtp.Security.NONE);
            new Delivery(dsl, Optional.of(smtp), null, Delivery.Backoff.DEFAULT, Duration.ZERO).deliverDue();
            assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
            var message = mail.getReceivedMessages()[0];
            assertThat(message.getSubject()).isEqualTo("Thư thử từ Hài Lòng");
            assertThat((String) message.getContent()).contains("Đây là thư thử");
            assertThat(message.getAllRecipients()[0].toString()).isEqualTo("phan.tich@tinh.example.gov.vn");
        } finally {
            mail.stop();
        }
        var log = admin.get("/api/v1/notifications?topic=test&status=delivered");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body().get("notifications").findValuesAsText("event")).contains(event);
        assertThat(log.body().get("notifications").get(0).get("recipient").asText()).isEqualTo("analyst");
    }

    @Test
    void an_admin_registers_a_webhook_sees_its_secret_once_and_tests_it() {
        var bad = admin.post("/api/v1/webhooks", Map.of("name", "x", "url", "ftp://example.gov.vn/", "topics",
                List.of("alert")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body().get("field").asText()).isEqualTo("url");
        for (var url : List.of("file:///etc/passwd", "javascript:alert(1)", "https://", "https://user:pw@example.gov.vn/h",
                "not a url")) {
            var answer = admin.post("/api/v1/webhooks", Map.of("name", "x", "url", url, "topics", List.of("alert")));
            assertThat(answer.status()).as(url).isEqualTo(422);
            assertThat(answer.body().get("field").asText()).isEqualTo("url");
        }
        var noTopic = admin.post("/api/v1/webhooks", Map.of("name", "x", "url", "https://a.vn/h", "topics", List.of()));
        assertThat(noTopic.body().get("field").asText()).isEqualTo("topics");
        var badUnit = admin.post("/api/v1/webhooks", Map.of("name", "x", "url", "https://a.vn/h", "topics",
                List.of("case"), "unitId", 999999));
        assertThat(badUnit.body().get("field").asText()).isEqualTo("unitId");

        var created = admin.post("/api/v1/webhooks", Map.of("name", "Hệ thống một cửa", "url",
                "https://motcua.example.gov.vn/hooks/hailong", "topics", List.of("case", "alert"), "unitId", f.unitA));
        assertThat(created.status()).isEqualTo(201);
        var secret = created.body().get("secret").asText();
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        long id = created.body().get("webhook").get("id").asLong();
        assertThat(created.body().get("webhook").get("unitCode").asText()).isEqualTo("A");

        var list = admin.get("/api/v1/webhooks");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw().body()).contains("Hệ thống một cửa").doesNotContain(secret).doesNotContain("secret");
        assertThat(one(dsl, "select after::text from audit_event where entity = 'webhook' and action = 'create'",
                String.class)).doesNotContain(secret);

        var tested = admin.post("/api/v1/webhooks/" + id + "/test", Map.of());
        assertThat(tested.status()).isEqualTo(202);
        var event = tested.body().get("event").asText();
        assertThat(dsl.fetch("select webhook_id, channel from outbox where event_key = {0}", event))
                .hasSize(1).allSatisfy(r -> assertThat(r.get(0, Long.class)).isEqualTo(id));

        var changed = admin.patch("/api/v1/webhooks/" + id, Map.of("active", false, "topics", List.of("digest")));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("active").asBoolean()).isFalse();
        assertThat(changed.body().get("topics").toString()).isEqualTo("[\"digest\"]");
        assertThat(admin.post("/api/v1/webhooks/" + id + "/test", Map.of()).status()).isEqualTo(409);
        assertThat(admin.patch("/api/v1/webhooks/" + id, Map.of("url", "gopher://x")).body().get("field").asText())
                .isEqualTo("url");
        assertThat(admin.patch("/api/v1/webhooks/999999", Map.of("active", true)).status()).isEqualTo(404);
        assertThat(one(dsl, "select count(*) from audit_event where entity = 'webhook'", Integer.class)).isEqualTo(3);
    }

    @Test
    void the_delivery_log_filters_by_status_and_topic_and_refuses_unknown_ones() {
        assertThat(admin.get("/api/v1/notifications?status=lost").body().get("field").asText()).isEqualTo("status");
        assertThat(admin.get("/api/v1/notifications?topic=spam").body().get("field").asText()).isEqualTo("topic");
        assertThat(admin.get("/api/v1/notifications?size=0").body().get("field").asText()).isEqualTo("size");
        var page = admin.get("/api/v1/notifications?status=waiting&size=1");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("size").asInt()).isEqualTo(1);
        assertThat(manager.get("/api/v1/notifications").status()).isEqualTo(403);
        assertThat(manager.get("/api/v1/webhooks").status()).isEqualTo(403);
    }

    @Test
    void an_admin_sets_a_users_address_on_creation_and_change() {
        var created = admin.post("/api/v1/users", Map.of("username", "lan.tran", "password", "a-long-password",
                "role", "analyst", "email", "lan.tran@tinh.example.gov.vn"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("email").asText()).isEqualTo("lan.tran@tinh.example.gov.vn");
        long id = created.body().get("id").asLong();
        var bad = admin.patch("/api/v1/users/" + id, Map.of("email", "lan.tran@"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body().get("field").asText()).isEqualTo("email");
        assertThat(admin.patch("/api/v1/users/" + id, Map.of("displayName", "Lan")).body().get("email").asText())
                .as("unchanged when not given").isEqualTo("lan.tran@tinh.example.gov.vn");
        assertThat(admin.patch("/api/v1/users/" + id, Map.of("email", "")).body().get("email").isNull()).isTrue();
        var badNew = admin.post("/api/v1/users", Map.of("username", "x.y", "password", "a-long-password",
                "role", "analyst", "email", "x@y"));
        assertThat(badNew.body().get("field").asText()).isEqualTo("email");
    }
}
