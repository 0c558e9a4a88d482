package vn.hailong.analytics;

import static vn.hailong.db.schema.Tables.POPULATION_TOTAL;
import static vn.hailong.db.schema.Tables.UNIT;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * Population totals as they are stored, whoever sends them (PUT /population, the CSV import): each total
 * checked, then upserted by unit × year × stratum in batches, in the caller's transaction.
 */
public final class PopulationTotals {
    static final int MAX_STRATUM = 64;
    private static final int BATCH = 1_000;

    /** One total as sent: the unit's code, the year, the stratum (a service field code) and N_h. */
    public record Total(String unit, Integer year, String stratum, BigDecimal total) {
    }

    /** What is wrong with a total: field is unit, year, stratum or total. */
    public record Problem(String field, String message) {
    }

    private final DSLContext tx;
    private final Map<String, Long> units = new HashMap<>();
    private final List<Query> pending = new ArrayList<>();
    private long stored;

    public PopulationTotals(DSLContext tx) {
        this.tx = tx;
    }

    /** Checks a total and, when nothing is wrong with it, stores it (on {@link #flush()} at the latest). */
    public List<Problem> store(Total t) {
        var problems = new ArrayList<Problem>(2);
        var unitId = t.unit() == null || t.unit().isBlank() ? null : unit(t.unit().strip());
        if (unitId == null) {
            problems.add(new Problem("unit", "no unit has code '" + t.unit() + "'"));
        }
        if (t.year() == null || t.year() < 2000 || t.year() > 2100) {
            problems.add(new Problem("year", "must be a year from 2000 to 2100"));
        }
        if (t.stratum() == null || t.stratum().isBlank() || t.stratum().strip().length() > MAX_STRATUM) {
            problems.add(new Problem("stratum", "is required (up to " + MAX_STRATUM + " characters)"));
        }
        if (t.total() == null || t.total().signum() <= 0 || t.total().precision() - t.total().scale() > 14) {
            problems.add(new Problem("total", "must be a positive number below 10^14"));
        }
        if (problems.isEmpty()) {
            var total = t.total().setScale(2, java.math.RoundingMode.HALF_UP);
            pending.add(tx.insertInto(POPULATION_TOTAL)
                    .set(POPULATION_TOTAL.UNIT_ID, unitId)
                    .set(POPULATION_TOTAL.YEAR, t.year().shortValue())
                    .set(POPULATION_TOTAL.STRATUM, t.stratum().strip())
                    .set(POPULATION_TOTAL.TOTAL, total)
                    .onConflict(POPULATION_TOTAL.UNIT_ID, POPULATION_TOTAL.YEAR, POPULATION_TOTAL.STRATUM)
                    .doUpdate()
                    .set(POPULATION_TOTAL.TOTAL, total));
            if (pending.size() == BATCH) {
                flush();
            }
        }
        return problems;
    }

    /** Writes what is pending; returns how many totals were stored in all. */
    public long flush() {
        if (!pending.isEmpty()) {
            tx.batch(pending).execute();
            stored += pending.size();
            pending.clear();
        }
        return stored;
    }

    private Long unit(String code) {
        var id = units.get(code);
        if (id == null) {
            // A code the unit had (before a recode) names it still.
            id = tx.select(UNIT.ID).from(UNIT).where(UNIT.CODE.eq(code))
                    .unionAll(tx.select(vn.hailong.db.schema.Tables.UNIT_FORMER_CODE.UNIT_ID)
                            .from(vn.hailong.db.schema.Tables.UNIT_FORMER_CODE)
                            .where(vn.hailong.db.schema.Tables.UNIT_FORMER_CODE.CODE.eq(code)))
                    .fetchOptional(0, Long.class).orElse(null);
            if (id != null) {
                units.put(code, id);
            }
        }
        return id;
    }
}
