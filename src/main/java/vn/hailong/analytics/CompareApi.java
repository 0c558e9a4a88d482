package vn.hailong.analytics;


import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jooq.DSLContext;

import io.javalin.http.Context;
import vn.hailong.export.Download;
import vn.hailong.http.Invalid;
import vn.hailong.stats.Comparison;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.YearOnYear;

/**
 * GET /api/v1/compare?period=2025&baseline=2024&groupBy=unit: per group, the change of the overall and
 * element indices and of each criterion present in both periods, in points, with SE, z, two-sided p and
 * significance after Benjamini–Hochberg across the family shown.
 */
public final class CompareApi {
    private final DSLContext dsl;
    private final Slices slices;

    public CompareApi(DSLContext dsl, Slices slices) {
        this.dsl = dsl;
        this.slices = slices;
    }

    /** A period: a year (2025), a quarter (2025-Q2) or a month (2025-03). */
    record Period(LocalDate from, LocalDate to) {
        static Period parse(String field, String value) {
            if (value == null || value.isBlank()) {
                throw Invalid.field(field, "is required: a year (2025), quarter (2025-Q2) or month (2025-03)");
            }
            var v = value.strip().toUpperCase(Locale.ROOT);
            try {
                if (v.matches("\\d{4}")) {
                    int year = Integer.parseInt(v);
                    return new Period(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
                }
                if (v.matches("\\d{4}-Q[1-4]")) {
                    int year = Integer.parseInt(v.substring(0, 4));
                    int quarter = v.charAt(6) - '0';
                    var first = YearMonth.of(year, quarter * 3 - 2);
                    return new Period(first.atDay(1), first.plusMonths(2).atEndOfMonth());
                }
                if (v.matches("\\d{4}-\\d{2}")) {
                    var month = YearMonth.parse(v);
                    return new Period(month.atDay(1), month.atEndOfMonth());
                }
            } catch (RuntimeException e) {
                // reported below
            }
            throw Invalid.field(field, "'" + value + "' is not a year (2025), quarter (2025-Q2) or month (2025-03)");
        }
    }

    public void get(Context ctx) {
        var format = Download.requested(ctx);
        var request = AnalyticsRequest.of(ctx, dsl, slices);
        boolean criteriaRows = AnalyticsTables.criteriaRows(ctx);
        var period = Period.parse("period", ctx.queryParam("period"));
        var baseline = Period.parse("baseline", ctx.queryParam("baseline"));
        var groupBy = request.groupBy();
        for (var d : groupBy) {
            if (d == Slices.Dimension.YEAR || d == Slices.Dimension.QUARTER || d == Slices.Dimension.MONTH) {
                throw Invalid.field("groupBy", "the periods are compared; group by unit, service, centre or channel");
            }
        }
        int minN = request.minN();
        var nowRequest = request.between(period.from(), period.to());
        var beforeRequest = request.between(baseline.from(), baseline.to());
        var now = slices.read(request.versions(), nowRequest.filter(), groupBy);
        var before = slices.read(request.versions(), beforeRequest.filter(), groupBy);
        var population = new Population(dsl);
        var names = new IndicesApi.Names(dsl);
        var rows = new ArrayList<Map<String, Object>>();
        var family = new ArrayList<Comparison>();
        var familyRows = new ArrayList<Map<String, Object>>();
        now.forEach((key, stats) -> {
            var earlier = before.get(key);
            var row = new LinkedHashMap<String, Object>();
            row.put("group", names.group(groupBy, key));
            var after = estimates(population, nowRequest, key, stats);
            row.put("n", stats.n());
            row.put("baselineN", earlier == null ? 0 : earlier.n());
            var beforeEstimates = earlier == null ? null : estimates(population, beforeRequest, key, earlier);
            if (after == null || (earlier != null && beforeEstimates == null)) {
                row.put("suppressed", true);
                row.put("weightingUnavailable", "no population total for a stratum of this group");
                rows.add(row);
                return;
            }
            var afterIndex = after.index(minN);
            var beforeIndex = beforeEstimates == null ? null : beforeEstimates.index(minN);
            if (beforeIndex == null || !beforeIndex.published() || !afterIndex.published()) {
                row.put("suppressed", true);
                rows.add(row);
                return;
            }
            row.put("suppressed", false);
            var indices = YearOnYear.indices(beforeIndex, afterIndex);
            family.add(indices.get("overall"));
            familyRows.add(row);
            var overall = change(indices.get("overall"));
            overall.put("baseline", IndicesApi.estimate(beforeIndex.overall().orElseThrow()));
            overall.put("period", IndicesApi.estimate(afterIndex.overall().orElseThrow()));
            row.put("overall", overall);
            var elements = new LinkedHashMap<String, Object>();
            indices.forEach((code, c) -> {
                if (!code.equals("overall")) {
                    elements.put(code, change(c));
                }
            });
            row.put("elements", elements);
            var criteria = YearOnYear.criteria(beforeEstimates.criteria(), after.criteria());
            var flagged = YearOnYear.flag(List.copyOf(criteria.values()));
            var byCode = new LinkedHashMap<String, Object>();
            int i = 0;
            for (var code : criteria.keySet()) {
                var c = change(criteria.get(code));
                c.put("adjustedP", flagged.get(i).adjustedP());
                c.put("significant", flagged.get(i).significant());
                byCode.put(code, c);
                i++;
            }
            row.put("criteria", byCode);
            rows.add(row);
        });
        // Significance of the overall changes, across every group shown together.
        var flagged = YearOnYear.flag(family);
        for (int i = 0; i < flagged.size(); i++) {
            @SuppressWarnings("unchecked")
            var overall = (Map<String, Object>) familyRows.get(i).get("overall");
            overall.put("adjustedP", flagged.get(i).adjustedP());
            overall.put("significant", flagged.get(i).significant());
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put("questionnaire", request.questionnaire());
        answer.put("period", period);
        answer.put("baseline", baseline);
        answer.put("minN", minN);
        answer.put("weighting", request.postStratified() ? "poststratified" : "none");
        answer.put("q", YearOnYear.Q);
        answer.put("groups", rows);
        AnalyticsTables.send(ctx, format, "compare", answer, () -> criteriaRows
                ? AnalyticsTables.compareCriteria(groupBy, rows)
                : AnalyticsTables.compare(groupBy, request.versions().instrument(), request.postStratified(), rows));
    }

    /** Unweighted, or post-stratified when asked (null when a stratum has no population total). */
    private static Estimates estimates(Population population, AnalyticsRequest request, List<Object> key,
                                       vn.hailong.stats.SufficientStatistics stats) {
        if (!request.postStratified()) {
            return Estimates.of(stats);
        }
        return population.estimates(request, request.groupBy(), key, stats).estimates().orElse(null);
    }

    private static Map<String, Object> change(Comparison c) {
        var out = new LinkedHashMap<String, Object>();
        out.put("delta", c.delta());
        out.put("se", c.se());
        out.put("z", c.z());
        out.put("p", c.pValue());
        return out;
    }
}
