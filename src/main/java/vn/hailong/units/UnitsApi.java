package vn.hailong.units;

import static vn.hailong.auth.AccessControl.principal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import vn.hailong.audit.AuditLog;
import vn.hailong.http.Invalid;
import vn.hailong.http.Rejected;
import vn.hailong.http.Rejected.Problem;
import vn.hailong.http.Requests;
import vn.hailong.rollup.RollupStore;
import vn.hailong.survey.Forms;

/** HTTP for the unit tree: list, read, add, rename, move, deactivate, bulk import. */
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
     * A unit as the list gives it: with its validity and, when it has ended, what became of it (merge: the unit it
     * merged into; split: the units it was split into; dissolve: none), so that a picker of the historical view can
     * say "đã sáp nhập vào … từ ngày …".
     */
    record Listed(long id, String code, String nameVi, String nameEn, String kind, Long parentId, boolean active,
                  java.time.LocalDate validFrom, java.time.LocalDate validTo, Ended ended) {
    }

    record Ended(String kind, java.time.LocalDate on, java.util.List<Successor> into) {
    }

    record Successor(String code, String nameVi, String nameEn) {
    }

    public void list(Context ctx) {
        var history = UnitHistory.read(dsl);
        ctx.json(units.list(principal(ctx).scope().covers(vn.hailong.db.schema.Tables.UNIT.ID)).stream().map(u -> {
            var h = history.unit(u.id()).orElseThrow();
            Ended ended = null;
            if (h.ended()) {
                var ending = history.events(u.id()).stream()
                        .filter(e -> e.unit() == u.id() && List.of("merge", "split", "dissolve").contains(e.kind()))
                        .toList();
                var into = ending.stream().filter(e -> e.successor() != null)
                        .map(e -> history.unit(e.successor()).orElseThrow())
                        .map(s -> new Successor(s.code(), s.nameVi(), s.nameEn())).toList();
                ended = new Ended(ending.isEmpty() ? "end" : ending.get(0).kind(), h.validTo(), into);
            }
            return new Listed(u.id(), u.code(), u.nameVi(), u.nameEn(), u.kind(), u.parentId(), u.active(),
                    h.validFrom(), h.validTo(), ended);
        }).toList());
    }

    public void kinds(Context ctx) {
        ctx.json(units.kinds());
    }

    public void get(Context ctx) {
        long id = Requests.id(ctx, "id");
        ctx.json(units.find(dsl, id, principal(ctx).scope().covers(vn.hailong.db.schema.Tables.UNIT.ID))
                .orElseThrow(() -> new NotFoundResponse("No such unit: " + id)));
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
            if (body.parentId() != null && units.find(tx, body.parentId(), org.jooq.impl.DSL.noCondition()).isEmpty()) {
                throw Invalid.field("parentId", "no unit has id " + body.parentId());
            }
            if (units.findByCode(tx, code).isPresent()) {
                throw new ConflictResponse("A unit with code '" + code + "' already exists.");
            }
            long id = units.insert(tx, code, nameVi, nameEn, kind, body.parentId());
            var unit = units.find(tx, id, org.jooq.impl.DSL.noCondition()).orElseThrow();
            AuditLog.record(tx, principal(ctx), "create", "unit", id, id, null, unit);
            return unit;
        });
        ctx.status(HttpStatus.CREATED).json(created);
    }

    public void update(Context ctx) {
        long id = Requests.id(ctx, "id");
        var body = Requests.json(ctx, UnitChange.class);
        var updated = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = units.find(tx, id, org.jooq.impl.DSL.noCondition())
                    .orElseThrow(() -> new NotFoundResponse("No such unit: " + id));
            var code = body.code() == null ? before.code() : Requests.text("code", body.code(), 64);
            if (!code.equals(before.code()) && units.findByCode(tx, code).isPresent()) {
                throw new ConflictResponse("A unit with code '" + code + "' already exists.");
            }
            var kind = body.kind() == null ? before.kind() : Requests.text("kind", body.kind(), 64);
            if (!units.kindExists(tx, kind)) {
                throw Invalid.field("kind", "unknown unit kind '" + kind + "'");
            }
            // parentId 0 moves the unit to the top of the tree; absent keeps its parent.
            Long parentId = body.parentId() == null ? before.parentId() : body.parentId() == 0 ? null : body.parentId();
            if (parentId != null && !parentId.equals(before.parentId())) {
                if (units.find(tx, parentId, org.jooq.impl.DSL.noCondition()).isEmpty()) {
                    throw Invalid.field("parentId", "no unit has id " + parentId);
                }
                if (units.isWithin(tx, parentId, id)) {
                    throw Invalid.field("parentId", "a unit cannot move under itself or one of its own units");
                }
            }
            var after = new Units.Unit(id, code,
                    body.nameVi() == null ? before.nameVi() : Requests.text("nameVi", body.nameVi(), 300),
                    body.nameEn() == null ? before.nameEn() : Requests.optionalText("nameEn", body.nameEn(), 300),
                    kind, parentId, body.active() == null ? before.active() : body.active());
            units.update(tx, after);
            if (!java.util.Objects.equals(parentId, before.parentId())) {
                RollupStore.move(tx, new Forms(tx), id, before.parentId(), parentId); // its responses now count under its new parents
            }
            AuditLog.record(tx, principal(ctx), "update", "unit", id, id, before, after);
            return after;
        });
        ctx.json(updated);
    }

    /** CSV with a header row: code, name_vi, name_en, kind, parent_code. All rows or none. */
    public void importCsv(Context ctx) {
        var rows = UnitCsv.parse(ctx.body());
        var result = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var problems = new java.util.ArrayList<Problem>();
            var ids = new HashMap<String, Long>();
            int created = 0;
            int updated = 0;
            for (var row : UnitCsv.parentsFirst(rows, problems)) {
                if (!units.kindExists(tx, row.kind())) {
                    problems.add(new Problem(row.line(), "kind", "unknown unit kind '" + row.kind() + "'"));
                    continue;
                }
                Long parentId = null;
                if (row.parentCode() != null) {
                    parentId = ids.containsKey(row.parentCode()) ? ids.get(row.parentCode())
                            : units.findByCode(tx, row.parentCode()).map(Units.Unit::id).orElse(null);
                    if (parentId == null) {
                        problems.add(new Problem(row.line(), "parent_code",
                                "no unit has code '" + row.parentCode() + "'"));
                        continue;
                    }
                }
                var existing = units.findByCode(tx, row.code());
                if (existing.isPresent()) {
                    var e = existing.get();
                    if (parentId != null && units.isWithin(tx, parentId, e.id())) {
                        problems.add(new Problem(row.line(), "parent_code", "would put the unit under itself"));
                        continue;
                    }
                    var after = new Units.Unit(e.id(), e.code(), row.nameVi(), row.nameEn(), row.kind(), parentId, e.active());
                    if (!after.equals(e)) {
                        units.update(tx, after);
                        updated++;
                        if (!java.util.Objects.equals(parentId, e.parentId())) {
                            RollupStore.move(tx, new Forms(tx), e.id(), e.parentId(), parentId);
                        }
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
}
