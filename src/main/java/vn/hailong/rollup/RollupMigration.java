package vn.hailong.rollup;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A migration of the rollups written in Java, where rollups are summed and packed: its version and description,
 * run in the migration's transaction, without a checksum (its code may change as the rollups' code does).
 */
abstract class RollupMigration implements JavaMigration {
    private final String version;
    private final String description;

    RollupMigration(String version, String description) {
        this.version = version;
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(version);
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
