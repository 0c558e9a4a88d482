package vn.hailong.analytics;

import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.COUNTER;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE_VERSION;
import static vn.hailong.db.schema.Tables.SERVICE;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import vn.hailong.rollup.Boundaries;
import vn.hailong.rollup.Filter;
import vn.hailong.rollup.Dimension;
import vn.hailong.auth.UnitScope;
import vn.hailong.http.Invalid;
import vn.hailong.http.Requests;
import vn.hailong.stats.Estimates;
import vn.hailong.units.UnitHistory;

/**
 * The filters every analytics endpoint takes, read and checked once: questionnaire, from, to, unit (a
 * subtree), service, centre, counter (of the centre), channel, excludeFlagged, groupBy, minN, weighting and rollups — within the caller's
 * scope.
 */
record AnalyticsRequest(String questionnaire, Slices.Versions versions, Filter filter,
                        List<Dimension> groupBy, int minN, UnitScope scope, boolean postStratified) {

    static AnalyticsRequest of(Context ctx, DSLContext dsl, Slices slices) {
        var scope = principal(ctx).scope();
        var questionnaire = text(ctx, "questionnaire") == null ? "SIPAS" : text(ctx, "questionnaire");
        var versions = slices.versions(questionnaire).orElseThrow(() ->
                Invalid.field("questionnaire", "no published, scored questionnaire '" + questionnaire + "'"));
        boolean postStratified = postStratified(ctx);
        var filter = filter(ctx, dsl, scope, !postStratified);
        return new AnalyticsRequest(questionnaire, versions, filter, groupBy(ctx.queryParam("groupBy")),
                integer(ctx, "minN", Estimates.DEFAULT_MIN_N, 1, 1_000_000), scope, postStratified);
    }

    /** Whether ?weighting= asks for post-stratification (poststratified) or not (none, the default). */
    static boolean postStratified(Context ctx) {
        var weighting = text(ctx, "weighting") == null ? "none" : text(ctx, "weighting");
        if (!weighting.equals("none") && !weighting.equals("poststratified")) {
            throw Invalid.field("weighting", "must be none or poststratified");
        }
        return weighting.equals("poststratified");
    }

    /** Refuses weighting with 422 where the figure asked for is never weighted (why). */
    static void requireUnweighted(Context ctx, String why) {
        if (postStratified(ctx)) {
            throw Invalid.field("weighting", why + ", never weighted: leave weighting out or set it to none");
        }
    }

    /**
     * The filters from, to, unit, service, centre, counter, channel and excludeFlagged, within the caller's scope;
     * {@code pooled} when the strata may be summed (no post-stratification); and which rollup rows answer
     * ({@code rollups}: {@code auto}, or {@code responses} to check the rollups against the responses).
     */
    static Filter filter(Context ctx, DSLContext dsl, UnitScope scope, boolean pooled) {
        var rollups = text(ctx, "rollups") == null ? "auto" : text(ctx, "rollups");
        if (!rollups.equals("auto") && !rollups.equals("responses")) {
            throw Invalid.field("rollups", "must be auto or responses");
        }
        var centre = code(ctx, dsl, "centre", SERVICE_CENTRE, SERVICE_CENTRE.CODE, SERVICE_CENTRE.ID,
                scope.covers(SERVICE_CENTRE.UNIT_ID));
        boolean historical = historical(ctx);
        var history = UnitHistory.read(dsl);
        var unit = unit(ctx, dsl, scope, history, historical);
        // A centre's figures count every rating received there, whichever agency decided it: a caller whose scope
        // covers the centre's unit sees them all (the centre was found within that scope), not only its agencies'.
        // With a unit as well, the figures are that unit's ratings received there.
        boolean received = centre != null && unit == null;
        var root = unit != null ? unit : received ? null : scope.root();
        var boundaries = !historical ? Boundaries.CURRENT
                : Boundaries.historical(root == null ? null : history.historicalSubtree(root));
        var filter = new Filter(date(ctx, "from"), date(ctx, "to"), unit,
                code(ctx, dsl, "service", SERVICE, SERVICE.CODE, SERVICE.ID, org.jooq.impl.DSL.noCondition()),
                centre, counter(ctx, dsl, centre),
                text(ctx, "channel"),
                Boolean.parseBoolean(ctx.queryParam("excludeFlagged")),
                scope, pooled, rollups.equals("responses"), boundaries);
        return received ? filter.receivedAt(centre) : filter;
    }

    /** Whether ?boundaries= asks for the units as they were (historical) rather than as they are (current, the default). */
    static boolean historical(Context ctx) {
        var boundaries = text(ctx, "boundaries") == null ? "current" : text(ctx, "boundaries");
        if (!boundaries.equals("current") && !boundaries.equals("historical")) {
            throw Invalid.field("boundaries", "must be current or historical");
        }
        return boundaries.equals("historical");
    }

    /**
     * The unit asked for, by its code or a code it had. In the current boundaries a unit that has ended is read as
     * the unit that carries it on, where there is one and the caller may see it (else as itself); a unit split or
     * dissolved has none (422 naming unit). 404 when nothing the caller may see has the code.
     */
    private static Long unit(Context ctx, DSLContext dsl, UnitScope scope, UnitHistory history, boolean historical) {
        var value = text(ctx, "unit");
        if (value == null) {
            return null;
        }
        var named = history.named(value).filter(u -> scope.covers(dsl, u.id()));
        if (named.isEmpty()) {
            throw new NotFoundResponse("No unit with code '" + value + "' that you may see.");
        }
        var today = vn.hailong.Vietnam.today();
        var resolution = history.asked(named.get(), historical, today, id -> scope.covers(dsl, id));
        if (!resolution.resolved()) {
            throw Invalid.field("unit", resolution.problem(today)
                    + ", or read it with boundaries=historical");
        }
        return resolution.unit().id();
    }

    /** What the weighting parameter said: none or poststratified. */
    String weighting() {
        return postStratified ? "poststratified" : "none";
    }

    /** The same request over other days (a period of a comparison). */
    AnalyticsRequest between(LocalDate from, LocalDate to) {
        return new AnalyticsRequest(questionnaire, versions, filter.between(from, to), groupBy, minN, scope, postStratified);
    }

    /** Dimensions to group by, as a comma-separated list, each once and in the order given. */
    static List<Dimension> groupBy(String value) {
        var dims = new ArrayList<Dimension>();
        if (value == null || value.isBlank()) {
            return dims;
        }
        for (var part : value.split(",")) {
            try {
                var d = Dimension.valueOf(part.strip().toUpperCase(Locale.ROOT));
                if (!dims.contains(d)) {
                    dims.add(d);
                }
            } catch (IllegalArgumentException e) {
                throw Invalid.field("groupBy", "'" + part.strip() + "' is not one of unit, service, centre, channel,"
                        + " year, quarter, month");
            }
        }
        return dims;
    }

    /** Every version of a questionnaire, published or not; 422 naming questionnaire when no questionnaire has the code. */
    static List<Long> everyVersion(DSLContext dsl, String code) {
        var versions = dsl.select(QUESTIONNAIRE_VERSION.ID)
                .from(QUESTIONNAIRE_VERSION)
                .join(QUESTIONNAIRE).on(QUESTIONNAIRE.ID.eq(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID))
                .where(QUESTIONNAIRE.CODE.eq(code))
                .fetch(QUESTIONNAIRE_VERSION.ID);
        if (versions.isEmpty()) {
            throw Invalid.field("questionnaire", "no questionnaire '" + code + "'");
        }
        return versions;
    }

    static String text(Context ctx, String name) {
        var value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    static LocalDate date(Context ctx, String name) {
        return Requests.date(ctx, name);
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        return Requests.wholeNumber(ctx, name, fallback, min, max);
    }

    /**
     * The counter (quầy) of the centre asked for, by its code (counter codes are unique within a centre only): 422
     * naming counter without a centre, 404 when the centre has no such counter.
     */
    private static Long counter(Context ctx, DSLContext dsl, Long centre) {
        var value = text(ctx, "counter");
        if (value == null) {
            return null;
        }
        if (centre == null) {
            throw Invalid.field("counter", "a counter is one centre's: give the centre too");
        }
        return dsl.select(COUNTER.ID).from(COUNTER).where(COUNTER.CENTRE_ID.eq(centre)).and(COUNTER.CODE.eq(value))
                .fetchOptional(COUNTER.ID)
                .orElseThrow(() -> new NotFoundResponse("No counter with code '" + value + "' at that centre."));
    }

    /** A code parameter resolved to its id; 404 when nothing the caller may see has it. */
    private static <R extends Record> Long code(Context ctx, DSLContext dsl, String name, Table<R> table,
                                                TableField<R, String> code, TableField<R, Long> id, Condition scope) {
        var value = text(ctx, name);
        if (value == null) {
            return null;
        }
        return dsl.select(id).from(table).where(code.eq(value)).and(scope).fetchOptional(id)
                .orElseThrow(() -> new NotFoundResponse("No " + name + " with code '" + value + "' that you may see."));
    }
}
