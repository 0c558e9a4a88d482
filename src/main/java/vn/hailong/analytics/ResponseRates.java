package vn.hailong.analytics;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;
import static vn.hailong.db.schema.Tables.DOSSIER;
import static vn.hailong.db.schema.Tables.INVITATION;
import static vn.hailong.db.schema.Tables.RESPONSE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

import vn.hailong.Vietnam;
import vn.hailong.rollup.Dimension;
import vn.hailong.rollup.Filter;
import vn.hailong.rollup.Group;

/**
 * Response rates and coverage, counted in PostgreSQL: per group, the invitations made in the period and how many
 * were used to rate; every rating received; and the ratings per dossier handled, over the unit-months whose dossier
 * counts are known. See docs/response-rates.md for the definitions.
 */
final class ResponseRates {
    private static final Table<Record> HANDLED = table(name("dossier_handled_month"));
    private static final Field<Long> HANDLED_UNIT = field(name("dossier_handled_month", "unit_id"), SQLDataType.BIGINT);
    private static final Field<LocalDate> HANDLED_MONTH = field(name("dossier_handled_month", "month"),
            SQLDataType.LOCALDATE);
    private static final Field<Integer> HANDLED_COUNT = field(name("dossier_handled_month", "handled"),
            SQLDataType.INTEGER);
    /** The month, in Vietnam, of a rating: the first day, as dossier_handled_month keeps months. */
    private static final Field<LocalDate> RATING_MONTH = field(
            "(date_trunc('month', {0} at time zone 'Asia/Ho_Chi_Minh'))::date", SQLDataType.LOCALDATE,
            RESPONSE.SUBMITTED_AT);

    /** Why a group has no coverage. */
    enum CoverageAbsent {
        /** Dossier counts are not kept per channel. */
        BY_CHANNEL,
        /** Dossier counts are monthly: the period must begin on a month's first day and end on its last. */
        PERIOD_NOT_WHOLE_MONTHS,
        /** The dossier system sent no counts for the group's units, services or centres in the period. */
        NO_DOSSIER_COUNTS,
        /** The counts sent say no dossier was handled. */
        NO_DOSSIERS_HANDLED
    }

    /** Which dossier counts coverage is measured against. */
    enum Source {
        /** dossier_handled_month: a unit's monthly counts, else its dossier rows, per unit and month. */
        UNIT_MONTHS,
        /** The dossier rows alone, which name their service and centre. */
        DOSSIERS
    }

    /** What is counted of one group; handled is null where no dossier count exists. */
    record Counts(long invitations, long rated, long ratings, Long handled, long ratingsCounted) {
    }

    private final DSLContext dsl;

