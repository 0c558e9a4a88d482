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

    /**
     * The statement that adds one response to its rollup row (creating the row on the day's first
     * response), for the caller to run in the transaction that stores the response.
     */
    public org.jooq.Query addition(DSLContext tx, Key key, Short[] answers) {
        var form = forms.published(key.versionId()).orElseThrow(() ->
                new IllegalStateException("questionnaire version " + key.versionId() + " is not published"));
        var response = form.toResponse(answers, key.stratum());
        if (response.isEmpty()) {
            return upsert(tx, key, 1, new long[0], new double[0], CONNECTION_SHARD);
        }
        var stats = SufficientStatistics.builder(form.instrument().orElseThrow()).add(response.get()).build();
        var stratum = stats.strata().values().iterator().next();
        return upsert(tx, key, 1, stratum.counts(), stratum.sums(), CONNECTION_SHARD);
    }

    /** The shard a connection writes: concurrent transactions on different connections never share a row. */
    private static final org.jooq.Field<Short> CONNECTION_SHARD =
            field("(pg_backend_pid() % 16)::smallint", org.jooq.impl.SQLDataType.SMALLINT);

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
