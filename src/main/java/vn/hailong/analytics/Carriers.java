package vn.hailong.analytics;

import java.util.HashMap;
import java.util.Map;

import org.jooq.DSLContext;

import vn.hailong.rollup.Filter;
import vn.hailong.rollup.Group;
import vn.hailong.units.UnitHistory;

/**
 * The unit a row counts under, for answers counted from rows of units (invitations, dossiers, ratings' reasons): in
 * the current boundaries the unit that carries it on (a merged unit's rows count under its successor, as its figures
 * do); in the historical boundaries, itself.
 */
record Carriers(UnitHistory history) {

    static Carriers of(DSLContext dsl, Filter f) {
        return new Carriers(f.boundaries().historical() ? null : UnitHistory.read(dsl));
    }

    long of(long unit) {
        return history == null ? unit : history.home(unit);
    }

    /** Counts per group, with each group's unit replaced by the unit it counts under, and merged counts added up. */
    Map<Group, long[]> regroup(Map<Group, long[]> groups) {
        if (history == null) {
            return groups;
        }
        var answer = new HashMap<Group, long[]>();
        groups.forEach((g, counts) -> answer.merge(under(g), counts, (a, b) -> {
            var sum = a.clone();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += b[i];
            }
            return sum;
        }));
        return answer;
    }

    /** The group counted under the unit that carries its unit on. */
    Group under(Group g) {
        return g.unit() == null || history == null ? g
                : new Group(of(g.unit()), g.service(), g.centre(), g.channel(), g.year(), g.quarter(), g.month());
    }
}
