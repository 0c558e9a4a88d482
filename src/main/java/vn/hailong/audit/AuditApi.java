package vn.hailong.audit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.jooq.DSLContext;

import io.javalin.http.Context;
import vn.hailong.http.Invalid;

/** GET /api/v1/audit: the audit log, newest first, filtered by actor, action, entity and dates. */
public final class AuditApi {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private final AuditEvents events;

    public AuditApi(DSLContext dsl) {
        this.events = new AuditEvents(dsl);
    }

    public void list(Context ctx) {
        var filter = new AuditEvents.Filter(ctx.queryParam("actor"), ctx.queryParam("action"), ctx.queryParam("entity"),
                ctx.queryParam("entityId"), date(ctx, "from", 0), date(ctx, "to", 1));
        int page = number(ctx, "page", 0, 0, 1_000_000);
        int size = number(ctx, "size", 50, 1, 500);
        ctx.json(events.find(filter, page, size));
    }

    /** A date (yyyy-mm-dd, Vietnam time); "to" includes its whole day. */
    private static OffsetDateTime date(Context ctx, String name, int plusDays) {
        var value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).plusDays(plusDays).atStartOfDay(VIETNAM).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw Invalid.field(name, "must be a date like 2025-12-31");
        }
    }

    private static int number(Context ctx, String name, int fallback, int min, int max) {
        var value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Invalid.field(name, "must be a whole number from " + min + " to " + max);
    }
}
