package vn.hailong.rollup;

import static vn.hailong.db.schema.Tables.RESPONSE;
import static vn.hailong.db.schema.Tables.ROLLUP_DAILY;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
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
                                           stratum, flagged, shard, responses, counts, sums)
            values (?, ?, ?, ?, ?, ?, ?, ?, (pg_backend_pid() % 16)::smallint, 1, ?, ?)
            on conflict (agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum, flagged, shard)
            do update set responses = r.responses + 1,
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

    /** Writes a rebuilt row (shard 0). */
    private static org.jooq.Query upsert(DSLContext tx, Key key, long responses, long[] counts, double[] sums,
                                         org.jooq.Field<Short> shard) {
        var countArray = Arrays.stream(counts).boxed().toArray(Long[]::new);
        var sumArray = Arrays.stream(sums).boxed().toArray(Double[]::new);
        return tx.insertInto(ROLLUP_DAILY)
                .set(ROLLUP_DAILY.AGENCY_ID, key.agencyId())
                .set(ROLLUP_DAILY.DAY, key.day())
                .set(ROLLUP_DAILY.QUESTIONNAIRE_VERSION_ID, key.versionId())
                .set(ROLLUP_DAILY.SERVICE_ID, key.serviceId())
                .set(ROLLUP_DAILY.CENTRE_ID, key.centreId())
                .set(ROLLUP_DAILY.CHANNEL, key.channel())
                .set(ROLLUP_DAILY.STRATUM, key.stratum())
                .set(ROLLUP_DAILY.FLAGGED, key.flagged())
                .set(ROLLUP_DAILY.SHARD, shard)
                .set(ROLLUP_DAILY.RESPONSES, responses)
                .set(ROLLUP_DAILY.COUNTS, countArray)
                .set(ROLLUP_DAILY.SUMS, sumArray)
                .onConflict(ROLLUP_DAILY.AGENCY_ID, ROLLUP_DAILY.DAY, ROLLUP_DAILY.QUESTIONNAIRE_VERSION_ID,
                        ROLLUP_DAILY.SERVICE_ID, ROLLUP_DAILY.CENTRE_ID, ROLLUP_DAILY.CHANNEL, ROLLUP_DAILY.STRATUM,
                        ROLLUP_DAILY.FLAGGED, ROLLUP_DAILY.SHARD)
                .doUpdate()
                .set(ROLLUP_DAILY.RESPONSES, ROLLUP_DAILY.RESPONSES.plus(responses))
                .set(ROLLUP_DAILY.COUNTS, field("array_add({0}, {1})", ROLLUP_DAILY.COUNTS.getDataType(),
                        ROLLUP_DAILY.COUNTS, val(countArray, ROLLUP_DAILY.COUNTS.getDataType())))
                .set(ROLLUP_DAILY.SUMS, field("array_add({0}, {1})", ROLLUP_DAILY.SUMS.getDataType(),
                        ROLLUP_DAILY.SUMS, val(sumArray, ROLLUP_DAILY.SUMS.getDataType())));
    }

    /**
     * Recomputes the rollups of the days [from, to) from the responses, replacing what was there. Streams
     * the responses, so memory stays bounded by the number of rollup rows of the range.
     */
    public int rebuild(DSLContext tx, LocalDate from, LocalDate to) {
        var start = from.atStartOfDay(VIETNAM).toOffsetDateTime();
        var end = to.atStartOfDay(VIETNAM).toOffsetDateTime();
        tx.deleteFrom(ROLLUP_DAILY).where(ROLLUP_DAILY.DAY.ge(from)).and(ROLLUP_DAILY.DAY.lt(to)).execute();
        var builders = new HashMap<Key, SufficientStatistics.Builder>();
        var counts = new HashMap<Key, Long>();
        try (var cursor = tx.select(RESPONSE.AGENCY_ID, RESPONSE.SUBMITTED_AT, RESPONSE.QUESTIONNAIRE_VERSION_ID,
                        RESPONSE.SERVICE_ID, RESPONSE.CENTRE_ID, RESPONSE.CHANNEL, RESPONSE.STRATUM, RESPONSE.QUALITY_FLAGS,
                        RESPONSE.ANSWERS)
                .from(RESPONSE)
                .where(RESPONSE.SUBMITTED_AT.ge(start))
                .and(RESPONSE.SUBMITTED_AT.lt(end))
                .fetchSize(5_000)
                .fetchLazy()) {
            for (var r : cursor) {
                var key = Key.of(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        r.value8() != null && r.value8().length > 0);
                var form = forms.published(key.versionId()).orElseThrow();
                counts.merge(key, 1L, Long::sum);
                form.toResponse(r.value9(), key.stratum()).ifPresent(response -> builders
                        .computeIfAbsent(key, k -> SufficientStatistics.builder(form.instrument().orElseThrow()))
                        .add(response));
            }
        }
        for (var entry : counts.entrySet()) {
            var builder = builders.get(entry.getKey());
            Map<String, StratumStatistics> strata = builder == null ? Map.of() : builder.build().strata();
            var stratum = strata.isEmpty() ? null : strata.values().iterator().next();
            upsert(tx, entry.getKey(), entry.getValue(), stratum == null ? new long[0] : stratum.counts(),
                    stratum == null ? new double[0] : stratum.sums(), val((short) 0)).execute();
        }
        log.info("event=rollups_rebuilt from={} to={} rows={}", from, to, counts.size());
        return counts.size();
    }
}
