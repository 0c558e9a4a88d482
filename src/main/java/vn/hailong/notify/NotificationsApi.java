package vn.hailong.notify;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.noCondition;
import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.APP_USER;
import static vn.hailong.db.schema.Tables.NOTIFICATION_CHOICE;
import static vn.hailong.db.schema.Tables.OUTBOX;
import static vn.hailong.db.schema.Tables.UNIT;
import static vn.hailong.db.schema.Tables.WEBHOOK;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DSLContext;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import vn.hailong.audit.AuditLog;
import vn.hailong.auth.Access;
import vn.hailong.http.Invalid;
import vn.hailong.http.Requests;

/**
 * GET and PUT /api/v1/session/notifications: my e-mail address and the topics I chose; POST …/test: a test e-mail to
 * me only. GET /api/v1/notifications (admins): the outbox, newest first, the record of who was told.
 */
public final class NotificationsApi {
    /** The topics a person may choose, in the order screens show them. */
    public static final List<String> TOPICS = List.of(Notice.ALERT, Notice.CASE, Notice.DIGEST, Notice.REPORT);
    static final List<String> STATUSES = List.of("waiting", "retrying", "delivered", "gave_up");
    /** Test e-mails a person may ask for in an hour: enough to fix an address, too few to flood it. */
    static final int TESTS_PER_HOUR = 10;
    static final String TEST_SUBJECT = "Thư thử từ Hài Lòng";

    private final DSLContext dsl;
    private final boolean emailConfigured;

    public NotificationsApi(DSLContext dsl, boolean emailConfigured) {
        this.dsl = dsl;
        this.emailConfigured = emailConfigured;
    }

    record Choices(String email, List<String> topics) {
    }

    record Mine(String email, List<String> topics, List<String> available, boolean emailConfigured) {
    }

    record TestSent(String event, String address, boolean emailConfigured) {
    }

    public void mine(Context ctx) {
        ctx.json(read(dsl, principal(ctx).id()));
    }

    private Mine read(DSLContext tx, long userId) {
        var email = tx.select(APP_USER.EMAIL).from(APP_USER).where(APP_USER.ID.eq(userId)).fetchOne(APP_USER.EMAIL);
        var chosen = tx.select(NOTIFICATION_CHOICE.TOPIC).from(NOTIFICATION_CHOICE)
                .where(NOTIFICATION_CHOICE.USER_ID.eq(userId)).fetch(NOTIFICATION_CHOICE.TOPIC);
        return new Mine(email, TOPICS.stream().filter(chosen::contains).toList(), TOPICS, emailConfigured);
    }

