package vn.hailong.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.TestApp.one;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import vn.hailong.TestApp;
import vn.hailong.auth.Fixtures;

/**
 * Delivery on real components: e-mail through a real SMTP server (GreenMail, in this JVM) and webhooks to a real HTTP
 * receiver, with the outbox in PostgreSQL.
 */
class DeliveryTest {
    static final String FROM = "hailong@so-ttp.example.gov.vn";
    static TestApp app;
    static CloseableDSLContext dsl;
    static Fixtures f;
    GreenMail mail;
    Smtp smtp;

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

    @BeforeEach
    void mailServer() {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        smtp = new Smtp("127.0.0.1", mail.getSmtp().getPort(), Optional.empty(), Optional.empty(), FROM,
                Smtp.Security.NONE);
        dsl.execute("update outbox set gave_up_at = now() where delivered_at is null and gave_up_at is null");
        dsl.execute("delete from notification_choice");
        dsl.execute("update app_user set email = null");
        dsl.execute("update webhook set active = false");
    }

    @AfterEach
    void stopMail() {
        mail.stop();
    }

    static final Delivery.Backoff FAST = new Delivery.Backoff(Duration.ofMillis(100), Duration.ofMillis(400), 12);

    Delivery delivery(Attachments attachments) {
        return new Delivery(dsl, Optional.of(smtp), attachments, FAST, Duration.ZERO);
    }

    static void choose(long user, String email, String... topics) {
        dsl.execute("update app_user set email = {0} where id = {1}", email, user);
        for (var topic : topics) {
            dsl.execute("insert into notification_choice (user_id, topic) values ({0}, {1})", user, topic);
        }
    }

    static Notice alert(String key) {
        return new Notice(Notice.ALERT, key, f.unitA1, "Cảnh báo: chỉ số hài lòng của Văn phòng A1 giảm",
                "Chỉ số hài lòng của Văn phòng A1 giảm từ 82,4 xuống 71,0 (khoảng tin cậy 95 %: 66,2–75,8).\n"
                        + "Tiêu chí thay đổi nhiều nhất: thời gian chờ đợi.",
                Map.of("unit", "A1", "index", 71.0), null);
    }

