package vn.hailong.rollup;

import org.flywaydb.core.api.migration.Context;

/**
 * Migration 23: week rows beside the day rows ({@link RollupSummary#WEEKS}), and the top units' service rows per day
 * and week too; a range that cuts a month reads its whole weeks from the week rows, and only its other days from the
 * day rows. Sums the summary's day and week rows, and every cut row, again from the daily rows, so every rating kept
 * before counts in them as in the daily rows.
 */
public final class RecutWeeks extends RollupMigration {
    public RecutWeeks() {
        super("23", "week rows, and cut rollups with service days");
    }

    @Override
    public void migrate(Context context) throws Exception {
        RollupSummary.fillDaysFromDaily(context.getConnection());
        RollupCuts.fillFromDaily(context.getConnection());
    }
}
