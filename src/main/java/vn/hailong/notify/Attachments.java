package vn.hailong.notify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Makes what an outbox row's {@code attachment} describes (e.g. {"report": {"unit": "99.STP", "from": "2026-11-01",
 * "to": "2026-11-30"}}), when the e-mail is sent. Made at delivery rather than stored, so the outbox holds a few
 * bytes per report, not a PDF.
 */
public interface Attachments {
    /** The file {@code spec} describes; throws IllegalArgumentException for a spec it does not know. */
    Attachment make(JsonNode spec);
}
