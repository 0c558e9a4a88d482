package vn.hailong.rollup;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollups summed per month and year, per unit: its own responses, and its whole subtree's (sql/V5,
 * rollup_summary). Filled from the same additions as the daily rollups; when a unit moves, the subtree rows
 * are summed again from the units' own rows.
 */
public final class RollupSummary {
    private static final Logger log = LoggerFactory.getLogger(RollupSummary.class);

    /** One summary row: a unit's own responses or its subtree's, over a month (1) or a year (12). */
    record Key(long unitId, boolean own, int months, LocalDate period, long versionId) {
    }

    /** What is added to one summary row. */
    static final class Sum {
        long responses;
        long[] counts = new long[0];
        double[] sums = new double[0];

        void add(long moreResponses, long[] moreCounts, double[] moreSums) {
            responses += moreResponses;
            counts = plus(counts, moreCounts);
            sums = plus(sums, moreSums);
        }

        private static long[] plus(long[] a, long[] b) {
            if (a.length == 0) {
                return b.clone();
            }
            for (int i = 0; i < b.length; i++) {
                a[i] += b[i];
            }
            return a;
        }

        private static double[] plus(double[] a, double[] b) {
            if (a.length == 0) {
                return b.clone();
            }
            for (int i = 0; i < b.length; i++) {
                a[i] += b[i];
            }
            return a;
        }
    }

    private final Map<Long, List<Long>> lineages;
    private final Map<Key, Sum> rows = new HashMap<>();

    private RollupSummary(Map<Long, List<Long>> lineages) {
        this.lineages = lineages;
    }

    /**
     * A summary to add to, with the units' lineages read now. Takes the lock a moving unit takes exclusively,
     * so the lineages stay true until the transaction ends.
     */
    static RollupSummary begin(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("select pg_advisory_xact_lock_shared(hashtextextended('units', 0))");
        }
        return new RollupSummary(lineages(c));
    }

    /** Adds what a daily rollup row adds: to its agency's own rows and to every subtree it is in. */
    void add(long agencyId, LocalDate day, long versionId, long responses, long[] counts, double[] sums) {
        for (int months : new int[] {1, 12}) {
            var period = months == 1 ? day.withDayOfMonth(1) : day.withDayOfYear(1);
            rows.computeIfAbsent(new Key(agencyId, true, months, period, versionId), k -> new Sum())
                    .add(responses, counts, sums);
            for (long unit : lineages.getOrDefault(agencyId, List.of(agencyId))) {
                rows.computeIfAbsent(new Key(unit, false, months, period, versionId), k -> new Sum())
                        .add(responses, counts, sums);
            }
        }
    }

    private static final String ADD_SQL = """
            insert into rollup_summary as r (unit_id, own, months, period, questionnaire_version_id, responses, counts,
                                             sums, shard)
            values (?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, pg_backend_pid() % 16)::smallint)
            on conflict (unit_id, own, months, period, questionnaire_version_id, shard)
            do update set responses = r.responses + excluded.responses,
                          counts = array_add(r.counts, excluded.counts),
                          sums = array_add(r.sums, excluded.sums)""";

    /** Writes the sums in batched upserts, in the given shard or the connection's own. */
    void writeTo(Connection c, Short shard) throws SQLException {
        try (var statement = c.prepareStatement(ADD_SQL)) {
            int pending = 0;
            for (var entry : rows.entrySet()) {
                var key = entry.getKey();
                var sum = entry.getValue();
                statement.setLong(1, key.unitId());
                statement.setBoolean(2, key.own());
                statement.setInt(3, key.months());
                statement.setObject(4, key.period());
                statement.setLong(5, key.versionId());
                statement.setLong(6, sum.responses);
                statement.setObject(7, sum.counts);
                statement.setObject(8, sum.sums);
                statement.setObject(9, shard, Types.SMALLINT);
                statement.addBatch();
                if (++pending == 500) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }

    /** Every unit's lineage: itself and each unit above it. */
    private static Map<Long, List<Long>> lineages(Connection c) throws SQLException {
        var parents = new HashMap<Long, Long>();
        try (var s = c.createStatement(); var r = s.executeQuery("select id, parent_id from unit")) {
            while (r.next()) {
                long unit = r.getLong(1);
                long parent = r.getLong(2);
                parents.put(unit, r.wasNull() ? null : parent);
            }
        }
        var lineages = new HashMap<Long, List<Long>>();
        for (var unit : parents.keySet()) {
            var lineage = new ArrayList<Long>();
            // The tree has no cycles (the units API refuses them); the bound only guards against a broken one.
            for (Long u = unit; u != null && lineage.size() <= parents.size(); u = parents.get(u)) {
                lineage.add(u);
            }
            lineages.put(unit, List.copyOf(lineage));
        }
        return lineages;
    }

    /**
     * Sums every subtree row again from the units' own rows: after a unit moves, its responses count under
     * its new parents. Waits for the submissions in flight and holds new ones until the transaction ends.
     */
    public static void resum(DSLContext tx) {
        tx.connection(c -> {
            try (var s = c.createStatement()) {
                s.execute("select pg_advisory_xact_lock(hashtextextended('units', 0))");
                s.execute("delete from rollup_summary where not own");
            }
            var summary = new RollupSummary(lineages(c));
            try (var statement = c.prepareStatement("""
                    select unit_id, months, period, questionnaire_version_id, responses, counts, sums
                      from rollup_summary
                     where own""")) {
                statement.setFetchSize(1_000);
                try (var r = statement.executeQuery()) {
                    while (r.next()) {
                        long unit = r.getLong(1);
                        var key = new Key(unit, false, r.getInt(2), r.getObject(3, LocalDate.class), r.getLong(4));
                        var counts = unbox((Long[]) r.getArray(6).getArray());
                        var sums = unbox((Double[]) r.getArray(7).getArray());
                        for (long above : summary.lineages.getOrDefault(unit, List.of(unit))) {
                            summary.rows.computeIfAbsent(new Key(above, false, key.months(), key.period(), key.versionId()),
                                    k -> new Sum()).add(r.getLong(5), counts, sums);
                        }
                    }
                }
            }
            summary.writeTo(c, (short) 0);
            log.info("event=rollup_subtrees_summed rows={}", summary.rows.size());
        });
    }

    private static long[] unbox(Long[] values) {
        var out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static double[] unbox(Double[] values) {
        var out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
