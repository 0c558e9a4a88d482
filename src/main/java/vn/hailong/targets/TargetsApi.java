package vn.hailong.targets;

import static vn.hailong.auth.AccessControl.principal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import vn.hailong.audit.AuditLog;
import vn.hailong.http.Invalid;
import vn.hailong.http.Requests;

/**
 * GET /api/v1/targets?year=&questionnaire=: every unit in the caller's scope with the target it is held to;
 * PUT and DELETE /api/v1/targets/{unit}/{year}?questionnaire=: a unit's own target, set by an administrator.
 */
public final class TargetsApi {
    /** The years a target may be set for: a plan of this century. */
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;

    private final DSLContext dsl;
    private final Targets targets;

    public TargetsApi(DSLContext dsl) {
        this.dsl = dsl;
        this.targets = new Targets(dsl);
    }

    record Listing(int year, String questionnaire, List<Targets.Target> targets) {
    }

    record Body(BigDecimal value) {
    }

    record Stored(String unit, int year, String questionnaire, BigDecimal value) {
    }

    public void list(Context ctx) {
        if (ctx.queryParam("year") == null || ctx.queryParam("year").isBlank()) {
            throw Invalid.field("year", "is required: the year whose targets to list, e.g. 2025");
        }
        int year = Requests.wholeNumber(ctx, "year", 0, FIRST_YEAR, LAST_YEAR);
        var questionnaire = questionnaireCode(ctx);
        long questionnaireId = questionnaireId(questionnaire);
        ctx.json(new Listing(year, questionnaire, targets.effective(year, questionnaireId, principal(ctx).scope())));
    }

    public void put(Context ctx) {
        var questionnaire = questionnaireCode(ctx);
        long questionnaireId = questionnaireId(questionnaire);
        int year = year(ctx);
        long unit = unit(ctx);
        var body = Requests.json(ctx, Body.class);
        var value = value(body.value());
        dsl.transaction(trx -> {
            var before = targets.set(trx.dsl(), unit, year, questionnaireId, value);
            AuditLog.record(trx.dsl(), principal(ctx), "put", "target", ctx.pathParam("unit") + "/" + year + "/" + questionnaire,
                    unit, before.map(v -> Map.of("value", v)).orElse(null), Map.of("value", value));
        });
        ctx.json(new Stored(ctx.pathParam("unit"), year, questionnaire, value.stripTrailingZeros()));
    }

    public void delete(Context ctx) {
        var questionnaire = questionnaireCode(ctx);
        long questionnaireId = questionnaireId(questionnaire);
        int year = year(ctx);
        long unit = unit(ctx);
        var removed = dsl.transactionResult(trx -> {
            var before = targets.remove(trx.dsl(), unit, year, questionnaireId);
            before.ifPresent(v -> AuditLog.record(trx.dsl(), principal(ctx), "delete", "target",
                    ctx.pathParam("unit") + "/" + year + "/" + questionnaire, unit, Map.of("value", v), null));
            return before.isPresent();
        });
        if (!removed) {
            throw new HttpResponseException(HttpStatus.NOT_FOUND.getCode(), "No target of its own for unit "
                    + ctx.pathParam("unit") + " in " + year + " (" + questionnaire + ")", Map.of("field", "unit"));
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static String questionnaireCode(Context ctx) {
        var code = ctx.queryParam("questionnaire");
        return code == null || code.isBlank() ? "SIPAS" : code.strip();
    }

    private long questionnaireId(String code) {
        return targets.questionnaire(code)
                .orElseThrow(() -> Invalid.fields(List.of(new Invalid.FieldError("questionnaire", "unknown",
                        "no questionnaire '" + code + "'"))));
    }

    private static int year(Context ctx) {
        var text = ctx.pathParam("year");
        try {
            int year = Integer.parseInt(text);
            if (year >= FIRST_YEAR && year <= LAST_YEAR) {
                return year;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Invalid.fields(List.of(new Invalid.FieldError("year", "out_of_range",
                "must be a year from " + FIRST_YEAR + " to " + LAST_YEAR)));
    }

    private long unit(Context ctx) {
        var code = ctx.pathParam("unit");
        return targets.unit(code, principal(ctx).scope()).orElseThrow(() -> new HttpResponseException(
                HttpStatus.NOT_FOUND.getCode(), "No such unit: " + code, Map.of("field", "unit")));
    }

    private static BigDecimal value(BigDecimal value) {
        if (value == null) {
            throw Invalid.fields(List.of(new Invalid.FieldError("value", "required",
                    "is required: the target on the index scale, 0 to 100")));
        }
        if (value.compareTo(BigDecimal.ZERO) < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw Invalid.fields(List.of(new Invalid.FieldError("value", "out_of_range",
                    "must be from 0 to 100 (the index scale), not " + value.toPlainString())));
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw Invalid.fields(List.of(new Invalid.FieldError("value", "invalid", "has at most two decimals")));
        }
        return value;
    }
}
