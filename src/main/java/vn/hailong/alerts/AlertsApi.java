package vn.hailong.alerts;

import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.val;
import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.ALERT;
import static vn.hailong.db.schema.Tables.UNIT;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import vn.hailong.Vietnam;
import vn.hailong.audit.AuditLog;
import vn.hailong.auth.Access;
import vn.hailong.http.Invalid;
import vn.hailong.http.Requests;
import vn.hailong.notify.Outbox;

/**
 * GET /api/v1/alerts: the alerts of the units in the caller's scope, newest first, with who was told;
 * POST /api/v1/alerts/check: runs the check now (period "manual-…") and answers what it raised;
 * POST /api/v1/alerts/{id}/acknowledge: records who read an alert, when, and their note (audited).
 */
public final class AlertsApi {
    static final int NOTE_MAX = 2000;
    static final int LIMIT_MAX = 500;
    private static final DateTimeFormatter MANUAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private final DSLContext dsl;
    private final Alerts alerts;

    public AlertsApi(DSLContext dsl, Alerts alerts) {
        this.dsl = dsl;
        this.alerts = alerts;
    }

    /** A unit as an alert names it. */
    record UnitName(long id, String code, String nameVi, String nameEn) {
    }

    record Window(LocalDate from, LocalDate to) {
    }

    /** A recipient as the listing shows it: by e-mail (the user's name) or webhook (its name), and whether delivered. */
    record Told(String channel, String name, boolean delivered) {
    }

    /** An alert as the API answers it. */
    record Alert(long id, UnitName unit, String questionnaire, String kind, String period, Window recent,
                 Window baseline, JsonNode figures, OffsetDateTime createdAt, OffsetDateTime acknowledgedAt,
                 String acknowledgedBy, String note, List<Told> told) {
    }

    record Listing(List<Alert> alerts) {
    }

    record Checked(String period, Window recent, Window baseline, int raised, int raisedBefore, List<Alert> alerts) {
    }

    record Acknowledgement(String note) {
    }

    public void list(Context ctx) {
        var scope = principal(ctx).scope();
        var where = scope.covers(ALERT.UNIT_ID).and(unitFilter(ctx));
        var kind = text(ctx, "kind");
        if (kind != null) {
            if (!kind.equals(AlertCheck.DROP) && !kind.equals(AlertCheck.BELOW_TARGET)) {
                throw Invalid.field("kind", "must be drop or below_target");
            }
            where = where.and(ALERT.KIND.eq(kind));
        }
        var acknowledged = text(ctx, "acknowledged");
        if (acknowledged != null) {
            if (!acknowledged.equals("true") && !acknowledged.equals("false")) {
                throw Invalid.field("acknowledged", "must be true or false");
            }
            where = where.and(acknowledged.equals("true") ? ALERT.ACKNOWLEDGED_AT.isNotNull() : ALERT.ACKNOWLEDGED_AT.isNull());
        }
        var questionnaire = text(ctx, "questionnaire");
        if (questionnaire != null) {
            where = where.and(ALERT.QUESTIONNAIRE.eq(questionnaire));
        }
        var from = Requests.date(ctx, "from");
        var to = Requests.date(ctx, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw Invalid.field("to", "is before from");
        }
        if (from != null) {
            where = where.and(ALERT.CREATED_AT.ge(Vietnam.start(from)));
        }
        if (to != null) {
            where = where.and(ALERT.CREATED_AT.lt(Vietnam.start(to.plusDays(1))));
        }
        int limit = Requests.wholeNumber(ctx, "limit", 100, 1, LIMIT_MAX);
        var rows = select().where(where).orderBy(ALERT.CREATED_AT.desc(), ALERT.ID.desc()).limit(limit).fetch();
        boolean admin = principal(ctx).grants().contains(Access.ADMIN);
        ctx.json(new Listing(rows.map(r -> alert(r, admin))));
    }

