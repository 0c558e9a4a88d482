package vn.hailong.centres;

import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static vn.hailong.db.schema.Tables.UNIT;
import static org.jooq.impl.DSL.noCondition;

import org.jooq.DSLContext;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import vn.hailong.audit.AuditLog;
import vn.hailong.http.Invalid;
import vn.hailong.http.Requests;

/** HTTP for service centres and their counters. */
public final class CentresApi {
    private final DSLContext dsl;
    private final Centres centres;

    public CentresApi(DSLContext dsl) {
        this.dsl = dsl;
        this.centres = new Centres(dsl);
    }

    record CentreBody(String code, Long unitId, String nameVi, String nameEn, String address,
                      String kioskQuestionnaire, Boolean active) {
    }

    record CounterBody(String code, String nameVi, String nameEn, Boolean active) {
    }

    public void list(Context ctx) {
        ctx.json(centres.list(principal(ctx).scope().covers(SERVICE_CENTRE.UNIT_ID)));
    }

    public void get(Context ctx) {
        long id = Requests.id(ctx, "id");
        var centre = centres.find(dsl, id, principal(ctx).scope().covers(SERVICE_CENTRE.UNIT_ID))
                .orElseThrow(() -> new NotFoundResponse("No such centre: " + id));
        ctx.json(new Centres.CentreWithCounters(centre, centres.counters(dsl, id)));
    }

    public void create(Context ctx) {
        var body = Requests.json(ctx, CentreBody.class);
        var created = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var centre = valid(tx, 0, body, null);
            if (centres.codeTaken(tx, centre.code())) {
                throw new ConflictResponse("A centre with code '" + centre.code() + "' already exists.");
            }
            long id = centres.insert(tx, centre);
            var after = centres.find(tx, id, noCondition()).orElseThrow();
            AuditLog.record(tx, principal(ctx), "create", "centre", id, after.unitId(), null, after);
            return after;
        });
        ctx.status(HttpStatus.CREATED).json(created);
    }

    public void update(Context ctx) {
        long id = Requests.id(ctx, "id");
        var body = Requests.json(ctx, CentreBody.class);
        var updated = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = centres.find(tx, id, noCondition()).orElseThrow(() -> new NotFoundResponse("No such centre: " + id));
            var after = valid(tx, id, body, before);
            if (!after.code().equals(before.code()) && centres.codeTaken(tx, after.code())) {
                throw new ConflictResponse("A centre with code '" + after.code() + "' already exists.");
            }
            centres.update(tx, after);
            AuditLog.record(tx, principal(ctx), "update", "centre", id, after.unitId(), before, after);
            return after;
        });
        ctx.json(updated);
    }

    public void createCounter(Context ctx) {
        long centreId = Requests.id(ctx, "id");
        var body = Requests.json(ctx, CounterBody.class);
        var code = Requests.text("code", body.code(), 64);
        var nameVi = Requests.text("nameVi", body.nameVi(), 300);
        var nameEn = Requests.optionalText("nameEn", body.nameEn(), 300);
        var created = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var centre = centres.find(tx, centreId, noCondition())
                    .orElseThrow(() -> new NotFoundResponse("No such centre: " + centreId));
            if (centres.counterCodeTaken(tx, centreId, code)) {
                throw new ConflictResponse("This centre already has a counter with code '" + code + "'.");
            }
            long id = centres.insertCounter(tx, centreId, code, nameVi, nameEn);
            var counter = centres.counter(tx, id).orElseThrow();
            AuditLog.record(tx, principal(ctx), "create", "counter", id, centre.unitId(), null, counter);
            return counter;
        });
        ctx.status(HttpStatus.CREATED).json(created);
    }

    public void updateCounter(Context ctx) {
        long id = Requests.id(ctx, "id");
        var body = Requests.json(ctx, CounterBody.class);
        var updated = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = centres.counter(tx, id).orElseThrow(() -> new NotFoundResponse("No such counter: " + id));
            var code = body.code() == null ? before.code() : Requests.text("code", body.code(), 64);
            if (!code.equals(before.code()) && centres.counterCodeTaken(tx, before.centreId(), code)) {
                throw new ConflictResponse("This centre already has a counter with code '" + code + "'.");
            }
            var after = new Centres.Counter(id, before.centreId(), code,
                    body.nameVi() == null ? before.nameVi() : Requests.text("nameVi", body.nameVi(), 300),
                    body.nameEn() == null ? before.nameEn() : Requests.optionalText("nameEn", body.nameEn(), 300),
                    body.active() == null ? before.active() : body.active());
            centres.updateCounter(tx, after);
            var unitId = centres.find(tx, before.centreId(), noCondition()).orElseThrow().unitId();
            AuditLog.record(tx, principal(ctx), "update", "counter", id, unitId, before, after);
            return after;
        });
        ctx.json(updated);
    }

    /** The centre a body describes, on top of what exists (for updates); checks unit and questionnaire. */
    private static Centres.Centre valid(DSLContext tx, long id, CentreBody body, Centres.Centre before) {
        var code = body.code() == null && before != null ? before.code() : Requests.text("code", body.code(), 64);
        var unitId = body.unitId() == null && before != null ? Long.valueOf(before.unitId()) : body.unitId();
        if (unitId == null) {
            throw Invalid.field("unitId", "is required");
        }
        if (!tx.fetchExists(UNIT, UNIT.ID.eq(unitId))) {
            throw Invalid.field("unitId", "no unit has id " + unitId);
        }
        var nameVi = body.nameVi() == null && before != null ? before.nameVi() : Requests.text("nameVi", body.nameVi(), 300);
        var nameEn = body.nameEn() == null && before != null ? before.nameEn() : Requests.optionalText("nameEn", body.nameEn(), 300);
        var address = body.address() == null && before != null ? before.address() : Requests.optionalText("address", body.address(), 500);
        var kiosk = body.kioskQuestionnaire() == null && before != null ? before.kioskQuestionnaire()
                : Requests.optionalText("kioskQuestionnaire", body.kioskQuestionnaire(), 64);
        if (kiosk != null && !tx.fetchExists(QUESTIONNAIRE, QUESTIONNAIRE.CODE.eq(kiosk))) {
            throw Invalid.field("kioskQuestionnaire", "no questionnaire has code '" + kiosk + "'");
        }
        boolean active = body.active() == null ? before == null || before.active() : body.active();
        return new Centres.Centre(id, code, unitId, nameVi, nameEn, address, kiosk, active);
    }
}
