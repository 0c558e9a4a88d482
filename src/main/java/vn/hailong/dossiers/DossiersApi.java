package vn.hailong.dossiers;

import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.SERVICE;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static vn.hailong.db.schema.Tables.UNIT;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;

import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import vn.hailong.Vietnam;
import vn.hailong.audit.AuditLog;
import vn.hailong.http.Invalid;
import vn.hailong.http.Rejected;
import vn.hailong.http.Requests;
import vn.hailong.units.UnitHistory;

/**
 * PUT /api/v1/dossiers and PUT /api/v1/dossier-months: the dossier system's facts in bulk, a JSON array each. All
 * items or none: any problem answers 422 listing every problem by item (its row: the first item is row 1) and field, and nothing
 * is stored. Sending the same array again changes nothing and answers the same.
 */
public final class DossiersApi {
    /** Items per request: a month of a province's dossiers comes in a few requests, and one answer stays small. */
    static final int MAX_ITEMS = 5_000;
    static final int MAX_COUNT = 10_000_000;
    private static final Set<String> DOSSIER_FIELDS = new LinkedHashSet<>(List.of("agency", "dossierCode", "service",
            "centre", "receivedOn", "dueOn", "returnedOn", "onTime", "complained"));
    private static final Set<String> MONTH_FIELDS = new LinkedHashSet<>(List.of("unit", "month", "dossiersHandled",
            "dossiersLate", "complaintsReceived", "complaintsOnTime", "complaintsUnsatisfiedOrLate",
            "dossiersUnsatisfiedComplainedOrLate"));

    private final DSLContext dsl;

