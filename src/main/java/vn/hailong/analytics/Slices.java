package vn.hailong.analytics;

import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE_VERSION;
import static vn.hailong.db.schema.Tables.RESPONSE;
import static vn.hailong.db.schema.Tables.ROLLUP_CUT;
import static vn.hailong.db.schema.Tables.ROLLUP_DAILY;
import static vn.hailong.db.schema.Tables.ROLLUP_PENDING;
import static vn.hailong.db.schema.Tables.ROLLUP_SUMMARY;
import static vn.hailong.db.schema.Tables.UNIT;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectConditionStep;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.SQLDataType;
import org.postgresql.PGStatement;

import vn.hailong.auth.UnitScope;
import vn.hailong.rollup.PackedStatistics;
import vn.hailong.rollup.RollupCuts;
import vn.hailong.rollup.RollupSummary;
import vn.hailong.rollup.Rollups;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.StratumStatistics;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.survey.Forms;

/**
 * Reads rollups for a filter and merges them into the statistics core's sufficient statistics, one per group:
 * the monthly and yearly summary rows when they can answer, else the cut rows, else the daily rows, each with the
 * pending rows not yet folded into them (see Rollups). Never reads responses.
 */
public final class Slices {
    /** The ways results can be split. */
    public enum Dimension {
        UNIT, SERVICE, CENTRE, CHANNEL, YEAR, QUARTER, MONTH;

        /** What a rollup row is split by, given its unit and its day (or the first day of its period). */
        Field<?> of(Field<Long> unit, Field<LocalDate> day, Rows rows) {
            return switch (this) {
                case UNIT -> unit;
                case SERVICE -> rows.service();
                case CENTRE -> rows.centre();
                case CHANNEL -> rows.channel();
                case YEAR -> field("extract(year from {0})::int", Integer.class, day);
                case QUARTER -> field("to_char({0}, 'YYYY-\"Q\"Q')", String.class, day);
                case MONTH -> field("to_char({0}, 'YYYY-MM')", String.class, day);
            };
        }
    }

