package vn.hailong.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollups summed per year, month, week and day, per unit: its own responses, and its whole subtree's (sql/V5,
 * rollup_summary; day rows since sql/V19, week rows since migration 23). Filled from the same additions as the daily
 * rollups; when a unit moves, the subtree rows are summed again from the units' own rows (those of the cut rollups
 * from the daily rows).
 * <p>
 * Day and week rows answer the days of a range that cut a month (its whole weeks from the week rows): each agency's
 * own, and each top unit's whole subtree's (a unit between them reads its agencies' own rows), so a rating adds to
 * two day rows and two week rows, not to its whole lineage's.
 */
public final class RollupSummary {
    private static final Logger log = LoggerFactory.getLogger(RollupSummary.class);
    /** The months of a day row: its period is the day. */
    public static final short DAYS = 0;
    /**
     * The "months" of a week row: its period is the week's Monday. Not a number of months, the week's days: a range
     * that cuts a month reads its whole weeks from the week rows, and only the other days from the day rows. Only
     * weeks within one month are kept: a range's ends lie within a month, so no other week is ever read (and a year's
     * rows, rebuilt, are then exactly those whose period lies in it).
     */
    public static final short WEEKS = 7;

    /**
     * The period of the row of {@code months} (days, weeks, months or years) that holds {@code day}; null for a day
     * of a week that spans two months, which has no week row.
     */
    public static LocalDate period(LocalDate day, int months) {
        return switch (months) {
            case DAYS -> day;
            case WEEKS -> {
                var monday = day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
                yield monday.getMonth() == monday.plusDays(6).getMonth() ? monday : null;
            }
            case 1 -> day.withDayOfMonth(1);
            case 12 -> day.withDayOfYear(1);
            default -> throw new IllegalArgumentException("rows of " + months + " months are not kept");
        };
    }

    /**
     * One summary row: a unit's own responses or its subtree's, over a year (12), a month (1), a week ({@link #WEEKS})
     * or a day (0).
     */
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

        void add(Sum more) {
            add(more.responses, more.counts, more.sums);
        }

        /** Adds a stored row: its number of responses and its packed counts and sums. */
        void add(long moreResponses, byte[] packed) {
            responses += moreResponses;
            if (counts.length == 0 && sums.length == 0) {
                var more = PackedStatistics.unpack(packed);
                counts = more.counts();
                sums = more.sums();
            } else {
                PackedStatistics.addTo(packed, counts, sums);
            }
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
    private final Map<Long, Long> tops;
    private final Map<Key, Sum> rows = new HashMap<>();

    private RollupSummary(Map<Long, List<Long>> lineages, Map<Long, Long> tops) {
        this.lineages = lineages;
        this.tops = tops;
    }

    /**
     * A summary to add to, with the lineages of these agencies read now. Takes the lock a moving unit takes
     * exclusively, so the lineages stay true until the transaction ends.
     */
    static RollupSummary begin(Connection c, List<Long> agencies) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("select pg_advisory_xact_lock_shared(hashtextextended('units', 0))");
        }
        var lineages = new HashMap<Long, List<Long>>();
        var tops = new HashMap<Long, Long>();
        try (var statement = c.prepareStatement("""
                select a, l, (select parent_id is null from unit where id = l)
                  from unnest(?::bigint[]) as a, unit_lineage(a) as l""")) {
            statement.setArray(1, c.createArrayOf("int8", agencies.toArray()));
            try (var r = statement.executeQuery()) {
                while (r.next()) {
                    lineages.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(r.getLong(2));
                    if (r.getBoolean(3)) {
                        tops.put(r.getLong(1), r.getLong(2));
                    }
                }
            }
        }
        return new RollupSummary(lineages, tops);
    }

    /** The top unit (a province) above an agency, or the agency itself if it is one. */
    long top(long agencyId) {
        return tops.getOrDefault(agencyId, agencyId);
    }

    /**
     * Adds what a daily rollup row adds: to its agency's own rows and to every subtree it is in, for the month and
     * the year; for the day and the week, to its agency's own row and its top unit's subtree row.
     */
    void add(long agencyId, LocalDate day, long versionId, Sum sum) {
        addDay(agencyId, day, versionId, sum.responses, sum.counts, sum.sums);
        for (int months : new int[] {1, 12}) {
            var period = period(day, months);
            rows.computeIfAbsent(new Key(agencyId, true, months, period, versionId), k -> new Sum()).add(sum);
            for (long unit : lineages.getOrDefault(agencyId, List.of(agencyId))) {
                rows.computeIfAbsent(new Key(unit, false, months, period, versionId), k -> new Sum()).add(sum);
            }
        }
    }

    /** Adds to the day's and the week's rows: its agency's own, and its top unit's subtree row. */
    private void addDay(long agencyId, LocalDate day, long versionId, long responses, long[] counts, double[] sums) {
        for (short months : new short[] {DAYS, WEEKS}) {
            var period = period(day, months);
            if (period == null) {
                continue;
            }
            rows.computeIfAbsent(new Key(agencyId, true, months, period, versionId), k -> new Sum())
                    .add(responses, counts, sums);
            rows.computeIfAbsent(new Key(top(agencyId), false, months, period, versionId), k -> new Sum())
                    .add(responses, counts, sums);
        }
    }

    /**
     * Sums the day and week rows afresh from the daily rows, in the transaction of {@code c}.
     * Streams the daily rows, and writes whenever {@link RollupCuts#FLUSH_AT} rows are held (written rows are added
     * to, so writing early changes nothing).
     * Returns how many rows it wrote.
     */
    static int fillDaysFromDaily(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("delete from rollup_summary where months in (" + DAYS + ", " + WEEKS + ")");
        }
        var lineages = lineages(c);
        var tops = tops(lineages);
        var summary = new RollupSummary(lineages, tops);
        int written = 0;
        try (var statement = c.prepareStatement(
                "select agency_id, day, questionnaire_version_id, responses, packed from rollup_daily")) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1); // bytea in binary, not in hex
            statement.setFetchSize(1_000);
            try (var r = statement.executeQuery()) {
                while (r.next()) {
                    var statistics = PackedStatistics.unpack(r.getBytes(5));
                    summary.addDay(r.getLong(1), r.getObject(2, LocalDate.class), r.getLong(3), r.getLong(4),
                            statistics.counts(), statistics.sums());
                    if (summary.rows.size() >= RollupCuts.FLUSH_AT) {
                        written += summary.rows.size();
                        summary.writeTo(c, (short) 0);
                        summary = new RollupSummary(lineages, tops);
                    }
                }
            }
        }
        written += summary.rows.size();
        summary.writeTo(c, (short) 0);
        log.info("event=rollup_days_filled rows_written={}", written);
        return written;
    }

    /** Writes a summary row whole: its shard is the writer's alone (or being rebuilt), so nothing is lost. */
    private static final String SET_SQL = """
            insert into rollup_summary as r (unit_id, own, months, period, questionnaire_version_id, shard, responses,
                                             packed)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (unit_id, own, months, period, questionnaire_version_id, shard)
            do update set responses = excluded.responses, packed = excluded.packed""";

    /** Adds the sums to what the shard holds: the rows read by their keys, added in Java, written back whole. */
    void writeTo(Connection c, short shard) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        var keys = List.copyOf(rows.keySet());
        try (var statement = c.prepareStatement("""
                select r.unit_id, r.own, r.months, r.period, r.questionnaire_version_id, r.responses, r.packed
                  from unnest(?::bigint[], ?::boolean[], ?::smallint[], ?::date[], ?::bigint[])
                       as k (unit_id, own, months, period, version_id)
                  cross join lateral (
                       select * from rollup_summary r
                        where (r.unit_id, r.own, r.months, r.period, r.questionnaire_version_id, r.shard)
                            = (k.unit_id, k.own, k.months, k.period, k.version_id, ?)
                        limit 1) r""")) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1); // bytea in binary, not in hex
            statement.setArray(1, c.createArrayOf("int8", keys.stream().map(Key::unitId).toArray()));
            statement.setArray(2, c.createArrayOf("bool", keys.stream().map(Key::own).toArray()));
            statement.setArray(3, c.createArrayOf("int2", keys.stream().map(k -> (short) k.months()).toArray()));
            statement.setArray(4, c.createArrayOf("date",
                    keys.stream().map(k -> java.sql.Date.valueOf(k.period())).toArray()));
            statement.setArray(5, c.createArrayOf("int8", keys.stream().map(Key::versionId).toArray()));
            statement.setShort(6, shard);
            try (var r = statement.executeQuery()) {
                while (r.next()) {
                    rows.get(new Key(r.getLong(1), r.getBoolean(2), r.getInt(3), r.getObject(4, LocalDate.class),
                            r.getLong(5))).add(r.getLong(6), r.getBytes(7));
                }
            }
        }
        upsert(c, SET_SQL, rows, shard, (statement, key) -> {
            statement.setLong(1, key.unitId());
            statement.setBoolean(2, key.own());
            statement.setInt(3, key.months());
            statement.setObject(4, key.period());
            statement.setLong(5, key.versionId());
            return 6;
        });
    }

    /** Binds a rollup row's key from parameter 1 on; returns the index of the next parameter. */
    interface KeyBinder<K> {
        int bind(PreparedStatement statement, K key) throws SQLException;
    }

    /**
     * Writes rollup rows whole, 500 statements a round trip: each statement's parameters are the key, then the
     * shard, the number of responses and the packed counts and sums (see {@link PackedStatistics}).
     */
    static <K> void upsert(Connection c, String sql, Map<K, Sum> rows, short shard, KeyBinder<K> binder)
            throws SQLException {
        upsert(c, sql, rows, shard, binder, null);
    }

    /** The same, remembering where each row was written in {@code places}, if given. */
    static <K> void upsert(Connection c, String sql, Map<K, Sum> rows, short shard, KeyBinder<K> binder,
                           RowPlaces<K> places) throws SQLException {
        try (var statement = places == null
                ? c.prepareStatement(sql)
                : c.prepareStatement(sql, new String[] {"ctid"})) {
            var batch = new ArrayList<K>(500);
            for (var entry : rows.entrySet()) {
                int next = binder.bind(statement, entry.getKey());
                statement.setShort(next, shard);
                statement.setLong(next + 1, entry.getValue().responses);
                statement.setBytes(next + 2, PackedStatistics.pack(entry.getValue().counts, entry.getValue().sums));
                statement.addBatch();
                batch.add(entry.getKey());
                if (batch.size() == 500) {
                    execute(statement, batch, shard, places);
                }
            }
            if (!batch.isEmpty()) {
                execute(statement, batch, shard, places);
            }
        }
    }

    /** Runs a batch; with {@code places}, notes each row's ctid, returned in the order of the batch. */
    private static <K> void execute(PreparedStatement statement, List<K> batch, short shard, RowPlaces<K> places)
            throws SQLException {
        statement.executeBatch();
        if (places != null) {
            try (var r = statement.getGeneratedKeys()) {
                for (var key : batch) {
                    if (!r.next()) {
                        break;
                    }
                    places.put(key, shard, r.getString(1));
                }
            }
        }
        batch.clear();
    }

    /** Every unit's lineage: itself and each unit above it, the top unit last. */
    static Map<Long, List<Long>> lineages(Connection c) throws SQLException {
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

    /** Each unit's top unit: the last of its lineage. */
    static Map<Long, Long> tops(Map<Long, List<Long>> lineages) {
        var tops = new HashMap<Long, Long>();
        lineages.forEach((unit, lineage) -> tops.put(unit, lineage.get(lineage.size() - 1)));
        return tops;
    }

    /**
     * Sums every subtree row again from the units' own rows: after a unit moves, its responses count under
     * its new parents. Waits for the folds of pending rows in flight and holds new ones until the transaction ends.
     */
    public static void resum(DSLContext tx) {
        tx.connection(c -> {
            try (var s = c.createStatement()) {
                s.execute("select pg_advisory_xact_lock(hashtextextended('units', 0))");
                s.execute("delete from rollup_summary where not own");
            }
            var lineages = lineages(c);
            var summary = new RollupSummary(lineages, tops(lineages));
            try (var statement = c.prepareStatement("""
                    select unit_id, months, period, questionnaire_version_id, responses, packed
                      from rollup_summary
                     where own""")) {
                statement.setFetchSize(1_000);
                try (var r = statement.executeQuery()) {
                    while (r.next()) {
                        long unit = r.getLong(1);
                        int months = r.getInt(2);
                        var period = r.getObject(3, LocalDate.class);
                        long version = r.getLong(4);
                        var statistics = PackedStatistics.unpack(r.getBytes(6));
                        var lineage = summary.lineages.getOrDefault(unit, List.of(unit));
                        // A day's or a week's subtree row is its top unit's only.
                        for (long above : months == DAYS || months == WEEKS ? List.of(lineage.get(lineage.size() - 1))
                                : lineage) {
                            summary.rows.computeIfAbsent(new Key(above, false, months, period, version),
                                    k -> new Sum()).add(r.getLong(5), statistics.counts(), statistics.sums());
                        }
                    }
                }
            }
            summary.writeTo(c, (short) 0);
            RollupCuts.resumSubtrees(c, summary.tops);
            log.info("event=rollup_subtrees_summed rows={}", summary.rows.size());
        });
    }
}
