package vn.hailong.notify;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static vn.hailong.db.schema.Tables.OUTBOX;
import static vn.hailong.db.schema.Tables.WEBHOOK;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * Delivers the outbox (sql/V10), in the background: every tick it claims the rows that are due, one at a time, each
 * in its own transaction ({@code for update skip locked}, so several processes share the work and never send a row
 * twice at once), sends it and marks it delivered in that same transaction. A failed send is counted, its error kept
 * (short, no secrets) and the row tried again after an exponential back-off, until {@link Backoff#maxAttempts()},
 * after which it is given up. E-mail rows wait while no SMTP server is set.
 *
 * <p>Exactly once, with one honest limit: a process killed after the receiver accepted a row and before the commit
 * sends it once more after the restart, with the same Message-ID or Idempotency-Key (docs/notifications.md).
 */
public final class Delivery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How long a connection, an SMTP exchange or a webhook's answer may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** At most this many rows a tick; the next tick goes on. */
    static final int PER_TICK = 200;
    static final int MAX_ERROR = 300;

    /** How long to wait before the next attempt: first × 2^(attempts − 1), at most longest, maxAttempts in all. */
    public record Backoff(Duration first, Duration longest, int maxAttempts) {
        /** 30 s doubling to an hour, then hourly: 80 attempts take about three days, a receiver's long weekend. */
        public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 80);

        /** The wait after the {@code attempts}-th failed attempt (1, 2, …). */
        public Duration after(int attempts) {
            long millis = first.toMillis();
            for (int i = 1; i < attempts && millis < longest.toMillis(); i++) {
                millis *= 2;
            }
            return Duration.ofMillis(Math.min(millis, longest.toMillis()));
        }
    }

    /** What became of a row. */
    public enum Outcome { DELIVERED, FAILED, GAVE_UP }

    private final DSLContext dsl;
    private final Optional<Smtp> smtp;
    private final Attachments attachments;
    private final Backoff backoff;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService executor;

    /**
     * Starts delivering every {@code tick} (none when tick is zero: tests call {@link #deliverDue()} themselves).
     * {@code attachments} makes the files rows ask for; null when no feature makes any yet.
     */
    public Delivery(DSLContext dsl, Optional<Smtp> smtp, Attachments attachments, Backoff backoff, Duration tick) {
        this.dsl = dsl;
        this.smtp = smtp;
        this.attachments = attachments;
        this.backoff = backoff;
        this.clock = Clock.systemUTC();
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        if (smtp.isEmpty()) {
            log.info("event=email_not_configured detail=\"no SMTP_HOST: e-mail notifications wait in the outbox\"");
        }
        if (tick.isZero()) {
            this.executor = null;
        } else {
            this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
                var thread = new Thread(task, "delivery");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            log.warn("event=delivery_failed error=\"{}\"", brief(e.toString()));
        }
    }

    /** Delivers every row due now (at most {@link #PER_TICK}); returns how many were delivered. */
    public int deliverDue() {
        int delivered = 0;
        for (int i = 0; i < PER_TICK; i++) {
            var outcome = deliverOne();
            if (outcome.isEmpty()) {
                break;
            }
            if (outcome.get() == Outcome.DELIVERED) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Claims one due row and delivers it, all in one transaction; empty when none is due. */
    public Optional<Outcome> deliverOne() {
        return dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var row = tx.select(OUTBOX.asterisk(), WEBHOOK.SECRET, WEBHOOK.ACTIVE)
                    .from(OUTBOX)
                    .leftJoin(WEBHOOK).on(WEBHOOK.ID.eq(OUTBOX.WEBHOOK_ID))
                    .where(OUTBOX.DELIVERED_AT.isNull())
                    .and(OUTBOX.GAVE_UP_AT.isNull())
                    .and(OUTBOX.NEXT_ATTEMPT_AT.le(currentOffsetDateTime()))
                    .and(smtp.isPresent() ? noCondition() : OUTBOX.CHANNEL.ne("email"))
                    .orderBy(OUTBOX.NEXT_ATTEMPT_AT, OUTBOX.ID)
                    .limit(1)
                    .forUpdate().of(OUTBOX).skipLocked()
                    .fetchOptional();
            if (row.isEmpty()) {
                return Optional.<Outcome>empty();
            }
            return Optional.of(deliver(tx, row.get()));
        });
    }

    private Outcome deliver(DSLContext tx, Record row) {
        long id = row.get(OUTBOX.ID);
        var channel = row.get(OUTBOX.CHANNEL);
        var eventKey = row.get(OUTBOX.EVENT_KEY);
        int attempts = row.get(OUTBOX.ATTEMPTS) + 1;
        if (channel.equals("webhook") && !Boolean.TRUE.equals(row.get(WEBHOOK.ACTIVE))) {
            return giveUp(tx, id, eventKey, channel, attempts - 1, "the webhook was deactivated");
        }
        try {
            if (channel.equals("email")) {
                sendEmail(row);
            } else {
                sendWebhook(row);
            }
        } catch (Undelivered e) {
            var error = brief(e.getMessage());
            if (attempts >= backoff.maxAttempts()) {
                return giveUp(tx, id, eventKey, channel, attempts, error);
            }
            var wait = backoff.after(attempts);
            tx.update(OUTBOX)
                    .set(OUTBOX.ATTEMPTS, attempts)
                    .set(OUTBOX.LAST_ERROR, error)
                    .set(OUTBOX.NEXT_ATTEMPT_AT, currentOffsetDateTime().plus(
                            field("{0} * interval '1 millisecond'", OffsetDateTime.class, inline(wait.toMillis()))))
                    .where(OUTBOX.ID.eq(id))
                    .execute();
            log.warn("event=notification_failed id={} event_key={} channel={} attempt={} retry_in_s={} error=\"{}\"", id,
                    eventKey, channel, attempts, wait.toSeconds(), error);
            return Outcome.FAILED;
        }
        tx.update(OUTBOX)
                .set(OUTBOX.ATTEMPTS, attempts)
                .set(OUTBOX.DELIVERED_AT, currentOffsetDateTime())
                .where(OUTBOX.ID.eq(id))
                .execute();
        log.info("event=notification_delivered id={} event_key={} channel={} attempt={}", id, eventKey, channel,
                attempts);
        return Outcome.DELIVERED;
    }

    private static Outcome giveUp(DSLContext tx, long id, String eventKey, String channel, int attempts, String error) {
        tx.update(OUTBOX)
                .set(OUTBOX.ATTEMPTS, attempts)
                .set(OUTBOX.LAST_ERROR, error)
                .set(OUTBOX.GAVE_UP_AT, currentOffsetDateTime())
                .where(OUTBOX.ID.eq(id))
                .execute();
        log.warn("event=notification_gave_up id={} event_key={} channel={} attempts={} error=\"{}\"", id, eventKey,
                channel, attempts, error);
        return Outcome.GAVE_UP;
    }

    /** A send that did not succeed, with what to keep of why (short, no secrets). */
    static final class Undelivered extends Exception {
        Undelivered(String message) {
            super(message, null, false, false);
        }
    }

    // --- e-mail -------------------------------------------------------------------------------------------------

    private void sendEmail(Record row) throws Undelivered {
        var server = smtp.orElseThrow();
        try {
            var session = Session.getInstance(properties(server));
            var message = new StableIdMessage(session, messageId(row.get(OUTBOX.EVENT_KEY), server.from()));
            message.setFrom(new InternetAddress(server.from(), "Hài Lòng", "UTF-8"));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(row.get(OUTBOX.ADDRESS), true));
            message.setSubject(row.get(OUTBOX.SUBJECT), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("X-HaiLong-Event", row.get(OUTBOX.EVENT_KEY));
            var attachment = row.get(OUTBOX.ATTACHMENT);
            if (attachment == null) {
                message.setText(row.get(OUTBOX.BODY), "UTF-8", "plain");
            } else {
                var file = attachment(attachment.data());
                var text = new MimeBodyPart();
                text.setText(row.get(OUTBOX.BODY), "UTF-8", "plain");
                var part = new MimeBodyPart();
                part.setDataHandler(new jakarta.activation.DataHandler(
                        new ByteArrayDataSource(file.content(), file.contentType())));
                part.setFileName(jakarta.mail.internet.MimeUtility.encodeText(file.fileName(), "UTF-8", null));
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                message.setContent(new MimeMultipart(text, part));
            }
            message.saveChanges();
            if (server.username().isPresent()) {
                Transport.send(message, server.username().get(), server.password().orElse(""));
            } else {
                Transport.send(message);
            }
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
            throw new Undelivered("SMTP: " + mailError(e));
        }
    }

    private Attachment attachment(String spec) throws Undelivered {
        if (attachments == null) {
            throw new Undelivered("no maker of attachments is registered for " + brief(spec));
        }
        try {
            return attachments.make(MAPPER.readTree(spec));
        } catch (IOException | RuntimeException e) {
            throw new Undelivered("the attachment could not be made: " + e.getMessage());
        }
    }

    private static Properties properties(Smtp server) {
        var p = new Properties();
        var protocol = server.security() == Smtp.Security.TLS ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", server.host());
        p.put("mail." + protocol + ".port", Integer.toString(server.port()));
        p.put("mail." + protocol + ".from", server.from());
        p.put("mail." + protocol + ".connectiontimeout", Long.toString(TIMEOUT.toMillis()));
        p.put("mail." + protocol + ".timeout", Long.toString(TIMEOUT.toMillis()));
        p.put("mail." + protocol + ".writetimeout", Long.toString(TIMEOUT.toMillis()));
        p.put("mail." + protocol + ".auth", Boolean.toString(server.username().isPresent()));
        if (server.security() == Smtp.Security.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (server.security() != Smtp.Security.NONE) {
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return p;
    }

    /** The same for every send of an event: a mail client that receives it twice shows it once. */
    static String messageId(String eventKey, String from) {
        var domain = from.substring(from.lastIndexOf('@') + 1);
        return "<" + HexFormat.of().formatHex(sha256(eventKey), 0, 16) + ".hailong@" + domain + ">";
    }

    /** A message whose Message-ID is ours, not a fresh one at each saveChanges. */
    private static final class StableIdMessage extends MimeMessage {
        private final String id;

        StableIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    private static String mailError(Exception e) {
        var text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            text += " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
                    + ")";
        }
        return text;
    }

    // --- webhooks -----------------------------------------------------------------------------------------------

    private void sendWebhook(Record row) throws Undelivered {
        var body = row.get(OUTBOX.PAYLOAD).data();
        var eventKey = row.get(OUTBOX.EVENT_KEY);
        long timestamp = clock.instant().getEpochSecond();
        HttpResponse<Void> response;
        try {
            var request = HttpRequest.newBuilder(URI.create(row.get(OUTBOX.ADDRESS)))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "HaiLong-Webhooks/1")
                    .header("Idempotency-Key", eventKey)
                    .header("X-HaiLong-Event", eventKey)
                    .header("X-HaiLong-Timestamp", Long.toString(timestamp))
                    .header("X-HaiLong-Signature", signature(row.get(WEBHOOK.SECRET), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new Undelivered("no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new Undelivered("could not connect to " + hostOf(row.get(OUTBOX.ADDRESS)));
        } catch (IOException | IllegalArgumentException e) {
            throw new Undelivered(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Undelivered("interrupted while sending");
        }
        if (response.statusCode() / 100 != 2) {
            throw new Undelivered("the receiver answered HTTP " + response.statusCode());
        }
    }

    /**
     * The X-HaiLong-Signature header: "sha256=" and the lowercase hex HMAC-SHA256, keyed with the webhook's secret
     * (its UTF-8 bytes), of the X-HaiLong-Timestamp value, a full stop and the body's bytes.
     */
    public static String signature(String secret, long timestamp, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostOf(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "the webhook's address";
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String brief(String text) {
        if (text == null) {
            return "unknown error";
        }
        var line = text.replaceAll("[\\r\\n\"]+", " ").strip();
        return line.length() > MAX_ERROR ? line.substring(0, MAX_ERROR) + "…" : line;
    }

    /** Stops delivering, after the row under way if any. */
    @Override
    public void close() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
