package vn.hailong.notify;

import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.val;
import static vn.hailong.db.schema.Tables.APP_USER;
import static vn.hailong.db.schema.Tables.NOTIFICATION_CHOICE;
import static vn.hailong.db.schema.Tables.OUTBOX;
import static vn.hailong.db.schema.Tables.WEBHOOK;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Where notifications wait for delivery (sql/V10). {@link #add} is called inside the transaction that makes the event
 * (the alert, the case, the scheduled run), so the event and its notifications are committed together or not at all.
 */
public final class Outbox {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * The roles that may read what notifications tell (cases, alerts, reports): an interviewer enters interviews and
     * reads nothing, so it receives nothing either.
     */
    static final List<String> READERS = List.of("admin", "analyst", "agency_manager");

    private Outbox() {
    }

    /** A recipient told of an event: by e-mail (the user) or by webhook (its name), and whether it arrived. */
    public record Recipient(String channel, String name, String address, boolean delivered) {
    }

    /**
     * Writes one row per recipient of {@code notice}, in {@code tx}'s transaction: every active user with an e-mail
     * address and a role that reads agency data (not an interviewer) who chose the topic and may see the unit (admins and analysts see every unit, others their unit's
     * subtree), and every active webhook registered for the topic whose unit (if any) covers the event's. A scheduled
     * report is the exception: it goes to the users of its own unit only (admins and analysts, who have none, get the
     * report of the top of the tree), not to everyone above it. Adding the same event twice adds nothing. Returns the
     * rows added.
     */
    public static int add(DSLContext tx, Notice notice) {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("event", notice.eventKey());
        payload.put("topic", notice.topic());
        payload.putAll(notice.payload());
        var payloadJson = JSON.valueOf(json(payload));
        var attachment = notice.attachment() == null ? null : JSON.valueOf(json(notice.attachment()));
        int added = 0;
        var users = tx.select(APP_USER.ID, APP_USER.EMAIL)
                .from(APP_USER)
                .join(NOTIFICATION_CHOICE).on(NOTIFICATION_CHOICE.USER_ID.eq(APP_USER.ID))
                .where(NOTIFICATION_CHOICE.TOPIC.eq(notice.topic()))
                .and(APP_USER.ACTIVE.isTrue())
                .and(APP_USER.EMAIL.isNotNull())
                .and(APP_USER.ROLE.in(READERS))
                .and(notice.topic().equals(Notice.REPORT) ? homeUnitIs(notice.unitId()) : userSees(notice.unitId()))
                .orderBy(APP_USER.ID)
                .fetch();
        for (var user : users) {
            added += tx.insertInto(OUTBOX)
                    .set(OUTBOX.EVENT_KEY, notice.eventKey())
                    .set(OUTBOX.TOPIC, notice.topic())
                    .set(OUTBOX.UNIT_ID, notice.unitId())
                    .set(OUTBOX.CHANNEL, "email")
                    .set(OUTBOX.USER_ID, user.value1())
                    .set(OUTBOX.ADDRESS, user.value2())
                    .set(OUTBOX.SUBJECT, notice.subject())
                    .set(OUTBOX.BODY, notice.body())
                    .set(OUTBOX.PAYLOAD, payloadJson)
                    .set(OUTBOX.ATTACHMENT, attachment)
                    .onConflictDoNothing()
                    .execute();
        }
        var hooks = tx.select(WEBHOOK.ID, WEBHOOK.URL)
                .from(WEBHOOK)
                .where(WEBHOOK.ACTIVE.isTrue())
                .and(condition("{0} = any({1})", val(notice.topic()), WEBHOOK.TOPICS))
                .and(webhookCovers(notice.unitId()))
                .orderBy(WEBHOOK.ID)
                .fetch();
        for (var hook : hooks) {
            added += tx.insertInto(OUTBOX)
                    .set(OUTBOX.EVENT_KEY, notice.eventKey())
                    .set(OUTBOX.TOPIC, notice.topic())
                    .set(OUTBOX.UNIT_ID, notice.unitId())
                    .set(OUTBOX.CHANNEL, "webhook")
                    .set(OUTBOX.WEBHOOK_ID, hook.value1())
                    .set(OUTBOX.ADDRESS, hook.value2())
                    .set(OUTBOX.SUBJECT, notice.subject())
                    .set(OUTBOX.BODY, notice.body())
                    .set(OUTBOX.PAYLOAD, payloadJson)
                    .onConflictDoNothing()
                    .execute();
        }
        return added;
    }

    /** The topic of test notifications, sent to one recipient on request (never fanned out). */
    public static final String TEST = "test";

    /**
     * A test e-mail to one user only (their "send me a test" button), whatever they chose: a new event each time.
     * Returns the event's key.
     */
    public static String testToUser(DSLContext tx, long userId, String address, String subject, String body) {
        var key = "test:user:" + userId + ":" + java.util.UUID.randomUUID();
        var payload = new LinkedHashMap<String, Object>();
        payload.put("event", key);
        payload.put("topic", TEST);
        tx.insertInto(OUTBOX)
                .set(OUTBOX.EVENT_KEY, key)
                .set(OUTBOX.TOPIC, TEST)
                .set(OUTBOX.CHANNEL, "email")
                .set(OUTBOX.USER_ID, userId)
                .set(OUTBOX.ADDRESS, address)
                .set(OUTBOX.SUBJECT, subject)
                .set(OUTBOX.BODY, body)
                .set(OUTBOX.PAYLOAD, JSON.valueOf(json(payload)))
                .execute();
        return key;
    }

    /** A test event to one (active) webhook only: a new event each time. Returns the event's key. */
    public static String testToWebhook(DSLContext tx, long webhookId, String url, Map<String, Object> details) {
        var key = "test:webhook:" + webhookId + ":" + java.util.UUID.randomUUID();
        var payload = new LinkedHashMap<String, Object>();
        payload.put("event", key);
        payload.put("topic", TEST);
        payload.putAll(details);
        tx.insertInto(OUTBOX)
                .set(OUTBOX.EVENT_KEY, key)
                .set(OUTBOX.TOPIC, TEST)
                .set(OUTBOX.CHANNEL, "webhook")
                .set(OUTBOX.WEBHOOK_ID, webhookId)
                .set(OUTBOX.ADDRESS, url)
                .set(OUTBOX.SUBJECT, "Thử webhook")
                .set(OUTBOX.BODY, "Sự kiện thử từ Hài Lòng.")
                .set(OUTBOX.PAYLOAD, JSON.valueOf(json(payload)))
                .execute();
        return key;
    }

    /** Who was told of an event, e-mails first, in the order they were added. */
    public static List<Recipient> recipients(DSLContext dsl, String eventKey) {
        return dsl.select(OUTBOX.CHANNEL, APP_USER.USERNAME, WEBHOOK.NAME, OUTBOX.ADDRESS, OUTBOX.DELIVERED_AT)
                .from(OUTBOX)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(OUTBOX.USER_ID))
                .leftJoin(WEBHOOK).on(WEBHOOK.ID.eq(OUTBOX.WEBHOOK_ID))
                .where(OUTBOX.EVENT_KEY.eq(eventKey))
                .orderBy(OUTBOX.CHANNEL, OUTBOX.ID)
                .fetch(r -> new Recipient(r.value1(), r.value1().equals("email") ? r.value2() : r.value3(), r.value4(),
                        r.value5() != null));
    }

    /** Users who may see {@code unitId}: admins and analysts always; others when it is in their unit's subtree. */
    private static Condition userSees(Long unitId) {
        Condition everything = APP_USER.ROLE.in("admin", "analyst");
        if (unitId == null) {
            return everything;
        }
        return everything.or(APP_USER.UNIT_ID.isNotNull()
                .and(condition("{0} in (select unit_subtree({1}))", val(unitId), APP_USER.UNIT_ID)));
    }

    /** Users whose own unit is {@code unitId}; users without a unit count the top of the tree as theirs. */
    private static Condition homeUnitIs(Long unitId) {
        if (unitId == null) {
            return APP_USER.UNIT_ID.isNull();
        }
        return APP_USER.UNIT_ID.eq(unitId).or(APP_USER.UNIT_ID.isNull()
                .and(condition("(select parent_id from unit where id = {0}) is null", val(unitId))));
    }

    private static Condition webhookCovers(Long unitId) {
        if (unitId == null) {
            return WEBHOOK.UNIT_ID.isNull();
        }
        return WEBHOOK.UNIT_ID.isNull()
                .or(condition("{0} in (select unit_subtree({1}))", val(unitId), WEBHOOK.UNIT_ID));
    }

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