    /**
     * What to read. Null fields do not filter; {@code scope} is the caller's; {@code pooled} says the strata may
     * be summed (no post-stratification), which lets the summary rollups answer. {@code dailyRows}: read the daily
     * rows only, never the summary or cut rows; slower, and the same answer, which is what it is for (checking).
     */
    public record Filter(LocalDate from, LocalDate to, Long unit, Long service, Long centre, String channel,
                         boolean excludeFlagged, UnitScope scope, boolean pooled, boolean dailyRows) {

        /** The same filter over other days. */
        public Filter between(LocalDate newFrom, LocalDate newTo) {
            return new Filter(newFrom, newTo, unit, service, centre, channel, excludeFlagged, scope, pooled, dailyRows);
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

    /** Rollup rows at the daily key: the daily rows, and the pending rows not yet folded into them. */
    record Rows(Table<?> table, Field<Long> agency, Field<LocalDate> day, Field<Long> version, Field<Long> service,
                Field<Long> centre, Field<String> channel, Field<String> stratum, Field<Boolean> flagged,
                Field<byte[]> packed) {
        static final Rows DAILY = new Rows(ROLLUP_DAILY, ROLLUP_DAILY.AGENCY_ID, ROLLUP_DAILY.DAY,
                ROLLUP_DAILY.QUESTIONNAIRE_VERSION_ID, ROLLUP_DAILY.SERVICE_ID, ROLLUP_DAILY.CENTRE_ID,
                ROLLUP_DAILY.CHANNEL, ROLLUP_DAILY.STRATUM, ROLLUP_DAILY.FLAGGED, ROLLUP_DAILY.PACKED);
        static final Rows PENDING = new Rows(ROLLUP_PENDING, ROLLUP_PENDING.AGENCY_ID, ROLLUP_PENDING.DAY,
                ROLLUP_PENDING.QUESTIONNAIRE_VERSION_ID, ROLLUP_PENDING.SERVICE_ID, ROLLUP_PENDING.CENTRE_ID,
                ROLLUP_PENDING.CHANNEL, ROLLUP_PENDING.STRATUM, ROLLUP_PENDING.FLAGGED, ROLLUP_PENDING.PACKED);
    }

    /** The versions of a questionnaire that can be merged: those scored exactly like the newest one. */
    public record Versions(Instrument instrument, List<Long> merged, List<Long> left) {
    }

    private final DSLContext dsl;
    private final DSLContext rollupReads;
    private final Forms forms;

    public Slices(DSLContext dsl, Forms forms) {
        this.dsl = dsl;
        this.rollupReads = dsl.configuration().derive(new DefaultExecuteListenerProvider(new BinaryResults())).dsl();
        this.forms = forms;
    }

    /**
     * Has PostgreSQL send rollup rows in binary from the first call: in text, each row's packed statistics would be
     * printed in hex by the server and parsed by the driver. The driver only switches to binary on its own after
     * five runs of a statement on one pooled connection.
     */
    private static final class BinaryResults implements ExecuteListener {
        @Override
        public void prepareEnd(ExecuteContext ctx) {
            try {
                ctx.statement().unwrap(PGStatement.class).setPrepareThreshold(-1);
            } catch (SQLException e) {
                throw new DataAccessException("cannot ask for binary results", e);
            }
        }
    }

    /** The newest published version of a questionnaire and those scored exactly like it; empty when it is not scored. */
    public Optional<Versions> versions(String questionnaire) {
        return revisions(questionnaire).stream().findFirst();
    }

    /**
     * The published versions of a questionnaire in families scored alike, the newest version's family first, each
     * family's versions newest first and every other version in its {@code left}; none when the newest version is
     * not scored. A comparison across a revision reads each family apart.
     */
    public List<Versions> revisions(String questionnaire) {
        var ids = dsl.select(QUESTIONNAIRE_VERSION.ID)
                .from(QUESTIONNAIRE_VERSION)
                .join(QUESTIONNAIRE).on(QUESTIONNAIRE.ID.eq(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID))
                .where(QUESTIONNAIRE.CODE.eq(questionnaire))
                .and(QUESTIONNAIRE_VERSION.STATUS.eq("published"))
                .orderBy(QUESTIONNAIRE_VERSION.VERSION.desc())
                .fetch(QUESTIONNAIRE_VERSION.ID);
        if (ids.isEmpty() || forms.published(ids.get(0)).flatMap(Forms.Form::instrument).isEmpty()) {
            return List.of();
        }
        var families = new LinkedHashMap<Instrument, List<Long>>();
        for (var id : ids) {
            forms.published(id).flatMap(Forms.Form::instrument)
                    .ifPresent(instrument -> families.computeIfAbsent(instrument, k -> new ArrayList<>()).add(id));
        }
        var revisions = new ArrayList<Versions>();
        families.forEach((instrument, merged) -> revisions.add(new Versions(instrument, List.copyOf(merged),
                ids.stream().filter(id -> !merged.contains(id)).toList())));
        return revisions;
    }

    /** Sufficient statistics per group, keyed by the dimension values in the order given. */
    public Map<List<Object>, SufficientStatistics> read(Versions versions, Filter f, List<Dimension> groupBy) {
        var builders = new LinkedHashMap<List<Object>, SufficientStatistics.Builder>();
        // In a transaction, so that the driver fetches the rows 10,000 at a time: with autocommit it holds them all,
        // and a few years of daily rows (7 KB each once read) are more than the heap.
        rollupReads.transaction(trx -> read(trx.dsl(), versions, f, groupBy, builders));
        // Groups in key order (years, months, ids ascending), so every answer lists them the same way.
        var result = new LinkedHashMap<List<Object>, SufficientStatistics>();
        builders.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Slices::compareKeys))
                .forEach(e -> result.put(e.getKey(), e.getValue().build()));
        return result;
    }

    private static void read(DSLContext tx, Versions versions, Filter f, List<Dimension> groupBy,
                             Map<List<Object>, SufficientStatistics.Builder> builders) {
        boolean summary = !f.dailyRows() && summaryKept(f, groupBy);
        var cut = summary || f.dailyRows() ? Optional.<Cut>empty() : cut(f, groupBy);
        try (var cursor = summary ? summary(tx, versions, f, groupBy)
                : cut.flatMap(c -> cut(tx, versions, f, groupBy, c)).orElseGet(() -> daily(tx, versions, f, groupBy))) {
            int dims = groupBy.size();
            for (var r : cursor) {
                var key = new ArrayList<Object>(dims);
                for (int i = 0; i < dims; i++) {
                    key.add(r.get(i));
                }
                var statistics = PackedStatistics.unpack((byte[]) r.get(dims + 1));
                var counts = statistics.counts();
                var sums = statistics.sums();
                if (counts.length == 0) {
                    continue; // a version the statistics core does not score
                }
                builders.computeIfAbsent(List.copyOf(key), k -> SufficientStatistics.builder(versions.instrument()))
                        .add((String) r.get(dims), StratumStatistics.of(versions.instrument(), counts, sums));
            }
        }
    }

