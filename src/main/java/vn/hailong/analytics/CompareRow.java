package vn.hailong.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import vn.hailong.stats.Comparison;
import vn.hailong.stats.Estimate;
import vn.hailong.stats.YearOnYear;

/**
 * A group in /compare: n in both periods and, unless withheld, the change of its overall index, of each element and
 * of each criterion. A withheld group has no changes in its JSON, not nulls, and says why when it could not be
 * weighted.
 */
@JsonInclude(Include.NON_NULL)
record CompareRow(NamedGroup group, long n, long baselineN, boolean suppressed, String weightingUnavailable,
                  Change overall, Map<String, Change> elements, Map<String, Change> criteria) {

    /**
     * A change in points with its SE, z, two-sided p and its Benjamini–Hochberg flags; the overall change also with
     * the index of each period.
     */
    @JsonInclude(Include.NON_NULL)
    record Change(double delta, double se, double z, double p, Estimate baseline, Estimate period, double adjustedP,
                  boolean significant) {

        static Change of(YearOnYear.Flagged f, Estimate baseline, Estimate period) {
            var c = f.comparison();
            return new Change(c.delta(), c.se(), c.z(), c.pValue(), baseline, period, f.adjustedP(), f.significant());
        }
    }

    /** A group in both periods as the request weights them; {@code before} is null when it had no responses then. */
    record Periods(NamedGroup group, Population.Weighted now, Population.Weighted before) {
        /** Why the group could not be weighted: in the period, else in the baseline; null when it could. */
        String unavailable() {
            return now.unavailable() != null ? now.unavailable() : before == null ? null : before.unavailable();
        }

        /** Whether the group is compared: both periods shown. */
        boolean compared() {
            return before != null && before.published() && now.published();
        }
    }

    /**
     * The rows of a comparison, flagged after Benjamini–Hochberg in these families: the overall changes of all the
     * groups shown together; within each group, its elements together and its criteria together.
     */
    static List<CompareRow> of(List<Periods> groups) {
        var elements = new ArrayList<Map<String, Comparison>>();
        var overall = new ArrayList<Comparison>();
        for (var g : groups) {
            if (g.compared()) {
                var indices = new LinkedHashMap<>(YearOnYear.indices(g.before().index(), g.now().index()));
                overall.add(indices.remove("overall"));
                elements.add(indices);
            }
        }
        var overallFlags = YearOnYear.flag(overall).iterator();
        var elementChanges = elements.iterator();
        var rows = new ArrayList<CompareRow>();
        for (var g : groups) {
            long baselineN = g.before() == null ? 0 : g.before().n();
            if (!g.compared()) {
                rows.add(new CompareRow(g.group(), g.now().n(), baselineN, true, g.unavailable(), null, null, null));
                continue;
            }
            var overallChange = Change.of(overallFlags.next(), g.before().index().overall().orElseThrow(),
                    g.now().index().overall().orElseThrow());
            var criteria = YearOnYear.criteria(g.before().estimates().criteria(), g.now().estimates().criteria());
            rows.add(new CompareRow(g.group(), g.now().n(), baselineN, false, null, overallChange,
                    flagged(elementChanges.next()), flagged(criteria)));
        }
        return rows;
    }

    /** Changes flagged after Benjamini–Hochberg across the family given, by code. */
    private static Map<String, Change> flagged(Map<String, Comparison> changes) {
        var flags = YearOnYear.flag(List.copyOf(changes.values())).iterator();
        var byCode = new LinkedHashMap<String, Change>();
        changes.keySet().forEach(code -> byCode.put(code, Change.of(flags.next(), null, null)));
        return byCode;
    }
}