    public DossiersApi(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void putDossiers(Context ctx) {
        var items = items(ctx);
        var caller = principal(ctx);
        dsl.transaction(trx -> {
            var tx = trx.dsl();
            var problems = new ArrayList<Rejected.Problem>();
            var read = new ArrayList<Read<DossierFacts.Dossier>>();
            for (int i = 0; i < items.size(); i++) {
                read.add(readDossier(new Item(items.get(i), i + 1, DOSSIER_FIELDS, problems)));
            }
            // Units no longer active (merged, dissolved) still had their dossiers: facts about the past are taken,
            // each under the unit its code named on the day the dossier was received (see units(...)).
            var history = UnitHistory.read(tx);
            var covered = caller.scope().all() ? null : history.currentSubtree(caller.scope().root());
            var services = ids(tx, SERVICE, SERVICE.CODE, SERVICE.ID, org.jooq.impl.DSL.noCondition(), read, r -> r.service);
            var centres = ids(tx, SERVICE_CENTRE, SERVICE_CENTRE.CODE, SERVICE_CENTRE.ID,
                    org.jooq.impl.DSL.noCondition(), read, r -> r.centre);
            var seen = new HashMap<String, Integer>();
            var dossiers = new ArrayList<DossierFacts.Dossier>();
            for (int i = 0; i < read.size(); i++) {
                var r = read.get(i);
                var problem = new Problems(problems, i + 1);
                Long agencyId = unit(covered, history, problem, "agency", r.agency,
                        r.value == null ? null : r.value.receivedOn(), "no agency in your scope has code");
                Long serviceId = code(problem, "service", r.service, services, "no service has code");
                Long centreId = code(problem, "centre", r.centre, centres, "no service centre has code");
                // The centre that received the dossier may be any of the agency's province (since the 2025 reform,
                // centres take dossiers across the former boundaries), not one of another province.
                if (centreId != null && agencyId != null && !sameProvince(tx, centreId, agencyId)) {
                    problem.add("centre", "'" + r.centre + "' is a centre of another province than agency '" + r.agency
                            + "'");
                    centreId = null;
                }
                if (r.agency != null && r.dossierCode != null) {
                    var first = seen.putIfAbsent(r.agency + "\n" + r.dossierCode, i + 1);
                    if (first != null) {
                        problem.add("dossierCode", "is given twice for agency " + r.agency + " (rows " + first
                                + " and " + (i + 1) + "); send each dossier once");
                    }
                }
                if (r.complete && agencyId != null && (r.service == null || serviceId != null)
                        && (r.centre == null || centreId != null)) {
                    var v = r.value;
                    dossiers.add(new DossierFacts.Dossier(agencyId, v.dossierCode(), serviceId, centreId,
                            v.receivedOn(), v.dueOn(), v.returnedOn(), v.onTime(), v.complained()));
                }
            }
            reject(problems);
            int n = DossierFacts.store(tx, dossiers);
            if (n > 0) {
                AuditLog.record(tx, caller, "put", "dossier", null, null, null,
                        Map.of("items", dossiers.size(), "changed", n));
            }
        });
        ctx.json(Map.of("stored", items.size()));
    }

    public void putMonths(Context ctx) {
        var items = items(ctx);
        var caller = principal(ctx);
        dsl.transaction(trx -> {
            var tx = trx.dsl();
            var problems = new ArrayList<Rejected.Problem>();
            var read = new ArrayList<Read<DossierFacts.Month>>();
            for (int i = 0; i < items.size(); i++) {
                read.add(readMonth(new Item(items.get(i), i + 1, MONTH_FIELDS, problems)));
            }
            var history = UnitHistory.read(tx);
            var covered = caller.scope().all() ? null : history.currentSubtree(caller.scope().root());
            var seen = new HashMap<String, Integer>();
            var months = new ArrayList<DossierFacts.Month>();
            for (int i = 0; i < read.size(); i++) {
                var r = read.get(i);
                var problem = new Problems(problems, i + 1);
                Long unitId = unit(covered, history, problem, "unit", r.agency,
                        r.value == null ? null : r.value.month(), "no unit in your scope has code");
                if (r.agency != null && r.value != null && r.value.month() != null) {
                    var first = seen.putIfAbsent(r.agency + "\n" + r.value.month(), i + 1);
                    if (first != null) {
                        problem.add("month", "is given twice for unit " + r.agency + " (rows " + first + " and " + (i + 1)
                                + "); send each unit and month once");
                    }
                }
                if (r.complete && unitId != null) {
                    var v = r.value;
                    months.add(new DossierFacts.Month(unitId, v.month(), v.dossiersHandled(), v.dossiersLate(),
                            v.complaintsReceived(), v.complaintsOnTime(), v.complaintsUnsatisfiedOrLate(),
                            v.dossiersUnsatisfiedComplainedOrLate()));
                }
            }
            reject(problems);
            int n = DossierFacts.storeMonths(tx, months);
            if (n > 0) {
                AuditLog.record(tx, caller, "put", "dossier_month", null, null, null,
                        Map.of("items", months.size(), "changed", n));
            }
        });
        ctx.json(Map.of("stored", items.size()));
    }

    /** An item as read: its codes (unresolved), its values, and whether every field of it was good. */
    private record Read<T>(String agency, String dossierCode, String service, String centre, T value,
                           boolean complete) {
    }

    private static Read<DossierFacts.Dossier> readDossier(Item item) {
        var agency = item.text("agency", true, 64);
        var code = item.text("dossierCode", true, 100);
        var service = item.text("service", false, 64);
        var centre = item.text("centre", false, 64);
        var received = item.date("receivedOn", true, DossierFacts.lastPastDay());
        var due = item.date("dueOn", false, Item.LAST_DAY);
        var returned = item.date("returnedOn", false, DossierFacts.lastPastDay());
        var onTime = item.bool("onTime");
        var complained = item.bool("complained");
        for (var fault : DossierFacts.inconsistencies(received, due, returned, onTime)) {
            item.problem(fault.field(), fault.message());
        }
        var value = new DossierFacts.Dossier(0, code, null, null, received, due, returned, onTime,
                Boolean.TRUE.equals(complained));
        return new Read<>(agency, code, service, centre, value, item.clean());
    }

    private static Read<DossierFacts.Month> readMonth(Item item) {
        var unit = item.text("unit", true, 64);
        YearMonth month = item.month("month", YearMonth.now(Vietnam.ZONE));
        var handled = item.count("dossiersHandled", true, MAX_COUNT);
        var late = item.count("dossiersLate", true, MAX_COUNT);
        var complaints = item.count("complaintsReceived", true, MAX_COUNT);
        var onTime = item.count("complaintsOnTime", true, MAX_COUNT);
        var complaintsFaulted = item.count("complaintsUnsatisfiedOrLate", false, MAX_COUNT);
        var dossiersFaulted = item.count("dossiersUnsatisfiedComplainedOrLate", false, MAX_COUNT);
        for (var fault : DossierFacts.inconsistencies(handled, late, complaints, onTime, complaintsFaulted,
                dossiersFaulted)) {
            item.problem(fault.field(), fault.message());
        }
        boolean complete = item.clean();
        var value = complete ? new DossierFacts.Month(0, month.atDay(1), handled, late, complaints, onTime,
                complaintsFaulted, dossiersFaulted) : null;
        return new Read<>(unit, null, null, null, value, complete);
    }

    /** The body: a JSON array of 1 to MAX_ITEMS items (413 beyond). */
    private static List<JsonNode> items(Context ctx) {
        var body = Requests.json(ctx, JsonNode.class);
        if (!body.isArray()) {
            throw Invalid.field("body", "must be a JSON array of items");
        }
        if (body.isEmpty()) {
            throw Invalid.field("[0]", "send at least one item");
        }
        if (body.size() > MAX_ITEMS) {
            throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), "body: holds " + body.size()
                    + " items; send at most " + MAX_ITEMS + " in one request", Map.of("field", "body"));
        }
        var items = new ArrayList<JsonNode>(body.size());
        body.forEach(items::add);
        return items;
    }

    private static void reject(List<Rejected.Problem> problems) {
        if (!problems.isEmpty()) {
            var sorted = new ArrayList<>(problems);
            sorted.sort(java.util.Comparator.comparingInt(Rejected.Problem::row));
            throw new Rejected(sorted); // thrown inside the transaction: nothing of the batch is kept
        }
    }

    /** The ids of the codes the items name, one query per kind of code. */
    private static <R extends Record, T> Map<String, Long> ids(DSLContext tx, Table<R> table,
                                                               TableField<R, String> code, TableField<R, Long> id,
                                                               Condition condition, List<Read<T>> read,
                                                               Function<Read<T>, String> codeOf) {
        var codes = new LinkedHashSet<String>();
        read.forEach(r -> {
            if (codeOf.apply(r) != null) {
                codes.add(codeOf.apply(r));
            }
        });
        if (codes.isEmpty()) {
            return Map.of();
        }
        var ids = new HashMap<String, Long>();
        tx.select(code, id).from(table).where(code.in(codes)).and(condition)
                .forEach(r -> ids.put(r.value1(), r.value2()));
        return ids;
    }

    /**
     * The unit a code names on {@code day} (the dossier's reception, the month's first day): the unit with the code
     * or that had it, or, from the day it ended, the unit it became; a unit split or dissolved by then, or not yet
     * existing, is a problem naming {@code field}. Without a day (it has its own problem) the unit the code names.
     */
    private static Long unit(Set<Long> covered, UnitHistory history, Problems problem,
                             String field, String code, java.time.LocalDate day, String unknown) {
        if (code == null) {
            return null;
        }
        var named = history.named(code).filter(u -> covered == null || covered.contains(u.id()));
        if (named.isEmpty()) {
            problem.add(field, unknown + " '" + code + "'");
            return null;
        }
        if (day == null) {
            return named.get().id();
        }
        var resolution = history.resolve(code, day).orElseThrow();
        if (!resolution.resolved()) {
            problem.add(field, resolution.problem(day));
            return null;
        }
        return resolution.unit().id();
    }

    private static boolean sameProvince(DSLContext tx, long centreId, long agencyId) {
        var centreUnit = tx.select(SERVICE_CENTRE.UNIT_ID).from(SERVICE_CENTRE).where(SERVICE_CENTRE.ID.eq(centreId))
                .fetchSingle(SERVICE_CENTRE.UNIT_ID);
        return vn.hailong.units.Units.top(tx, centreUnit) == vn.hailong.units.Units.top(tx, agencyId);
    }

    private static Long code(Problems problem, String field, String code, Map<String, Long> ids, String unknown) {
        if (code == null) {
            return null;
        }
        var id = ids.get(code);
        if (id == null) {
            problem.add(field, unknown + " '" + code + "'");
        }
        return id;
    }

    /** The problems of one item. */
    private record Problems(List<Rejected.Problem> all, int row) {
        void add(String field, String message) {
            all.add(new Rejected.Problem(row, field, message));
        }
    }
}