    public void check(Context ctx) {
        var now = java.time.ZonedDateTime.now(Vietnam.ZONE);
        var period = "manual-" + MANUAL.format(now.toLocalDateTime());
        var windows = Alerts.Windows.checkedOn(now.toLocalDate());
        var stored = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var raised = alerts.run(tx, period, now.toLocalDate());
            AuditLog.record(tx, principal(ctx), "check", "alerts", period, null, null,
                    Map.of("raised", raised.stream().filter(Alerts.Stored::raisedNow).map(Alerts.Stored::id).toList()));
            return raised;
        });
        var ids = stored.stream().map(Alerts.Stored::id).toList();
        var rows = ids.isEmpty() ? List.<Alert>of()
                : select().where(ALERT.ID.in(ids)).orderBy(ALERT.ID).fetch()
                        .map(r -> alert(r, principal(ctx).grants().contains(Access.ADMIN)));
        int fresh = (int) stored.stream().filter(Alerts.Stored::raisedNow).count();
        ctx.json(new Checked(period, new Window(windows.recent().from(), windows.recent().to()),
                new Window(windows.baseline().from(), windows.baseline().to()), fresh, stored.size() - fresh, rows));
    }

    public void acknowledge(Context ctx) {
        long id = Requests.id(ctx, "id");
        var body = ctx.body().isBlank() ? new Acknowledgement(null) : Requests.json(ctx, Acknowledgement.class);
        var note = Requests.optionalText("note", body.note(), NOTE_MAX);
        var principal = principal(ctx);
        dsl.transaction(trx -> {
            var tx = trx.dsl();
            var row = tx.select(ALERT.UNIT_ID, ALERT.ACKNOWLEDGED_AT, ALERT.ACKNOWLEDGED_BY).from(ALERT)
                    .where(ALERT.ID.eq(id)).and(principal.scope().covers(ALERT.UNIT_ID))
                    .forUpdate()
                    .fetchOptional()
                    .orElseThrow(() -> new NotFoundResponse("No alert " + id + " that you may see."));
            if (row.value2() != null) {
                throw new HttpResponseException(HttpStatus.CONFLICT.getCode(), "Alert " + id
                        + " was already acknowledged by " + row.value3() + ".", Map.of("field", "id"));
            }
            var at = tx.update(ALERT)
                    .set(ALERT.ACKNOWLEDGED_AT, OffsetDateTime.now())
                    .set(ALERT.ACKNOWLEDGED_BY, principal.actor())
                    .set(ALERT.NOTE, note)
                    .where(ALERT.ID.eq(id))
                    .returning(ALERT.ACKNOWLEDGED_AT)
                    .fetchSingle(ALERT.ACKNOWLEDGED_AT);
            var after = new java.util.LinkedHashMap<String, Object>();
            after.put("acknowledgedAt", at.toString());
            after.put("note", note);
            AuditLog.record(tx, principal, "acknowledge", "alert", id, row.value1(), null, after);
        });
        ctx.json(alert(select().where(ALERT.ID.eq(id)).fetchSingle(), principal.grants().contains(Access.ADMIN)));
    }

    private org.jooq.SelectJoinStep<Record> select() {
        return dsl.select(ALERT.fields()).select(UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN)
                .from(ALERT).join(UNIT).on(UNIT.ID.eq(ALERT.UNIT_ID));
    }

    /** An alert as the caller may read it: webhooks are an admin's business, so only an admin sees their names. */
    private Alert alert(Record r, boolean admin) {
        long id = r.get(ALERT.ID);
        var told = Outbox.recipients(dsl, "alert:" + id).stream()
                .map(t -> new Told(t.channel(), t.channel().equals("webhook") && !admin ? null : t.name(),
                        t.delivered())).toList();
        JsonNode figures;
        try {
            figures = Alerts.MAPPER.readTree(r.get(ALERT.FIGURES).data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert " + id + " has unreadable figures", e);
        }
        return new Alert(id, new UnitName(r.get(ALERT.UNIT_ID), r.get(UNIT.CODE), r.get(UNIT.NAME_VI), r.get(UNIT.NAME_EN)),
                r.get(ALERT.QUESTIONNAIRE), r.get(ALERT.KIND), r.get(ALERT.PERIOD),
                new Window(r.get(ALERT.RECENT_FROM), r.get(ALERT.RECENT_TO)),
                new Window(r.get(ALERT.BASELINE_FROM), r.get(ALERT.BASELINE_TO)), figures, r.get(ALERT.CREATED_AT),
                r.get(ALERT.ACKNOWLEDGED_AT), r.get(ALERT.ACKNOWLEDGED_BY), r.get(ALERT.NOTE), told);
    }

    /** The unit filter, by code: that unit's subtree; 404 when the caller may not see a unit with that code. */
    private Condition unitFilter(Context ctx) {
        var code = text(ctx, "unit");
        if (code == null) {
            return noCondition();
        }
        var id = dsl.select(UNIT.ID).from(UNIT).where(UNIT.CODE.eq(code)).and(principal(ctx).scope().covers(UNIT.ID))
                .fetchOptional(UNIT.ID)
                .orElseThrow(() -> new NotFoundResponse("No unit with code '" + code + "' that you may see."));
        return condition("{0} in (select unit_subtree({1}))", ALERT.UNIT_ID, val(id));
    }

    private static String text(Context ctx, String name) {
        var value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 200) {
            throw Invalid.field(name, "is longer than 200 characters");
        }
        return value.strip();
    }
}
