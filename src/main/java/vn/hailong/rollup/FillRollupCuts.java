package vn.hailong.rollup;

import org.flywaydb.core.api.migration.Context;

/**
 * Migration 11, after sql/V10 made rollup_cut. It filled the cut rows from the daily rollups a database already
 * held, so that dashboards read from cut rows count every earlier rating. Rollups are packed since V16–V18, and
 * the code that fills cuts reads packed daily rows: so a database upgraded from before V11 has its cuts filled by
 * migration 17 ({@link PackRollups}), once its daily rows are packed, and this does nothing.
 */
public final class FillRollupCuts extends RollupMigration {
    public FillRollupCuts() {
        super("11", "fill rollup cuts");
    }

    @Override
    public void migrate(Context context) throws Exception {
        // Left to migration 17: see above.
    }
}
