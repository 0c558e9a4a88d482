package vn.hailong.rollup;

import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.noCondition;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

import org.jooq.Condition;
import org.jooq.Field;

import vn.hailong.Vietnam;
import vn.hailong.units.UnitHistory;

/**
 * Which boundaries a question's units are read in. {@code current} (the default): each rating under the unit that
 * carries its unit on today, in today's tree, which the rollups sum. {@code historical}: each rating under its own
 * unit and the units above it as they stood on its day; read from the responses, with {@code within} the days each
 * unit lay in the subtree asked for (null: every unit, every day). {@code estimates}: in the current boundaries, a
 * split's stated shares are counted under its successors (see {@code RollupReader}); without, a split unit's ratings
 * count only where its successors meet, and the units' own figures add up exactly to their parents'.
 */
public record Boundaries(boolean historical, List<UnitHistory.Segment> within, boolean estimates) {
    public static final Boundaries CURRENT = new Boundaries(false, null, true);

    public static Boundaries historical(List<UnitHistory.Segment> within) {
        return new Boundaries(true, within == null ? null : List.copyOf(within), false);
    }

    /** These boundaries without split estimates: units' own figures that add up, for sums up the tree. */
    public Boundaries exact() {
        return new Boundaries(historical, within, false);
    }

    /** As the parameter and the answers name it: current or historical. */
    public String label() {
        return historical ? "historical" : "current";
    }

    /**
     * Historical: the ratings of units while they lay in the subtree asked for; one IN list per span of days, most
     * units sharing the open span. Current: no condition (the current subtree is the caller's).
     */
    public Condition on(Field<Long> agency, Field<OffsetDateTime> at) {
        return on(agency, from -> at.ge(Vietnam.start(from)), to -> at.lt(Vietnam.start(to)));
    }

    /** The same, for rows dated by a day (a dossier returned, a month's first day). */
    public Condition onDays(Field<Long> unit, Field<LocalDate> day) {
        return on(unit, day::ge, day::lt);
    }

    private Condition on(Field<Long> agency, java.util.function.Function<LocalDate, Condition> since,
                         java.util.function.Function<LocalDate, Condition> before) {
        if (!historical || within == null) {
            return noCondition();
        }
        var bySpan = new LinkedHashMap<List<LocalDate>, List<Long>>();
        for (var s : within) {
            bySpan.computeIfAbsent(spanOf(s), k -> new ArrayList<>()).add(s.unit());
        }
        Condition any = falseCondition();
        for (var e : bySpan.entrySet()) {
            var from = e.getKey().get(0);
            var to = e.getKey().get(1);
            any = any.or(agency.in(e.getValue())
                    .and(from == null ? noCondition() : since.apply(from))
                    .and(to == null ? noCondition() : before.apply(to)));
        }
        return any;
    }

    private static List<LocalDate> spanOf(UnitHistory.Segment s) {
        var span = new ArrayList<LocalDate>(2);
        span.add(s.from());
        span.add(s.to());
        return span;
    }

    @Override
    public String toString() {
        return label() + (within == null ? "" : " within " + Objects.requireNonNull(within).size() + " spans");
    }
}