    public void choose(Context ctx) {
        var body = Requests.json(ctx, Choices.class);
        var email = Emails.optional("email", body.email());
        var topics = topics(body.topics());
        var me = principal(ctx);
        boolean reads = me.grants().contains(Access.ADMIN) || me.grants().contains(Access.ANALYST)
                || me.grants().contains(Access.AGENCY_MANAGER);
        if (!topics.isEmpty() && !reads) {
            throw Invalid.field("topics", "an interviewer receives no notifications: they tell of cases, alerts and"
                    + " reports an interviewer may not read");
        }
        var after = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = read(tx, me.id());
            tx.update(APP_USER).set(APP_USER.EMAIL, email).where(APP_USER.ID.eq(me.id())).execute();
            tx.deleteFrom(NOTIFICATION_CHOICE).where(NOTIFICATION_CHOICE.USER_ID.eq(me.id())).execute();
            for (var topic : topics) {
                tx.insertInto(NOTIFICATION_CHOICE)
                        .set(NOTIFICATION_CHOICE.USER_ID, me.id())
                        .set(NOTIFICATION_CHOICE.TOPIC, topic)
                        .execute();
            }
            var now = read(tx, me.id());
            AuditLog.record(tx, me, "update", "notification_choices", me.id(), null,
                    Map.of("email", String.valueOf(before.email()), "topics", before.topics()),
                    Map.of("email", String.valueOf(now.email()), "topics", now.topics()));
            return now;
        });
        ctx.json(after);
    }

    static List<String> topics(List<String> topics) {
        if (topics == null) {
            throw Invalid.field("topics", "is required: a list of " + TOPICS + " (empty to receive nothing)");
        }
        var chosen = new LinkedHashSet<String>();
        for (var topic : topics) {
            if (topic == null || !TOPICS.contains(topic)) {
                throw Invalid.field("topics", "holds '" + brief(topic) + "'; each must be one of " + TOPICS);
            }
            chosen.add(topic);
        }
        return List.copyOf(chosen);
    }

    public void test(Context ctx) {
        var me = principal(ctx);
        var sent = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var user = tx.select(APP_USER.EMAIL, coalesce(APP_USER.DISPLAY_NAME, APP_USER.USERNAME))
                    .from(APP_USER).where(APP_USER.ID.eq(me.id())).forUpdate().fetchOne();
            if (user == null || user.value1() == null) {
                throw Invalid.field("email", "is not set: save your e-mail address first");
            }
            int recent = tx.fetchCount(OUTBOX, OUTBOX.USER_ID.eq(me.id()).and(OUTBOX.TOPIC.eq(Outbox.TEST))
                    .and(OUTBOX.CREATED_AT.gt(OffsetDateTime.now().minusHours(1))));
            if (recent >= TESTS_PER_HOUR) {
                throw new HttpResponseException(HttpStatus.TOO_MANY_REQUESTS.getCode(), "At most " + TESTS_PER_HOUR
                        + " test e-mails an hour; try again later.", Map.of());
            }
            var body = "Xin chào " + user.value2() + ",\n\n"
                    + "Đây là thư thử từ hệ thống đo lường sự hài lòng Hài Lòng. Bạn nhận được thư này vì đã bấm "
                    + "\"Gửi thư thử\" trong mục Thông báo: địa chỉ thư điện tử của bạn nhận được thông báo.\n\n"
                    + "Không cần trả lời thư này.\n";
            var key = Outbox.testToUser(tx, me.id(), user.value1(), TEST_SUBJECT, body);
            AuditLog.record(tx, me, "test", "notification", key, null, null, Map.of("address", user.value1()));
            return new TestSent(key, user.value1(), emailConfigured);
        });
        ctx.status(HttpStatus.ACCEPTED).json(sent);
    }

    // --- the record of who was told (admins) ----------------------------------------------------------------------

    record Row(long id, String event, String topic, String channel, String recipient, String address, String unit,
               String status, int attempts, String lastError, OffsetDateTime createdAt, OffsetDateTime nextAttemptAt,
               OffsetDateTime deliveredAt, OffsetDateTime gaveUpAt) {
    }

    record Page(List<Row> notifications, int page, int size, boolean more) {
    }

    public void log(Context ctx) {
        var status = ctx.queryParam("status");
        var topic = ctx.queryParam("topic");
        var conditions = new ArrayList<Condition>();
        if (status != null && !status.isBlank()) {
            conditions.add(switch (status.strip()) {
                case "waiting" -> pending().and(OUTBOX.ATTEMPTS.eq(0));
                case "retrying" -> pending().and(OUTBOX.ATTEMPTS.gt(0));
                case "delivered" -> OUTBOX.DELIVERED_AT.isNotNull();
                case "gave_up" -> OUTBOX.GAVE_UP_AT.isNotNull();
                default -> throw Invalid.field("status", "must be one of " + STATUSES);
            });
        }
        if (topic != null && !topic.isBlank()) {
            if (!TOPICS.contains(topic.strip()) && !topic.strip().equals(Outbox.TEST)) {
                throw Invalid.field("topic", "must be one of " + TOPICS + " or test");
            }
            conditions.add(OUTBOX.TOPIC.eq(topic.strip()));
        }
        int page = Requests.wholeNumber(ctx, "page", 0, 0, 1_000_000);
        int size = Requests.wholeNumber(ctx, "size", 50, 1, 500);
        var rows = dsl.select(OUTBOX.ID, OUTBOX.EVENT_KEY, OUTBOX.TOPIC, OUTBOX.CHANNEL,
                        coalesce(APP_USER.DISPLAY_NAME, APP_USER.USERNAME, WEBHOOK.NAME), OUTBOX.ADDRESS, UNIT.CODE,
                        OUTBOX.DELIVERED_AT, OUTBOX.GAVE_UP_AT, OUTBOX.ATTEMPTS, OUTBOX.LAST_ERROR, OUTBOX.CREATED_AT,
                        OUTBOX.NEXT_ATTEMPT_AT)
                .from(OUTBOX)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(OUTBOX.USER_ID))
                .leftJoin(WEBHOOK).on(WEBHOOK.ID.eq(OUTBOX.WEBHOOK_ID))
                .leftJoin(UNIT).on(UNIT.ID.eq(OUTBOX.UNIT_ID))
                .where(conditions.isEmpty() ? noCondition() : org.jooq.impl.DSL.and(conditions))
                .orderBy(OUTBOX.ID.desc())
                .limit(size + 1)
                .offset((long) page * size)
                .fetch(r -> new Row(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        r.value8() != null ? "delivered" : r.value9() != null ? "gave_up"
                                : r.value10() > 0 ? "retrying" : "waiting",
                        r.value10(), r.value11(), r.value12(),
                        r.value8() == null && r.value9() == null ? r.value13() : null, r.value8(), r.value9()));
        boolean more = rows.size() > size;
        ctx.json(new Page(more ? rows.subList(0, size) : rows, page, size, more));
    }

    private static Condition pending() {
        return OUTBOX.DELIVERED_AT.isNull().and(OUTBOX.GAVE_UP_AT.isNull());
    }

    private static String brief(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
