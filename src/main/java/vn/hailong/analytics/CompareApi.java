package vn.hailong.analytics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jooq.DSLContext;

import io.javalin.http.Context;
import vn.hailong.rollup.Filter;
import vn.hailong.rollup.Dimension;
import vn.hailong.rollup.Group;
import vn.hailong.export.Download;
import vn.hailong.http.Invalid;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.stats.YearOnYear;
import vn.hailong.survey.Forms;

/**
 * GET /api/v1/compare?period=2025&baseline=2024&groupBy=unit: per group, the change of the overall and
 * element indices and of each criterion present in both periods, in points, with SE, z, two-sided p and
 * significance after Benjamini–Hochberg in the families {@link CompareRow#of} adjusts together.
 */
public final class CompareApi {
    private final DSLContext dsl;
    private final Slices slices;

    public CompareApi(DSLContext dsl, Forms forms) {
        this.dsl = dsl;
        this.slices = new Slices(dsl, forms);
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

    /** The answer: the versions and criteria compared, both periods, the rules applied and each group's changes. */
    record Answer(String questionnaire, List<Long> versions, List<Long> versionsNotMerged, List<String> criteria,
                  Period period, Period baseline, int minN, String weighting, double q, List<CompareRow> groups,
                  BoundariesUsed boundaries) {
    }

    public void get(Context ctx) {
        var format = Download.requested(ctx);
        var request = AnalyticsRequest.of(ctx, dsl, slices);
        boolean criteriaRows = AnalyticsTables.criteriaRows(ctx);
        var period = Period.parse("period", ctx.queryParam("period"));
        var baseline = Period.parse("baseline", ctx.queryParam("baseline"));
        var groupBy = request.groupBy();
        for (var d : groupBy) {
            if (d == Dimension.YEAR || d == Dimension.QUARTER || d == Dimension.MONTH) {
                throw Invalid.field("groupBy", "the periods are compared; group by unit, service, centre or channel");
            }
        }
        var compared = compare(dsl, slices, request, period, baseline, groupBy);
        var rows = compared.answer().groups();
        AnalyticsTables.send(ctx, format, "compare", compared.answer(), () -> criteriaRows
                ? AnalyticsTables.compareCriteria(groupBy, rows)
                : AnalyticsTables.compare(groupBy, compared.instrument(), request.postStratified(), rows));
    }

    /** A comparison's answer and the instrument both periods were read with (the criteria they share). */
    record Compared(Answer answer, Instrument instrument) {
    }

    /** The comparison of two periods, grouped by {@code groupBy}: what GET /compare answers (and the report reads). */
    static Compared compare(DSLContext dsl, Slices slices, AnalyticsRequest request, Period period, Period baseline,
                         List<Dimension> groupBy) {
        var nowRequest = request.between(period.from(), period.to());
        var beforeRequest = request.between(baseline.from(), baseline.to());
        var read = Shared.read(slices, slices.revisions(request.questionnaire()), nowRequest.filter(),
                beforeRequest.filter(), groupBy);
        var population = new Population(dsl);
        var names = new NamedGroup.Names(dsl);
        var periods = new ArrayList<CompareRow.Periods>();
        read.now().forEach((key, stats) -> {
            var earlier = read.before().get(key);
            periods.add(new CompareRow.Periods(names.group(groupBy, key), population.estimates(nowRequest, key, stats),
                    earlier == null ? null : population.estimates(beforeRequest, key, earlier)));
        });
        var rows = CompareRow.of(periods);
        return new Compared(new Answer(request.questionnaire(), read.merged(), read.left(), read.instrument().criteria(),
                period, baseline, request.minN(), request.weighting(), YearOnYear.Q, rows,
                BoundariesUsed.of(dsl, request.between(earlier(period.from(), baseline.from()),
                        later(period.to(), baseline.to())).filter(), groupBy, true)), read.instrument());
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * Both periods' statistics per group over the criteria that every version answering in either period shares, so
     * that a revision of the questionnaire compares like with like; {@code merged}: the versions read, {@code left}:
     * the others (scored another way, or not answered in either period).
     */
    record Shared(Instrument instrument, Map<Group, SufficientStatistics> now,
                  Map<Group, SufficientStatistics> before, List<Long> merged, List<Long> left) {

        static Shared read(Slices slices, List<Slices.Versions> revisions, Filter now, Filter before,
                           List<Dimension> groupBy) {
            var nowReads = new ArrayList<Map<Group, SufficientStatistics>>();
            var beforeReads = new ArrayList<Map<Group, SufficientStatistics>>();
            var answered = new ArrayList<Integer>();
            for (int i = 0; i < revisions.size(); i++) {
                nowReads.add(slices.read(revisions.get(i), now, groupBy));
                beforeReads.add(slices.read(revisions.get(i), before, groupBy));
                if (!nowReads.get(i).isEmpty() || !beforeReads.get(i).isEmpty()) {
                    answered.add(i);
                }
            }
            // The newest family answering sets the scale and the elements; families scored on another scale stay out.
            var reference = revisions.get(answered.isEmpty() ? 0 : answered.get(0)).instrument();
            var kept = new ArrayList<Integer>(answered.stream().filter(i -> {
                var instrument = revisions.get(i).instrument();
                return instrument.methodology() == reference.methodology() && instrument.levels() == reference.levels();
            }).toList());
            Instrument shared;
            while (true) {
                Set<String> codes = new LinkedHashSet<>(reference.criteria());
                kept.forEach(i -> codes.retainAll(revisions.get(i).instrument().criteria()));
                var restricted = reference.restrictedTo(codes);
                // A family whose shared criteria sit in other elements (or weigh otherwise) cannot be merged.
                if (!kept.removeIf(i -> !revisions.get(i).instrument().restrictedTo(codes).equals(restricted))) {
                    shared = restricted;
                    break;
                }
            }
            var merged = new ArrayList<Long>();
            var nowMerged = new TreeMap<Group, SufficientStatistics>(Group.order(groupBy));
            var beforeMerged = new TreeMap<Group, SufficientStatistics>(Group.order(groupBy));
            for (int i : kept) {
                merged.addAll(revisions.get(i).merged());
                add(nowMerged, nowReads.get(i), shared);
                add(beforeMerged, beforeReads.get(i), shared);
            }
            var all = new ArrayList<Long>(revisions.get(0).merged());
            all.addAll(revisions.get(0).left());
            var left = all.stream().filter(id -> !merged.contains(id)).toList();
            return new Shared(shared, nowMerged, beforeMerged, merged, left);
        }

        private static void add(Map<Group, SufficientStatistics> into, Map<Group, SufficientStatistics> read,
                                Instrument shared) {
            read.forEach((key, stats) -> into.merge(key, stats.instrument().equals(shared) ? stats : stats.restrictedTo(shared),
                    (a, b) -> a.merge(b)));
        }
    }
}
