package vn.hailong.rollup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollups per month and year cut by one more thing (sql/V10, rollup_cut): by stratum, or by channel, service or
 * centre with the strata pooled; flagged responses apart in each. Since sql/V19 the service and centre rows are
 * apart per channel, and there are day rows (months 0) cut by channel; since migration 23, the top units' by service
 * too, and week rows (months 7, {@link RollupSummary#WEEKS}) beside the day rows. Per agency (its own responses,
 * with no service rows) and per top unit (its whole subtree's). Filled from the same additions as the daily rows, in
 * the same transaction; what a dashboard asks with one such filter or split reads a few rows per unit and
 * period instead of every daily row.
 */
public final class RollupCuts {
    private static final Logger log = LoggerFactory.getLogger(RollupCuts.class);
    /** What a row is cut by: nothing but its stratum, or a channel, a service id or a centre id. */
    public static final String STRATA = "";
    public static final String CHANNEL = "channel";
    public static final String SERVICE = "service";
    public static final String CENTRE = "centre";
    /** Rows held before they are written, when filling from the daily rows: about 7 KB each in memory (SIPAS). */
    static final int FLUSH_AT = 20_000;

    /**
     * One cut row: an agency's own responses, or a top unit's whole subtree's. {@code channel} is the channel of a
     * service or centre row, and empty in the others.
     */
    record Key(long unitId, boolean own, short months, LocalDate period, long versionId, String cut, String value,
               String channel, String stratum, boolean flagged) {
    }

    private final Map<Key, RollupSummary.Sum> rows = new HashMap<>();
    /** Whether only the top units' subtree rows are added to (summing them again after a unit moves). */
    private final boolean subtreesOnly;

    RollupCuts() {
        this(false);
    }

    private RollupCuts(boolean subtreesOnly) {
        this.subtreesOnly = subtreesOnly;
    }

    /**
     * Adds what a daily rollup row adds: to its top unit's month and year, cut each way; to its agency's month and
     * year, cut each way but by service; to both their days and weeks, cut by channel; and to its top unit's day and
     * week cut by service. What an agency's services are asked, its daily rows answer, by their index. So a rating
     * adds to few rows of its own: its top unit's service day, week, month and year, beside its daily row; the
     * agency's rows are shared by the ratings of that agency a fold gathers.
     */
    void add(Rollups.Key daily, long top, long responses, long[] counts, double[] sums) {
        var sum = new RollupSummary.Sum();
        sum.add(responses, counts, sums);
        addServices(daily, top, sum);
        addPooled(daily, top, sum);
    }

    /**
     * What a daily row adds to its top unit's service rows, the day, the week, the month and the year: the rows its
     * service picks.
     */
    void addServices(Rollups.Key daily, long top, RollupSummary.Sum sum) {
        for (short months : new short[] {RollupSummary.DAYS, RollupSummary.WEEKS, 1, 12}) {
            var period = RollupSummary.period(daily.day(), months);
            if (period != null) {
                add(new Key(top, false, months, period, daily.versionId(), SERVICE, Long.toString(daily.serviceId()),
                        daily.channel(), "", daily.flagged()), sum);
            }
        }
    }

    /**
     * What a daily row adds to every cut row but the service rows: the same for every service of its agency, so it
     * may be given with the services pooled (the key's service is not read).
     */
    void addPooled(Rollups.Key daily, long top, RollupSummary.Sum sum) {
        for (short months : new short[] {RollupSummary.DAYS, RollupSummary.WEEKS, 1, 12}) {
            var period = RollupSummary.period(daily.day(), months);
            if (period == null) {
                continue; // a week that spans two months
            }
            for (boolean own : new boolean[] {true, false}) {
                if (own && subtreesOnly) {
                    continue;
                }
                long unit = own ? daily.agencyId() : top;
                add(new Key(unit, own, months, period, daily.versionId(), CHANNEL, daily.channel(), "", "",
                        daily.flagged()), sum);
                if (months == RollupSummary.DAYS || months == RollupSummary.WEEKS) {
                    // Days and weeks by channel only: with the strata pooled, every channel's rows sum to the day's.
                    // Days by stratum (post-stratified) or a centre's are read from the daily rows.
                    continue;
                }
                add(new Key(unit, own, months, period, daily.versionId(), STRATA, "", "", daily.stratum(),
                        daily.flagged()), sum);
                add(new Key(unit, own, months, period, daily.versionId(), CENTRE, Long.toString(daily.centreId()),
                        daily.channel(), "", daily.flagged()), sum);
            }
        }
    }

    private void add(Key key, RollupSummary.Sum sum) {
        rows.computeIfAbsent(key, k -> new RollupSummary.Sum()).add(sum);
    }

    /** Writes a cut row whole: its shard is the writer's alone (or being rebuilt), so nothing is lost. */
    private static final String SET_SQL = """
            insert into rollup_cut as r (unit_id, own, months, period, questionnaire_version_id, cut, value, channel,
                                         stratum, flagged, shard, responses, packed)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (unit_id, own, months, period, questionnaire_version_id, cut, value, channel, stratum, flagged,
                         shard)
            do update set responses = excluded.responses, packed = excluded.packed""";

    /** Where the folds wrote their rows last (see {@link RowPlaces}): 50,000 places, some 15 MB. */
    private static final RowPlaces<Key> PLACES = new RowPlaces<>(50_000);

    /**
     * Adds the sums to what the shard holds: the rows read back where this JVM last wrote them, or else by their
     * keys; added in Java, written back whole. Rebuilds (shard 0) write each row once, and keep no places.
     */
    void writeTo(Connection c, short shard) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        var places = shard == 0 ? null : PLACES;
        var found = places == null ? Set.<Key>of() : places.readInto(c, """
                select ctid::text, unit_id, own, months, period, questionnaire_version_id, cut, value, channel, stratum,
                       flagged, shard, responses, packed
                  from rollup_cut""", shard, rows, RollupCuts::key);
        var keys = RowPlaces.rest(rows, found);
        if (!keys.isEmpty()) {
            readByKeys(c, shard, keys);
        }
        RollupSummary.upsert(c, SET_SQL, rows, shard, (statement, key) -> {
            statement.setLong(1, key.unitId());
            statement.setBoolean(2, key.own());
            statement.setShort(3, key.months());
            statement.setObject(4, key.period());
            statement.setLong(5, key.versionId());
            statement.setString(6, key.cut());
            statement.setString(7, key.value());
            statement.setString(8, key.channel());
            statement.setString(9, key.stratum());
            statement.setBoolean(10, key.flagged());
            return 11;
        }, places);
    }

    /** A cut row's key, from the columns after its ctid. */
    private static Key key(ResultSet r) throws SQLException {
        return new Key(r.getLong(2), r.getBoolean(3), r.getShort(4), r.getObject(5, LocalDate.class), r.getLong(6),
                r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getBoolean(11));
    }

    /** Adds to {@code rows} the shard's rows of these keys, each looked up by its key. */
    private void readByKeys(Connection c, short shard, List<Key> keys) throws SQLException {
        try (var statement = c.prepareStatement("""
                select r.unit_id, r.own, r.months, r.period, r.questionnaire_version_id, r.cut, r.value, r.channel,
                       r.stratum, r.flagged, r.responses, r.packed
                  from unnest(?::bigint[], ?::boolean[], ?::smallint[], ?::date[], ?::bigint[], ?::varchar[],
                              ?::varchar[], ?::varchar[], ?::varchar[], ?::boolean[])
                       as k (unit_id, own, months, period, version_id, cut, value, channel, stratum, flagged)
                  cross join lateral (
                       select * from rollup_cut r
                        where (r.unit_id, r.own, r.months, r.period, r.questionnaire_version_id, r.cut, r.value,
                               r.channel, r.stratum, r.flagged, r.shard)
                            = (k.unit_id, k.own, k.months, k.period, k.version_id, k.cut, k.value, k.channel,
                               k.stratum, k.flagged, ?)
                        limit 1) r""")) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1); // bytea in binary, not in hex
            statement.setArray(1, c.createArrayOf("int8", keys.stream().map(Key::unitId).toArray()));
            statement.setArray(2, c.createArrayOf("bool", keys.stream().map(Key::own).toArray()));
            statement.setArray(3, c.createArrayOf("int2", keys.stream().map(Key::months).toArray()));
            statement.setArray(4, c.createArrayOf("date",
                    keys.stream().map(k -> java.sql.Date.valueOf(k.period())).toArray()));
            statement.setArray(5, c.createArrayOf("int8", keys.stream().map(Key::versionId).toArray()));
            statement.setArray(6, c.createArrayOf("varchar", keys.stream().map(Key::cut).toArray()));
            statement.setArray(7, c.createArrayOf("varchar", keys.stream().map(Key::value).toArray()));
            statement.setArray(8, c.createArrayOf("varchar", keys.stream().map(Key::channel).toArray()));
            statement.setArray(9, c.createArrayOf("varchar", keys.stream().map(Key::stratum).toArray()));
            statement.setArray(10, c.createArrayOf("bool", keys.stream().map(Key::flagged).toArray()));
            statement.setShort(11, shard);
            try (var r = statement.executeQuery()) {
                while (r.next()) {
                    rows.get(new Key(r.getLong(1), r.getBoolean(2), r.getShort(3), r.getObject(4, LocalDate.class),
                            r.getLong(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                            r.getBoolean(10))).add(r.getLong(11), r.getBytes(12));
                }
            }
        }
    }

    /**
     * Sums the cut rows afresh from the daily rows, in the transaction of {@code c}.
     * Streams the daily rows; at most {@link #FLUSH_AT} cut rows in memory (written rows are added to, so flushing
     * early changes nothing).
     */
    static int fillFromDaily(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("delete from rollup_cut");
        }
        int written = fill(c, RollupSummary.tops(RollupSummary.lineages(c)), false);
        log.info("event=rollup_cuts_filled rows_written={}", written);
        return written;
    }

    /**
     * Sums every subtree row again from the daily rows, in the transaction of {@code c}: after a unit moves, its
     * agencies' responses may count under another top unit. From the daily rows, as the agencies' own rows keep no
     * services.
     */
    static void resumSubtrees(Connection c, Map<Long, Long> tops) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("delete from rollup_cut where not own");
        }
        fill(c, tops, true);
    }

    /** Adds every daily row to the cut rows (the subtrees' only, or all), streaming; returns the rows written. */
    private static int fill(Connection c, Map<Long, Long> tops, boolean subtreesOnly) throws SQLException {
        var flushed = new Flushed(c, subtreesOnly);
        try (var statement = c.prepareStatement("""
                select agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum, flagged,
                       responses, packed
                  from rollup_daily""")) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1); // bytea in binary, not in hex
            statement.setFetchSize(1_000);
            try (var r = statement.executeQuery()) {
                while (r.next()) {
                    long agency = r.getLong(1);
                    var statistics = PackedStatistics.unpack(r.getBytes(10));
                    flushed.cuts().add(new Rollups.Key(agency, r.getObject(2, LocalDate.class), r.getLong(3),
                                    r.getLong(4), r.getLong(5), r.getString(6), r.getString(7), r.getBoolean(8)),
                            tops.getOrDefault(agency, agency), r.getLong(9), statistics.counts(), statistics.sums());
                    flushed.flushIfFull();
                }
            }
        }
        return flushed.finish();
    }

    /** Cut rows summed while another statement streams, written to shard 0 whenever {@link #FLUSH_AT} are held. */
    private static final class Flushed {
        private final Connection c;
        private final boolean subtreesOnly;
        private RollupCuts cuts;
        private int written;

        Flushed(Connection c, boolean subtreesOnly) {
            this.c = c;
            this.subtreesOnly = subtreesOnly;
            this.cuts = new RollupCuts(subtreesOnly);
        }

        RollupCuts cuts() {
            return cuts;
        }

        void flushIfFull() throws SQLException {
            if (cuts.rows.size() >= FLUSH_AT) {
                finish();
                cuts = new RollupCuts(subtreesOnly);
            }
        }

        int finish() throws SQLException {
            written += cuts.rows.size();
            cuts.writeTo(c, (short) 0);
            return written;
        }
    }
}
