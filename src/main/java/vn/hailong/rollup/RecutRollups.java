package vn.hailong.rollup;

import org.flywaydb.core.api.migration.Context;

/**
 * Migration 20, after sql/V19: sums the day rows of rollup_summary from the daily rows a database holds, and its
 * cut rows again, the service and centre rows now apart per channel; so every rating kept before counts in them as
 * in the daily rows.
 */
public final class RecutRollups extends RollupMigration {
    public RecutRollups() {
        super("20", "day rollups and cuts per channel");
    }

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        RollupSummary.fillDaysFromDaily(connection);
        RollupCuts.fillFromDaily(connection);
    }
}
