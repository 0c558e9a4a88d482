package vn.hailong.audit;

import static vn.hailong.db.schema.Tables.AUDIT_EVENT;
import static org.jooq.impl.DSL.noCondition;

import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/** Reads the audit log, newest first, filtered. */
final class AuditEvents {
    private final DSLContext dsl;

    AuditEvents(DSLContext dsl) {
        this.dsl = dsl;
    }

    record Event(long id, OffsetDateTime at, String actor, String action, String entity, String entityId,
                        Long unitId, Object before, Object after) {
    }

    record Filter(String actor, String action, String entity, String entityId, OffsetDateTime from,
                         OffsetDateTime to) {
    }

    record Page(List<Event> events, int page, int size, boolean more) {
    }

    Page find(Filter f, int page, int size) {
        var events = dsl.selectFrom(AUDIT_EVENT)
                .where(eq(AUDIT_EVENT.ACTOR, f.actor()))
                .and(eq(AUDIT_EVENT.ACTION, f.action()))
                .and(eq(AUDIT_EVENT.ENTITY, f.entity()))
                .and(eq(AUDIT_EVENT.ENTITY_ID, f.entityId()))
                .and(f.from() == null ? noCondition() : AUDIT_EVENT.AT.ge(f.from()))
                .and(f.to() == null ? noCondition() : AUDIT_EVENT.AT.lt(f.to()))
                .orderBy(AUDIT_EVENT.ID.desc())
                .limit(size + 1)
                .offset(page * size)
                .fetch(r -> new Event(r.getId(), r.getAt(), r.getActor(), r.getAction(), r.getEntity(), r.getEntityId(),
                        r.getUnitId(), raw(r.getBefore()), raw(r.getAfter())));
        boolean more = events.size() > size;
        return new Page(more ? events.subList(0, size) : events, page, size, more);
    }

    private static Condition eq(org.jooq.Field<String> field, String value) {
        return value == null || value.isBlank() ? noCondition() : field.eq(value.strip());
    }

    /** JSON values pass through to the response as parsed trees, not as strings. */
    private static Object raw(JSONB json) {
        if (json == null) {
            return null;
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.data());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json.data();
        }
    }
}