    @Test
    void an_email_arrives_in_utf8_with_its_subject_a_stable_message_id_and_the_event_header() throws Exception {
        choose(f.manager, "truong.phong@so-a.example.gov.vn", Notice.ALERT);
        int added = dsl.transactionResult(trx -> Outbox.add(trx.dsl(), alert("alert:mail-1")));
        assertThat(added).isEqualTo(1);
        assertThat(delivery(null).deliverDue()).isEqualTo(1);

        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        var message = mail.getReceivedMessages()[0];
        assertThat(message.getSubject()).isEqualTo("Cảnh báo: chỉ số hài lòng của Văn phòng A1 giảm");
        assertThat(message.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("utf-8");
        assertThat((String) message.getContent()).contains("giảm từ 82,4 xuống 71,0", "thời gian chờ đợi");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("truong.phong@so-a.example.gov.vn");
        assertThat(message.getFrom()[0].toString()).contains(FROM);
        assertThat(message.getHeader("X-HaiLong-Event")[0]).isEqualTo("alert:mail-1");
        var id = message.getMessageID();
        assertThat(id).isEqualTo(Delivery.messageId("alert:mail-1", FROM)).matches("<[0-9a-f]{32}\\.hailong@so-ttp\\.example\\.gov\\.vn>");
        assertThat(one(dsl, "select count(*) from outbox where event_key = 'alert:mail-1' and delivered_at is not null"
                + " and attempts = 1", Integer.class)).isEqualTo(1);
        assertThat(delivery(null).deliverDue()).as("a delivered row is not sent again").isZero();

        // As after a crash between the server's acceptance and our commit: the row is sent again, and its copy
        // carries the same Message-ID, which mail programs recognise.
        dsl.execute("update outbox set delivered_at = null where event_key = 'alert:mail-1'");
        assertThat(delivery(null).deliverDue()).isEqualTo(1);
        assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(mail.getReceivedMessages()[1].getMessageID()).isEqualTo(id);
    }

    @Test
    void an_attachment_is_made_at_delivery_by_the_maker_given() throws Exception {
        choose(f.manager, "truong.phong@so-a.example.gov.vn", Notice.REPORT);
        var asked = new ArrayList<String>();
        Attachments maker = spec -> {
            asked.add(spec.toString());
            return new Attachment("Báo cáo tháng 11-2026.pdf", "application/pdf",
                    "%PDF-1.4 tiny".getBytes(StandardCharsets.US_ASCII));
        };
        var notice = new Notice(Notice.REPORT, "report:A:2026-11", f.unitA, "Báo cáo tháng 11/2026: Sở A",
                "Báo cáo định kỳ kèm theo thư này.", Map.of(), Map.of("report", Map.of("unit", "A", "month", "2026-11")));
        dsl.transaction(trx -> Outbox.add(trx.dsl(), notice));
        assertThat(delivery(maker).deliverDue()).isEqualTo(1);

        assertThat(asked).containsExactly("{\"report\":{\"unit\":\"A\",\"month\":\"2026-11\"}}");
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        var message = mail.getReceivedMessages()[0];
        var parts = (Multipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat((String) parts.getBodyPart(0).getContent()).isEqualTo("Báo cáo định kỳ kèm theo thư này.");
        var file = parts.getBodyPart(1);
        assertThat(file.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(file.getFileName())).isEqualTo("Báo cáo tháng 11-2026.pdf");
        assertThat(file.getContentType()).startsWith("application/pdf");
        assertThat(file.getInputStream().readAllBytes()).isEqualTo("%PDF-1.4 tiny".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void a_row_asking_for_an_attachment_with_no_maker_fails_saying_so_and_is_retried() {
        choose(f.manager, "truong.phong@so-a.example.gov.vn", Notice.REPORT);
        var notice = new Notice(Notice.REPORT, "report:A:2026-10", f.unitA, "Báo cáo", "Kèm theo.", Map.of(),
                Map.of("report", Map.of("unit", "A")));
        dsl.transaction(trx -> Outbox.add(trx.dsl(), notice));
        assertThat(delivery(null).deliverOne()).contains(Delivery.Outcome.FAILED);
        var row = dsl.fetchSingle("select attempts, last_error, delivered_at, gave_up_at, next_attempt_at > now() as later"
                + " from outbox where event_key = 'report:A:2026-10'");
        assertThat(row.get("attempts", Integer.class)).isEqualTo(1);
        assertThat(row.get("last_error", String.class)).contains("no maker of attachments");
        assertThat(row.get("delivered_at")).isNull();
        assertThat(row.get("gave_up_at")).isNull();
        assertThat(row.get("later", Boolean.class)).isTrue();
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void without_an_smtp_server_email_rows_wait_untouched() {
        choose(f.manager, "truong.phong@so-a.example.gov.vn", Notice.ALERT);
        dsl.transaction(trx -> Outbox.add(trx.dsl(), alert("alert:no-smtp")));
        var unconfigured = new Delivery(dsl, Optional.empty(), null, FAST, Duration.ZERO);
        assertThat(unconfigured.deliverOne()).isEmpty();
        assertThat(one(dsl, "select attempts from outbox where event_key = 'alert:no-smtp'", Integer.class)).isZero();
        assertThat(delivery(null).deliverDue()).as("delivered once a server is set").isEqualTo(1);
    }

    @Test
    void an_unreachable_smtp_server_is_a_failure_to_retry() {
        choose(f.manager, "truong.phong@so-a.example.gov.vn", Notice.ALERT);
        dsl.transaction(trx -> Outbox.add(trx.dsl(), alert("alert:smtp-down")));
        var down = new Smtp("127.0.0.1", vn.hailong.ServerProcess.freePort(), Optional.empty(), Optional.empty(), FROM,
                Smtp.Security.NONE);
        assertThat(new Delivery(dsl, Optional.of(down), null, FAST, Duration.ZERO).deliverOne())
                .contains(Delivery.Outcome.FAILED);
        assertThat(one(dsl, "select last_error from outbox where event_key = 'alert:smtp-down'", String.class))
                .startsWith("SMTP: ").contains("connect");
    }

    long webhook(String url, String secret, String... topics) {
        return one(dsl, "insert into webhook (name, url, secret, topics, created_by) values ({0}, {1}, {2}, {3}, 'test')"
                + " returning id", Long.class, "hệ thống một cửa", url, secret, topics);
    }

    @Test
    void a_webhook_gets_the_event_signed_with_its_secret_and_keyed_for_idempotency() throws Exception {
        try (var receiver = new WebhookReceiver(() -> 204)) {
            webhook(receiver.url(), "whsec_the-receivers-secret", "alert");
            dsl.transaction(trx -> Outbox.add(trx.dsl(), alert("alert:hook-1")));
            long before = System.currentTimeMillis() / 1000;
            assertThat(delivery(null).deliverDue()).isEqualTo(1);

            assertThat(receiver.calls).hasSize(1);
            var call = receiver.calls.get(0);
            assertThat(call.header("Content-Type")).isEqualTo("application/json");
            assertThat(call.header("Idempotency-Key")).isEqualTo("alert:hook-1");
            assertThat(call.header("X-HaiLong-Event")).isEqualTo("alert:hook-1");
            long timestamp = Long.parseLong(call.header("X-HaiLong-Timestamp"));
            assertThat(timestamp).isBetween(before, before + 60);
            // What a receiver does: HMAC-SHA256 of "<timestamp>.<body>" with the secret, compared in constant time.
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("whsec_the-receivers-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            var expected = "sha256=" + java.util.HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + call.body()).getBytes(StandardCharsets.UTF_8)));
            assertThat(java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    call.header("X-HaiLong-Signature").getBytes(StandardCharsets.US_ASCII))).isTrue();
            var body = new ObjectMapper().readTree(call.body());
            assertThat(body.get("event").asText()).isEqualTo("alert:hook-1");
            assertThat(body.get("topic").asText()).isEqualTo("alert");
            assertThat(body.get("unit").asText()).isEqualTo("A1");
            assertThat(body.get("index").asDouble()).isEqualTo(71.0);
        }
    }

    @Test
    void a_receiver_failing_twice_gets_the_event_on_the_third_attempt_and_once() throws Exception {
        var answers = new AtomicInteger();
        try (var receiver = new WebhookReceiver(() -> answers.incrementAndGet() <= 2 ? 503 : 200)) {
            webhook(receiver.url(), "whsec_x", "alert");
            dsl.transaction(trx -> Outbox.add(trx.dsl(), alert("alert:flaky")));
            var delivery = delivery(null);
            assertThat(delivery.deliverOne()).contains(Delivery.Outcome.FAILED);
            assertThat(delivery.deliverOne()).as("not before its back-off").isEmpty();
            assertThat(one(dsl, "select last_error from outbox where event_key = 'alert:flaky'", String.class))
                    .isEqualTo("the receiver answered HTTP 503");
            awaitDelivered(delivery, "alert:flaky");
            Thread.sleep(600);
            assertThat(delivery.deliverDue()).isZero();

            assertThat(receiver.calls).hasSize(3);
            assertThat(receiver.accepted()).hasSize(1);
            assertThat(receiver.calls).extracting(c -> c.header("Idempotency-Key")).containsOnly("alert:flaky");
            assertThat(one(dsl, "select attempts from outbox where event_key = 'alert:flaky'", Integer.class)).isEqualTo(3);
        }
    }

    @Test
    void a_receiver_that_always_fails_is_given_up_after_the_most_attempts() throws Exception {
        try (var receiver = new WebhookReceiver(() -> 500)) {
            webhook(receiver.url(), "whsec_y", "alert");
            dsl.transaction(trx -> Outbox.add(trx.dsl(), alert("alert:dead")));
            var delivery = new Delivery(dsl, Optional.of(smtp), null,
                    new Delivery.Backoff(Duration.ofMillis(20), Duration.ofMillis(50), 4), Duration.ZERO);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (one(dsl, "select gave_up_at is null from outbox where event_key = 'alert:dead'", Boolean.class)) {
                delivery.deliverDue();
                Thread.sleep(30);
                assertThat(System.nanoTime()).as("given up in time").isLessThan(deadline);
            }
            var row = dsl.fetchSingle("select attempts, last_error, delivered_at from outbox where event_key = 'alert:dead'");
            assertThat(row.get("attempts", Integer.class)).isEqualTo(4);
            assertThat(row.get("last_error", String.class)).isEqualTo("the receiver answered HTTP 500");
            assertThat(row.get("delivered_at")).isNull();
            assertThat(receiver.calls).hasSize(4);
            Thread.sleep(100);
            assertThat(delivery.deliverDue()).isZero();
            assertThat(receiver.calls).hasSize(4);
        }
    }

    @Test
    void back_off_doubles_from_the_first_wait_up_to_the_longest() {
        var b = Delivery.Backoff.DEFAULT;
        assertThat(b.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.after(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.after(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(b.after(8)).isEqualTo(Duration.ofHours(1));
        assertThat(b.after(40)).isEqualTo(Duration.ofHours(1));
        // Before giving up: about three days, so a receiver down over a weekend still gets everything.
        var total = Duration.ZERO;
        for (int attempt = 1; attempt < b.maxAttempts(); attempt++) {
            total = total.plus(b.after(attempt));
        }
        assertThat(total).isBetween(Duration.ofHours(72), Duration.ofHours(80));
    }

    @Test
    void two_deliverers_sharing_the_outbox_send_each_row_once() throws Exception {
        try (var receiver = new WebhookReceiver(0, () -> 200, 20)) {
            webhook(receiver.url(), "whsec_z", "case");
            dsl.transaction(trx -> {
                for (int i = 0; i < 30; i++) {
                    Outbox.add(trx.dsl(), new Notice(Notice.CASE, "case:shared-" + i, f.unitA, "Phản ánh mới", "…",
                            Map.of(), null));
                }
            });
            var pool = Executors.newFixedThreadPool(3);
            var results = new ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 3; i++) {
                // Each its own connection, as separate processes would have.
                results.add(pool.submit(() -> {
                    try (var own = TestApp.dsl(app.databaseUrl)) {
                        return new Delivery(own, Optional.of(smtp), null, FAST, Duration.ZERO).deliverDue();
                    }
                }));
            }
            int delivered = 0;
            for (var r : results) {
                delivered += r.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(delivered).isEqualTo(30);
            assertThat(receiver.calls).hasSize(30);
            assertThat(receiver.calls.stream().map(c -> c.header("Idempotency-Key")).distinct().count()).isEqualTo(30);
        }
    }

    @Test
    void a_deactivated_webhooks_waiting_rows_are_given_up() throws Exception {
        try (var receiver = new WebhookReceiver(() -> 200)) {
            long hook = webhook(receiver.url(), "whsec_w", "digest");
            dsl.transaction(trx -> Outbox.add(trx.dsl(), new Notice(Notice.DIGEST, "digest:2026-11", null, "Bản tin",
                    "…", Map.of(), null)));
            dsl.execute("update webhook set active = false where id = {0}", hook);
            assertThat(delivery(null).deliverOne()).contains(Delivery.Outcome.GAVE_UP);
            assertThat(receiver.calls).isEmpty();
            assertThat(one(dsl, "select last_error from outbox where event_key = 'digest:2026-11'", String.class))
                    .isEqualTo("the webhook was deactivated");
        }
    }

    static void awaitDelivered(Delivery delivery, String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (one(dsl, "select delivered_at is null from outbox where event_key = {0}", Boolean.class, key)) {
            delivery.deliverDue();
            Thread.sleep(50);
            assertThat(System.nanoTime()).as("delivered in time").isLessThan(deadline);
        }
    }

    static String text(MimeMessage message) throws Exception {
        return (String) message.getContent();
    }
}
