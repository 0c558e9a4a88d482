package vn.hailong.analytics;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.jooq.DSLContext;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import io.javalin.http.Context;
import vn.hailong.rollup.Dimension;
import vn.hailong.export.Download;
import vn.hailong.http.Invalid;
import vn.hailong.stats.Drivers;
import vn.hailong.stats.Estimate;
import vn.hailong.stats.Rankings;
import vn.hailong.stats.Reliability;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.survey.Forms;

/**
 * Rankings with CI-overlap ties, rank ranges and the shrunken index, the trend by month, quarter or year, drivers of the
 * overall question with their intervals, Cronbach's α per element — all from rollups.
 */
public final class InsightsApi {
    private final DSLContext dsl;
    private final Slices slices;

    public InsightsApi(DSLContext dsl, Forms forms) {
        this.dsl = dsl;
        this.slices = new Slices(dsl, forms);
    }

    /** The groups ranked, and those too small (or not weighted) to rank. */
    record Ranking(int minN, String weighting, List<Rank> ranked, List<Unranked> suppressed,
                   BoundariesUsed boundaries) {
    }

    /**
     * A group's place: its rank, whether it is tied with a neighbour, the ranks it could hold given the 95% intervals
     * (rankRange.best is rank), its index and its shrunken index.
     */
    record Rank(NamedGroup group, long n, int rank, boolean tied, RankRange rankRange, Estimate index, double shrunken,
                double shrinkageFactor) {

        static Rank of(Figures figures, Rankings.Ranked r) {
            return new Rank(figures.group(), figures.n(), r.rank(), r.tied(), new RankRange(r.rank(), r.worstRank()),
                    r.index(), r.shrunken(), r.shrinkageFactor());
        }
    }

    /** The best and the worst rank a group could hold: best = worst when its place is certain. */
    public record RankRange(int best, int worst) {
    }

    /** A group left out of the ranking, and why when it could not be weighted. */
    @JsonInclude(Include.NON_NULL)
    record Unranked(NamedGroup group, long n, String weightingUnavailable) {
    }

    /** GET /api/v1/rankings?by=unit|service|centre: published groups ranked; suppressed ones listed apart. */
    public void rankings(Context ctx) {
        var format = Download.requested(ctx);
        var request = AnalyticsRequest.of(ctx, dsl, slices);
        var by = AnalyticsRequest.groupBy(AnalyticsRequest.text(ctx, "by") == null ? "unit" : AnalyticsRequest.text(ctx, "by"));
        if (by.size() != 1 || !List.of(Dimension.UNIT, Dimension.SERVICE, Dimension.CENTRE)
                .contains(by.get(0))) {
            throw Invalid.field("by", "rank by one of unit, service or centre");
        }
        var shown = new LinkedHashMap<String, Figures>();
        var suppressed = new ArrayList<Unranked>();
        IndicesApi.figures(dsl, slices, request, by).forEach((key, g) -> {
            if (g.suppressed()) {
                suppressed.add(new Unranked(g.group(), g.n(), g.weightingUnavailable()));
            } else {
                shown.put(key.value(by.get(0)).toString(), g);
            }
        });
        var indices = new LinkedHashMap<String, Estimate>();
        shown.forEach((key, g) -> indices.put(key, g.index()));
        var ranked = Rankings.rank(indices).stream().map(r -> Rank.of(shown.get(r.key()), r)).toList();
        AnalyticsTables.send(ctx, format, "rankings", new Ranking(request.minN(), request.weighting(), ranked, suppressed,
                        BoundariesUsed.of(dsl, request.filter(), by, false)),
                () -> AnalyticsTables.rankings(by, request.postStratified(), ranked, suppressed));
    }

    /** The figures of each period. */
    record Trend(String interval, int minN, String weighting, List<Figures> points, BoundariesUsed boundaries) {
    }

