package vn.hailong.rollup;

import org.flywaydb.core.api.migration.Context;

/**
 * Migration 21: it summed every cut row again from the daily rows, once an agency's own cut rows kept their years
 * again. Migration 23 ({@link RecutWeeks}) sums every cut row again as {@link RollupCuts} keeps them now (with the
 * top units' service days and the week rows), so this now does nothing.
 */
public final class RecutOwnYears extends RollupMigration {
    public RecutOwnYears() {
        super("21", "cut rollups with agency years");
    }

    @Override
    public void migrate(Context context) throws Exception {
        // Left to migration 23: see above.
    }
}
