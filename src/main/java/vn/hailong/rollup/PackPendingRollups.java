package vn.hailong.rollup;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 14, between sql/V13 (pending rollup rows get a packed column) and sql/V15 (their arrays go): packs
 * the counts and sums of the rows pending when the database is upgraded, so that none is lost. In Java, as
 * {@link PackedStatistics} is the format's one writer.
 */
public final class PackPendingRollups implements JavaMigration {
    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("14");
    }

    @Override
    public String getDescription() {
        return "pack pending rollups";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        PackRollups.pack(context.getConnection(), "rollup_pending");
    }
}
