package vn.hailong.rollup;

import org.flywaydb.core.api.migration.Context;

/**
 * Migration 20, after sql/V19: sums the day rows of rollup_summary from the daily rows a database holds, so every
 * rating kept before counts in them as in the daily rows. It also summed the cut rows again; that is left to
 * migration 21 ({@link RecutOwnYears}), which does it as {@link RollupCuts} keeps them now.
 */
public final class RecutRollups extends RollupMigration {
    public RecutRollups() {
        super("20", "day rollups and cuts per channel");
    }

    @Override
    public void migrate(Context context) throws Exception {
        RollupSummary.fillDaysFromDaily(context.getConnection());
    }
}
