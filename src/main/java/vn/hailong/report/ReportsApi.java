package vn.hailong.report;

import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.UNIT;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.jooq.DSLContext;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vn.hailong.Vietnam;
import vn.hailong.audit.AuditLog;
import vn.hailong.http.Invalid;
import vn.hailong.http.Requests;
import vn.hailong.notify.Outbox;

/**
 * POST /api/v1/reports/send {unit, month}: queues a unit's monthly report to its subscribers now (a new event each
 * time: "report:99.STP:2026-11:sent-<ms>"). GET /api/v1/reports/digest?month= and /digest.txt: the province digest of
 * a month as JSON and as the e-mail's text, a preview of what the "digest" job sends.
 */
public final class ReportsApi {
    private final DSLContext dsl;
    private final MonthlyReports reports;
    private final Digests digests;

    public ReportsApi(DSLContext dsl, MonthlyReports reports, Digests digests) {
        this.dsl = dsl;
        this.reports = reports;
        this.digests = digests;
    }

    record SendBody(String unit, String month) {
    }

    record Queued(String event, String unit, String month, int recipients) {
    }

    public void send(Context ctx) {
        var body = Requests.json(ctx, SendBody.class);
        var month = month("month", body.month());
        var code = Requests.text("unit", body.unit(), 100);
        var unit = dsl.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI).from(UNIT).where(UNIT.CODE.eq(code))
                .fetchOptional(r -> new MonthlyReports.Unit(r.value1(), r.value2(), r.value3()))
                .orElseThrow(() -> Invalid.field("unit", "no unit with code '" + code + "'"));
        var event = "report:" + unit.code() + ":" + month + ":sent-" + Instant.now().toEpochMilli();
        int added = dsl.transactionResult(trx -> {
            int rows = Outbox.add(trx.dsl(), reports.notice(unit, month, event));
            AuditLog.record(trx.dsl(), principal(ctx), "send", "report", event, unit.id(), null,
                    Map.of("month", month.toString(), "recipients", rows));
            return rows;
        });
        ctx.status(HttpStatus.ACCEPTED).json(new Queued(event, unit.code(), month.toString(), added));
    }

    public void digest(Context ctx) {
        ctx.json(digests.build(dsl, month(ctx)));
    }

    public void digestText(Context ctx) {
        ctx.contentType("text/plain; charset=utf-8").result(Digests.text(digests.build(dsl, month(ctx))));
    }

    /** ?month=, by default the month just ended. */
    private static YearMonth month(Context ctx) {
        var value = ctx.queryParam("month");
        if (value == null || value.isBlank()) {
            return YearMonth.from(Vietnam.today()).minusMonths(1);
        }
        return month("month", value);
    }

    /** A month "yyyy-MM" that has begun, from 2001 on. */
    static YearMonth month(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Invalid.field(field, "is required: a month yyyy-MM, e.g. 2026-11");
        }
        YearMonth month;
        try {
            if (!value.strip().matches("\\d{4}-\\d{2}")) {
                throw new DateTimeParseException("", value, 0);
            }
            month = YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw Invalid.field(field, "must be a month yyyy-MM, e.g. 2026-11");
        }
        if (month.getYear() < 2001 || month.isAfter(YearMonth.from(Vietnam.today()))) {
            throw Invalid.field(field, "must be a month from 2001-01 to this month");
        }
        return month;
    }
}
