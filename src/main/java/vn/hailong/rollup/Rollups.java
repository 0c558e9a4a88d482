package vn.hailong.rollup;

import static vn.hailong.db.schema.Tables.RESPONSE;
import static vn.hailong.db.schema.Tables.ROLLUP_CUT;
import static vn.hailong.db.schema.Tables.ROLLUP_DAILY;
import static vn.hailong.db.schema.Tables.ROLLUP_PENDING;
import static vn.hailong.db.schema.Tables.ROLLUP_SUMMARY;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.function.LongConsumer;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.DSLContext;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.hailong.stats.StratumStatistics;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.survey.Forms;

/**
 * Daily rollups of the statistics core's sufficient statistics: added to in the transaction that stores
 * each response, summed by analytics instead of reading responses, and rebuildable from responses.
 * <p>
 * A batch of ratings adds its statistics as pending rows (rollup_pending, packed); {@link RollupFolder} folds
 * them into the daily, summary and cut rows in the background, a fraction of a second later, many ratings at a
 * time.
 * Readers sum both, so a rating counts in every answer from the moment it commits, exactly once.
 */
public final class Rollups {
    private static final Logger log = LoggerFactory.getLogger(Rollups.class);
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final Forms forms;

    public Rollups(Forms forms) {
        this.forms = forms;
    }

    /** Where a response's statistics go: one rollup row. */
    public record Key(long agencyId, LocalDate day, long versionId, long serviceId, long centreId, String channel,
                      String stratum, boolean flagged) {

        /** Binds the key to parameters 1 to 8, in the order of the table's columns. */
        void bind(java.sql.PreparedStatement statement) throws SQLException {
            statement.setLong(1, agencyId);
            statement.setObject(2, day);
            statement.setLong(3, versionId);
            statement.setLong(4, serviceId);
            statement.setLong(5, centreId);
            statement.setString(6, channel);
            statement.setString(7, stratum);
            statement.setBoolean(8, flagged);
        }

        public static Key of(long agencyId, OffsetDateTime submittedAt, long versionId, Long serviceId, Long centreId,
                             String channel, String stratum, boolean flagged) {
            return new Key(agencyId, submittedAt.atZoneSameInstant(VIETNAM).toLocalDate(), versionId,
                    serviceId == null ? 0 : serviceId, centreId == null ? 0 : centreId, channel,
                    stratum == null ? "" : stratum, flagged);
        }
    }

    /**
     * What a set of responses adds to the rollups: per row, the statistics core's counts and sums and the
     * number of responses. A batch of submissions, a rebuild and an import all add through one of these.
     */
    public final class Additions {
        private final Map<Key, SufficientStatistics.Builder> builders = new HashMap<>();
        private final Map<Key, Long> responses = new HashMap<>();

        /** Adds one response, given by its answers in the version's order. */
        public void add(Key key, Short[] answers) {
            var form = forms.published(key.versionId()).orElseThrow(() ->
                    new IllegalStateException("questionnaire version " + key.versionId() + " is not published"));
            responses.merge(key, 1L, Long::sum);
            form.toResponse(answers, key.stratum()).ifPresent(response -> builders
                    .computeIfAbsent(key, k -> SufficientStatistics.builder(form.instrument().orElseThrow()))
                    .add(response));
        }

        /** How many rollup rows this holds: about 7 KB each (SIPAS), so a long run writes and starts afresh. */
        public int size() {
            return responses.size();
        }

        /** One rollup row's addition: its key, its number of responses and its counts and sums. */
        public record Row(Key key, long responses, long[] counts, double[] sums) {
        }

        public List<Row> rows() {
            var rows = new ArrayList<Row>(responses.size());
            for (var entry : responses.entrySet()) {
                var builder = builders.get(entry.getKey());
                var strata = builder == null ? Map.<String, StratumStatistics>of() : builder.build().strata();
                var stratum = strata.isEmpty() ? null : strata.values().iterator().next();
                rows.add(new Row(entry.getKey(), entry.getValue(), stratum == null ? new long[0] : stratum.counts(),
                        stratum == null ? new double[0] : stratum.sums()));
            }
            return rows;
        }

