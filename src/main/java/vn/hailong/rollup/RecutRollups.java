package vn.hailong.rollup;

import org.flywaydb.core.api.migration.Context;

/**
 * Migration 20, after sql/V19: it summed the day rows of rollup_summary from the daily rows a database held, so every
 * rating kept before counted in them as in the daily rows. Migration 23 ({@link RecutWeeks}) sums the day rows again
 * with the week rows, so this now does nothing.
 */
public final class RecutRollups extends RollupMigration {
    public RecutRollups() {
        super("20", "day rollups and cuts per channel");
    }

    @Override
    public void migrate(Context context) throws Exception {
        // Left to migration 23: see above.
    }
}
