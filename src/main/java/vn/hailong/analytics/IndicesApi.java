package vn.hailong.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import io.javalin.http.Context;
import vn.hailong.rollup.Dimension;
import vn.hailong.rollup.Group;
import vn.hailong.export.Download;
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

    /** The answer: which versions were merged, the rules applied and each group's figures. */
    record Answer(String questionnaire, List<Long> versions, List<Long> versionsNotMerged, int minN, String weighting,
                  List<Figures> groups, BoundariesUsed boundaries) {
    }

    public void get(Context ctx) {
        var format = Download.requested(ctx);
        var request = AnalyticsRequest.of(ctx, dsl, slices);
        boolean criteriaRows = AnalyticsTables.criteriaRows(ctx);
        var groups = List.copyOf(figures(dsl, slices, request, request.groupBy()).values());
        var answer = new Answer(request.questionnaire(), request.versions().merged(), request.versions().left(),
                request.minN(), request.weighting(), groups,
                BoundariesUsed.of(dsl, request.filter(), request.groupBy(), request.groupBy().stream()
                        .anyMatch(d -> d == Dimension.YEAR || d == Dimension.QUARTER || d == Dimension.MONTH)));
        AnalyticsTables.send(ctx, format, "indices", answer, () -> criteriaRows
                ? AnalyticsTables.criteria(request.groupBy(), request.postStratified(), groups)
                : AnalyticsTables.indices(request.groupBy(), request.versions().instrument(), request.postStratified(), groups));
    }

    /** The figures of each group the request covers, grouped by {@code by}. */
    static Map<Group, Figures> figures(DSLContext dsl, Slices slices, AnalyticsRequest request, List<Dimension> by) {
        var names = new NamedGroup.Names(dsl);
        var population = new Population(dsl);
        var figures = new LinkedHashMap<Group, Figures>();
        slices.read(request.versions(), request.filter(), by).forEach((key, stats) ->
                figures.put(key, Figures.of(names.group(by, key), population.estimates(request, key, stats))));
        return figures;
    }
}