        /**
         * Binds everything as pending rows to ten parameters from {@code first} on, each an array with an element a
         * row: the key's columns in the table's order, the number of responses, the packed counts and sums (see
         * {@link PackedStatistics}). store_submissions (sql/V3) inserts them in the transaction that stores the
         * ratings: no read, no row another transaction writes, so a batch of ratings never waits on the rollups. The
         * rows count in every analytics answer from the moment they commit; {@link RollupFolder} folds them into the
         * daily, summary and cut rows soon after.
         */
        public void bindPending(Connection connection, PreparedStatement statement, int first) throws SQLException {
            var rows = rows();
            int n = rows.size();
            long[] agency = new long[n];
            var day = new java.sql.Date[n];
            long[] version = new long[n];
            long[] service = new long[n];
            long[] centre = new long[n];
            var channel = new String[n];
            var stratum = new String[n];
            var flagged = new Boolean[n];
            long[] responses = new long[n];
            var packed = new byte[n][];
            for (int i = 0; i < n; i++) {
                var row = rows.get(i);
                var key = row.key();
                agency[i] = key.agencyId();
                day[i] = java.sql.Date.valueOf(key.day());
                version[i] = key.versionId();
                service[i] = key.serviceId();
                centre[i] = key.centreId();
                channel[i] = key.channel();
                stratum[i] = key.stratum();
                flagged[i] = key.flagged();
                responses[i] = row.responses();
                packed[i] = PackedStatistics.pack(row.counts(), row.sums());
            }
            // Primitive arrays and byte[][]: the driver sends them in binary.
            statement.setObject(first, agency);
            statement.setArray(first + 1, connection.createArrayOf("date", day));
            statement.setObject(first + 2, version);
            statement.setObject(first + 3, service);
            statement.setObject(first + 4, centre);
            statement.setArray(first + 5, connection.createArrayOf("varchar", channel));
            statement.setArray(first + 6, connection.createArrayOf("varchar", stratum));
            statement.setArray(first + 7, connection.createArrayOf("bool", flagged));
            statement.setObject(first + 8, responses);
            statement.setObject(first + 9, packed);
        }

        /**
         * Adds everything to the daily, summary and cut rollups at once, in the transaction of {@code connection}
         * (an import: many ratings a row). See {@link Rollups#write}.
         */
        public void writeTo(Connection connection) throws SQLException {
            write(connection, claimShard(connection), totals(rows()));
        }
    }

    /** Sums rows by their keys: what {@link #write} adds. */
    static Map<Key, RollupSummary.Sum> totals(List<Additions.Row> rows) {
        var totals = new HashMap<Key, RollupSummary.Sum>();
        for (var row : rows) {
            totals.computeIfAbsent(row.key(), k -> new RollupSummary.Sum()).add(row.responses(), row.counts(), row.sums());
        }
        return totals;
    }

    /** Where the folds wrote their daily rows last (see {@link RowPlaces}): 50,000 places, some 15 MB. */
    private static final RowPlaces<Key> PLACES = new RowPlaces<>(50_000);

    /**
     * Adds the sums to the daily, summary and cut rollups, in the transaction of {@code connection}: in a shard of the
     * rollups this transaction alone writes (see {@link #claimShard}), the rows are read (where this JVM last wrote
     * them, see {@link RowPlaces}, or else by their keys), added to in Java and written back whole — the sums never
     * go through SQL array arithmetic, which costs a few hundred microseconds an array. The sums are added to the
     * daily rows in the end: {@code totals} is changed.
     */
    static void write(Connection connection, short shard, Map<Key, RollupSummary.Sum> totals) throws SQLException {
        if (totals.isEmpty()) {
            return;
        }
        writeAbove(connection, shard, totals);
        var places = shard == 0 ? null : PLACES;
        var found = places == null ? Set.<Key>of() : places.readInto(connection, """
                select ctid::text, agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum,
                       flagged, shard, responses, packed
                  from rollup_daily""", shard, totals, r -> new Key(r.getLong(2), r.getObject(3, LocalDate.class),
                r.getLong(4), r.getLong(5), r.getLong(6), r.getString(7), r.getString(8), r.getBoolean(9)));
        var keys = RowPlaces.rest(totals, found);
        if (!keys.isEmpty()) {
            readByKeys(connection, shard, keys, totals);
        }
        RollupSummary.upsert(connection, SET_SQL, totals, shard, (statement, key) -> {
            key.bind(statement);
            return 9;
        }, places);
    }

