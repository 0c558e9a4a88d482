package vn.hailong.notify;

import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.UNIT;
import static vn.hailong.db.schema.Tables.WEBHOOK;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Record;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import vn.hailong.audit.AuditLog;
import vn.hailong.http.Invalid;
import vn.hailong.http.Requests;

/**
 * Webhooks, for administrators: GET and POST /api/v1/webhooks, PATCH /api/v1/webhooks/{id}, POST …/{id}/test. A new
 * webhook's secret is in the answer to its creation and nowhere else: it is kept to sign deliveries, never listed.
 */
public final class WebhooksApi {
    static final int MAX_URL = 2000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext dsl;

    public WebhooksApi(DSLContext dsl) {
        this.dsl = dsl;
    }

    record NewWebhook(String name, String url, List<String> topics, Long unitId) {
    }

    record WebhookChange(String name, String url, List<String> topics, Boolean active) {
    }

    public record Webhook(long id, String name, String url, List<String> topics, Long unitId, String unitCode,
                          boolean active, String createdBy, OffsetDateTime createdAt) {
    }

    record Created(Webhook webhook, String secret) {
    }

    record Tested(String event) {
    }

    public void list(Context ctx) {
        ctx.json(dsl.select(WEBHOOK.asterisk(), UNIT.CODE).from(WEBHOOK).leftJoin(UNIT).on(UNIT.ID.eq(WEBHOOK.UNIT_ID))
                .orderBy(WEBHOOK.NAME, WEBHOOK.ID).fetch(WebhooksApi::webhook));
    }

    public void create(Context ctx) {
        var body = Requests.json(ctx, NewWebhook.class);
        var name = Requests.text("name", body.name(), 200);
        var url = url(body.url());
        var topics = NotificationsApi.topics(body.topics());
        if (topics.isEmpty()) {
            throw Invalid.field("topics", "must name at least one of " + NotificationsApi.TOPICS);
        }
        var secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        var created = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            if (body.unitId() != null && !tx.fetchExists(UNIT, UNIT.ID.eq(body.unitId()))) {
                throw Invalid.field("unitId", "no unit has id " + body.unitId());
            }
            long id = tx.insertInto(WEBHOOK)
                    .set(WEBHOOK.NAME, name)
                    .set(WEBHOOK.URL, url)
                    .set(WEBHOOK.SECRET, secret)
                    .set(WEBHOOK.TOPICS, topics.toArray(String[]::new))
                    .set(WEBHOOK.UNIT_ID, body.unitId())
                    .set(WEBHOOK.CREATED_BY, principal(ctx).actor())
                    .returning(WEBHOOK.ID)
                    .fetchSingle(WEBHOOK.ID);
            var webhook = find(tx, id).orElseThrow();
            AuditLog.record(tx, principal(ctx), "create", "webhook", id, webhook.unitId(), null, webhook);
            return webhook;
        });
        ctx.status(HttpStatus.CREATED).json(new Created(created, secret));
    }

    public void update(Context ctx) {
        long id = Requests.id(ctx, "id");
        var body = Requests.json(ctx, WebhookChange.class);
        var name = body.name() == null ? null : Requests.text("name", body.name(), 200);
        var url = body.url() == null ? null : url(body.url());
        var topics = body.topics() == null ? null : NotificationsApi.topics(body.topics());
        if (topics != null && topics.isEmpty()) {
            throw Invalid.field("topics", "must name at least one of " + NotificationsApi.TOPICS);
        }
        var after = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = find(tx, id).orElseThrow(() -> new NotFoundResponse("No such webhook: " + id));
            tx.update(WEBHOOK)
                    .set(WEBHOOK.NAME, name == null ? before.name() : name)
                    .set(WEBHOOK.URL, url == null ? before.url() : url)
                    .set(WEBHOOK.TOPICS, (topics == null ? before.topics() : topics).toArray(String[]::new))
                    .set(WEBHOOK.ACTIVE, body.active() == null ? before.active() : body.active())
                    .where(WEBHOOK.ID.eq(id))
                    .execute();
            var now = find(tx, id).orElseThrow();
            AuditLog.record(tx, principal(ctx), "update", "webhook", id, now.unitId(), before, now);
            return now;
        });
        ctx.json(after);
    }

    public void test(Context ctx) {
        long id = Requests.id(ctx, "id");
        var event = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var webhook = find(tx, id).orElseThrow(() -> new NotFoundResponse("No such webhook: " + id));
            if (!webhook.active()) {
                throw new ConflictResponse("The webhook '" + webhook.name() + "' is deactivated; activate it first.");
            }
            var key = Outbox.testToWebhook(tx, id, webhook.url(), Map.of("message", "Sự kiện thử từ Hài Lòng",
                    "webhook", webhook.name()));
            AuditLog.record(tx, principal(ctx), "test", "webhook", id, webhook.unitId(), null, Map.of("event", key));
            return key;
        });
        ctx.status(HttpStatus.ACCEPTED).json(new Tested(event));
    }

    private static Optional<Webhook> find(DSLContext tx, long id) {
        return tx.select(WEBHOOK.asterisk(), UNIT.CODE).from(WEBHOOK).leftJoin(UNIT).on(UNIT.ID.eq(WEBHOOK.UNIT_ID))
                .where(WEBHOOK.ID.eq(id)).fetchOptional(WebhooksApi::webhook);
    }

    private static Webhook webhook(Record r) {
        return new Webhook(r.get(WEBHOOK.ID), r.get(WEBHOOK.NAME), r.get(WEBHOOK.URL),
                Arrays.asList(r.get(WEBHOOK.TOPICS)), r.get(WEBHOOK.UNIT_ID), r.get(UNIT.CODE), r.get(WEBHOOK.ACTIVE),
                r.get(WEBHOOK.CREATED_BY), r.get(WEBHOOK.CREATED_AT));
    }

    /** An absolute http or https address with a host, no user name or password in it. */
    static String url(String value) {
        var url = Requests.text("url", value, MAX_URL);
        try {
            var uri = new URI(url);
            if (uri.getScheme() == null || !uri.getScheme().toLowerCase(java.util.Locale.ROOT).matches("https?")) {
                throw Invalid.field("url", "must start with https:// (or http://)");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw Invalid.field("url", "must name a host, e.g. https://example.gov.vn/hooks/hailong");
            }
            if (uri.getRawUserInfo() != null) {
                throw Invalid.field("url", "must not hold a user name or password; the signature authenticates us");
            }
            if (uri.getFragment() != null) {
                throw Invalid.field("url", "must not hold a fragment (#…)");
            }
            return url;
        } catch (URISyntaxException e) {
            throw Invalid.field("url", "is not a valid address: " + e.getReason());
        }
    }

    private static byte[] randomBytes() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
