package vn.hailong.audit;

import static vn.hailong.db.schema.Tables.AUDIT_EVENT;

import org.jooq.DSLContext;
import org.jooq.JSONB;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import vn.hailong.auth.Principal;

/** Appends to the audit log in the caller's transaction, so a change and its record commit together. */
public final class AuditLog {
    private static final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private AuditLog() {
    }

    public static void record(DSLContext tx, Principal actor, String action, String entity, Object entityId,
                              Long unitId, Object before, Object after) {
        record(tx, actor.actor(), action, entity, entityId, unitId, before, after);
    }

    /** For work done outside a request, such as the import command: actor names who ran it. */
    public static void record(DSLContext tx, String actor, String action, String entity, Object entityId,
                              Long unitId, Object before, Object after) {
        tx.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.ACTOR, actor)
                .set(AUDIT_EVENT.ACTION, action)
                .set(AUDIT_EVENT.ENTITY, entity)
                .set(AUDIT_EVENT.ENTITY_ID, entityId == null ? null : entityId.toString())
                .set(AUDIT_EVENT.UNIT_ID, unitId)
                .set(AUDIT_EVENT.BEFORE, json(before))
                .set(AUDIT_EVENT.AFTER, json(after))
                .execute();
    }

    private static JSONB json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSONB.valueOf(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot record " + value.getClass().getSimpleName(), e);
        }
    }
}