    ResponseRates(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * The counts of each group, ordered by the dimensions asked for (those without a value last); {@code versions}
     * restricts the ratings to some questionnaire versions (null: every rating). {@code absent} is why coverage is
     * absent for every group, or null when the dossier counts are read.
     */
    Map<Group, Counts> groups(Filter filter, List<Dimension> by, List<Long> versions, CoverageAbsent absent) {
        var invitations = invitations(filter, by);
        var ratings = ratings(by, ratings(filter, versions));
        Map<Group, long[]> handled = Map.of();
        Map<Group, long[]> counted = Map.of();
        if (absent == null) {
            var source = source(filter, by);
            handled = handled(filter, by, source);
            counted = ratings(by, ratings(filter, versions).and(known(source)));
        }
        var keys = new LinkedHashSet<Group>();
        keys.addAll(invitations.keySet());
        keys.addAll(ratings.keySet());
        keys.addAll(handled.keySet());
        var sorted = new ArrayList<>(keys);
        sorted.sort(order(by));
        var answer = new LinkedHashMap<Group, Counts>();
        for (var key : sorted) {
            var i = invitations.getOrDefault(key, new long[2]);
            var h = handled.get(key);
            boolean known = h != null && h[1] > 0; // a group of no row (the total of nothing) has no count
            var c = counted.getOrDefault(key, new long[1]);
            answer.put(key, new Counts(i[0], i[1], ratings.getOrDefault(key, new long[1])[0], known ? h[0] : null,
                    c[0]));
        }
        return answer;
    }

    /** Dossier rows (which name service and centre) when the question is about services or centres. */
    static Source source(Filter filter, List<Dimension> by) {
        boolean serviceOrCentre = filter.service() != null || filter.centre() != null
                || by.contains(Dimension.SERVICE) || by.contains(Dimension.CENTRE);
        return serviceOrCentre ? Source.DOSSIERS : Source.UNIT_MONTHS;
    }

    /** Why no group of this question can have coverage; null when the dossier counts answer it. */
    static CoverageAbsent absent(Filter filter, List<Dimension> by) {
        if (filter.channel() != null || by.contains(Dimension.CHANNEL)) {
            return CoverageAbsent.BY_CHANNEL;
        }
        boolean wholeFrom = filter.from() == null || filter.from().getDayOfMonth() == 1;
        boolean wholeTo = filter.to() == null || filter.to().plusDays(1).getDayOfMonth() == 1;
        return wholeFrom && wholeTo ? null : CoverageAbsent.PERIOD_NOT_WHOLE_MONTHS;
    }

    private Map<Group, long[]> invitations(Filter f, List<Dimension> by) {
        var where = (f.from() == null ? noCondition() : INVITATION.CREATED_AT.ge(Vietnam.start(f.from())))
                .and(f.to() == null ? noCondition() : INVITATION.CREATED_AT.lt(Vietnam.start(f.to().plusDays(1))))
                .and(units(f, INVITATION.AGENCY_ID))
                .and(f.service() == null ? noCondition() : INVITATION.SERVICE_ID.eq(f.service()))
                .and(f.centre() == null ? noCondition() : INVITATION.CENTRE_ID.eq(f.centre()))
                .and(f.channel() == null ? noCondition() : INVITATION.CHANNEL.eq(f.channel()));
        return group(by, INVITATION.AGENCY_ID, coalesce(INVITATION.SERVICE_ID, inline(0L)),
                coalesce(INVITATION.CENTRE_ID, inline(0L)), INVITATION.CHANNEL, INVITATION.CREATED_AT, INVITATION,
                where, count(), count(INVITATION.USED_AT));
    }

    private Map<Group, long[]> ratings(List<Dimension> by, Condition where) {
        return group(by, RESPONSE.AGENCY_ID, coalesce(RESPONSE.SERVICE_ID, inline(0L)),
                coalesce(RESPONSE.CENTRE_ID, inline(0L)), RESPONSE.CHANNEL, RESPONSE.SUBMITTED_AT, RESPONSE, where,
                count());
    }

    private static Condition ratings(Filter f, List<Long> versions) {
        return f.onResponses().and(versions == null ? noCondition() : RESPONSE.QUESTIONNAIRE_VERSION_ID.in(versions));
    }

    /**
     * The dossiers handled per group, and how many rows (unit-months or dossiers) they were counted from, from the
     * unit-months or from the dossier rows returned in the period.
     */
    private Map<Group, long[]> handled(Filter f, List<Dimension> by, Source source) {
        if (source == Source.UNIT_MONTHS) {
            var where = (f.from() == null ? noCondition() : HANDLED_MONTH.ge(f.from()))
                    .and(f.to() == null ? noCondition() : HANDLED_MONTH.le(f.to()))
                    .and(units(f, HANDLED_UNIT));
            return groupByDate(by, HANDLED_UNIT, inline(0L), inline(0L), HANDLED_MONTH, HANDLED, where,
                    sum(HANDLED_COUNT), count());
        }
        var where = DOSSIER.RETURNED_ON.isNotNull()
                .and(f.from() == null ? noCondition() : DOSSIER.RETURNED_ON.ge(f.from()))
                .and(f.to() == null ? noCondition() : DOSSIER.RETURNED_ON.le(f.to()))
                .and(units(f, DOSSIER.AGENCY_ID))
                .and(f.service() == null ? noCondition() : DOSSIER.SERVICE_ID.eq(f.service()))
                .and(f.centre() == null ? noCondition() : DOSSIER.CENTRE_ID.eq(f.centre()));
        return groupByDate(by, DOSSIER.AGENCY_ID, coalesce(DOSSIER.SERVICE_ID, inline(0L)),
                coalesce(DOSSIER.CENTRE_ID, inline(0L)), DOSSIER.RETURNED_ON, DOSSIER, where, count(), count());
    }

    /**
     * A rating counts towards coverage when its unit's dossiers of its month are counted: a unit-month the dossier
     * system reported nothing for would otherwise add ratings without their dossiers.
     */
    private static Condition known(Source source) {
        if (source == Source.UNIT_MONTHS) {
            return exists(selectOne().from(HANDLED)
                    .where(HANDLED_UNIT.eq(RESPONSE.AGENCY_ID))
                    .and(HANDLED_MONTH.eq(RATING_MONTH)));
        }
        return exists(selectOne().from(DOSSIER)
                .where(DOSSIER.AGENCY_ID.eq(RESPONSE.AGENCY_ID))
                .and(DOSSIER.RETURNED_ON.ge(RATING_MONTH))
                .and(DOSSIER.RETURNED_ON.lt(field("({0} + interval '1 month')::date", SQLDataType.LOCALDATE,
                        RATING_MONTH))));
    }

    /** The filter's unit subtree within the caller's scope. */
    private static Condition units(Filter f, Field<Long> unit) {
        return (f.unit() == null ? noCondition() : condition("{0} in (select unit_subtree({1}))", unit, val(f.unit())))
                .and(f.scope().covers(unit));
    }

    @SafeVarargs
    private Map<Group, long[]> group(List<Dimension> by, Field<Long> unit, Field<Long> service, Field<Long> centre,
                                     Field<String> channel, Field<?> instant, Table<?> from, Condition where,
                                     Field<? extends Number>... counts) {
        var year = field("extract(year from {0} at time zone 'Asia/Ho_Chi_Minh')::integer", SQLDataType.INTEGER,
                instant);
        var month = field("to_char({0} at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')", SQLDataType.VARCHAR, instant);
        return read(by, unit, service, centre, channel, year, month, from, where, counts);
    }

    @SafeVarargs
    private Map<Group, long[]> groupByDate(List<Dimension> by, Field<Long> unit, Field<Long> service,
                                           Field<Long> centre, Field<LocalDate> day, Table<?> from, Condition where,
                                           Field<? extends Number>... counts) {
        var year = field("extract(year from {0})::integer", SQLDataType.INTEGER, day);
        var month = field("to_char({0}, 'YYYY-MM')", SQLDataType.VARCHAR, day);
        return read(by, unit, service, centre, inline((String) null), year, month, from, where, counts);
    }

    @SafeVarargs
    private Map<Group, long[]> read(List<Dimension> by, Field<Long> unit, Field<Long> service, Field<Long> centre,
                                    Field<String> channel, Field<Integer> year, Field<String> month, Table<?> from,
                                    Condition where, Field<? extends Number>... counts) {
        var keys = new ArrayList<Field<?>>();
        for (var d : by) {
            keys.add(switch (d) {
                case UNIT -> unit;
                case SERVICE -> service;
                case CENTRE -> centre;
                case CHANNEL -> channel;
                case YEAR -> year;
                case MONTH -> month;
                case QUARTER -> throw new IllegalArgumentException("no quarters here");
            });
        }
        var select = new ArrayList<SelectField<?>>(keys);
        select.addAll(List.of(counts));
        var answer = new HashMap<Group, long[]>();
        dsl.select(select)
                .from(from)
                .where(where)
                .groupBy(keys)
                .fetch()
                .forEach(r -> {
                    var values = new long[counts.length];
                    for (int i = 0; i < counts.length; i++) {
                        var v = (Number) r.get(keys.size() + i);
                        values[i] = v == null ? 0 : v.longValue();
                    }
                    answer.put(key(by, r), values);
                });
        return answer;
    }

    private static Group key(List<Dimension> by, Record r) {
        Long unit = null;
        Long service = null;
        Long centre = null;
        String channel = null;
        Integer year = null;
        String month = null;
        for (int i = 0; i < by.size(); i++) {
            var value = r.get(i);
            switch (by.get(i)) {
                case UNIT -> unit = (Long) value;
                case SERVICE -> service = (Long) value;
                case CENTRE -> centre = (Long) value;
                case CHANNEL -> channel = (String) value;
                case YEAR -> year = (Integer) value;
                case MONTH -> month = (String) value;
                default -> { }
            }
        }
        return new Group(unit, service, centre, channel, year, null, month);
    }

    /** By the dimensions in the order asked for, each ascending; groups without a value (no service…) last. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Group> order(List<Dimension> by) {
        return (a, b) -> {
            for (var d : by) {
                var x = none(a.value(d));
                var y = none(b.value(d));
                int c = x == null ? (y == null ? 0 : 1) : y == null ? -1 : ((Comparable) x).compareTo(y);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    private static Object none(Object value) {
        return value instanceof Long id && id == 0 ? null : value;
    }

    static Set<Dimension> allowed() {
        return Set.of(Dimension.UNIT, Dimension.SERVICE, Dimension.CENTRE, Dimension.CHANNEL, Dimension.YEAR,
                Dimension.MONTH);
    }
}
