package vn.hailong.rollup;

import org.flywaydb.core.api.migration.Context;

/**
 * Migration 21: sums every cut row again from the daily rows, as {@link RollupCuts} keeps them now: service and
 * centre rows apart per channel, days by channel (sql/V19), and an agency's own rows with their years again (which
 * migration 20 left out). So every rating kept before counts in them as in the daily rows.
 */
public final class RecutOwnYears extends RollupMigration {
    public RecutOwnYears() {
        super("21", "cut rollups with agency years");
    }

    @Override
    public void migrate(Context context) throws Exception {
        RollupCuts.fillFromDaily(context.getConnection());
    }
}
