package vn.hailong.rollup;

import java.sql.Connection;
import java.sql.SQLException;

import org.flywaydb.core.api.migration.Context;
import org.postgresql.PGStatement;

/**
 * Migration 17, between sql/V16 (daily, summary and cut rollups get a packed column) and sql/V18 (their arrays go):
 * packs the counts and sums of every rollup row a database holds, so that none is lost. In Java, as
 * {@link PackedStatistics} is the format's one writer. The cut rows a database from before V11 lacks are filled by
 * migration 23 ({@link RecutWeeks}), which cuts every database's rows again; the code that fills them writes the
 * columns of sql/V19.
 */
public final class PackRollups extends RollupMigration {
    public PackRollups() {
        super("17", "pack rollups");
    }

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        for (var table : new String[] {"rollup_daily", "rollup_summary", "rollup_cut"}) {
            pack(connection, table);
        }
    }

    /**
     * Packs the counts and sums of each row of {@code table} not packed yet, a thousand rows at a time, in the
     * transaction of {@code connection} (a migration's: nothing else writes meanwhile, so a row's ctid holds).
     */
    static void pack(Connection connection, String table) throws SQLException {
        try (var select = connection.prepareStatement(
                "select ctid::text, counts, sums from " + table + " where packed is null");
             // The arrays made null: a dropped column's values stay in each row until it is written again (V18).
             var update = connection.prepareStatement(
                     "update " + table + " set packed = ?, counts = null, sums = null where ctid = ?::tid")) {
            select.unwrap(PGStatement.class).setPrepareThreshold(-1); // in binary: see RollupArrays
            select.setFetchSize(1_000);
            int batched = 0;
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    update.setBytes(1, PackedStatistics.pack(RollupArrays.longs(rows.getBytes(2)),
                            RollupArrays.doubles(rows.getBytes(3))));
                    update.setString(2, rows.getString(1));
                    update.addBatch();
                    if (++batched == 1_000) {
                        update.executeBatch();
                        batched = 0;
                    }
                }
            }
            update.executeBatch();
        }
    }
}
