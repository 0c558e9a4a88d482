package vn.hailong.rollup;

import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.trueCondition;
import static org.jooq.impl.DSL.val;
import static vn.hailong.db.schema.Tables.RESPONSE;
import static vn.hailong.db.schema.Tables.ROLLUP;
import static vn.hailong.db.schema.Tables.ROLLUP_PENDING;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static vn.hailong.db.schema.Tables.UNIT;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.postgresql.PGStatement;

import vn.hailong.Vietnam;
import vn.hailong.stats.Instrument;
import vn.hailong.stats.StratumStatistics;
import vn.hailong.stats.SufficientStatistics;
import vn.hailong.survey.Forms;
import vn.hailong.units.UnitHistory;

/**
 * The rollup store's one reader: the statistics of each group a question asks for, summed from the aggregate that
 * covers it ({@link Plan}), with the pending rows not yet folded into it, and from the responses themselves for the
 * days and cuts no aggregate keeps. Everything is read in one snapshot, so a rating folded meanwhile counts once.
 */
public final class RollupReader {
    private final DSLContext dsl;
    private final Forms forms;

    public RollupReader(DSLContext dsl, Forms forms) {
        this.dsl = dsl.configuration().derive(new DefaultExecuteListenerProvider(new BinaryResults())).dsl();
        this.forms = forms;
    }

    /**
     * Has PostgreSQL send rows in binary from the first call: in text, each row's packed statistics would be printed in
     * hex by the server and parsed by the driver. The driver only switches to binary on its own after five runs of a
     * statement on one pooled connection.
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

    /**
     * How a question is answered: for each grain, the aggregate whose rows of that grain cover the cuts it needs
     * (none: that grain is not read), and the tiling of its days by those grains; what they leave is read from the
     * responses. {@code topUnits}: the question reads top units' rows only (not split by unit, about a whole top unit
     * or all of them).
     */
    record Plan(Map<Grain, Aggregate> aggregates, Tiles tiles) {
        static Plan of(Filter f, List<Dimension> groupBy, boolean topUnits) {
            var needed = EnumSet.noneOf(Aggregate.Cut.class);
            groupBy.forEach(d -> d.cut().ifPresent(needed::add));
            if (f.service() != null) {
                needed.add(Aggregate.Cut.SERVICE);
            }
            if (f.centre() != null) {
                needed.add(Aggregate.Cut.CENTRE);
            }
            if (f.channel() != null) {
                needed.add(Aggregate.Cut.CHANNEL);
            }
            if (!f.pooled()) {
                needed.add(Aggregate.Cut.STRATUM);
            }
            if (f.excludeFlagged()) {
                needed.add(Aggregate.Cut.FLAGGED);
            }
            var aggregates = new EnumMap<Grain, Aggregate>(Grain.class);
            if (f.rollupsAnswer()) {
                for (var grain : Grain.values()) {
                    Aggregate.covering(needed, grain, topUnits).ifPresent(a -> aggregates.put(grain, a));
                }
            }
            boolean years = !groupBy.contains(Dimension.QUARTER) && !groupBy.contains(Dimension.MONTH);
            return new Plan(aggregates, Tiles.of(f.from(), f.to(), aggregates.keySet(), years));
        }
    }

    /**
     * Which units' rows a question reads and where each goes: the rollup rows to read, the group (and sign) a row of a
     * unit adds to, the agencies whose pending rows count, and the group of a pending row or response of an agency.
     */
    private interface Reading {
        Condition rows();

        /** Calls {@code to} with each unit group a row of {@code unit} adds to (+1) or is subtracted from (−1). */
        void targets(long unit, java.util.function.ObjLongConsumer<Integer> to);

        Condition agencies(Field<Long> agency);

        long group(long agency);

        boolean top(DSLContext tx);
    }

    /**
     * The historical boundaries over one span of days, from rollup rows: the own figures of each unit that lay in the
     * subtree asked for during the span (its subtree rows less its current children's, which the packed format
     * subtracts exactly), each in the unit's group; not split by unit they add up to the subtree as it stood.
     */
    private record Owners(Set<Long> owners, Map<Long, Long> childOf) implements Reading {
        static Owners of(Set<Long> owners, UnitHistory history) {
            var childOf = new HashMap<Long, Long>();
            for (var u : history.units()) {
                if (u.parentId() != null && owners.contains(u.parentId())) {
                    childOf.put(u.id(), u.parentId());
                }
            }
            return new Owners(owners, childOf);
        }