    /** GET /api/v1/trend?interval=month|quarter|year: the indices of each period, oldest first. */
    public void trend(Context ctx) {
        var format = Download.requested(ctx);
        var request = AnalyticsRequest.of(ctx, dsl, slices);
        boolean criteriaRows = AnalyticsTables.criteriaRows(ctx);
        var interval = AnalyticsRequest.text(ctx, "interval") == null ? "month" : AnalyticsRequest.text(ctx, "interval");
        var dimension = switch (interval) {
            case "month" -> Dimension.MONTH;
            case "quarter" -> Dimension.QUARTER;
            case "year" -> Dimension.YEAR;
            default -> throw Invalid.field("interval", "must be month, quarter or year");
        };
        var groupBy = List.of(dimension);
        var points = List.copyOf(IndicesApi.figures(dsl, slices, request, groupBy).values());
        boolean weighted = request.postStratified();
        AnalyticsTables.send(ctx, format, "trend", new Trend(interval, request.minN(), request.weighting(), points,
                        BoundariesUsed.of(dsl, request.filter(), groupBy, true)),
                () -> criteriaRows ? AnalyticsTables.criteria(groupBy, weighted, points)
                        : AnalyticsTables.indices(groupBy, request.versions().instrument(), weighted, points));
    }

    /** How many answered each level of each criterion, per group. */
    record Distribution(int levels, int minN, List<DistributionRow> groups, BoundariesUsed boundaries) {
    }

    /** GET /api/v1/distribution: per criterion, how many answered each level (the stacked bars of a table). */
    public void distribution(Context ctx) {
        var format = Download.requested(ctx);
        AnalyticsRequest.requireUnweighted(ctx, "the distribution counts answers as they were given");
        var request = AnalyticsRequest.of(ctx, dsl, slices);
        var names = new NamedGroup.Names(dsl);
        var groups = new ArrayList<DistributionRow>();
        slices.read(request.versions(), request.filter(), request.groupBy()).forEach((key, stats) ->
                groups.add(DistributionRow.of(names.group(request.groupBy(), key), stats, request)));
        int levels = request.versions().instrument().levels();
        AnalyticsTables.send(ctx, format, "distribution", new Distribution(levels, request.minN(), groups,
                        BoundariesUsed.of(dsl, request.filter(), request.groupBy(), false)),
                () -> AnalyticsTables.distribution(request.groupBy(), levels, groups));
    }

    /**
     * A criterion's correlation with the overall question beside its share satisfied, each with its 95% interval (null
     * where there is none); its quadrant, whether the intervals let it be told (determined), and the dividing lines.
     */
    record DriverRow(String criterion, long n, Double r, Double performance, Drivers.Quadrant quadrant, Double rLow,
                     Double rHigh, Double performanceLow, Double performanceHigh, boolean determined,
                     Double importanceLine, Double performanceLine) {

        static DriverRow of(Drivers.Driver d) {
            return new DriverRow(d.criterion(), d.n(), Figures.finite(d.r()), Figures.finite(d.performance()),
                    d.quadrant(), Figures.finite(d.rLow()), Figures.finite(d.rHigh()), Figures.finite(d.performanceLow()),
                    Figures.finite(d.performanceHigh()), d.determined(), Figures.finite(d.importanceLine()),
                    Figures.finite(d.performanceLine()));
        }
    }

    /** GET /api/v1/drivers: each criterion's correlation with the overall question beside its share satisfied. */
    public void drivers(Context ctx) {
        var format = Download.requested(ctx);
        var stats = whole(ctx, "driver correlations are taken over the answers as they were given");
        var rows = Drivers.of(stats).stream().map(DriverRow::of).toList();
        AnalyticsTables.send(ctx, format, "drivers", rows, () -> AnalyticsTables.drivers(rows));
    }

    /** Cronbach's α of an element over its complete cases; null where there is none. */
    record AlphaRow(String element, long nComplete, Double alpha) {
    }

    /** GET /api/v1/reliability: Cronbach's α of each element over complete cases. */
    public void reliability(Context ctx) {
        var format = Download.requested(ctx);
        var stats = whole(ctx, "Cronbach's α is taken over the answers as they were given");
        var rows = Reliability.cronbach(stats).stream()
                .map(a -> new AlphaRow(a.element(), a.nComplete(), Figures.finite(a.alpha()))).toList();
        AnalyticsTables.send(ctx, format, "reliability", rows, () -> AnalyticsTables.reliability(rows));
    }

    /** Everything the filter covers, merged into one group, for a figure that is never weighted (why: its reason). */
    private SufficientStatistics whole(Context ctx, String why) {
        AnalyticsRequest.requireUnweighted(ctx, why);
        var request = AnalyticsRequest.of(ctx, dsl, slices);
        return slices.read(request.versions(), request.filter(), List.of()).values().stream().findFirst()
                .orElseGet(() -> SufficientStatistics.empty(request.versions().instrument()));
    }
}
