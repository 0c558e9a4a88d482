package vn.hailong.analytics;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;
import static vn.hailong.db.schema.Tables.DOSSIER;
import static vn.hailong.db.schema.Tables.INVITATION;
import static vn.hailong.db.schema.Tables.RESPONSE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.GroupField;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

import vn.hailong.Vietnam;
import vn.hailong.rollup.Dimension;
import vn.hailong.rollup.Filter;
import vn.hailong.rollup.Group;
import vn.hailong.survey.Forms;

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

        /** The counts of groups that share nothing, added; dossiers handled where any group has them counted. */
        static Counts sum(Collection<Counts> groups) {
            long invitations = 0;
            long rated = 0;
            long ratings = 0;
            Long handled = null;
            long counted = 0;
            for (var c : groups) {
                invitations += c.invitations();
                rated += c.rated();
                ratings += c.ratings();
                if (c.handled() != null) {
                    handled = (handled == null ? 0 : handled) + c.handled();
                }
                counted += c.ratingsCounted();
            }
            return new Counts(invitations, rated, ratings, handled, counted);
        }
    }

    private final DSLContext dsl;
    private final Slices slices;

    ResponseRates(DSLContext dsl, Forms forms) {
        this.dsl = dsl;
        this.slices = new Slices(dsl, forms);
    }

    /**
     * The counts of each group, ordered by the dimensions asked for (those without a value last); {@code
     * questionnaire} and its {@code versions} restrict the ratings to it (null: every rating). {@code absent} is why
     * coverage is absent for every group, or null when the dossier counts are read.
     */
    Map<Group, Counts> groups(Filter filter, List<Dimension> by, String questionnaire, List<Long> versions,
                              CoverageAbsent absent) {
        var units = Carriers.of(dsl, filter);
        var invitations = units.regroup(invitations(filter, by));
        Map<Group, long[]> handled = Map.of();
        Set<UnitMonth> known = Set.of();
        if (absent == null) {
            var source = source(filter, by);
            handled = units.regroup(handled(filter, by, source));
            known = known(filter, source).stream()
                    .map(m -> new UnitMonth(units.of(m.unit()), m.month()))
                    .collect(java.util.stream.Collectors.toSet());
        }
        var ratings = units.regroup(ratings(filter, by, questionnaire, versions, known, units));
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
            boolean counts = h != null && h[1] > 0; // a group of no row (the total of nothing) has no count
            var r = ratings.getOrDefault(key, new long[2]);
            answer.put(key, new Counts(i[0], i[1], r[0], counts ? h[0] : null, r[1]));
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
                .and(f.boundaries().on(INVITATION.AGENCY_ID, INVITATION.CREATED_AT))
                .and(f.service() == null ? noCondition() : INVITATION.SERVICE_ID.eq(f.service()))
                .and(f.centre() == null ? noCondition() : INVITATION.CENTRE_ID.eq(f.centre()))
                .and(f.channel() == null ? noCondition() : INVITATION.CHANNEL.eq(f.channel()));
        return group(by, INVITATION.AGENCY_ID, coalesce(INVITATION.SERVICE_ID, inline(0L)),
                coalesce(INVITATION.CENTRE_ID, inline(0L)), INVITATION.CHANNEL, INVITATION.CREATED_AT, INVITATION,
                where, count(), count(INVITATION.USED_AT));
    }

    /** A unit's month, as the dossier counts keep it (its first day). */
    private record UnitMonth(long unit, LocalDate month) {
    }

    /**
     * Ratings per group: every rating, and those of the unit-months whose dossiers are counted ({@code known}), which
     * coverage sets against the dossiers handled: a unit-month the dossier system reported nothing for would otherwise
     * add ratings without their dossiers. Counted by unit and month from the rollups for a questionnaire's versions
     * scored alike; from the responses (one pass, grouped by the group's keys, unit and month) for every questionnaire
     * at once, or for a revision scored otherwise.
     */
    private Map<Group, long[]> ratings(Filter f, List<Dimension> by, String questionnaire, List<Long> versions,
                                       Set<UnitMonth> known, Carriers units) {
        var family = questionnaire == null ? Optional.<Slices.Versions>empty() : slices.versions(questionnaire);
        if (family.isEmpty()) {
            return scanned(f, by, versions, known, units);
        }
        // The versions scored alike are summed already in the rollups; any other revision is read from its responses.
        var others = versions.stream().filter(v -> !family.get().merged().contains(v)).toList();
        var answer = others.isEmpty() ? new HashMap<Group, long[]>() : scanned(f, by, others, known, units);
        var split = new ArrayList<>(by);
        for (var d : List.of(Dimension.UNIT, Dimension.MONTH)) {
            if (!split.contains(d)) {
                split.add(d);
            }
        }
        // Counts are never estimates: a split unit's ratings count where its successors meet, as the scan counts them.
        slices.read(family.get(), f.in(f.boundaries().exact()), split).forEach((g, stats) -> {
            var key = new Group(by.contains(Dimension.UNIT) ? g.unit() : null,
                    by.contains(Dimension.SERVICE) ? g.service() : null,
                    by.contains(Dimension.CENTRE) ? g.centre() : null,
                    by.contains(Dimension.CHANNEL) ? g.channel() : null, by.contains(Dimension.YEAR) ? g.year() : null,
                    null, by.contains(Dimension.MONTH) ? g.month() : null);
            var counts = answer.computeIfAbsent(key, k -> new long[2]);
            counts[0] += stats.n();
            if (known.contains(new UnitMonth(g.unit(), LocalDate.parse(g.month() + "-01")))) {
                counts[1] += stats.n();
            }
        });
        return answer;
    }

    /** The same from the responses themselves, of the versions given (null: every questionnaire). */
    private Map<Group, long[]> scanned(Filter f, List<Dimension> by, List<Long> versions, Set<UnitMonth> known,
                                       Carriers units) {
        var keys = keys(by, RESPONSE.AGENCY_ID, coalesce(RESPONSE.SERVICE_ID, inline(0L)),
                coalesce(RESPONSE.CENTRE_ID, inline(0L)), RESPONSE.CHANNEL, year(RESPONSE.SUBMITTED_AT),
                month(RESPONSE.SUBMITTED_AT));
        var select = new ArrayList<SelectField<?>>(keys);
        select.addAll(List.of(RESPONSE.AGENCY_ID, RATING_MONTH, count()));
        var grouping = new ArrayList<GroupField>(keys);
        grouping.addAll(List.of(RESPONSE.AGENCY_ID, RATING_MONTH));
        var answer = new HashMap<Group, long[]>();
        dsl.select(select)
                .from(RESPONSE)
                .where(ratings(f, versions))
                .groupBy(grouping)
                .fetch()
                .forEach(r -> {
                    var counts = answer.computeIfAbsent(key(by, r), k -> new long[2]);
                    long n = ((Number) r.get(keys.size() + 2)).longValue();
                    counts[0] += n;
                    var unitMonth = new UnitMonth(units.of((Long) r.get(keys.size())),
                            (LocalDate) r.get(keys.size() + 1));
                    if (known.contains(unitMonth)) {
                        counts[1] += n;
                    }
                });
        return answer;
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
                    .and(units(f, HANDLED_UNIT))
                    .and(f.boundaries().onDays(HANDLED_UNIT, HANDLED_MONTH));
            return groupByDate(by, HANDLED_UNIT, inline(0L), inline(0L), HANDLED_MONTH, HANDLED, where,
                    sum(HANDLED_COUNT), count());
        }
        var where = DOSSIER.RETURNED_ON.isNotNull()
                .and(f.from() == null ? noCondition() : DOSSIER.RETURNED_ON.ge(f.from()))
                .and(f.to() == null ? noCondition() : DOSSIER.RETURNED_ON.le(f.to()))
                .and(units(f, DOSSIER.AGENCY_ID))
                .and(f.boundaries().onDays(DOSSIER.AGENCY_ID, DOSSIER.RETURNED_ON))
                .and(f.service() == null ? noCondition() : DOSSIER.SERVICE_ID.eq(f.service()))
                .and(f.centre() == null ? noCondition() : DOSSIER.CENTRE_ID.eq(f.centre()));
        return groupByDate(by, DOSSIER.AGENCY_ID, coalesce(DOSSIER.SERVICE_ID, inline(0L)),
                coalesce(DOSSIER.CENTRE_ID, inline(0L)), DOSSIER.RETURNED_ON, DOSSIER, where, count(), count());
    }

    /** The unit-months of the period whose dossiers handled are counted, from the source coverage is measured by. */
    private Set<UnitMonth> known(Filter f, Source source) {
        if (source == Source.UNIT_MONTHS) {
            return new HashSet<>(dsl.select(HANDLED_UNIT, HANDLED_MONTH)
                    .from(HANDLED)
                    .where(f.from() == null ? noCondition() : HANDLED_MONTH.ge(f.from().withDayOfMonth(1)))
                    .and(f.to() == null ? noCondition() : HANDLED_MONTH.le(f.to()))
                    .fetch(r -> new UnitMonth(r.value1(), r.value2())));
        }
        var returned = field("(date_trunc('month', {0}))::date", SQLDataType.LOCALDATE, DOSSIER.RETURNED_ON);
        return new HashSet<>(dsl.selectDistinct(DOSSIER.AGENCY_ID, returned)
                .from(DOSSIER)
                .where(DOSSIER.RETURNED_ON.isNotNull())
                .and(f.from() == null ? noCondition() : DOSSIER.RETURNED_ON.ge(f.from().withDayOfMonth(1)))
                .and(f.to() == null ? noCondition() : DOSSIER.RETURNED_ON.le(f.to()))
                .fetch(r -> new UnitMonth(r.value1(), r.value2())));
    }

    /**
     * The filter's unit subtree within the caller's scope: today's subtree; in the historical boundaries the
     * subtree as it stood, which the caller adds on the table's own days ({@code Boundaries.on}).
     */
    private static Condition units(Filter f, Field<Long> unit) {
        return (f.unit() == null || f.boundaries().historical() ? noCondition()
                : condition("{0} in (select unit_subtree({1}))", unit, val(f.unit())))
                .and(f.scope().covers(unit));
    }

    @SafeVarargs
    private Map<Group, long[]> group(List<Dimension> by, Field<Long> unit, Field<Long> service, Field<Long> centre,
                                     Field<String> channel, Field<?> instant, Table<?> from, Condition where,
                                     Field<? extends Number>... counts) {
        return read(by, unit, service, centre, channel, year(instant), month(instant), from, where, counts);
    }

    /** The year, in Vietnam, of an instant. */
    private static Field<Integer> year(Field<?> instant) {
        return field("extract(year from {0} at time zone 'Asia/Ho_Chi_Minh')::integer", SQLDataType.INTEGER, instant);
    }

    /** The month, in Vietnam, of an instant, as the answers name it (2025-03). */
    private static Field<String> month(Field<?> instant) {
        return field("to_char({0} at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')", SQLDataType.VARCHAR, instant);
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
        var keys = keys(by, unit, service, centre, channel, year, month);
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

    /** The fields a question groups by, in the order of its dimensions. */
    private static List<Field<?>> keys(List<Dimension> by, Field<Long> unit, Field<Long> service, Field<Long> centre,
                                       Field<String> channel, Field<Integer> year, Field<String> month) {
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
        return keys;
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
