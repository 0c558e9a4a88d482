package vn.hailong.report;

import java.util.List;

import org.jooq.DSLContext;

/**
 * The follow-up cases still open, per unit, as the province digest tells of them. Kept here as a contract: the cases
 * feature (issue #26, point 2) implements it over its own table and App wires it into {@link Digests}.
 */
public interface OpenCases {
    /** A unit's open cases (not resolved nor rejected) and how many of them are past their deadline. */
    record Count(long unitId, long open, long overdue) {
    }

    /** Every unit with at least one open case, at the moment of asking. */
    List<Count> open(DSLContext dsl);
}
