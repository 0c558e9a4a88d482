package vn.hailong.rollup;

import org.flywaydb.core.api.migration.Context;

/**
 * Migration 23: sums every cut row again from the daily rows, now that {@link RollupCuts} keeps the top units'
 * service rows per day too (a service over days that cut a month reads them, not every daily row of the service). So
 * every rating kept before counts in them as in the daily rows.
 */
public final class RecutServiceDays extends RollupMigration {
    public RecutServiceDays() {
        super("23", "cut rollups with service days");
    }

    @Override
    public void migrate(Context context) throws Exception {
        RollupCuts.fillFromDaily(context.getConnection());
    }
}
