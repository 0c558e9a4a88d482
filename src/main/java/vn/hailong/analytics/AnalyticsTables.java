package vn.hailong.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.javalin.http.Context;
import vn.hailong.rollup.Dimension;
import vn.hailong.export.Download;
import vn.hailong.export.Format;
import vn.hailong.export.Table;
import vn.hailong.http.Invalid;
import vn.hailong.stats.Estimate;
import vn.hailong.stats.Instrument;

/**
 * Analytics answers as tables for CSV and XLSX, made from the very records the JSON is written from: the
 * same groups and figures, nested fields flattened into snake_case columns ({@code index_low},
 * {@code TC_se}, {@code unit_name_vi}); what the JSON leaves out is an empty cell. Nothing is computed here.
 */
final class AnalyticsTables {
    /** Parameters that name a download, in this order: indices_99.SNNMT_2025-01-01_2025-12-31.xlsx. */
    private static final List<String> NAMING = List.of("unit", "service", "centre", "channel", "period", "baseline",
            "from", "to");

    private AnalyticsTables() {
    }

    /** The answer as JSON, or as a file when ?format= asks for one. */
    static void send(Context ctx, Optional<Format> format, String endpoint, Object json, Supplier<Table> table) {
        if (format.isEmpty()) {
            ctx.json(json);
            return;
        }
        Download.send(ctx, format.get(), fileName(ctx, endpoint), table.get());
    }

    /** A download's name: the endpoint and the filters that shape it. */
    static String fileName(Context ctx, String endpoint) {
        var name = new StringBuilder(endpoint);
        for (var parameter : NAMING) {
            var value = AnalyticsRequest.text(ctx, parameter);
            if (value != null) {
                name.append('_').append(value);
            }
        }
        return name.toString();
    }

    /** ?table=groups (one row per group, the default) or criteria (one row per group and criterion). */
    static boolean criteriaRows(Context ctx) {
        var value = AnalyticsRequest.text(ctx, "table");
        if (value == null || value.equals("groups")) {
            return false;
        }
        if (value.equals("criteria")) {
            return true;
        }
        throw Invalid.field("table", "must be groups (one row per group) or criteria (one row per group and criterion)");
    }

    /** /indices and /trend: per group n, the index and each element's index with SE and 95% CI. */
    static Table indices(List<Dimension> dims, Instrument instrument, boolean weighted, List<Figures> groups) {
        var columns = head(dims, weighted);
        columns.addAll(estimateColumns("index"));
        columns.add("band");
        for (var e : instrument.elements()) {
            columns.addAll(estimateColumns(e.code()));
        }
        var table = new Table(columns);
        for (var g : groups) {
            var row = headCells(dims, weighted, g);
            row.addAll(estimateCells(g.index()));
            row.add(g.band());
            for (var e : instrument.elements()) {
                row.addAll(estimateCells(g.elements() == null ? null : g.elements().get(e.code())));
            }
            table.row(row);
        }
        return table;
    }

    /** /indices and /trend with table=criteria: each criterion's share with its Wilson CI and mean score. */
    static Table criteria(List<Dimension> dims, boolean weighted, List<Figures> groups) {
        var columns = head(dims, weighted);
        columns.addAll(List.of("criterion", "n_valid", "satisfied", "share", "wilson_low", "wilson_high", "mean_score",
                "score_0_100"));
        var table = new Table(columns);
        for (var g : groups) {
            var criteria = g.criteria() == null ? List.<Figures.Criterion>of() : g.criteria();
            if (criteria.isEmpty()) {
                var row = headCells(dims, weighted, g);
                row.addAll(nulls(8)); // a suppressed group: listed, with its figures withheld
                table.row(row);
            }
            for (var c : criteria) {
                var row = headCells(dims, weighted, g);
                row.addAll(Arrays.asList(c.code(), c.nValid(), c.satisfied(), c.share(), c.wilsonLow(), c.wilsonHigh(),
                        c.meanScore(), c.score0to100()));
                table.row(row);
            }
        }
        return table;
    }

