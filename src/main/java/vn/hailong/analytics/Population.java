package vn.hailong.analytics;

import static vn.hailong.db.schema.Tables.POPULATION_TOTAL;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;

import vn.hailong.rollup.Dimension;
import vn.hailong.rollup.Group;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.SufficientStatistics;

/**
 * The N_h of a group for post-stratification: population totals summed over the units the group covers
 * (the grouped unit's subtree, else the unit filter's, else the caller's scope) and the years it spans.
 * Totals are meant to be given at one level of the tree for the units analysed.
 */
final class Population {
    private final DSLContext dsl;

    Population(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A group's estimates, or empty (with why) when a stratum of the group has no total. */
    record Weighted(Optional<Estimates> estimates, String unavailable) {
    }

    /** A group's estimates as the request weights them: unweighted, or post-stratified to the population totals. */
    Weighted estimates(AnalyticsRequest request, Group group, SufficientStatistics stats) {
        if (!request.postStratified()) {
            return new Weighted(Optional.of(Estimates.of(stats)), null);
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
                .and(unit == null ? noCondition()
                        : condition("{0} in (select unit_subtree({1}))", POPULATION_TOTAL.UNIT_ID, val(unit)))
                .and(request.scope().covers(POPULATION_TOTAL.UNIT_ID))
                .groupBy(POPULATION_TOTAL.STRATUM)
                .fetchMap(POPULATION_TOTAL.STRATUM, r -> r.value2().doubleValue());
        var missing = stats.strata().keySet().stream().filter(s -> !totals.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            return new Weighted(Optional.empty(), "no population total for stratum " + String.join(", ", missing));
        }
        return new Weighted(Optional.of(Estimates.postStratified(stats, totals)), null);
    }

}
