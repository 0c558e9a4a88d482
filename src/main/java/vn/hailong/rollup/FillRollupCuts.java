package vn.hailong.rollup;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 11, after sql/V10 made rollup_cut: fills it from the daily rollups a database already holds, so
 * that dashboards read from cut rows count every earlier rating. Summed in Java, as every rollup is: SQL array
 * arithmetic would take a few hundred microseconds an array.
 */
public final class FillRollupCuts implements JavaMigration {
    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("11");
    }

    @Override
    public String getDescription() {
        return "fill rollup cuts";
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
        RollupCuts.fillFromDaily(context.getConnection());
    }
}
