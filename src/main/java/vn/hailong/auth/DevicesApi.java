package vn.hailong.auth;

import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static org.jooq.impl.DSL.noCondition;

import java.util.Map;

import org.jooq.DSLContext;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import vn.hailong.audit.AuditLog;
import vn.hailong.http.Invalid;
import vn.hailong.http.PublicUrl;
import vn.hailong.http.Requests;

/** HTTP for kiosk devices: enrol with a one-time code, renew the code, revoke; and the kiosk's own side. */
public final class DevicesApi {
    private final DSLContext dsl;
    private final KioskDevices devices;
    private final PublicUrl publicUrl;

    public DevicesApi(DSLContext dsl, KioskDevices devices, PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
        this.dsl = dsl;
        this.devices = devices;
    }

    record NewDevice(Long centreId, String name) {
    }

    record Enrolment(String code) {
    }

    public void list(Context ctx) {
        ctx.json(devices.list(principal(ctx).scope().covers(SERVICE_CENTRE.UNIT_ID)));
    }

    public void create(Context ctx) {
        var body = Requests.json(ctx, NewDevice.class);
        var name = Requests.text("name", body.name(), 200);
        if (body.centreId() == null) {
            throw Invalid.field("centreId", "is required");
        }
        var actor = principal(ctx);
        var created = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var centreUnit = tx.select(SERVICE_CENTRE.UNIT_ID)
                    .from(SERVICE_CENTRE)
                    .where(SERVICE_CENTRE.ID.eq(body.centreId()))
                    .and(actor.scope().covers(SERVICE_CENTRE.UNIT_ID))
                    .fetchOptional(SERVICE_CENTRE.UNIT_ID)
                    .orElseThrow(() -> Invalid.field("centreId", "no centre you manage has id " + body.centreId()));
            var withCode = devices.create(tx, body.centreId(), name, actor.kind() == Principal.Kind.USER ? actor.id() : null);
            AuditLog.record(tx, actor, "create", "device", withCode.device().id(), centreUnit, null, withCode.device());
            return withCode;
        });
        ctx.status(HttpStatus.CREATED).json(withEnrolment(ctx, created.device(), created.enrolmentCode()));
    }

    public void renewCode(Context ctx) {
        long id = Requests.id(ctx, "id");
        var actor = principal(ctx);
        var result = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = scoped(tx, actor, id);
            var code = devices.renewCode(tx, id);
            var after = devices.find(tx, id, noCondition()).orElseThrow();
            AuditLog.record(tx, actor, "renew_enrolment_code", "device", id, before.unitId(), before, after);
            return withEnrolment(ctx, after, code);
        });
        ctx.json(result);
    }

    public void revoke(Context ctx) {
        long id = Requests.id(ctx, "id");
        var actor = principal(ctx);
        var result = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = scoped(tx, actor, id);
            devices.revoke(tx, id);
            var after = devices.find(tx, id, noCondition()).orElseThrow();
            AuditLog.record(tx, actor, "revoke", "device", id, before.unitId(), before, after);
            return after;
        });
        ctx.json(result);
    }

    /** The kiosk's side: a one-time code in, a device token out. */
    public void enrol(Context ctx) {
        var body = Requests.json(ctx, Enrolment.class);
        var code = Requests.text("code", body.code(), 64);
        var enrolled = devices.enrol(code)
                .orElseThrow(() -> Invalid.field("code", "unknown, already used or expired; ask for a new code"));
        ctx.status(HttpStatus.CREATED).json(enrolled);
    }

    /** The kiosk's side: which device and centre it is. */
    public void me(Context ctx) {
        var p = principal(ctx);
        ctx.json(devices.find(dsl, p.id(), noCondition()).orElseThrow(() -> new NotFoundResponse("Device revoked.")));
    }

    private KioskDevices.Device scoped(DSLContext tx, Principal actor, long id) {
        return devices.find(tx, id, actor.scope().covers(SERVICE_CENTRE.UNIT_ID))
                .orElseThrow(() -> new NotFoundResponse("No such device: " + id));
    }

    private Map<String, Object> withEnrolment(Context ctx, KioskDevices.Device device, String code) {
        var path = "/kiosk/#enrol=" + code;
        return Map.of("device", device, "enrolmentCode", code, "enrolmentPath", path,
                "enrolmentUrl", publicUrl.of(ctx) + path);
    }
}
