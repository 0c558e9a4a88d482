package vn.hailong.audit;

import java.time.OffsetDateTime;

import org.jooq.DSLContext;

import io.javalin.http.Context;
import vn.hailong.Vietnam;
import vn.hailong.http.Requests;

/** GET /api/v1/audit: the audit log, newest first, filtered by actor, action, entity and dates. */
public final class AuditApi {
    private final AuditEvents events;

    public AuditApi(DSLContext dsl) {
        this.events = new AuditEvents(dsl);
    }

    public void list(Context ctx) {
        var filter = new AuditEvents.Filter(ctx.queryParam("actor"), ctx.queryParam("action"), ctx.queryParam("entity"),
                ctx.queryParam("entityId"), date(ctx, "from", 0), date(ctx, "to", 1));
        int page = Requests.wholeNumber(ctx, "page", 0, 0, 1_000_000);
        int size = Requests.wholeNumber(ctx, "size", 50, 1, 500);
        ctx.json(events.find(filter, page, size));
    }

    /** A date (yyyy-mm-dd, Vietnam time); "to" includes its whole day. */
    private static OffsetDateTime date(Context ctx, String name, int plusDays) {
        var date = Requests.date(ctx, name);
        return date == null ? null : date.plusDays(plusDays).atStartOfDay(Vietnam.ZONE).toOffsetDateTime();
    }
}
