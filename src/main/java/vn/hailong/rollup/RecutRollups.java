package vn.hailong.rollup;

import org.flywaydb.core.api.migration.Context;

/**
 * Migration 20, after sql/V19: sums the day rows of rollup_summary from the daily rows a database holds, and its
 * cut rows again as {@link RollupCuts} keeps them now (service and centre rows apart per channel, days by channel,
 * an agency's own rows without years or services); so every rating kept before counts in them as in the daily rows.
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
