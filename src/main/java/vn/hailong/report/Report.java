package vn.hailong.report;

import java.time.LocalDate;
import java.util.List;

/**
 * What a published report says, figures already computed by the analytics (the API's own): the heading of an official
 * Vietnamese report, the scope's index and its change, its elements and criteria, every unit under it with its rank and
 * change, and the months of the trend. A null figure is one the analytics withheld (too few responses) or could not
 * compute.
 */
public record Report(boolean english, Heading heading, String questionnaire, Scope scope, Span period, int minN,
                     List<ElementRow> elements, List<CriterionRow> criteria, List<UnitRow> units, List<MonthPoint> months,
                     List<String> boundaries) {

    /**
     * A report without a word on boundaries ({@code boundaries}: the sentences, in the report's language, saying which
     * boundaries its figures are in and which are estimates; empty when the units never changed).
     */
    public Report(boolean english, Heading heading, String questionnaire, Scope scope, Span period, int minN,
                  List<ElementRow> elements, List<CriterionRow> criteria, List<UnitRow> units, List<MonthPoint> months) {
        this(english, heading, questionnaire, scope, period, minN, elements, criteria, units, months, List.of());
    }

    /**
     * The days reported on and the days they are compared with: a calendar year against the year before (the yearly
     * report), or a month against the same month a year before (the monthly report e-mailed to subscribers).
     */
    public record Span(LocalDate from, LocalDate to, LocalDate baselineFrom, LocalDate baselineTo) {
        /** A calendar year against the year before. */
        public static Span year(int year) {
            return new Span(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), LocalDate.of(year - 1, 1, 1),
                    LocalDate.of(year - 1, 12, 31));
        }

        /** Any days against the same days a year before (a whole month against the same month last year). */
        public static Span of(LocalDate from, LocalDate to) {
            if (from.getDayOfYear() == 1 && to.equals(from.withMonth(12).withDayOfMonth(31))) {
                return year(from.getYear());
            }
            return new Span(from, to, from.minusYears(1), whole(from, to) ? to.minusYears(1).withDayOfMonth(
                    to.minusYears(1).lengthOfMonth()) : to.minusYears(1));
        }

        /** Whether the span is one calendar year. */
        public boolean isYear() {
            return from.getDayOfYear() == 1 && to.equals(from.withMonth(12).withDayOfMonth(31));
        }

        /** Whether the span is one calendar month. */
        public boolean isMonth() {
            return from.getDayOfMonth() == 1 && to.equals(from.withDayOfMonth(from.lengthOfMonth()));
        }

        private static boolean whole(LocalDate from, LocalDate to) {
            return from.getDayOfMonth() == 1 && to.getDayOfMonth() == to.lengthOfMonth();
        }
    }

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
