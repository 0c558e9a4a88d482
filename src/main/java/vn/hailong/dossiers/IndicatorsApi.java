package vn.hailong.dossiers;

import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.UNIT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import org.jooq.DSLContext;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import vn.hailong.http.Invalid;
import vn.hailong.http.Requests;

/**
 * GET /api/v1/indicators: the Decision 766 indicators computed from the dossier facts, for a unit's subtree (or the
 * caller's scope), months from..to, grouped by unit and/or year, quarter or month.
 */
public final class IndicatorsApi {
    private final DSLContext dsl;
    private final Indicators indicators;

    public IndicatorsApi(DSLContext dsl) {
        this(dsl, IndicatorRule.OFFICIAL);
    }

    IndicatorsApi(DSLContext dsl, List<IndicatorRule> rules) {
        this.dsl = dsl;
        this.indicators = new Indicators(dsl, rules);
    }

    public void get(Context ctx) {
        var scope = principal(ctx).scope();
        var from = Requests.date(ctx, "from");
        var to = Requests.date(ctx, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw Invalid.field("to", "is before from (" + from + ")");
        }
        var unitCode = ctx.queryParam("unit") == null || ctx.queryParam("unit").isBlank() ? null
                : ctx.queryParam("unit").strip();
        var boundaries = ctx.queryParam("boundaries") == null || ctx.queryParam("boundaries").isBlank() ? "current"
                : ctx.queryParam("boundaries").strip();
        if (!boundaries.equals("current") && !boundaries.equals("historical")) {
            throw Invalid.field("boundaries", "must be current or historical");
        }
        boolean historical = boundaries.equals("historical");
        Long root = unitCode == null ? scope.root() : unit(unitCode, scope, historical);
        boolean byUnit = false;
        Indicators.Period period = null;
        var groupBy = ctx.queryParam("groupBy");
        if (groupBy != null && !groupBy.isBlank()) {
            for (var part : groupBy.split(",")) {
                var name = part.strip().toLowerCase(Locale.ROOT);
                if (name.equals("unit")) {
                    byUnit = true;
                } else if (List.of("year", "quarter", "month").contains(name) && period == null) {
                    period = Indicators.Period.valueOf(name.toUpperCase(Locale.ROOT));
                } else {
                    throw Invalid.field("groupBy", "'" + part.strip() + "' is not one of unit, year, quarter, month"
                            + " (at most one of year, quarter and month)");
                }
            }
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put("unit", unitCode);
        // Counts are monthly: a period covers the whole months its days fall in.
        answer.put("from", from == null ? null : from.withDayOfMonth(1));
        answer.put("to", to == null ? null : to.withDayOfMonth(to.lengthOfMonth()));
        answer.put("boundaries", boundaries);
        answer.put("groups", indicators.compute(root, from, to, byUnit, period, historical, scope));
        ctx.json(answer);
    }

    /**
     * The unit asked for by its code or a code it had; in the current boundaries an ended unit is read as the unit
     * that carries it on (422 naming unit when it was split or dissolved).
     */
    private Long unit(String code, vn.hailong.auth.UnitScope scope, boolean historical) {
        var history = vn.hailong.units.UnitHistory.read(dsl);
        var named = history.named(code).filter(u -> scope.covers(dsl, u.id()))
                .orElseThrow(() -> new NotFoundResponse("No unit with code '" + code + "' that you may see."));
        var today = vn.hailong.Vietnam.today();
        var resolution = history.asked(named, historical, today, id -> scope.covers(dsl, id));
        if (!resolution.resolved()) {
            throw Invalid.field("unit", resolution.problem(today) + ", or read it with boundaries=historical");
        }
        return resolution.unit().id();
    }
}
