package vn.hailong.analytics;

import static vn.hailong.db.schema.Tables.SERVICE;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static vn.hailong.db.schema.Tables.UNIT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Record4;

import io.javalin.http.Context;
import vn.hailong.rollup.Dimension;
import vn.hailong.rollup.Group;
import vn.hailong.export.Download;
import vn.hailong.http.Invalid;
import vn.hailong.stats.CriterionEstimate;
import vn.hailong.stats.Estimate;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.survey.Forms;

/**
 * GET /api/v1/indices: per group, n, the overall and element indices with SE and 95% CI, and each
 * criterion's share (Wilson CI) and mean score — or {@code suppressed} when n is below min_n. Computed by
 * the statistics core from rollups, within the caller's scope. With {@code format=csv|xlsx}, the same groups
 * as a file (see {@link AnalyticsTables}).
 */
public final class IndicesApi {
    private final DSLContext dsl;
    private final Slices slices;

    public IndicesApi(DSLContext dsl, Forms forms) {
        this.dsl = dsl;
        this.slices = new Slices(dsl, forms);
    }

    public void get(Context ctx) {
        var format = Download.requested(ctx);
        var request = AnalyticsRequest.of(ctx, dsl, slices);
        boolean criteriaRows = AnalyticsTables.criteriaRows(ctx);
        var groups = new ArrayList<Map<String, Object>>();
        var names = new Names(dsl);
        var population = new Population(dsl);
        slices.read(request.versions(), request.filter(), request.groupBy()).forEach((key, stats) ->
                groups.add(figures(names.group(request.groupBy(), key), population.estimates(request, key, stats), stats, request.minN())));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("questionnaire", request.questionnaire());
        answer.put("versions", request.versions().merged());
        answer.put("versionsNotMerged", request.versions().left());
        answer.put("minN", request.minN());
        answer.put("weighting", request.weighting());
        answer.put("groups", groups);
        AnalyticsTables.send(ctx, format, "indices", answer, () -> criteriaRows
                ? AnalyticsTables.criteria(request.groupBy(), request.postStratified(), groups)
                : AnalyticsTables.indices(request.groupBy(), request.versions().instrument(), request.postStratified(), groups));
    }

    /** A group's figures as weighted, or its n and why it cannot be weighted. */
    static Map<String, Object> figures(Map<String, Object> group, Population.Weighted weighted, SufficientStatistics stats,
                                       int minN) {
        if (weighted.estimates().isPresent()) {
            return figures(group, weighted.estimates().get(), minN);
        }
        return Map.of("group", group, "n", stats.n(), "suppressed", true, "weightingUnavailable", weighted.unavailable());
    }

    static Map<String, Object> figures(Map<String, Object> group, Estimates estimates, int minN) {
        var index = estimates.index(minN);
        var out = new LinkedHashMap<String, Object>();
        out.put("group", group);
        out.put("n", index.n());
        out.put("suppressed", !index.published());
        if (!index.published()) {
            return out;
        }
        out.put("index", index.overall().map(IndicesApi::estimate).orElse(null));
        var elements = new LinkedHashMap<String, Object>();
        index.elements().forEach((code, e) -> elements.put(code, estimate(e)));
        out.put("elements", elements);
        index.band().ifPresent(b -> out.put("band", b));
        out.put("criteria", estimates.criteria().stream().map(IndicesApi::criterion).toList());
        return out;
    }

    static Map<String, Object> estimate(Estimate e) {
        return Map.of("value", e.value(), "se", e.se(), "low", e.low(), "high", e.high());
    }

    static Map<String, Object> criterion(CriterionEstimate c) {
        var out = new LinkedHashMap<String, Object>();
        out.put("code", c.criterion());
        out.put("nValid", c.nValid());
        out.put("satisfied", c.satisfied());
        out.put("share", finite(c.share()));
        out.put("wilsonLow", finite(c.wilsonLow()));
        out.put("wilsonHigh", finite(c.wilsonHigh()));
        out.put("meanScore", finite(c.meanScore()));
        out.put("score0to100", finite(c.score0to100()));
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

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

    /** Turns group key ids into what a person reads: codes and names of units, services and centres. */
    static final class Names {
        private final DSLContext dsl;
        private final Map<String, Object> cache = new LinkedHashMap<>();

        Names(DSLContext dsl) {
            this.dsl = dsl;
        }

        /** The group's key as {dimension: value}, with units, services and centres named. */
        Map<String, Object> group(List<Dimension> dimensions, Group key) {
            var group = new LinkedHashMap<String, Object>();
            for (var d : dimensions) {
                group.put(d.name().toLowerCase(Locale.ROOT), describe(d, key.value(d)));
            }
            return group;
        }

        Object describe(Dimension dimension, Object value) {
            return switch (dimension) {
                case UNIT -> cache.computeIfAbsent("u" + value, k -> named(dsl.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI,
                        UNIT.NAME_EN).from(UNIT).where(UNIT.ID.eq((Long) value)).fetchOne()));
                case SERVICE -> (Long) value == 0 ? null : cache.computeIfAbsent("s" + value, k -> named(dsl.select(
                        SERVICE.ID, SERVICE.CODE, SERVICE.NAME_VI, SERVICE.NAME_EN).from(SERVICE)
                        .where(SERVICE.ID.eq((Long) value)).fetchOne()));
                case CENTRE -> (Long) value == 0 ? null : cache.computeIfAbsent("c" + value, k -> named(dsl.select(
                        SERVICE_CENTRE.ID, SERVICE_CENTRE.CODE, SERVICE_CENTRE.NAME_VI, SERVICE_CENTRE.NAME_EN)
                        .from(SERVICE_CENTRE).where(SERVICE_CENTRE.ID.eq((Long) value)).fetchOne()));
                default -> value;
            };
        }

        private static Map<String, Object> named(Record4<Long, String, String, String> r) {
            var out = new LinkedHashMap<String, Object>();
            out.put("id", r.value1());
            out.put("code", r.value2());
            out.put("nameVi", r.value3());
            out.put("nameEn", r.value4());
            return out;
        }
    }
}
