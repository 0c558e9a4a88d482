package vn.hailong.analytics;

import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE_VERSION;
import static vn.hailong.db.schema.Tables.RESPONSE;
import static vn.hailong.db.schema.Tables.ROLLUP_DAILY;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.val;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;

import vn.hailong.rollup.Rollups;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.StratumStatistics;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.survey.Forms;

/**
 * Reads daily rollups for a filter and merges them into the statistics core's sufficient statistics, one
 * per group. Never reads responses.
 */
public final class Slices {
    /** The ways results can be split, and the rollup expression each splits by. */
    public enum Dimension {
        UNIT(ROLLUP_DAILY.AGENCY_ID),
        SERVICE(ROLLUP_DAILY.SERVICE_ID),
        CENTRE(ROLLUP_DAILY.CENTRE_ID),
        CHANNEL(ROLLUP_DAILY.CHANNEL),
        YEAR(field("extract(year from {0})::int", Integer.class, ROLLUP_DAILY.DAY)),
        QUARTER(field("to_char({0}, 'YYYY-\"Q\"Q')", String.class, ROLLUP_DAILY.DAY)),
        MONTH(field("to_char({0}, 'YYYY-MM')", String.class, ROLLUP_DAILY.DAY));

        final Field<?> field;

        Dimension(Field<?> field) {
            this.field = field;
        }
    }

    /** What to read. Null fields do not filter; {@code scope} is the caller's unit scope. */
    public record Filter(LocalDate from, LocalDate to, Long unit, Long service, Long centre, String channel,
                         boolean excludeFlagged, Condition scope) {

        /** The same filter over other days. */
        public Filter between(LocalDate newFrom, LocalDate newTo) {
            return new Filter(newFrom, newTo, unit, service, centre, channel, excludeFlagged, scope);
        }

        /** This filter over the responses themselves (comments, exports): days are Vietnam's, like rollups'. */
        Condition onResponses() {
            return (from == null ? noCondition()
                    : RESPONSE.SUBMITTED_AT.ge(from.atStartOfDay(Rollups.VIETNAM).toOffsetDateTime()))
                    .and(to == null ? noCondition()
                            : RESPONSE.SUBMITTED_AT.lt(to.plusDays(1).atStartOfDay(Rollups.VIETNAM).toOffsetDateTime()))
                    .and(unit == null ? noCondition()
                            : condition("{0} in (select unit_subtree({1}))", RESPONSE.AGENCY_ID, val(unit)))
                    .and(service == null ? noCondition() : RESPONSE.SERVICE_ID.eq(service))
                    .and(centre == null ? noCondition() : RESPONSE.CENTRE_ID.eq(centre))
                    .and(channel == null ? noCondition() : RESPONSE.CHANNEL.eq(channel))
                    .and(excludeFlagged ? condition("cardinality({0}) = 0", RESPONSE.QUALITY_FLAGS) : noCondition());
        }
    }

    /** The versions of a questionnaire that can be merged: those scored exactly like the newest one. */
    public record Versions(Instrument instrument, List<Long> merged, List<Long> left) {
    }

    private final DSLContext dsl;
    private final Forms forms;

    public Slices(DSLContext dsl, Forms forms) {
        this.dsl = dsl;
        this.forms = forms;
    }

    public Optional<Versions> versions(String questionnaire) {
        var ids = dsl.select(QUESTIONNAIRE_VERSION.ID)
                .from(QUESTIONNAIRE_VERSION)
                .join(QUESTIONNAIRE).on(QUESTIONNAIRE.ID.eq(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID))
                .where(QUESTIONNAIRE.CODE.eq(questionnaire))
                .and(QUESTIONNAIRE_VERSION.STATUS.eq("published"))
                .orderBy(QUESTIONNAIRE_VERSION.VERSION.desc())
                .fetch(QUESTIONNAIRE_VERSION.ID);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        var newest = forms.published(ids.get(0)).flatMap(Forms.Form::instrument);
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        var merged = new ArrayList<Long>();
        var left = new ArrayList<Long>();
        for (var id : ids) {
            (forms.published(id).flatMap(Forms.Form::instrument).equals(newest) ? merged : left).add(id);
        }
        return Optional.of(new Versions(newest.get(), merged, left));
    }

    /** Sufficient statistics per group, keyed by the dimension values in the order given. */
    public Map<List<Object>, SufficientStatistics> read(Versions versions, Filter f, List<Dimension> groupBy) {
        var fields = new ArrayList<Field<?>>();
        groupBy.forEach(d -> fields.add(d.field));
        fields.add(ROLLUP_DAILY.STRATUM);
        fields.add(ROLLUP_DAILY.COUNTS);
        fields.add(ROLLUP_DAILY.SUMS);
        var builders = new LinkedHashMap<List<Object>, SufficientStatistics.Builder>();
        int dims = groupBy.size();
        try (var cursor = dsl.select(fields)
                .from(ROLLUP_DAILY)
                .where(ROLLUP_DAILY.QUESTIONNAIRE_VERSION_ID.in(versions.merged()))
                .and(f.from() == null ? noCondition() : ROLLUP_DAILY.DAY.ge(f.from()))
                .and(f.to() == null ? noCondition() : ROLLUP_DAILY.DAY.le(f.to()))
                .and(f.unit() == null ? noCondition()
                        : condition("{0} in (select unit_subtree({1}))", ROLLUP_DAILY.AGENCY_ID, val(f.unit())))
                .and(f.service() == null ? noCondition() : ROLLUP_DAILY.SERVICE_ID.eq(f.service()))
                .and(f.centre() == null ? noCondition() : ROLLUP_DAILY.CENTRE_ID.eq(f.centre()))
                .and(f.channel() == null ? noCondition() : ROLLUP_DAILY.CHANNEL.eq(f.channel()))
                .and(f.excludeFlagged() ? ROLLUP_DAILY.FLAGGED.isFalse() : noCondition())
                .and(f.scope())
                .fetchSize(10_000)
                .fetchLazy()) {
            for (var r : cursor) {
                var key = new ArrayList<Object>(dims);
                for (int i = 0; i < dims; i++) {
                    key.add(r.get(i));
                }
                Long[] counts = r.get(ROLLUP_DAILY.COUNTS);
                Double[] sums = r.get(ROLLUP_DAILY.SUMS);
                if (counts.length == 0) {
                    continue; // a version the statistics core does not score
                }
                builders.computeIfAbsent(List.copyOf(key), k -> SufficientStatistics.builder(versions.instrument()))
                        .add(r.get(ROLLUP_DAILY.STRATUM), StratumStatistics.of(versions.instrument(), unbox(counts), unbox(sums)));
            }
        }
        // Groups in key order (years, months, ids ascending), so every answer lists them the same way.
        var result = new LinkedHashMap<List<Object>, SufficientStatistics>();
        builders.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Slices::compareKeys))
                .forEach(e -> result.put(e.getKey(), e.getValue().build()));
        return result;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
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