    /** /compare: per group the change of the overall index (with BH significance) and of each element. */
    static Table compare(List<Dimension> dims, Instrument instrument, boolean weighted, List<CompareRow> groups) {
        var columns = groupColumns(dims);
        columns.addAll(List.of("n", "baseline_n", "suppressed"));
        if (weighted) {
            columns.add("weighting_unavailable");
        }
        columns.addAll(List.of("baseline_index", "baseline_low", "baseline_high", "period_index", "period_low",
                "period_high", "delta", "se", "z", "p", "adjusted_p", "significant"));
        for (var e : instrument.elements()) {
            for (var part : List.of("delta", "se", "z", "p", "adjusted_p", "significant")) {
                columns.add(e.code() + "_" + part);
            }
        }
        var table = new Table(columns);
        for (var g : groups) {
            var row = cells(dims, g.group(), g.n(), g.baselineN(), g.suppressed());
            if (weighted) {
                row.add(g.weightingUnavailable());
            }
            // A suppressed group has no overall change: its cells are left empty.
            var overall = g.overall();
            row.addAll(intervalCells(overall == null ? null : overall.baseline()));
            row.addAll(intervalCells(overall == null ? null : overall.period()));
            row.addAll(changeCells(overall));
            for (var e : instrument.elements()) {
                row.addAll(changeCells(g.elements() == null ? null : g.elements().get(e.code())));
            }
            table.row(row);
        }
        return table;
    }

    /** /compare with table=criteria: each criterion's change, with BH significance within the group. */
    static Table compareCriteria(List<Dimension> dims, List<CompareRow> groups) {
        var columns = groupColumns(dims);
        columns.addAll(List.of("n", "baseline_n", "suppressed", "criterion", "delta", "se", "z", "p", "adjusted_p",
                "significant"));
        var table = new Table(columns);
        for (var g : groups) {
            var criteria = g.criteria() == null ? Map.<String, CompareRow.Change>of() : g.criteria();
            if (criteria.isEmpty()) {
                var row = cells(dims, g.group(), g.n(), g.baselineN(), g.suppressed());
                row.addAll(nulls(7));
                table.row(row);
            }
            criteria.forEach((code, change) -> {
                var row = cells(dims, g.group(), g.n(), g.baselineN(), g.suppressed(), code);
                row.addAll(changeCells(change));
                table.row(row);
            });
        }
        return table;
    }

    /** /rankings: the ranked groups, then those too small to rank (no rank, suppressed). */
    static Table rankings(List<Dimension> by, boolean weighted, List<InsightsApi.Rank> ranked,
                          List<InsightsApi.Unranked> suppressed) {
        var columns = new ArrayList<String>(List.of("rank", "tied"));
        columns.addAll(groupColumns(by));
        columns.addAll(head(List.of(), weighted));
        columns.addAll(estimateColumns("index"));
        columns.addAll(List.of("shrunken", "shrinkage_factor", "rank_best", "rank_worst"));
        var table = new Table(columns);
        for (var r : ranked) {
            var row = new ArrayList<Object>(List.of(r.rank(), r.tied()));
            row.addAll(cells(by, r.group(), r.n(), false));
            if (weighted) {
                row.add(null);
            }
            row.addAll(estimateCells(r.index()));
            row.addAll(List.of(r.shrunken(), r.shrinkageFactor(), r.rankRange().best(), r.rankRange().worst()));
            table.row(row);
        }
        for (var s : suppressed) {
            var row = new ArrayList<Object>(nulls(2));
            row.addAll(cells(by, s.group(), s.n(), true));
            if (weighted) {
                row.add(s.weightingUnavailable());
            }
            row.addAll(nulls(8));
            table.row(row);
        }
        return table;
    }

    /** /distribution: per group and criterion, how many answered each level. */
    static Table distribution(List<Dimension> dims, int levels, List<DistributionRow> groups) {
        var columns = head(dims, false);
        columns.addAll(List.of("criterion", "answered"));
        for (int l = 1; l <= levels; l++) {
            columns.add("level_" + l);
        }
        var table = new Table(columns);
        for (var g : groups) {
            var criteria = g.criteria() == null ? List.<DistributionRow.Counts>of() : g.criteria();
            if (criteria.isEmpty()) {
                var row = cells(dims, g.group(), g.n(), g.suppressed());
                row.addAll(nulls(2 + levels));
                table.row(row);
            }
            for (var c : criteria) {
                var row = cells(dims, g.group(), g.n(), g.suppressed(), c.code(), c.answered());
                for (int l = 0; l < levels; l++) {
                    row.add(l < c.counts().length ? c.counts()[l] : null);
                }
                table.row(row);
            }
        }
        return table;
    }

