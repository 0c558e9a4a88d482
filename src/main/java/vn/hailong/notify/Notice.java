package vn.hailong.notify;

import java.util.Map;

/**
 * An event someone may want to hear of, as a feature hands it to {@link Outbox#add}: its topic (alert, case, digest,
 * report), a key naming the event once and for all ("alert:42", "case:17:opened": the idempotency key receivers
 * see), the unit it concerns (null: the whole province), the e-mail's subject and plain text in Vietnamese, the
 * event as JSON for webhooks, and what to attach to the e-mail, made at delivery (null: nothing; e.g. {"report":
 * {"unit": "99.STP", "from": "2026-11-01", "to": "2026-11-30"}}).
 */
public record Notice(String topic, String eventKey, Long unitId, String subject, String body,
                     Map<String, Object> payload, Map<String, Object> attachment) {

    public static final String ALERT = "alert";
    public static final String CASE = "case";
    public static final String DIGEST = "digest";
    public static final String REPORT = "report";

    public Notice {
        if (!topic.equals(ALERT) && !topic.equals(CASE) && !topic.equals(DIGEST) && !topic.equals(REPORT)) {
            throw new IllegalArgumentException("unknown topic " + topic);
        }
        payload = Map.copyOf(payload);
        attachment = attachment == null ? null : Map.copyOf(attachment);
    }
}
