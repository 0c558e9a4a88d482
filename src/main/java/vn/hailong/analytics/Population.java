package vn.hailong.analytics;

import static vn.hailong.db.schema.Tables.POPULATION_TOTAL;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import java.util.Map;

import org.jooq.DSLContext;

import vn.hailong.rollup.Boundaries;
import vn.hailong.rollup.Group;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.IndexEstimate;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.units.UnitHistory;

/**
 * How every analytics answer weights a group and withholds it: unweighted, or post-stratified to the N_h of the
 * group (population totals summed over the units it covers: the grouped unit's subtree, else the unit filter's, else
 * the caller's scope; and over the years it spans), and shown from min_n responses. Totals are meant to be given at
 * one level of the tree for the units analysed.
 */
final class Population {
    private final DSLContext dsl;

    /** Read once per answer, when its first group needs it: an answer's groups share one history. */
    private UnitHistory history;

    Population(DSLContext dsl) {
        this.dsl = dsl;
    }

    private UnitHistory history() {
        if (history == null) {
            history = UnitHistory.read(dsl);
        }
        return history;
    }

    /**
     * A group's estimates as the request weights them and its indices as min_n publishes them; without either when a
     * stratum of the group has no population total ({@code unavailable} says which).
     */
    record Weighted(long n, Estimates estimates, IndexEstimate index, String unavailable) {
        /**
         * Whether the group's figures are shown: it could be weighted, and the statistics core published its index
         * (min_n responses and never fewer than two, with an element answered).
         */
        boolean published() {
            return unavailable == null && index.published();
        }
    }

    /**
     * In the historical boundaries, the totals of the units of the subtree as it stood: each unit's for the years it
     * lay there (a unit that moved in a year counts that year under both parents; totals are yearly).
     */
    private org.jooq.Condition historical(Long groupUnit, Boundaries boundaries) {
        var within = groupUnit != null ? history().historicalSubtree(groupUnit) : boundaries.within();
        if (within == null) {
            return noCondition();
        }
        org.jooq.Condition any = org.jooq.impl.DSL.falseCondition();
        for (var s : within) {
            any = any.or(POPULATION_TOTAL.UNIT_ID.eq(s.unit())
                    .and(s.from() == null ? noCondition() : POPULATION_TOTAL.YEAR.ge((short) s.from().getYear()))
                    .and(s.to() == null ? noCondition()
                            : POPULATION_TOTAL.YEAR.le((short) s.to().minusDays(1).getYear())));
        }
        return any;
    }

    /** A group's estimates, unweighted or post-stratified to the population totals, at the request's min_n. */
    Weighted estimates(AnalyticsRequest request, Group group, SufficientStatistics stats) {
        if (!request.postStratified()) {
            return weighted(Estimates.of(stats), request.minN());
        }
        Long unit = group.unit() != null ? group.unit() : request.filter().unit();
        var period = group.year() != null ? group.year().toString()
                : group.quarter() != null ? group.quarter() : group.month();
        Integer year = period == null ? null : Integer.valueOf(period.substring(0, 4));
        var f = request.filter();
        var years = year != null ? POPULATION_TOTAL.YEAR.eq(year.shortValue())
                : (f.from() == null ? noCondition() : POPULATION_TOTAL.YEAR.ge((short) f.from().getYear()))
                        .and(f.to() == null ? noCondition() : POPULATION_TOTAL.YEAR.le((short) f.to().getYear()));
        Map<String, Double> totals = dsl.select(POPULATION_TOTAL.STRATUM, sum(POPULATION_TOTAL.TOTAL))
                .from(POPULATION_TOTAL)
                .where(years)
                .and(f.boundaries().historical() ? historical(group.unit(), f.boundaries())
                        : unit == null ? noCondition()
                        : condition("{0} in (select unit_subtree({1}))", POPULATION_TOTAL.UNIT_ID, val(unit)))
                .and(request.scope().covers(POPULATION_TOTAL.UNIT_ID))
                .groupBy(POPULATION_TOTAL.STRATUM)
                .fetchMap(POPULATION_TOTAL.STRATUM, r -> r.value2().doubleValue());
        var missing = stats.strata().keySet().stream().filter(s -> !totals.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            return new Weighted(stats.n(), null, null, "no population total for stratum " + String.join(", ", missing));
        }
        return weighted(Estimates.postStratified(stats, totals), request.minN());
    }

    /**
     * Whether a group's answer counts (the distribution, never weighted) are shown: from min_n responses, even one
     * when min_n is 1, since a count needs no standard error.
     */
    static boolean countsShown(AnalyticsRequest request, SufficientStatistics stats) {
        return stats.n() >= request.minN();
    }

    private static Weighted weighted(Estimates estimates, int minN) {
        return new Weighted(estimates.n(), estimates, estimates.index(minN), null);
    }
}