        @Override
        public Condition rows() {
            var read = new java.util.HashSet<>(owners);
            read.addAll(childOf.keySet());
            return ROLLUP.UNIT_ID.in(read);
        }

        @Override
        public void targets(long unit, java.util.function.ObjLongConsumer<Integer> to) {
            if (owners.contains(unit)) {
                to.accept(1, unit);
            }
            var parent = childOf.get(unit);
            if (parent != null) {
                to.accept(-1, parent);
            }
        }

        @Override
        public Condition agencies(Field<Long> agency) {
            return agency.in(owners);
        }

        @Override
        public long group(long agency) {
            return agency;
        }

        @Override
        public boolean top(DSLContext tx) {
            return false;
        }
    }

    /**
     * Which units' rows a question reads. Split by unit: every unit of the subtree asked for (or of all) that is a
     * group of the answer, each group its own responses, which are its subtree's rows less its children's. In the
     * current boundaries an ended unit is no group: it hangs under the unit that carries it on, whose own responses
     * hold its own (a split unit whose shares are stated is read apart, to be shared out). In the historical
     * boundaries every unit is its own group. Not split: the subtree rows of the unit asked for, of the caller's
     * scope, or of every top unit.
     */
    private record Units(Long root, boolean split, Map<Long, Long> parents, Map<Long, Long> groupOf,
                         boolean restricted) implements Reading {
        static Units of(Filter f, List<Dimension> groupBy, UnitHistory history, Set<Long> apportioned) {
            var root = f.unit() != null ? f.unit() : f.scope().root();
            if (!groupBy.contains(Dimension.UNIT)) {
                return new Units(root, false, Map.of(), Map.of(), false);
            }
            var parents = new HashMap<Long, Long>();
            var subtree = root == null ? null : history.currentSubtree(root);
            boolean restricted = false;
            for (var u : history.units()) {
                if (subtree != null && !subtree.contains(u.id())) {
                    continue;
                }
                if (f.boundaries().historical() || !u.ended() || apportioned.contains(u.id())
                        || u.id() == (root == null ? -1 : root)) {
                    parents.put(u.id(), u.parentId());
                } else {
                    restricted = true;
                }
            }
            var groupOf = new HashMap<Long, Long>();
            if (!f.boundaries().historical()) {
                for (var u : history.units()) {
                    Long at = u.id();
                    for (int hops = 0; at != null && !parents.containsKey(at) && hops <= parents.size(); hops++) {
                        at = history.unit(at).map(UnitHistory.Unit::parentId).orElse(null);
                    }
                    if (at != null && !at.equals(u.id())) {
                        groupOf.put(u.id(), at);
                    }
                }
            }
            return new Units(root, true, parents, groupOf, restricted);
        }

        /** The group unit of a rating of {@code agency}: the agency, or the unit that carries it on. */
        @Override
        public long group(long agency) {
            return groupOf.getOrDefault(agency, agency);
        }

        /** The rollup rows to read. */
        @Override
        public Condition rows() {
            if (split) {
                return root == null && !restricted ? noCondition() : ROLLUP.UNIT_ID.in(parents.keySet());
            }
            return root != null ? ROLLUP.UNIT_ID.eq(root)
                    : ROLLUP.UNIT_ID.in(select(UNIT.ID).from(UNIT).where(UNIT.PARENT_ID.isNull()));
        }

        /** The agencies whose pending rows and responses count. */
        @Override
        public Condition agencies(Field<Long> agency) {
            return root == null ? noCondition() : condition("{0} in (select unit_subtree({1}))", agency, val(root));
        }

        /** Whether only top units' rows are read: not split by unit, about a whole top unit or every one. */
        @Override
        public boolean top(DSLContext tx) {
            return !split && (root == null || tx.fetchExists(UNIT, UNIT.ID.eq(root).and(UNIT.PARENT_ID.isNull())));
        }

        /** A row adds to its unit's group and, split by unit, is subtracted from its parent's when that is read too. */
        @Override
        public void targets(long unit, java.util.function.ObjLongConsumer<Integer> to) {
            to.accept(1, unit);
            var parent = split ? parents.get(unit) : null;
            if (parent != null && parents.containsKey(parent)) {
                to.accept(-1, parent);
            }
        }
    }

