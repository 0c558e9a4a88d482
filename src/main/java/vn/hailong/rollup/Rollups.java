package vn.hailong.rollup;

import static vn.hailong.db.schema.Tables.RESPONSE;
import static vn.hailong.db.schema.Tables.ROLLUP_DAILY;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
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

    /** What one response adds to its rollup row: the statistics core's counts and sums (empty when unscored). */
    public record Contribution(long[] counts, double[] sums) {
    }

    public Contribution contribution(Key key, Short[] answers) {
        var form = forms.published(key.versionId()).orElseThrow(() ->
                new IllegalStateException("questionnaire version " + key.versionId() + " is not published"));
        var response = form.toResponse(answers, key.stratum());
        if (response.isEmpty()) {
            return new Contribution(new long[0], new double[0]);
        }
        var stats = SufficientStatistics.builder(form.instrument().orElseThrow()).add(response.get()).build();
        var stratum = stats.strata().values().iterator().next();
        return new Contribution(stratum.counts(), stratum.sums());
    }

    /**
     * The upsert that adds a contribution to its row, in plain SQL for the submission's hot path. The
     * arrays are bound as primitive Java arrays, which the PostgreSQL driver sends in binary; each
     * connection writes its own shard.
     */
    public static final String ADD_SQL = """
            insert into rollup_daily as r (agency_id, day, questionnaire_version_id, service_id, centre_id, channel,
                                           stratum, flagged, counts, sums, shard, responses)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (pg_backend_pid() % 16)::smallint, 1)
            on conflict (agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum, flagged, shard)
            do update set responses = r.responses + 1,
                          counts = array_add(r.counts, excluded.counts),
                          sums = array_add(r.sums, excluded.sums)""";

    /** {@link #ADD_SQL} for rows summed in memory (rebuilds, imports): shard 0 and the number of responses as the eleventh parameter. */
    private static final String ADD_SUMMED_SQL = """
            insert into rollup_daily as r (agency_id, day, questionnaire_version_id, service_id, centre_id, channel,
                                           stratum, flagged, counts, sums, shard, responses)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
            on conflict (agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum, flagged, shard)
            do update set responses = r.responses + excluded.responses,
                          counts = array_add(r.counts, excluded.counts),
                          sums = array_add(r.sums, excluded.sums)""";

    /** Binds {@link #ADD_SQL}'s ten parameters from {@code first} on. */
    public static void bindAdd(java.sql.PreparedStatement statement, int first, Key key, Contribution contribution)
            throws java.sql.SQLException {
        statement.setLong(first, key.agencyId());
        statement.setObject(first + 1, key.day());
        statement.setLong(first + 2, key.versionId());
        statement.setLong(first + 3, key.serviceId());
        statement.setLong(first + 4, key.centreId());
        statement.setString(first + 5, key.channel());
        statement.setString(first + 6, key.stratum());
        statement.setBoolean(first + 7, key.flagged());
        statement.setObject(first + 8, contribution.counts());
        statement.setObject(first + 9, contribution.sums());
    }

    /**
     * Responses summed per rollup row in memory before they are added in one batch: what a rebuild and an
     * import keep. Holds about 7 KB per row (SIPAS), so callers add and clear it when {@link #rows()} grows.
     */
    public final class Additions {
        private final Map<Key, SufficientStatistics.Builder> builders = new HashMap<>();
        private final Map<Key, Long> responses = new HashMap<>();

        /** One stored response, its answers in the version's order. */
        public void add(Key key, Short[] answers) {
            var form = forms.published(key.versionId()).orElseThrow(() ->
                    new IllegalStateException("questionnaire version " + key.versionId() + " is not published"));
            responses.merge(key, 1L, Long::sum);
            form.toResponse(answers, key.stratum()).ifPresent(response -> builders
                    .computeIfAbsent(key, k -> SufficientStatistics.builder(form.instrument().orElseThrow()))
                    .add(response));
        }

        /** Rollup rows held. */
        public int rows() {
            return responses.size();
        }
    }

    public Additions additions() {
        return new Additions();
    }

    /**
     * Adds what {@code additions} holds to the rollups (shard 0) in binary batches through the upsert of
     * submissions, then empties it. Rows already there are added to, so it may be called as often as memory asks.
     */
    public void add(DSLContext tx, Additions additions) {
        tx.connection(connection -> {
            try (var statement = connection.prepareStatement(ADD_SUMMED_SQL)) {
                int pending = 0;
                for (var entry : additions.responses.entrySet()) {
                    var builder = additions.builders.get(entry.getKey());
                    var strata = builder == null ? Map.<String, StratumStatistics>of() : builder.build().strata();
                    var stratum = strata.isEmpty() ? null : strata.values().iterator().next();
                    bindAdd(statement, 1, entry.getKey(), stratum == null ? new Contribution(new long[0], new double[0])
                            : new Contribution(stratum.counts(), stratum.sums()));
                    statement.setLong(11, entry.getValue());
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
        });
        additions.builders.clear();
        additions.responses.clear();
    }

    /**
     * Recomputes the rollups of the days [from, to) from the responses, replacing what was there. Streams
     * the responses, so memory stays bounded by the number of rollup rows of the range.
     */
    public int rebuild(DSLContext tx, LocalDate from, LocalDate to) {
        var start = from.atStartOfDay(VIETNAM).toOffsetDateTime();
        var end = to.atStartOfDay(VIETNAM).toOffsetDateTime();
        tx.deleteFrom(ROLLUP_DAILY).where(ROLLUP_DAILY.DAY.ge(from)).and(ROLLUP_DAILY.DAY.lt(to)).execute();
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
        int rows = additions.rows();
        add(tx, additions);
        log.info("event=rollups_rebuilt from={} to={} rows={}", from, to, rows);
        return rows;
    }
}
