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

        /** Adds everything to the daily and summary rollups in batched upserts, in the connection's own shard. */
        public void writeTo(Connection connection) throws SQLException {
            writeTo(connection, null);
        }

        private void writeTo(Connection connection, Short shard) throws SQLException {
            try (var statement = connection.prepareStatement(ADD_SQL)) {
                int pending = 0;
                for (var row : rows()) {
                    var key = row.key();
                    statement.setLong(1, key.agencyId());
                    statement.setObject(2, key.day());
                    statement.setLong(3, key.versionId());
                    statement.setLong(4, key.serviceId());
                    statement.setLong(5, key.centreId());
                    statement.setString(6, key.channel());
                    statement.setString(7, key.stratum());
                    statement.setBoolean(8, key.flagged());
                    // Primitive arrays: the driver sends them in binary.
                    statement.setObject(9, row.counts());
                    statement.setObject(10, row.sums());
                    statement.setLong(11, row.responses());
                    statement.setObject(12, shard, java.sql.Types.SMALLINT);
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
            var summary = RollupSummary.begin(connection);
            for (var row : rows()) {
                summary.add(row.key().agencyId(), row.key().day(), row.key().versionId(), row.responses(), row.counts(),
                        row.sums());
            }
            summary.writeTo(connection, shard);
        }
    }

    public Additions additions() {
        return new Additions();
    }

    /**
     * The upsert that adds to one rollup row. Each connection writes its own shard (unless one is given), so
     * concurrent writers of the same row never wait for each other; readers sum the shards.
     */
    private static final String ADD_SQL = """
            insert into rollup_daily as r (agency_id, day, questionnaire_version_id, service_id, centre_id, channel,
                                           stratum, flagged, counts, sums, responses, shard)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, pg_backend_pid() % 16)::smallint)
            on conflict (agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum, flagged, shard)
            do update set responses = r.responses + excluded.responses,
                          counts = array_add(r.counts, excluded.counts),
                          sums = array_add(r.sums, excluded.sums)""";

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