    /**
     * Whether the summary rollups can answer: strata pooled, split by nothing but unit and period, and no filter
     * they do not keep (service, centre, channel, flagged left out). Any days: whole years or months from the year
     * or month rows, the days that cut a month from the week and day rows.
     */
    static boolean summaryKept(Filter f, List<Dimension> groupBy) {
        return f.pooled() && f.service() == null && f.centre() == null && f.channel() == null
                && !f.excludeFlagged() && groupBy.stream().allMatch(d -> d == Dimension.UNIT || d == Dimension.YEAR
                || d == Dimension.QUARTER || d == Dimension.MONTH);
    }

    /**
     * Which rows of a year, month, week or day rollup cover the filter's days. {@code months}: 12 when they are whole
     * years (and nothing asks for quarters or months), 1 when whole months, 0 when they cut a month: then the whole
     * months from {@code first} to {@code end} (exclusive) are read from the month rows, and the days outside them,
     * at either end, from the week and day rows (see {@link #edges}).
     */
    record Periods(int months, LocalDate from, LocalDate to, LocalDate first, LocalDate end) {
        static Periods of(Filter f, List<Dimension> groupBy) {
            var from = f.from();
            var to = f.to();
            var first = from == null || from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
            var end = to == null ? null : to.plusDays(1).withDayOfMonth(1);
            if (!Objects.equals(first, from) || (to != null && !end.equals(to.plusDays(1)))) {
                return new Periods(0, from, to, first, end);
            }
            boolean years = !groupBy.contains(Dimension.QUARTER) && !groupBy.contains(Dimension.MONTH)
                    && (from == null || from.getDayOfYear() == 1)
                    && (to == null || to.plusDays(1).getDayOfYear() == 1);
            return new Periods(years ? 12 : 1, from, to, first, end);
        }

        boolean cutsMonths() {
            return months == 0;
        }

        /** The year or month rows: of the filter's days, or of its whole months when its days cut a month. */
        Condition whole(Field<Short> rowMonths, Field<LocalDate> period) {
            return cutsMonths()
                    ? rowMonths.eq((short) 1)
                            .and(first == null ? noCondition() : period.ge(first))
                            .and(end == null ? noCondition() : period.lt(end))
                    : rowMonths.eq((short) months)
                            .and(from == null ? noCondition() : period.ge(from))
                            .and(to == null ? noCondition() : period.le(to));
        }

        /**
         * The week and day rows of the days that cut a month, at either end: each end's whole weeks (Monday to Sunday)
         * from the week rows, its other days from the day rows. Each end lies within one month, and so do its weeks:
         * a week row's Monday gives its month, quarter and year.
         */
        Condition edges(Field<Short> rowMonths, Field<LocalDate> period) {
            var ends = new ArrayList<LocalDate[]>();
            if (from != null && to != null && first.isAfter(end)) {
                ends.add(new LocalDate[] {from, to}); // within one month
            } else {
                if (from != null && from.isBefore(first)) {
                    ends.add(new LocalDate[] {from, first.minusDays(1)});
                }
                if (to != null && !end.isAfter(to)) {
                    ends.add(new LocalDate[] {end, to});
                }
            }
            Condition rows = falseCondition();
            for (var e : ends) {
                var monday = e[0].with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
                var lastMonday = e[1].minusDays(6).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                if (monday.isAfter(lastMonday)) {
                    rows = rows.or(rowMonths.eq(RollupSummary.DAYS).and(period.between(e[0], e[1])));
                    continue;
                }
                rows = rows.or(rowMonths.eq(RollupSummary.WEEKS).and(period.between(monday, lastMonday)));
                if (e[0].isBefore(monday)) {
                    rows = rows.or(rowMonths.eq(RollupSummary.DAYS).and(period.between(e[0], monday.minusDays(1))));
                }
                if (lastMonday.plusDays(6).isBefore(e[1])) {
                    rows = rows.or(rowMonths.eq(RollupSummary.DAYS).and(period.between(lastMonday.plusDays(7), e[1])));
                }
            }
            return rows;
        }
    }

    /**
     * The cut rollup rows that answer a filter: the cut, its value asked for (null: every value), the channel asked
     * for of a service or centre row (null: every channel).
     */
    record Cut(String cut, String value, String channel) {
    }

