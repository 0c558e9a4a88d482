package vn.hailong.rollup;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollups per agency, month and year, cut by one more thing (sql/V10, rollup_cut): by stratum, or by channel,
 * service or centre with the strata pooled; flagged responses apart in each. Filled from the same additions as
 * the daily rows, in the same transaction; what a dashboard asks with one such filter or split reads a few rows
 * per agency and period instead of every daily row.
 */
public final class RollupCuts {
    private static final Logger log = LoggerFactory.getLogger(RollupCuts.class);
    /** What a row is cut by: nothing but its stratum, or a channel, a service id or a centre id. */
    public static final String STRATA = "";
    public static final String CHANNEL = "channel";
    public static final String SERVICE = "service";
    public static final String CENTRE = "centre";
    /** Rows held before they are written, when filling from the daily rows: about 7 KB each (SIPAS). */
    static final int FLUSH_AT = 20_000;

    /** One cut row. */
    record Key(long agencyId, short months, LocalDate period, long versionId, String cut, String value,
               String stratum, boolean flagged) {
    }

    private final Map<Key, RollupSummary.Sum> rows = new HashMap<>();

    /** Adds what a daily rollup row adds: to its agency's month and year, cut each way. */
    void add(Rollups.Key daily, long responses, long[] counts, double[] sums) {
        for (short months : new short[] {1, 12}) {
            var period = months == 1 ? daily.day().withDayOfMonth(1) : daily.day().withDayOfYear(1);
            add(daily, months, period, STRATA, "", daily.stratum(), responses, counts, sums);
            add(daily, months, period, CHANNEL, daily.channel(), "", responses, counts, sums);
            add(daily, months, period, SERVICE, Long.toString(daily.serviceId()), "", responses, counts, sums);
            add(daily, months, period, CENTRE, Long.toString(daily.centreId()), "", responses, counts, sums);
        }
    }

    private void add(Rollups.Key daily, short months, LocalDate period, String cut, String value, String stratum,
                     long responses, long[] counts, double[] sums) {
        rows.computeIfAbsent(new Key(daily.agencyId(), months, period, daily.versionId(), cut, value, stratum,
                daily.flagged()), k -> new RollupSummary.Sum()).add(responses, counts, sums);
    }

    /** Writes a cut row whole: its shard is the writer's alone (or being rebuilt), so nothing is lost. */
    private static final String SET_SQL = """
            insert into rollup_cut as r (agency_id, months, period, questionnaire_version_id, cut, value, stratum,
                                         flagged, shard, responses, counts, sums)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (agency_id, months, period, questionnaire_version_id, cut, value, stratum, flagged, shard)
            do update set responses = excluded.responses, counts = excluded.counts, sums = excluded.sums""";

    /** Adds the sums to what the shard holds: the rows read by their keys, added in Java, written back whole. */
    void writeTo(Connection c, short shard) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        var keys = List.copyOf(rows.keySet());
        try (var statement = c.prepareStatement("""
                select r.agency_id, r.months, r.period, r.questionnaire_version_id, r.cut, r.value, r.stratum,
                       r.flagged, r.responses, r.counts, r.sums
                  from unnest(?::bigint[], ?::smallint[], ?::date[], ?::bigint[], ?::varchar[], ?::varchar[],
                              ?::varchar[], ?::boolean[]) as k (agency_id, months, period, version_id, cut, value,
                                                                stratum, flagged)
                  join rollup_cut r
                    on (r.agency_id, r.months, r.period, r.questionnaire_version_id, r.cut, r.value, r.stratum,
                        r.flagged, r.shard)
                     = (k.agency_id, k.months, k.period, k.version_id, k.cut, k.value, k.stratum, k.flagged, ?)""")) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1); // in binary: see RollupArrays
            statement.setArray(1, c.createArrayOf("int8", keys.stream().map(Key::agencyId).toArray()));
            statement.setArray(2, c.createArrayOf("int2", keys.stream().map(Key::months).toArray()));
            statement.setArray(3, c.createArrayOf("date", keys.stream().map(k -> java.sql.Date.valueOf(k.period())).toArray()));
            statement.setArray(4, c.createArrayOf("int8", keys.stream().map(Key::versionId).toArray()));
            statement.setArray(5, c.createArrayOf("varchar", keys.stream().map(Key::cut).toArray()));
            statement.setArray(6, c.createArrayOf("varchar", keys.stream().map(Key::value).toArray()));
            statement.setArray(7, c.createArrayOf("varchar", keys.stream().map(Key::stratum).toArray()));
            statement.setArray(8, c.createArrayOf("bool", keys.stream().map(Key::flagged).toArray()));
            statement.setShort(9, shard);
            try (var r = statement.executeQuery()) {
                while (r.next()) {
                    rows.get(new Key(r.getLong(1), r.getShort(2), r.getObject(3, LocalDate.class), r.getLong(4),
                            r.getString(5), r.getString(6), r.getString(7), r.getBoolean(8)))
                            .add(r.getLong(9), RollupArrays.longs(r.getBytes(10)), RollupArrays.doubles(r.getBytes(11)));
                }
            }
        }
        try (var statement = c.prepareStatement(SET_SQL)) {
            int pending = 0;
            for (var entry : rows.entrySet()) {
                var key = entry.getKey();
                var sum = entry.getValue();
                statement.setLong(1, key.agencyId());
                statement.setShort(2, key.months());
                statement.setObject(3, key.period());
                statement.setLong(4, key.versionId());
                statement.setString(5, key.cut());
                statement.setString(6, key.value());
                statement.setString(7, key.stratum());
                statement.setBoolean(8, key.flagged());
                statement.setShort(9, shard);
                statement.setLong(10, sum.responses);
                statement.setObject(11, sum.counts);
                statement.setObject(12, sum.sums);
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

    /**
     * Sums the cut rows afresh from the daily rows, in the transaction of {@code c}: for rollups kept before the
     * cuts were (see {@link FillRollupCuts}). Streams the daily rows; at most {@link #FLUSH_AT} cut rows in memory.
     */
    static int fillFromDaily(Connection c) throws SQLException {
        int written = 0;
        try (var s = c.createStatement()) {
            s.execute("delete from rollup_cut");
        }
        try (var statement = c.prepareStatement("""
                select agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum, flagged,
                       responses, counts, sums
                  from rollup_daily""")) {
            statement.setFetchSize(1_000);
            var cuts = new RollupCuts();
            try (var r = statement.executeQuery()) {
                while (r.next()) {
                    cuts.add(new Rollups.Key(r.getLong(1), r.getObject(2, LocalDate.class), r.getLong(3), r.getLong(4),
                                    r.getLong(5), r.getString(6), r.getString(7), r.getBoolean(8)), r.getLong(9),
                            RollupArrays.longs(r.getBytes(10)), RollupArrays.doubles(r.getBytes(11)));
                    if (cuts.rows.size() >= FLUSH_AT) {
                        written += cuts.rows.size();
                        cuts.writeTo(c, (short) 0);
                        cuts = new RollupCuts();
                    }
                }
            }
            written += cuts.rows.size();
            cuts.writeTo(c, (short) 0);
        }
        log.info("event=rollup_cuts_filled rows_written={}", written);
        return written;
    }
}
