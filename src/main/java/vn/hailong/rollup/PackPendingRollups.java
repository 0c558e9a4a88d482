package vn.hailong.rollup;

import org.flywaydb.core.api.migration.Context;

/**
 * Migration 14, between sql/V13 (pending rollup rows get a packed column) and sql/V15 (their arrays go): packs
 * the counts and sums of the rows pending when the database is upgraded, so that none is lost. In Java, as
 * {@link PackedStatistics} is the format's one writer.
 */
public final class PackPendingRollups extends RollupMigration {
    public PackPendingRollups() {
        super("14", "pack pending rollups");
    }

    @Override
    public void migrate(Context context) throws Exception {
        PackRollups.pack(context.getConnection(), "rollup_pending");
    }
}
