package vn.hailong.units;

import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.UNIT;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;

import vn.hailong.Vietnam;
import vn.hailong.audit.AuditLog;
import vn.hailong.auth.Principal;
import vn.hailong.http.Invalid;
import vn.hailong.http.Rejected;
import vn.hailong.http.Rejected.Problem;
import vn.hailong.http.Requests;

/** HTTP for the unit tree: list, read, add, rename, move, deactivate, bulk import, crosswalk, history. */
public final class UnitsApi {
    private final DSLContext dsl;
    private final Units units;

    public UnitsApi(DSLContext dsl) {
        this.dsl = dsl;
        this.units = new Units(dsl);
    }

    record NewUnit(String code, String nameVi, String nameEn, String kind, Long parentId) {
    }

    record UnitChange(String code, String nameVi, String nameEn, String kind, Long parentId, Boolean active) {
    }

    /**
     * The units in scope, each with its validity and, when it has ended, what became of it ({@code endedBy}: merge,
     * the unit it merged into; split, those it was split into; dissolve, none), so that the admin tree and the
     * dashboard's picker of the historical view can say "đã sáp nhập vào … từ ngày …".
     */
    public void list(Context ctx) {
        ctx.json(units.list(principal(ctx).scope().covers(vn.hailong.db.schema.Tables.UNIT.ID)));
    }

    public void kinds(Context ctx) {
        ctx.json(units.kinds());
    }

    public void get(Context ctx) {
        long id = Requests.id(ctx, "id");
        var unit = units.find(dsl, id, principal(ctx).scope().covers(UNIT.ID))
                .orElseThrow(() -> new NotFoundResponse("No such unit: " + id));
        ctx.json(Units.withEnds(dsl, java.util.List.of(unit)).get(0));
    }

