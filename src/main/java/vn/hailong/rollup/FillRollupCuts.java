package vn.hailong.rollup;

import org.flywaydb.core.api.migration.Context;

/**
 * Migration 11, after sql/V10 made rollup_cut. It filled the cut rows from the daily rollups a database already
 * held, so that dashboards read from cut rows count every earlier rating. Rollups are packed since V16–V18, and
 * the code that fills cuts reads packed daily rows and writes the columns of sql/V19: so a database upgraded from
 * before V11 has its cuts filled by migration 23 ({@link RecutWeeks}), and this does nothing.
 */
public final class FillRollupCuts extends RollupMigration {
    public FillRollupCuts() {
        super("11", "fill rollup cuts");
    }

    @Override
    public void migrate(Context context) throws Exception {
        // Left to migration 23: see above.
    }
}
