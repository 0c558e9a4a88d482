package vn.hailong.report;

import java.time.LocalDate;
import java.util.List;

/**
 * What a published report says, figures already computed by the analytics (the API's own): the heading of an official
 * Vietnamese report, the scope's index and its change, its elements and criteria, every unit under it with its rank and
 * change, and the months of the trend. A null figure is one the analytics withheld (too few responses) or could not
 * compute.
 */
public record Report(boolean english, Heading heading, String questionnaire, Scope scope, int year, int minN,
                     List<ElementRow> elements, List<CriterionRow> criteria, List<UnitRow> units, List<MonthPoint> months) {

    /**
     * The heading: the body above the issuer (e.g. "UBND TỈNH MINH AN"), the issuer ("SỞ NỘI VỤ"), the number after
     * "Số:" ("125/BC-SNV"; blank dots for a clerk to fill in when none is given), the place and the date of issue.
     */
    public record Heading(String superior, String issuer, String number, String place, LocalDate date) {
    }

    /** An index in points with its 95 % interval. */
    public record Figure(double value, double low, double high) {
    }

    /** A change since the previous year in points, its p-value and its p-value after Benjamini–Hochberg. */
    public record Change(double delta, double p, double adjustedP, boolean significant) {
    }

    /**
     * The unit reported on (or the whole tree), its responses and index; {@code target}: the plan it is held to, null when
     * none is set.
     */
    public record Scope(String code, String name, long n, Figure index, Change change, Double target) {
    }

    /** An element's index and change. */
    public record ElementRow(String code, String name, Figure index, Change change) {
    }

    /** A criterion's share satisfied with its Wilson interval, how many answered it, and its change. */
    public record CriterionRow(String code, String element, String name, boolean overall, Figure share, long answered,
                               Change change) {
    }

    /**
     * A unit under the scope with responses of its own: its index and the ranks its 95 % interval allows, best to worst
     * (both null when withheld), its change and its target (null: none set).
     */
    public record UnitRow(String code, String name, long n, Figure index, Integer rank, Integer worstRank, Change change,
                          Double target) {

        /** "3" or "2–5". */
        public String places() {
            return rank.equals(worstRank) ? String.valueOf(rank) : rank + "–" + worstRank;
        }
    }

    /** A month ("2025-03") with its responses and index (null: withheld). */
    public record MonthPoint(String month, long n, Figure index) {
    }
}