    /** One row per group and reason: its count, share and interval. */
    static Table reasons(List<Dimension> dims, List<ReasonsApi.Level> levels,
                         List<ReasonsApi.ReasonsRow> groups) {
        var columns = head(dims, false);
        columns.addAll(List.of("dissatisfied", "gave_reason", "reason", "reason_vi", "reason_en", "count", "share",
                "share_low", "share_high"));
        var table = new Table(columns);
        for (var g : groups) {
            if (g.reasons() == null || g.reasons().isEmpty()) {
                var row = cells(dims, g.group(), g.n(), g.suppressed());
                row.addAll(Arrays.asList(g.dissatisfied(), g.gaveReason(), null, null, null, null, null,
                        null, null));
                table.row(row);
                continue;
            }
            for (var r : g.reasons()) {
                var label = levels.get(r.level() - 1);
                var row = cells(dims, g.group(), g.n(), g.suppressed());
                row.addAll(List.of(g.dissatisfied(), g.gaveReason(), r.level(), label.labelVi(), label.labelEn(),
                        r.count(), r.share(), r.low(), r.high()));
                table.row(row);
            }
        }
        return table;
    }

    static Table drivers(List<InsightsApi.DriverRow> rows) {
        var table = new Table(List.of("criterion", "n", "r", "performance", "quadrant", "r_low", "r_high",
                "performance_low", "performance_high", "quadrant_determined"));
        rows.forEach(d -> table.row(d.criterion(), d.n(), d.r(), d.performance(), d.quadrant(), d.rLow(), d.rHigh(),
                d.performanceLow(), d.performanceHigh(), d.determined()));
        return table;
    }

    static Table reliability(List<InsightsApi.AlphaRow> rows) {
        var table = new Table(List.of("element", "n_complete", "alpha"));
        rows.forEach(a -> table.row(a.element(), a.nComplete(), a.alpha()));
        return table;
    }

    // Group columns: a unit, service or centre as its code and both names; other dimensions as their value.

    static List<String> groupColumns(List<Dimension> dims) {
        var columns = new ArrayList<String>();
        for (var d : dims) {
            var name = d.name().toLowerCase(Locale.ROOT);
            if (named(d)) {
                columns.addAll(List.of(name + "_code", name + "_name_vi", name + "_name_en"));
            } else {
                columns.add(name);
            }
        }
        return columns;
    }

    /** A row's first cells: its group's, then those given. */
    static List<Object> cells(List<Dimension> dims, NamedGroup group, Object... more) {
        var cells = new ArrayList<Object>();
        for (var d : dims) {
            var value = group.value(d);
            if (!named(d)) {
                cells.add(value);
            } else if (value instanceof NamedGroup.Name name) {
                // A unit an import created may have no English name.
                cells.addAll(Arrays.asList(name.code(), name.nameVi(), name.nameEn()));
            } else {
                cells.addAll(nulls(3)); // no service, no centre
            }
        }
        cells.addAll(Arrays.asList(more));
        return cells;
    }

    private static boolean named(Dimension d) {
        return d == Dimension.UNIT || d == Dimension.SERVICE || d == Dimension.CENTRE;
    }

    private static List<String> head(List<Dimension> dims, boolean weighted) {
        var columns = groupColumns(dims);
        columns.addAll(List.of("n", "suppressed"));
        if (weighted) {
            columns.add("weighting_unavailable");
        }
        return columns;
    }

    private static List<Object> headCells(List<Dimension> dims, boolean weighted, Figures g) {
        var cells = cells(dims, g.group(), g.n(), g.suppressed());
        if (weighted) {
            cells.add(g.weightingUnavailable());
        }
        return cells;
    }

    private static List<String> estimateColumns(String name) {
        return List.of(name, name + "_se", name + "_low", name + "_high");
    }

    /** An estimate's cells, empty when there is none (a withheld group, an element nobody answered). */
    private static List<Object> estimateCells(Estimate e) {
        return e == null ? nulls(4) : List.of(e.value(), e.se(), e.low(), e.high());
    }

    private static List<Object> intervalCells(Estimate e) {
        return e == null ? nulls(3) : List.of(e.value(), e.low(), e.high());
    }

    private static List<Object> changeCells(CompareRow.Change c) {
        return c == null ? nulls(6) : List.of(c.delta(), c.se(), c.z(), c.p(), c.adjustedP(), c.significant());
    }

    private static List<Object> nulls(int count) {
        return Arrays.asList(new Object[count]);
    }
}