    public void create(Context ctx) {
        var body = Requests.json(ctx, NewUnit.class);
        var code = Requests.text("code", body.code(), 64);
        var nameVi = Requests.text("nameVi", body.nameVi(), 300);
        var nameEn = Requests.optionalText("nameEn", body.nameEn(), 300);
        var kind = Requests.text("kind", body.kind(), 64);
        var created = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            if (!units.kindExists(tx, kind)) {
                throw Invalid.field("kind", "unknown unit kind '" + kind + "'");
            }
            if (body.parentId() != null) {
                var parent = units.find(tx, body.parentId(), DSL.noCondition())
                        .orElseThrow(() -> Invalid.field("parentId", "no unit has id " + body.parentId()));
                if (parent.ended()) {
                    throw Invalid.field("parentId", "'" + parent.code() + "' ended on " + parent.validTo()
                            + "; put the unit under the unit that carries it on");
                }
            }
            refuseTaken(tx, code, null);
            long id = units.insert(tx, code, nameVi, nameEn, kind, body.parentId());
            var unit = units.find(tx, id, DSL.noCondition()).orElseThrow();
            AuditLog.record(tx, principal(ctx), "create", "unit", id, id, null, unit);
            return unit;
        });
        ctx.status(HttpStatus.CREATED).json(created);
    }

    /** 409 when another unit has the code now or had it: a code names one unit, ever. */
    private void refuseTaken(DSLContext tx, String code, Long self) {
        var owner = units.findByCodeEver(tx, code);
        if (owner.isEmpty() || owner.get().id() == (self == null ? -1 : self)) {
            return;
        }
        if (owner.get().code().equals(code)) {
            throw new ConflictResponse("A unit with code '" + code + "' already exists.");
        }
        throw new ConflictResponse("The code '" + code + "' was the code of '" + owner.get().code() + "' ("
                + owner.get().nameVi() + "); a code names one unit, ever: choose another.");
    }

    /**
     * Only the fields sent change. A new code or Vietnamese name is a rename and a new parent a move, recorded as
     * events of today ({@link UnitEvents}, source admin); an ended unit is not edited (409).
     */
    public void update(Context ctx) {
        long id = Requests.id(ctx, "id");
        var body = Requests.json(ctx, UnitChange.class);
        var by = principal(ctx);
        var updated = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = units.find(tx, id, DSL.noCondition())
                    .orElseThrow(() -> new NotFoundResponse("No such unit: " + id));
            if (before.ended()) {
                throw new ConflictResponse("'" + before.code() + "' (" + before.nameVi() + ") ended on "
                        + before.validTo() + " and is kept as it was; edit the unit that carries it on.");
            }
            var code = body.code() == null ? before.code() : Requests.text("code", body.code(), 64);
            if (!code.equals(before.code())) {
                refuseTaken(tx, code, id);
            }
            var kind = body.kind() == null ? before.kind() : Requests.text("kind", body.kind(), 64);
            if (!units.kindExists(tx, kind)) {
                throw Invalid.field("kind", "unknown unit kind '" + kind + "'");
            }
            // parentId 0 moves the unit to the top of the tree; absent keeps its parent.
            Long parentId = body.parentId() == null ? before.parentId() : body.parentId() == 0 ? null : body.parentId();
            if (parentId != null && !parentId.equals(before.parentId())) {
                if (units.find(tx, parentId, DSL.noCondition()).isEmpty()) {
                    throw Invalid.field("parentId", "no unit has id " + parentId);
                }
                if (units.isWithin(tx, parentId, id)) {
                    throw Invalid.field("parentId", "a unit cannot move under itself or one of its own units");
                }
            }
            var nameVi = body.nameVi() == null ? before.nameVi() : Requests.text("nameVi", body.nameVi(), 300);
            var nameEn = body.nameEn() == null ? before.nameEn() : Requests.optionalText("nameEn", body.nameEn(), 300);
            var events = new UnitEvents(tx, "admin", by.kind() == Principal.Kind.USER ? by.id() : null);
            var today = Vietnam.today();
            boolean recode = !code.equals(before.code());
            if (recode || !nameVi.equals(before.nameVi())) {
                try {
                    events.rename(id, recode ? code : null, nameVi, null, today);
                } catch (UnitEvents.Refused refused) {
                    throw Invalid.field(recode ? "code" : "nameVi", refused.getMessage());
                }
            }
            if (!java.util.Objects.equals(parentId, before.parentId())) {
                try {
                    events.move(id, parentId, today); // its responses now count under its new parents
                } catch (UnitEvents.Refused refused) {
                    throw Invalid.field("parentId", refused.getMessage());
                }
            }
            tx.update(UNIT)
                    .set(UNIT.NAME_EN, nameEn)
                    .set(UNIT.KIND, kind)
                    .set(UNIT.ACTIVE, body.active() == null ? before.active() : body.active())
                    .where(UNIT.ID.eq(id))
                    .execute();
            var after = units.find(tx, id, DSL.noCondition()).orElseThrow();
            AuditLog.record(tx, by, "update", "unit", id, id, before, after);
            return after;
        });
        ctx.json(updated);
    }

    /**
     * CSV with a header row: code, name_vi, name_en, kind, parent_code. All rows or none. A new parent or Vietnamese
     * name of an existing unit is a move or rename of today ({@link UnitEvents}); parent_code may be a former code.
     */
    public void importCsv(Context ctx) {
        var rows = UnitCsv.parse(ctx.body());
        var by = principal(ctx);
        var result = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var problems = new java.util.ArrayList<Problem>();
            var ids = new HashMap<String, Long>();
            var events = new UnitEvents(tx, "admin", by.kind() == Principal.Kind.USER ? by.id() : null);
            var today = Vietnam.today();
            int created = 0;
            int updated = 0;
            for (var row : UnitCsv.parentsFirst(rows, problems)) {
                if (!units.kindExists(tx, row.kind())) {
                    problems.add(new Problem(row.line(), "kind", "unknown unit kind '" + row.kind() + "'"));
                    continue;
                }
                Long parentId = null;
                if (row.parentCode() != null) {
                    if (ids.containsKey(row.parentCode())) {
                        parentId = ids.get(row.parentCode());
                    } else {
                        var parent = units.findByCodeEver(tx, row.parentCode());
                        if (parent.isEmpty()) {
                            problems.add(new Problem(row.line(), "parent_code",
                                    "no unit has code '" + row.parentCode() + "'"));
                            continue;
                        }
                        if (parent.get().ended()) {
                            problems.add(new Problem(row.line(), "parent_code", "'" + parent.get().code()
                                    + "' ended on " + parent.get().validTo() + "; name the unit that carries it on"));
                            continue;
                        }
                        parentId = parent.get().id();
                    }
                }
                var existing = units.findByCode(tx, row.code());
                if (existing.isEmpty()) {
                    var former = units.findByCodeEver(tx, row.code());
                    if (former.isPresent()) {
                        problems.add(new Problem(row.line(), "code", "'" + row.code() + "' was the code of '"
                                + former.get().code() + "' (" + former.get().nameVi() + "); write its code now, or"
                                + " choose a new code for a new unit"));
                        continue;
                    }
                }
                if (existing.isPresent()) {
                    var e = existing.get();
                    if (parentId != null && units.isWithin(tx, parentId, e.id())) {
                        problems.add(new Problem(row.line(), "parent_code", "would put the unit under itself"));
                        continue;
                    }
                    boolean rename = !row.nameVi().equals(e.nameVi());
                    boolean move = !java.util.Objects.equals(parentId, e.parentId());
                    boolean other = !java.util.Objects.equals(row.nameEn(), e.nameEn()) || !row.kind().equals(e.kind());
                    if ((rename || move || other) && e.ended()) {
                        problems.add(new Problem(row.line(), "code", "'" + e.code() + "' ended on " + e.validTo()
                                + " and is kept as it was; change the unit that carries it on"));
                        continue;
                    }
                    try {
                        if (rename) {
                            events.rename(e.id(), null, row.nameVi(), null, today);
                        }
                        if (move) {
                            events.move(e.id(), parentId, today);
                        }
                    } catch (UnitEvents.Refused refused) {
                        problems.add(new Problem(row.line(), refused.field().equals("new_parent") ? "parent_code"
                                : rename ? "name_vi" : "code", refused.getMessage()));
                        continue;
                    }
                    if (other) {
                        tx.update(UNIT).set(UNIT.NAME_EN, row.nameEn()).set(UNIT.KIND, row.kind())
                                .where(UNIT.ID.eq(e.id())).execute();
                    }
                    if (rename || move || other) {
                        updated++;
                    }
                    ids.put(row.code(), e.id());
                } else {
                    ids.put(row.code(), units.insert(tx, row.code(), row.nameVi(), row.nameEn(), row.kind(), parentId));
                    created++;
                }
            }
            if (!problems.isEmpty()) {
                throw new Rejected(problems);
            }
            var summary = Map.of("rows", rows.size(), "created", created, "updated", updated);
            AuditLog.record(tx, principal(ctx), "import", "unit", null, null, null, summary);
            return summary;
        });
        ctx.json(result);
    }

    /**
     * POST /units/crosswalk?dryRun=: a crosswalk (bảng chuyển đổi) applied all or nothing ({@link Crosswalk}); 201
     * with what it did, 200 on a dry run with what it would do, 422 with every problem by line and column.
     */
    public void crosswalk(Context ctx) {
        boolean dryRun = flag(ctx, "dryRun");
        var result = Crosswalk.run(dsl, ctx.body(), principal(ctx), dryRun);
        ctx.status(dryRun ? HttpStatus.OK : HttpStatus.CREATED).json(result);
    }

    /** GET /units/{id}/history: the unit's validity, codes, placements, events, predecessors and successors. */
    public void history(Context ctx) {
        long id = Requests.id(ctx, "id");
        var unit = units.find(dsl, id, principal(ctx).scope().covers(UNIT.ID))
                .orElseThrow(() -> new NotFoundResponse("No such unit: " + id));
        ctx.json(dsl.transactionResult(trx -> UnitTimeline.of(trx.dsl(), Units.withEnds(trx.dsl(), java.util.List.of(unit)).get(0))));
    }

    /** true, false, or absent (false); anything else is a 400 naming the parameter. */
    private static boolean flag(Context ctx, String name) {
        var value = ctx.queryParam(name);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new HttpResponseException(HttpStatus.BAD_REQUEST.getCode(), name + ": must be true or false, not '"
                + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "'", Map.of("field", name));
    }
}