    /** Adds to {@code totals} the shard's daily rows of these keys, each looked up by its key. */
    private static void readByKeys(Connection connection, short shard, List<Key> keys,
                                   Map<Key, RollupSummary.Sum> totals) throws SQLException {
        // Exactly the rows to add to, each looked up by its key: a lateral subquery with a limit, which the planner
        // cannot turn into a join (a join of a few thousand keys may scan every row of the shard for each).
        try (var statement = connection.prepareStatement("""
                select d.agency_id, d.day, d.questionnaire_version_id, d.service_id, d.centre_id, d.channel, d.stratum,
                       d.flagged, d.responses, d.packed
                  from unnest(?::bigint[], ?::date[], ?::bigint[], ?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[],
                              ?::boolean[]) as k (agency_id, day, version_id, service_id, centre_id, channel, stratum, flagged)
                  cross join lateral (
                       select * from rollup_daily d
                        where (d.agency_id, d.day, d.questionnaire_version_id, d.service_id, d.centre_id, d.channel,
                               d.stratum, d.flagged, d.shard)
                            = (k.agency_id, k.day, k.version_id, k.service_id, k.centre_id, k.channel, k.stratum,
                               k.flagged, ?)
                        limit 1) d""")) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1); // bytea in binary, not in hex
            statement.setArray(1, connection.createArrayOf("int8", keys.stream().map(Key::agencyId).toArray()));
            statement.setArray(2, connection.createArrayOf("date",
                    keys.stream().map(k -> java.sql.Date.valueOf(k.day())).toArray()));
            statement.setArray(3, connection.createArrayOf("int8", keys.stream().map(Key::versionId).toArray()));
            statement.setArray(4, connection.createArrayOf("int8", keys.stream().map(Key::serviceId).toArray()));
            statement.setArray(5, connection.createArrayOf("int8", keys.stream().map(Key::centreId).toArray()));
            statement.setArray(6, connection.createArrayOf("varchar", keys.stream().map(Key::channel).toArray()));
            statement.setArray(7, connection.createArrayOf("varchar", keys.stream().map(Key::stratum).toArray()));
            statement.setArray(8, connection.createArrayOf("bool", keys.stream().map(Key::flagged).toArray()));
            statement.setShort(9, shard);
            try (var r = statement.executeQuery()) {
                while (r.next()) {
                    var sum = totals.get(new Key(r.getLong(1), r.getObject(2, LocalDate.class), r.getLong(3),
                            r.getLong(4), r.getLong(5), r.getString(6), r.getString(7), r.getBoolean(8)));
                    sum.add(r.getLong(9), r.getBytes(10));
                }
            }
        }
    }

    /**
     * Adds the sums to the summary and cut rows. Level by level: a daily row's service matters to its top unit's
     * service rows only, and of its agency's day nothing but the day matters to the summary rows; so the rows with
     * the services pooled, and then the agencies' days, are summed first and added once each, not once per daily row.
     */
    private static void writeAbove(Connection connection, short shard, Map<Key, RollupSummary.Sum> totals)
            throws SQLException {
        var summary = RollupSummary.begin(connection, totals.keySet().stream().map(Key::agencyId).distinct().toList());
        var cuts = new RollupCuts();
        var pooled = new HashMap<Key, RollupSummary.Sum>();
        for (var entry : totals.entrySet()) {
            var key = entry.getKey();
            cuts.addServices(key, summary.top(key.agencyId()), entry.getValue());
            pooled.computeIfAbsent(new Key(key.agencyId(), key.day(), key.versionId(), 0, key.centreId(), key.channel(),
                    key.stratum(), key.flagged()), k -> new RollupSummary.Sum()).add(entry.getValue());
        }
        record AgencyDay(long agencyId, LocalDate day, long versionId) {
        }
        var days = new HashMap<AgencyDay, RollupSummary.Sum>();
        for (var entry : pooled.entrySet()) {
            var key = entry.getKey();
            cuts.addPooled(key, summary.top(key.agencyId()), entry.getValue());
            days.computeIfAbsent(new AgencyDay(key.agencyId(), key.day(), key.versionId()),
                    k -> new RollupSummary.Sum()).add(entry.getValue());
        }
        days.forEach((day, sum) -> summary.add(day.agencyId(), day.day(), day.versionId(), sum));
        summary.writeTo(connection, shard);
        cuts.writeTo(connection, shard);
    }

    /**
     * Folds up to {@code limit} pending rows, oldest first, into the daily, summary and cut rollups, in the
     * transaction of {@code connection}: each leaves rollup_pending in the transaction that adds it to the rows it
     * belongs to, so every reader counts it once. Rows that another transaction is folding are skipped. Returns how
     * many it folded.
     */
    public static int fold(Connection connection, int limit) throws SQLException {
        // Summed by daily key as they are read: memory is a few KB a key, not a row.
        var totals = new HashMap<Key, RollupSummary.Sum>();
        int folded = 0;
        // By an array of ids, looked up in the primary key: as "id in (select ...)" the planner may pick, with stale
        // statistics of a table that was empty, a plan that compares every pending row with every id (two minutes
        // for 20,000 rows, while they piled up).
        try (var statement = connection.prepareStatement("""
                delete from rollup_pending
                 where id = any (array(select id from rollup_pending order by id limit ? for update skip locked))
                returning agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum, flagged,
                          responses, packed""")) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1); // bytea in binary, not in hex
            statement.setInt(1, limit);
            try (var r = statement.executeQuery()) {
                while (r.next()) {
                    totals.computeIfAbsent(new Key(r.getLong(1), r.getObject(2, LocalDate.class), r.getLong(3),
                                    r.getLong(4), r.getLong(5), r.getString(6), r.getString(7), r.getBoolean(8)),
                            k -> new RollupSummary.Sum()).add(r.getLong(9), r.getBytes(10));
                    folded++;
                }
            }
        }
        write(connection, claimShard(connection), totals);
        return folded;
    }

    /**
     * A shard of the rollups that only the current transaction writes until it ends: the first of 1 to 64 whose
     * advisory lock is free (shard 0 is what rebuilds write). With every shard taken, waits for one.
     */
    static short claimShard(Connection connection) throws SQLException {
        try (var s = connection.createStatement(); var r = s.executeQuery("""
                select n from generate_series(1, 64) as n
                 where pg_try_advisory_xact_lock(hashtextextended('rollup-shard:' || n, 0))
                 limit 1""")) {
            if (r.next()) {
                return r.getShort(1);
            }
        }
        short shard = (short) (1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(64));
        try (var s = connection.prepareStatement("select pg_advisory_xact_lock(hashtextextended('rollup-shard:' || ?, 0))")) {
            s.setInt(1, shard);
            s.executeQuery().close();
        }
        return shard;
    }

    public Additions additions() {
        return new Additions();
    }

    /** Writes a rollup row whole: its shard is the writer's alone (or being rebuilt), so nothing is lost. */
    private static final String SET_SQL = """
            insert into rollup_daily as r (agency_id, day, questionnaire_version_id, service_id, centre_id, channel,
                                           stratum, flagged, shard, responses, packed)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum, flagged, shard)
            do update set responses = excluded.responses, packed = excluded.packed""";

    /**
     * Recomputes the rollups of the years from {@code from} to the day before {@code to} from the responses,
     * replacing what was there: whole years, as the summary rows are per month and year. Streams the
     * responses, so memory stays bounded by the number of rollup rows of the range. {@code tx} must be in a
     * transaction: ratings arriving meanwhile wait for it.
     */
    public int rebuild(DSLContext tx, LocalDate from, LocalDate to) {
        return rebuild(tx, from, to, read -> { });
    }

    /** As {@link #rebuild(DSLContext, LocalDate, LocalDate)}, telling {@code progress} every 10,000 responses read. */
    public int rebuild(DSLContext tx, LocalDate from, LocalDate to, LongConsumer progress) {
        from = from.withDayOfYear(1);
        to = to.withDayOfYear(1).equals(to) ? to : to.withDayOfYear(1).plusYears(1);
        var start = from.atStartOfDay(VIETNAM).toOffsetDateTime();
        var end = to.atStartOfDay(VIETNAM).toOffsetDateTime();
        // Ratings stored meanwhile wait (at their pending row) until the rebuild commits, and the rebuild waits for
        // those in flight: each rating is then either read below or added after, never both nor neither.
        tx.execute("lock table rollup_pending in exclusive mode");
        tx.deleteFrom(ROLLUP_PENDING).where(ROLLUP_PENDING.DAY.ge(from)).and(ROLLUP_PENDING.DAY.lt(to)).execute();
        tx.deleteFrom(ROLLUP_DAILY).where(ROLLUP_DAILY.DAY.ge(from)).and(ROLLUP_DAILY.DAY.lt(to)).execute();
        tx.deleteFrom(ROLLUP_SUMMARY).where(ROLLUP_SUMMARY.PERIOD.ge(from)).and(ROLLUP_SUMMARY.PERIOD.lt(to)).execute();
        tx.deleteFrom(ROLLUP_CUT).where(ROLLUP_CUT.PERIOD.ge(from)).and(ROLLUP_CUT.PERIOD.lt(to)).execute();
        var additions = new Additions();
        try (var cursor = tx.select(RESPONSE.AGENCY_ID, RESPONSE.SUBMITTED_AT, RESPONSE.QUESTIONNAIRE_VERSION_ID,
                        RESPONSE.SERVICE_ID, RESPONSE.CENTRE_ID, RESPONSE.CHANNEL, RESPONSE.STRATUM, RESPONSE.QUALITY_FLAGS,
                        RESPONSE.ANSWERS)
                .from(RESPONSE)
                .where(RESPONSE.SUBMITTED_AT.ge(start))
                .and(RESPONSE.SUBMITTED_AT.lt(end))
                .fetchSize(5_000)
                .fetchLazy()) {
            long read = 0;
            for (var r : cursor) {
                additions.add(Key.of(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        r.value8() != null && r.value8().length > 0), r.value9());
                if (++read % 10_000 == 0) {
                    progress.accept(read);
                }
            }
        }
        // Rebuilt rows go to shard 0: what the connections add afterwards lands beside them.
        tx.connection(connection -> write(connection, (short) 0, totals(additions.rows())));
        log.info("event=rollups_rebuilt from={} to={} rows={}", from, to, additions.responses.size());
        return additions.responses.size();
    }
}