    /**
     * Whether the cut rollups can answer: over whole months, at most one of service and centre filtered or split by,
     * with or without channel, or channel alone, or none of them; with the strata pooled when there is one of them
     * (the cut by strata keeps them). Over days that cut a month, strata pooled: service (the top units' service rows
     * have days), or channel, or nothing (the rows cut by channel); a centre's days are the daily rows'.
     */
    static Optional<Cut> cut(Filter f, List<Dimension> groupBy) {
        boolean service = f.service() != null || groupBy.contains(Dimension.SERVICE);
        boolean centre = f.centre() != null || groupBy.contains(Dimension.CENTRE);
        boolean channel = f.channel() != null || groupBy.contains(Dimension.CHANNEL);
        if ((service && centre) || (!f.pooled() && (service || centre || channel))) {
            return Optional.empty();
        }
        boolean days = Periods.of(f, groupBy).cutsMonths();
        if (days && (!f.pooled() || centre)) {
            return Optional.empty(); // of the cut rows, only those by channel and by service have days
        }
        if (service) {
            return Optional.of(new Cut(RollupCuts.SERVICE, f.service() == null ? null : f.service().toString(),
                    f.channel()));
        }
        if (centre) {
            return Optional.of(new Cut(RollupCuts.CENTRE, f.centre() == null ? null : f.centre().toString(),
                    f.channel()));
        }
        if (channel || days) {
            return Optional.of(new Cut(RollupCuts.CHANNEL, f.channel(), null));
        }
        return Optional.of(new Cut(RollupCuts.STRATA, null, null));
    }

    /**
     * The cut rows of the filter, with the pending rows not yet folded into them (strata pooled as the rows are, but
     * for the cut by strata); a service's or centre's rows of every channel unless one is asked for; whole years or
     * months from the year or month rows, days that cut a month from the week and day rows (see {@link Periods}).
     * Split by unit, each agency's own rows; otherwise the subtree rows of the top unit asked for (or of every top
     * unit), or, below a top unit, the own rows of the agencies in the subtree asked for. An agency's own rows are not
     * cut by service: empty when they would be, for the daily rows to answer.
     */
    private static Optional<Cursor<Record>> cut(DSLContext tx, Versions versions, Filter f, List<Dimension> groupBy,
                                                Cut cut) {
        var c = ROLLUP_CUT;
        var fields = new ArrayList<Field<?>>();
        for (var d : groupBy) {
            fields.add(switch (d) {
                case UNIT -> c.UNIT_ID;
                case SERVICE, CENTRE -> field("{0}::bigint", Long.class, c.VALUE);
                case CHANNEL -> cut.cut().equals(RollupCuts.CHANNEL) ? c.VALUE : c.CHANNEL;
                case YEAR, QUARTER, MONTH -> d.of(c.UNIT_ID, c.PERIOD, Rows.DAILY);
            });
        }
        fields.add(c.STRATUM);
        fields.add(c.PACKED);
        var root = f.unit() != null ? f.unit() : f.scope().root();
        boolean own = groupBy.contains(Dimension.UNIT)
                || (root != null && !isTop(tx, root));
        if (own && cut.cut().equals(RollupCuts.SERVICE)) {
            return Optional.empty(); // an agency's services: its daily rows answer, by their index
        }
        Condition units;
        if (!own) {
            units = c.OWN.isFalse().and(root != null ? c.UNIT_ID.eq(root)
                    : c.UNIT_ID.in(select(UNIT.ID).from(UNIT).where(UNIT.PARENT_ID.isNull())));
        } else {
            units = c.OWN.isTrue()
                    .and(f.unit() == null ? noCondition()
                            : condition("{0} in (select unit_subtree({1}))", c.UNIT_ID, val(f.unit())))
                    .and(f.scope().covers(c.UNIT_ID));
        }
        boolean pooled = !cut.cut().equals(RollupCuts.STRATA);
        var periods = Periods.of(f, groupBy);
        Function<Condition, Select<Record>> rows = which -> tx.select(fields)
                .from(c)
                .where(c.CUT.eq(cut.cut()))
                .and(which)
                .and(c.QUESTIONNAIRE_VERSION_ID.in(versions.merged()))
                .and(cut.value() == null ? noCondition() : c.VALUE.eq(cut.value()))
                .and(cut.channel() == null ? noCondition() : c.CHANNEL.eq(cut.channel()))
                .and(f.excludeFlagged() ? c.FLAGGED.isFalse() : noCondition())
                .and(units);
        var read = rows.apply(periods.whole(c.MONTHS, c.PERIOD));
        if (periods.cutsMonths()) {
            read = read.unionAll(rows.apply(periods.edges(c.MONTHS, c.PERIOD)));
        }
        return Optional.of(read.unionAll(daily(tx, Rows.PENDING, versions, f, groupBy, pooled))
                .fetchSize(10_000)
                .fetchLazy());
    }

