package vn.hailong.rollup;

import static vn.hailong.db.schema.Tables.RESPONSE;
import static vn.hailong.db.schema.Tables.ROLLUP_DAILY;
import static vn.hailong.db.schema.Tables.ROLLUP_SUMMARY;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.hailong.stats.StratumStatistics;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.survey.Forms;

/**
 * Daily rollups of the statistics core's sufficient statistics: added to in the transaction that stores
 * each response, summed by analytics instead of reading responses, and rebuildable from responses.
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
         * Adds everything to the daily and summary rollups, in the transaction of {@code connection}: in a shard
         * of the rollups this transaction alone writes (see {@link #claimShard}), the rows are read, added to in
         * Java and written back whole — the sums never go through SQL array arithmetic, which costs a few hundred
         * microseconds an array.
         */
        public void writeTo(Connection connection) throws SQLException {
            writeTo(connection, claimShard(connection));
        }

        private void writeTo(Connection connection, short shard) throws SQLException {
            var rows = rows();
            if (rows.isEmpty()) {
                return;
            }
            var totals = new HashMap<Key, RollupSummary.Sum>();
            for (var row : rows) {
                totals.computeIfAbsent(row.key(), k -> new RollupSummary.Sum()).add(row.responses(), row.counts(), row.sums());
            }
            try (var statement = connection.prepareStatement("""
                    select agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum, flagged,
                           responses, counts, sums
                      from rollup_daily
                     where shard = ? and agency_id = any(?) and day = any(?)""")) {
                statement.setShort(1, shard);
                statement.setArray(2, connection.createArrayOf("int8",
                        rows.stream().map(r -> r.key().agencyId()).distinct().toArray()));
                statement.setArray(3, connection.createArrayOf("date",
                        rows.stream().map(r -> java.sql.Date.valueOf(r.key().day())).distinct().toArray()));
                try (var r = statement.executeQuery()) {
                    while (r.next()) {
                        var sum = totals.get(new Key(r.getLong(1), r.getObject(2, LocalDate.class), r.getLong(3),
                                r.getLong(4), r.getLong(5), r.getString(6), r.getString(7), r.getBoolean(8)));
                        if (sum != null) {
                            sum.add(r.getLong(9), RollupSummary.longs(r.getArray(10)), RollupSummary.doubles(r.getArray(11)));
                        }
                    }
                }
            }
            try (var statement = connection.prepareStatement(SET_SQL)) {
                for (var entry : totals.entrySet()) {
                    var key = entry.getKey();
                    var sum = entry.getValue();
                    statement.setLong(1, key.agencyId());
                    statement.setObject(2, key.day());
                    statement.setLong(3, key.versionId());
                    statement.setLong(4, key.serviceId());
                    statement.setLong(5, key.centreId());
                    statement.setString(6, key.channel());
                    statement.setString(7, key.stratum());
                    statement.setBoolean(8, key.flagged());
                    statement.setShort(9, shard);
                    statement.setLong(10, sum.responses);
                    // Primitive arrays: the driver sends them in binary.
                    statement.setObject(11, sum.counts);
                    statement.setObject(12, sum.sums);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            var summary = RollupSummary.begin(connection, rows.stream().map(r -> r.key().agencyId()).distinct().toList());
            for (var row : rows) {
                summary.add(row.key().agencyId(), row.key().day(), row.key().versionId(), row.responses(), row.counts(),
                        row.sums());
            }
            summary.writeTo(connection, shard);
        }
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
                                           stratum, flagged, shard, responses, counts, sums)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum, flagged, shard)
            do update set responses = excluded.responses, counts = excluded.counts, sums = excluded.sums""";

    /**
     * Recomputes the rollups of the years from {@code from} to the day before {@code to} from the responses,
     * replacing what was there: whole years, as the summary rows are per month and year. Streams the
     * responses, so memory stays bounded by the number of rollup rows of the range.
     */
    public int rebuild(DSLContext tx, LocalDate from, LocalDate to) {
        from = from.withDayOfYear(1);
        to = to.withDayOfYear(1).equals(to) ? to : to.withDayOfYear(1).plusYears(1);
        var start = from.atStartOfDay(VIETNAM).toOffsetDateTime();
        var end = to.atStartOfDay(VIETNAM).toOffsetDateTime();
        tx.deleteFrom(ROLLUP_DAILY).where(ROLLUP_DAILY.DAY.ge(from)).and(ROLLUP_DAILY.DAY.lt(to)).execute();
        tx.deleteFrom(ROLLUP_SUMMARY).where(ROLLUP_SUMMARY.PERIOD.ge(from)).and(ROLLUP_SUMMARY.PERIOD.lt(to)).execute();
        var additions = new Additions();
        try (var cursor = tx.select(RESPONSE.AGENCY_ID, RESPONSE.SUBMITTED_AT, RESPONSE.QUESTIONNAIRE_VERSION_ID,
                        RESPONSE.SERVICE_ID, RESPONSE.CENTRE_ID, RESPONSE.CHANNEL, RESPONSE.STRATUM, RESPONSE.QUALITY_FLAGS,
                        RESPONSE.ANSWERS)
                .from(RESPONSE)
                .where(RESPONSE.SUBMITTED_AT.ge(start))
                .and(RESPONSE.SUBMITTED_AT.lt(end))
                .fetchSize(5_000)
                .fetchLazy()) {
            for (var r : cursor) {
                additions.add(Key.of(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        r.value8() != null && r.value8().length > 0), r.value9());
            }
        }
        // Rebuilt rows go to shard 0: what the connections add afterwards lands beside them.
        tx.connection(connection -> additions.writeTo(connection, (short) 0));
        log.info("event=rollups_rebuilt from={} to={} rows={}", from, to, additions.responses.size());
        return additions.responses.size();
    }
}
