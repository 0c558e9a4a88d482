package vn.hailong.rollup;

import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.val;
import static vn.hailong.db.schema.Tables.RESPONSE;

import java.time.LocalDate;

import org.jooq.Condition;

import vn.hailong.Vietnam;
import vn.hailong.auth.UnitScope;

/**
 * Which responses a question is about. Null fields do not filter; {@code unit} is a subtree; {@code counter} is a
 * counter of the centre; {@code scope} is the caller's; {@code pooled}: the strata may be summed (no
 * post-stratification). {@code fromResponses}: answer from the responses alone, never the rollups; slower, and the
 * same answer, which is what it is for (checking). The rollups keep no counter, so a counter is always answered from
 * the responses ({@link #rollupsAnswer()}). {@code boundaries}: current (the default) or historical, with the subtree
 * asked for as it stood on each day ({@link Boundaries}).
 */
public record Filter(LocalDate from, LocalDate to, Long unit, Long service, Long centre, Long counter, String channel,
                     boolean excludeFlagged, UnitScope scope, boolean pooled, boolean fromResponses,
                     Boundaries boundaries) {

    /** The filter in the current boundaries. */
    public Filter(LocalDate from, LocalDate to, Long unit, Long service, Long centre, Long counter, String channel,
                  boolean excludeFlagged, UnitScope scope, boolean pooled, boolean fromResponses) {
        this(from, to, unit, service, centre, counter, channel, excludeFlagged, scope, pooled, fromResponses,
                Boundaries.CURRENT);
    }

    /** The filter without a counter, in the current boundaries, as most of the code builds it. */
    public Filter(LocalDate from, LocalDate to, Long unit, Long service, Long centre, String channel,
                  boolean excludeFlagged, UnitScope scope, boolean pooled, boolean fromResponses) {
        this(from, to, unit, service, centre, null, channel, excludeFlagged, scope, pooled, fromResponses);
    }

    /** The same filter over other days. */
    public Filter between(LocalDate newFrom, LocalDate newTo) {
        return new Filter(newFrom, newTo, unit, service, centre, counter, channel, excludeFlagged, scope, pooled,
                fromResponses, boundaries);
    }

    /** The same filter in other boundaries. */
    public Filter in(Boundaries other) {
        return new Filter(from, to, unit, service, centre, counter, channel, excludeFlagged, scope, pooled,
                fromResponses, other);
    }

    /**
     * The ratings received at {@code centreId}, whichever agency decided them: the centre's view. Asked by a caller
     * whose scope covers the centre's unit, it reads past that scope: a commune's centre receives dossiers that a
     * provincial department decides (see docs/units-in-time.md, "decided at, received at").
     */
    public Filter receivedAt(long centreId) {
        return new Filter(from, to, unit, service, centreId, counter, channel, excludeFlagged, UnitScope.ALL, pooled,
                fromResponses, boundaries);
    }

    /**
     * The same question about a predecessor's subtree, whatever the caller's scope: a split's share of it is counted
     * in figures the caller may see (see {@link Boundaries}).
     */
    Filter predecessor(long otherUnit) {
        return new Filter(from, to, otherUnit, service, centre, counter, channel, excludeFlagged, UnitScope.ALL, pooled,
                fromResponses, boundaries);
    }

    /** Whether rollup rows may answer: not when asked to check them, nor for a counter, which no rollup keeps. */
    public boolean rollupsAnswer() {
        return !fromResponses && counter == null;
    }

    /** This filter over the responses themselves (comments, exports, what no rollup answers). */
    public Condition onResponses() {
        return (from == null ? noCondition() : RESPONSE.SUBMITTED_AT.ge(Vietnam.start(from)))
                .and(to == null ? noCondition() : RESPONSE.SUBMITTED_AT.lt(Vietnam.start(to.plusDays(1))))
                .and(unit == null || boundaries.historical() ? noCondition()
                        : condition("{0} in (select unit_subtree({1}))", RESPONSE.AGENCY_ID, val(unit)))
                .and(boundaries.on(RESPONSE.AGENCY_ID, RESPONSE.SUBMITTED_AT))
                .and(scope.covers(RESPONSE.AGENCY_ID))
                .and(service == null ? noCondition() : RESPONSE.SERVICE_ID.eq(service))
                .and(centre == null ? noCondition() : RESPONSE.CENTRE_ID.eq(centre))
                .and(counter == null ? noCondition() : RESPONSE.COUNTER_ID.eq(counter))
                .and(channel == null ? noCondition() : RESPONSE.CHANNEL.eq(channel))
                .and(excludeFlagged ? condition("cardinality({0}) = 0", RESPONSE.QUALITY_FLAGS) : noCondition());
    }
}