    /** The daily rows of the filter, and the pending rows that will be folded into them. */
    private static Cursor<Record> daily(DSLContext tx, Versions versions, Filter f, List<Dimension> groupBy) {
        return daily(tx, Rows.DAILY, versions, f, groupBy, false)
                .unionAll(daily(tx, Rows.PENDING, versions, f, groupBy, false))
                .fetchSize(10_000)
                .fetchLazy();
    }

    /** Rows at the daily key for the filter; {@code pooled}: every row in stratum "", as cut and summary rows are. */
    private static SelectConditionStep<Record> daily(DSLContext tx, Rows rows, Versions versions, Filter f,
                                                     List<Dimension> groupBy, boolean pooled) {
        var fields = new ArrayList<Field<?>>();
        groupBy.forEach(d -> fields.add(d.of(rows.agency(), rows.day(), rows)));
        fields.add(pooled ? val("").as("stratum") : rows.stratum());
        fields.add(rows.packed());
        return tx.select(fields)
                .from(rows.table())
                .where(rows.version().in(versions.merged()))
                .and(f.from() == null ? noCondition() : rows.day().ge(f.from()))
                .and(f.to() == null ? noCondition() : rows.day().le(f.to()))
                .and(f.unit() == null ? noCondition()
                        : condition("{0} in (select unit_subtree({1}))", rows.agency(), val(f.unit())))
                .and(f.service() == null ? noCondition() : rows.service().eq(f.service()))
                .and(f.centre() == null ? noCondition() : rows.centre().eq(f.centre()))
                .and(f.channel() == null ? noCondition() : rows.channel().eq(f.channel()))
                .and(f.excludeFlagged() ? rows.flagged().isFalse() : noCondition())
                .and(f.scope().covers(rows.agency()));
    }

    /**
     * The summary rows of the filter's days: whole years from the year rows, whole months from the month rows, and
     * the days that cut a month at either end from the week and day rows. Split by unit, each unit's own rows;
     * otherwise the subtree rows of the unit asked for, of the caller's scope, or of every top unit: a whole province's
     * year is a row per version. Week and day rows are kept per agency and per top unit only: below a top unit, the
     * days are the own rows of the agencies in its subtree. With them, the pending rows of those units and days.
     */
    private static Cursor<Record> summary(DSLContext tx, Versions versions, Filter f, List<Dimension> groupBy) {
        var s = ROLLUP_SUMMARY;
        var fields = new ArrayList<Field<?>>();
        groupBy.forEach(d -> fields.add(d.of(s.UNIT_ID, s.PERIOD, Rows.DAILY)));
        fields.add(val("").as("stratum"));
        fields.add(s.PACKED);
        var root = f.unit() != null ? f.unit() : f.scope().root();
        var own = s.OWN.isTrue()
                .and(f.unit() == null ? noCondition()
                        : condition("{0} in (select unit_subtree({1}))", s.UNIT_ID, val(f.unit())))
                .and(f.scope().covers(s.UNIT_ID));
        Condition units;
        if (groupBy.contains(Dimension.UNIT)) {
            units = own;
        } else {
            units = s.OWN.isFalse().and(root != null ? s.UNIT_ID.eq(root)
                    : s.UNIT_ID.in(select(UNIT.ID).from(UNIT).where(UNIT.PARENT_ID.isNull())));
        }
        var periods = Periods.of(f, groupBy);
        Select<Record> read = tx.select(fields)
                .from(s)
                .where(periods.whole(s.MONTHS, s.PERIOD))
                .and(s.QUESTIONNAIRE_VERSION_ID.in(versions.merged()))
                .and(units);
        if (periods.cutsMonths()) {
            boolean belowTop = !groupBy.contains(Dimension.UNIT) && root != null
                    && !isTop(tx, root);
            read = read.unionAll(tx.select(fields)
                    .from(s)
                    .where(periods.edges(s.MONTHS, s.PERIOD))
                    .and(s.QUESTIONNAIRE_VERSION_ID.in(versions.merged()))
                    .and(belowTop ? own.and(condition("{0} in (select unit_subtree({1}))", s.UNIT_ID, val(root)))
                            : units));
        }
        // A pending row's day lies in the period whose first day a summary row has (years, quarters and months read
        // the same from either), and its agency in the subtree asked for.
        return read.unionAll(daily(tx, Rows.PENDING, versions, f, groupBy, true))
                .fetchSize(10_000)
                .fetchLazy();
    }

    /** Whether a unit is a top unit (a province): only those have subtree rows beside their own. */
    private static boolean isTop(DSLContext tx, long unit) {
        return tx.fetchExists(UNIT, UNIT.ID.eq(unit).and(UNIT.PARENT_ID.isNull()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