    /** What a group sums: its rows' signed sums per stratum, and the statistics of its responses read raw. */
    private static final class Sums {
        long responses;
        final Map<String, RollupSum> strata = new HashMap<>();
        SufficientStatistics.Builder raw;
    }

    /**
     * The sufficient statistics of each group, for the versions given (all scored alike, by {@code instrument}),
     * ordered by the dimensions in the order asked for. A group with no responses is left out.
     */
    public Map<Group, SufficientStatistics> read(Instrument instrument, List<Long> versions, Filter f,
                                                 List<Dimension> groupBy) {
        var result = new HashMap<Group, SufficientStatistics>();
        dsl.transaction(trx -> {
            var tx = trx.dsl();
            tx.execute("set transaction isolation level repeatable read, read only");
            var history = UnitHistory.read(tx);
            var shares = f.boundaries().estimates() ? history.statedShares() : List.<UnitHistory.Share>of();
            var apportioned = shares.stream().map(UnitHistory.Share::predecessor).collect(Collectors.toSet());
            var units = Units.of(f, groupBy, history, apportioned);
            boolean asItStood = f.boundaries().historical() && f.rollupsAnswer()
                    && (f.boundaries().within() != null || groupBy.contains(Dimension.UNIT));
            result.putAll(statistics(instrument, asItStood
                    ? historicalSums(tx, instrument, versions, f, groupBy, history)
                    : sums(tx, instrument, versions, f, groupBy, units)));
            apportion(tx, instrument, versions, f, groupBy, units, history, shares, result);
            receivedAt(tx, instrument, versions, f, groupBy, history, shares, apportioned, result);
        });
        var ordered = new LinkedHashMap<Group, SufficientStatistics>();
        result.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Group.order(groupBy)))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    /**
     * Grouped by centre (not by unit) for a caller who sees part of the tree: the groups of the centres of the units
     * in the caller's scope count every rating received there, whichever agency decided it, as {@code centre=} does;
     * the other centres' groups count the caller's agencies' ratings received there. Each centre of the scope is read
     * on its own (a scope holds a few centres).
     */
    private void receivedAt(DSLContext tx, Instrument instrument, List<Long> versions, Filter f,
                            List<Dimension> groupBy, UnitHistory history, List<UnitHistory.Share> shares,
                            Set<Long> apportioned, Map<Group, SufficientStatistics> result) {
        if (!groupBy.contains(Dimension.CENTRE) || groupBy.contains(Dimension.UNIT) || f.centre() != null
                || f.unit() != null || f.scope().all()) {
            return;
        }
        var centres = tx.select(SERVICE_CENTRE.ID).from(SERVICE_CENTRE)
                .where(f.scope().covers(SERVICE_CENTRE.UNIT_ID))
                .fetch(SERVICE_CENTRE.ID);
        for (var centre : centres) {
            // Everything the centre received: in either view, every unit's ratings there.
            var at = f.receivedAt(centre).in(f.boundaries().historical() ? Boundaries.historical(null)
                    : f.boundaries());
            var units = Units.of(at, groupBy, history, apportioned);
            var received = new HashMap<>(statistics(instrument, sums(tx, instrument, versions, at, groupBy, units)));
            apportion(tx, instrument, versions, at, groupBy, units, history, shares, received);
            result.keySet().removeIf(g -> centre.equals(g.centre()));
            result.putAll(received);
        }
    }

    /** What each group sums, from rollup rows, pending rows and responses, in the transaction of {@code tx}. */
    private Map<Group, Sums> sums(DSLContext tx, Instrument instrument, List<Long> versions, Filter f,
                                  List<Dimension> groupBy, Units units) {
        var groups = new HashMap<Group, Sums>();
        add(tx, instrument, versions, f, groupBy, units, groups);
        return groups;
    }

    private void add(DSLContext tx, Instrument instrument, List<Long> versions, Filter f, List<Dimension> groupBy,
                     Reading units, Map<Group, Sums> groups) {
        var plan = Plan.of(f, groupBy, units.top(tx));
        readRows(tx, plan, versions, f, groupBy, units, groups);
        readPending(tx, plan.tiles(), versions, f, groupBy, units, groups);
        readResponses(tx, instrument, plan.tiles(), versions, f, groupBy, units, groups);
    }

    /**
     * The historical boundaries: for each span of days shared by units of the subtree as it stood, those units' own
     * figures over the days of the question within the span (see {@link Owners}). Every unit not yet ended or moved
     * shares the open span, so a question reads about as many rows as the same question split by unit.
     */
    private Map<Group, Sums> historicalSums(DSLContext tx, Instrument instrument, List<Long> versions, Filter f,
                                            List<Dimension> groupBy, UnitHistory history) {
        var groups = new HashMap<Group, Sums>();
        var everyUnit = history.units().stream().map(u -> new UnitHistory.Segment(u.id(), null, null)).toList();
        var seen = f.scope().all() ? null : history.currentSubtree(f.scope().root());
        // Access is today's: the units of the caller's scope now, as the responses' filter has it.
        var within = (f.boundaries().within() != null ? f.boundaries().within() : everyUnit).stream()
                .filter(segment -> seen == null || seen.contains(segment.unit()))
                .toList();
        var bySpan = within.stream().collect(Collectors.groupingBy(s -> java.util.Arrays.asList(s.from(), s.to()),
                LinkedHashMap::new, Collectors.toList()));
        bySpan.forEach((span, segments) -> {
            var from = later(f.from(), span.get(0));
            var to = earlier(f.to(), span.get(1) == null ? null : span.get(1).minusDays(1));
            if (from != null && to != null && to.isBefore(from)) {
                return;
            }
            var owners = segments.stream().map(UnitHistory.Segment::unit).collect(Collectors.toSet());
            var during = f.between(from, to).in(Boundaries.historical(segments));
            add(tx, instrument, versions, during, groupBy, Owners.of(owners, history), groups);
        });
        return groups;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Map<Group, SufficientStatistics> statistics(Instrument instrument, Map<Group, Sums> groups) {
        var result = new HashMap<Group, SufficientStatistics>();
        groups.forEach((group, sums) -> {
            if (sums.responses != 0) {
                result.put(group, statistics(instrument, sums));
            }
        });
        return result;
    }

    private static SufficientStatistics statistics(Instrument instrument, Sums sums) {
        var builder = SufficientStatistics.builder(instrument);
        sums.strata.forEach((stratum, sum) -> {
            if (sum.counts.length > 0 && sum.counts[0] != 0) { // a version the core scores, with responses it scored
                builder.add(stratum, StratumStatistics.of(instrument, sum.counts, sum.sums));
            }
        });
        if (sums.raw != null) {
            builder.add(sums.raw.build());
        }
        return builder.build();
    }

    /**
     * The current boundaries' estimates: the ratings of a unit split with stated shares counted under each successor
     * the question reads, weighted by its share. Split by unit, the split unit was read as a group of its own: its
     * group is shared out and removed (so its ratings are not also counted where it hangs). Otherwise its subtree is
     * read once more when a successor lies in the subtree asked for and the split unit does not.
     */
    private void apportion(DSLContext tx, Instrument instrument, List<Long> versions, Filter f,
                           List<Dimension> groupBy, Units units, UnitHistory history, List<UnitHistory.Share> shares,
                           Map<Group, SufficientStatistics> result) {
        if (shares.isEmpty()) {
            return;
        }
        var subtree = units.root() == null ? null : history.currentSubtree(units.root());
        var byPredecessor = shares.stream().collect(Collectors.groupingBy(UnitHistory.Share::predecessor,
                LinkedHashMap::new, Collectors.toList()));
        byPredecessor.forEach((predecessor, split) -> {
            Map<Group, SufficientStatistics> ofPredecessor;
            if (units.split() && units.parents().containsKey(predecessor)) {
                ofPredecessor = new HashMap<>();
                result.entrySet().removeIf(e -> {
                    if (predecessor.equals(e.getKey().unit())) {
                        ofPredecessor.put(e.getKey(), e.getValue());
                        return true;
                    }
                    return false;
                });
            } else {
                boolean counted = subtree == null || subtree.contains(predecessor);
                boolean wanted = split.stream().anyMatch(s -> subtree != null && subtree.contains(s.successor()));
                if (counted || !wanted) {
                    return;
                }
                var without = groupBy.stream().filter(d -> d != Dimension.UNIT).toList();
                var own = f.predecessor(predecessor);
                var alone = Units.of(own, without, history, Set.of());
                ofPredecessor = statistics(instrument, sums(tx, instrument, versions, own, without, alone));
            }
            for (var share : split) {
                Long target = null;
                if (units.split()) {
                    target = units.group(share.successor());
                    if (!units.parents().containsKey(target)) {
                        continue;
                    }
                } else if (!subtree.contains(share.successor())) {
                    continue;
                }
                for (var e : ofPredecessor.entrySet()) {
                    var key = units.split() ? e.getKey().withUnit(target) : e.getKey();
                    result.merge(key, e.getValue().weightedBy(share.share()), SufficientStatistics::merge);
                }
            }
        });
    }

    /**
     * The rows of the tiles' periods, each from its grain's aggregate, each added to its group (and, split by unit,
     * less its parent's).
     */
    private static void readRows(DSLContext tx, Plan plan, List<Long> versions, Filter f, List<Dimension> groupBy,
                                 Reading units, Map<Group, Sums> groups) {
        if (plan.tiles().periods().isEmpty()) {
            return;
        }
        Condition periods = falseCondition();
        for (var tile : plan.tiles().periods()) {
            periods = periods.or(ROLLUP.AGGREGATE.eq(plan.aggregates().get(tile.grain()).code())
                    .and(ROLLUP.GRAIN.eq(tile.grain().code))
                    .and(within(ROLLUP.PERIOD, tile.start(), tile.end())));
        }
        Long value = f.service() != null ? f.service() : f.centre();
        try (var cursor = tx.select(ROLLUP.UNIT_ID, ROLLUP.VALUE, ROLLUP.CHANNEL, ROLLUP.PERIOD, ROLLUP.STRATUM,
                        ROLLUP.RESPONSES, ROLLUP.PACKED, ROLLUP.AGGREGATE)
                .from(ROLLUP)
                .where(periods)
                .and(ROLLUP.QUESTIONNAIRE_VERSION_ID.in(versions))
                .and(units.rows())
                .and(value == null ? noCondition() : ROLLUP.VALUE.eq(value))
                .and(f.channel() == null ? noCondition() : ROLLUP.CHANNEL.eq(f.channel()))
                .and(f.excludeFlagged() ? ROLLUP.FLAGGED.isFalse() : noCondition())
                .fetchSize(10_000)
                .fetchLazy()) {
            for (var r : cursor) {
                var a = Aggregate.of(r.value8());
                long unit = r.value1();
                long service = a.keeps(Aggregate.Cut.SERVICE) ? r.value2() : 0;
                long centre = a.keeps(Aggregate.Cut.CENTRE) ? r.value2() : 0;
                var stratum = f.pooled() ? "" : r.value5();
                units.targets(unit, (sign, target) -> add(groups,
                        Group.of(groupBy, target, service, centre, r.value3(), r.value4()), stratum, r.value6(),
                        r.value7(), sign));
            }
        }
    }

    /** The pending rows of the tiles' days: sums of ratings stored but not yet folded into the aggregate's rows. */
    private static void readPending(DSLContext tx, Tiles tiles, List<Long> versions, Filter f,
                                    List<Dimension> groupBy, Reading units, Map<Group, Sums> groups) {
        if (tiles.periods().isEmpty()) {
            return;
        }
        var p = ROLLUP_PENDING;
        Condition days = falseCondition();
        for (var tile : tiles.periods()) {
            days = days.or(within(p.DAY, tile.start(), tile.end()));
        }
        try (var cursor = tx.select(p.AGENCY_ID, p.SERVICE_ID, p.CENTRE_ID, p.CHANNEL, p.DAY, p.STRATUM, p.RESPONSES,
                        p.PACKED)
                .from(p)
                .where(p.QUESTIONNAIRE_VERSION_ID.in(versions))
                .and(days)
                .and(units.agencies(p.AGENCY_ID))
                .and(f.service() == null ? noCondition() : p.SERVICE_ID.eq(f.service()))
                .and(f.centre() == null ? noCondition() : p.CENTRE_ID.eq(f.centre()))
                .and(f.channel() == null ? noCondition() : p.CHANNEL.eq(f.channel()))
                .and(f.excludeFlagged() ? p.FLAGGED.isFalse() : noCondition())
                .fetchSize(10_000)
                .fetchLazy()) {
            for (var r : cursor) {
                var group = Group.of(groupBy, units.group(r.value1()), r.value2(), r.value3(), r.value4(), r.value5());
                add(groups, group, f.pooled() ? "" : r.value6(), r.value7(), r.value8(), 1);
            }
        }
    }

    /** The responses of the days no rollup tile covers (all days, when no aggregate covers the question). */
    private void readResponses(DSLContext tx, Instrument instrument, Tiles tiles, List<Long> versions, Filter f,
                               List<Dimension> groupBy, Reading units, Map<Group, Sums> groups) {
        if (tiles.raw().isEmpty()) {
            return;
        }
        Condition days = falseCondition();
        for (var range : tiles.raw()) {
            days = days.or((range.start().equals(Tiles.FIRST) ? trueCondition()
                            : RESPONSE.SUBMITTED_AT.ge(Vietnam.start(range.start())))
                    .and(range.end().equals(Tiles.END) ? noCondition()
                            : RESPONSE.SUBMITTED_AT.lt(Vietnam.start(range.end()))));
        }
        try (var cursor = tx.select(RESPONSE.AGENCY_ID, RESPONSE.SERVICE_ID, RESPONSE.CENTRE_ID, RESPONSE.CHANNEL,
                        RESPONSE.SUBMITTED_AT, RESPONSE.QUESTIONNAIRE_VERSION_ID, RESPONSE.STRATUM, RESPONSE.ANSWERS)
                .from(RESPONSE)
                .where(RESPONSE.QUESTIONNAIRE_VERSION_ID.in(versions))
                .and(days)
                .and(f.between(null, null).onResponses())
                .fetchSize(10_000)
                .fetchLazy()) {
            for (var r : cursor) {
                var group = Group.of(groupBy, units.group(r.value1()), zeroIfNull(r.value2()), zeroIfNull(r.value3()),
                        r.value4(), Vietnam.day(r.value5()));
                var sums = groups.computeIfAbsent(group, k -> new Sums());
                sums.responses++;
                var form = forms.published(r.value6()).orElseThrow(() ->
                        new IllegalStateException("questionnaire version " + r.value6() + " is not published"));
                form.toResponse(r.value8(), f.pooled() ? "" : r.value7()).ifPresent(response -> {
                    if (sums.raw == null) {
                        sums.raw = SufficientStatistics.builder(instrument);
                    }
                    sums.raw.add(response);
                });
            }
        }
    }

    private static void add(Map<Group, Sums> groups, Group group, String stratum, long responses, byte[] packed,
                            int sign) {
        var sums = groups.computeIfAbsent(group, k -> new Sums());
        sums.responses += sign * responses;
        sums.strata.computeIfAbsent(stratum, k -> new RollupSum()).add(responses, packed, sign);
    }

    /** Days (or periods) from {@code start} to before {@code end}; the first and last days a question names bound none. */
    private static Condition within(Field<LocalDate> day, LocalDate start, LocalDate end) {
        return (start.equals(Tiles.FIRST) ? trueCondition() : day.ge(start))
                .and(end.equals(Tiles.END) ? noCondition() : day.lt(end));
    }

    private static long zeroIfNull(Long id) {
        return id == null ? 0 : id;
    }
}
