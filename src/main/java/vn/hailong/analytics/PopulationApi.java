package vn.hailong.analytics;

import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.POPULATION_TOTAL;
import static vn.hailong.db.schema.Tables.UNIT;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import com.fasterxml.jackson.core.type.TypeReference;

import io.javalin.http.Context;
import vn.hailong.audit.AuditLog;
import vn.hailong.export.Download;
import vn.hailong.export.Table;
import vn.hailong.http.Invalid;
import vn.hailong.http.Invalid.FieldError;

/**
 * PUT /api/v1/population: population totals (e.g. dossiers handled) per unit × year × stratum, the N_h of
 * post-stratification. All rows or none; each bad row named. GET lists them within the caller's scope.
 */
public final class PopulationApi {
    private final DSLContext dsl;

    public PopulationApi(DSLContext dsl) {
        this.dsl = dsl;
    }

    record Total(String unit, Integer year, String stratum, BigDecimal total) {
    }

    /** GET: the totals within the caller's scope, as JSON or (format=csv|xlsx) a file. */
    public void list(Context ctx) {
        var format = Download.requested(ctx);
        var scope = principal(ctx).scope();
        var totals = dsl.select(UNIT.CODE, POPULATION_TOTAL.YEAR, POPULATION_TOTAL.STRATUM, POPULATION_TOTAL.TOTAL)
                .from(POPULATION_TOTAL)
                .join(UNIT).on(UNIT.ID.eq(POPULATION_TOTAL.UNIT_ID))
                .where(scope.covers(POPULATION_TOTAL.UNIT_ID))
                .orderBy(UNIT.CODE, POPULATION_TOTAL.YEAR, POPULATION_TOTAL.STRATUM)
                .fetch(r -> new Total(r.value1(), r.value2().intValue(), r.value3(), r.value4()));
        if (format.isEmpty()) {
            ctx.json(totals);
            return;
        }
        var table = new Table(List.of("unit_code", "year", "stratum", "total"));
        totals.forEach(t -> table.row(t.unit(), t.year(), t.stratum(), t.total()));
        Download.send(ctx, format.get(), "population", table);
    }

    public void put(Context ctx) {
        List<PopulationTotals.Total> totals = vn.hailong.http.Requests.json(ctx,
                new TypeReference<List<PopulationTotals.Total>>() { });
        if (totals.isEmpty()) {
            throw Invalid.field("[0]", "send at least one total");
        }
        var stored = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var store = new PopulationTotals(tx);
            var errors = new ArrayList<FieldError>();
            for (int i = 0; i < totals.size(); i++) {
                var t = totals.get(i);
                if (t == null) {
                    errors.add(new FieldError("[" + i + "]", "is empty"));
                    continue;
                }
                for (var problem : store.store(t)) {
                    errors.add(new FieldError("[" + i + "]." + problem.field(), problem.message()));
                }
            }
            if (!errors.isEmpty()) {
                throw Invalid.fields(errors); // the transaction rolls back: nothing of the batch is kept
            }
            store.flush();
            AuditLog.record(tx, principal(ctx), "put", "population_total", null, null, null, Map.of("rows", totals.size()));
            return totals.size();
        });
        ctx.json(Map.of("stored", stored));
    }
}
