package vn.hailong.rollup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.jooq.DSLContext;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.hailong.Vietnam;
import vn.hailong.db.Locks;
import vn.hailong.survey.Forms;

/**
 * The rollup store: the table {@code rollup}, one row per aggregate ({@link Aggregate#SET}), unit, grain and period,
 * questionnaire version, cut value (a service or a centre), channel, stratum and flagged or not, holding the sums of
 * the responses of the unit's whole subtree. This class is its one writer: it folds what the pending rows hold (the
 * sums of newly stored ratings, see {@link Rollups}), adds an import's sums, rebuilds years from the responses and
 * moves a subtree's sums when a unit changes parent. Every write holds the rollups' advisory lock, so they take turns
 * across every process on the database; ratings never wait for it.
 */
public final class RollupStore {
    private static final Logger log = LoggerFactory.getLogger(RollupStore.class);

    private RollupStore() {
    }

    /** A rollup row's key, in the order of the table's primary key. */
    record RowKey(short aggregate, long unit, long value, String channel, Grain grain, LocalDate period, long version,
                  String stratum, boolean flagged) {
    }

    /**
     * Folds up to {@code limit} pending rows, oldest first, into the rollups, in the transaction of {@code
     * connection}: each leaves rollup_pending in the transaction that adds it to the rows it belongs to, so every
     * reader counts it once. Returns how many it folded.
     */
    static int fold(Connection connection, int limit) throws SQLException {
        lock(connection);
        return fold(connection, limit, UnitTree.read(connection));
    }

    private static int fold(Connection connection, int limit, UnitTree tree) throws SQLException {
        var sums = new HashMap<Rollups.Key, RollupSum>();
        int folded = 0;
        // By an array of ids, looked up in the primary key: as "id in (select ...)" the planner may pick, with stale
        // statistics of a table that was empty, a plan comparing every pending row with every id.
        try (var statement = connection.prepareStatement("""
                delete from rollup_pending
                 where id = any (array(select id from rollup_pending order by id limit ?))
                returning agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum, flagged,
                          responses, packed""")) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1); // bytea in binary, not in hex
            statement.setInt(1, limit);
            try (var r = statement.executeQuery()) {
                while (r.next()) {
                    sums.computeIfAbsent(new Rollups.Key(r.getLong(1), r.getObject(2, LocalDate.class), r.getLong(3),
                                    r.getLong(4), r.getLong(5), r.getString(6), r.getString(7), r.getBoolean(8)),
                            k -> new RollupSum()).add(r.getLong(9), r.getBytes(10));
                    folded++;
                }
            }
        }
        write(connection, place(byAggregate(sums, a -> true), tree), 1);
        return folded;
    }

    /**
     * Adds sums at the pending key (an agency's day, by every dimension) to every rollup row they belong to, in the
     * transaction of {@code connection}, which holds the rollups' lock ({@link #lock}).
     */
    static void add(Connection connection, Map<Rollups.Key, RollupSum> sums) throws SQLException {
        write(connection, place(byAggregate(sums, a -> true), UnitTree.read(connection)), 1);
    }

    /**
     * Sums at the pending key summed again by the key of each aggregate {@code which} accepts, at each of its grains,
     * for the agency: what the agency's subtree rows get, and each unit's above it.
     */
    private static Map<RowKey, RollupSum> byAggregate(Map<Rollups.Key, RollupSum> sums,
                                                      java.util.function.Predicate<Aggregate> which) {
        var byAgency = new HashMap<RowKey, RollupSum>();
        for (var e : sums.entrySet()) {
            var k = e.getKey();
            for (var a : Aggregate.SET) {
                if (!which.test(a)) {
                    continue;
                }
                long value = a.keeps(Aggregate.Cut.SERVICE) ? k.serviceId() : a.keeps(Aggregate.Cut.CENTRE) ? k.centreId() : 0;
                var channel = a.keeps(Aggregate.Cut.CHANNEL) ? k.channel() : "";
                var stratum = a.keeps(Aggregate.Cut.STRATUM) ? k.stratum() : "";
                boolean flagged = a.keeps(Aggregate.Cut.FLAGGED) && k.flagged();
                for (var g : a.grains()) {
                    byAgency.computeIfAbsent(new RowKey(a.code(), k.agencyId(), value, channel, g, g.start(k.day()),
                            k.versionId(), stratum, flagged), x -> new RollupSum()).add(e.getValue());
                }
            }
        }
        return byAgency;
    }

    /**
     * The rows agencies' sums go to: the agency's own and each unit's above it, or only its top unit's for an
     * aggregate that {@linkplain Aggregate.Reach reaches} top units only.
     */
    private static Map<RowKey, RollupSum> place(Map<RowKey, RollupSum> byAgency, UnitTree tree) {
        var rows = new HashMap<RowKey, RollupSum>();
        for (var e : byAgency.entrySet()) {
            var lineage = tree.lineage(e.getKey().unit());
            if (Aggregate.of(e.getKey().aggregate()).reach() == Aggregate.Reach.TOP_UNITS) {
                lineage = lineage.subList(lineage.size() - 1, lineage.size());
            }
            for (long unit : lineage) {
                rows.computeIfAbsent(withUnit(e.getKey(), unit), x -> new RollupSum()).add(e.getValue());
            }
        }
        return rows;
    }

    /**
     * Adds ({@code sign} 1) or subtracts (−1) sums to their rows: each row is read, added to in Java and written back
     * whole (the packed numbers never go through SQL arithmetic); a row whose responses come to nothing is deleted.
     */
    private static void write(Connection connection, Map<RowKey, RollupSum> rows, int sign) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        var keys = new ArrayList<>(rows.keySet());
        var stored = new HashMap<RowKey, RollupSum>();
        try (var statement = connection.prepareStatement("""
                select r.aggregate, r.unit_id, r.value, r.channel, r.grain, r.period, r.questionnaire_version_id,
                       r.stratum, r.flagged, r.responses, r.packed
                  from unnest(?::smallint[], ?::bigint[], ?::bigint[], ?::varchar[], ?::smallint[], ?::date[], ?::bigint[],
                              ?::varchar[], ?::boolean[]) as k (aggregate, unit_id, value, channel, grain, period,
                                                                 questionnaire_version_id, stratum, flagged)
                  join rollup r using (aggregate, unit_id, value, channel, grain, period, questionnaire_version_id,
                                       stratum, flagged)""")) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
            bindKeys(connection, statement, keys);
            try (var r = statement.executeQuery()) {
                while (r.next()) {
                    var key = new RowKey(r.getShort(1), r.getLong(2), r.getLong(3), r.getString(4),
                            Grain.of(r.getShort(5)), r.getObject(6, LocalDate.class), r.getLong(7), r.getString(8),
                            r.getBoolean(9));
                    var sum = new RollupSum();
                    sum.add(r.getLong(10), r.getBytes(11));
                    stored.put(key, sum);
                }
            }
        }
        var upserts = new ArrayList<RowKey>();
        var gone = new ArrayList<RowKey>();
        var totals = new ArrayList<RollupSum>();
        for (var key : keys) {
            var total = stored.getOrDefault(key, new RollupSum());
            if (sign > 0) {
                total.add(rows.get(key));
            } else {
                total.subtract(rows.get(key));
            }
            if (total.responses <= 0) {
                gone.add(key);
            } else {
                upserts.add(key);
                totals.add(total);
            }
        }
        if (!upserts.isEmpty()) {
            try (var statement = connection.prepareStatement("""
                    insert into rollup as r (aggregate, unit_id, value, channel, grain, period, questionnaire_version_id,
                                             stratum, flagged, responses, packed)
                    select * from unnest(?::smallint[], ?::bigint[], ?::bigint[], ?::varchar[], ?::smallint[], ?::date[],
                                         ?::bigint[], ?::varchar[], ?::boolean[], ?::bigint[], ?::bytea[])
                    on conflict (aggregate, unit_id, value, channel, grain, period, questionnaire_version_id, stratum,
                                 flagged)
                    do update set responses = excluded.responses, packed = excluded.packed""")) {
                bindKeys(connection, statement, upserts);
                statement.setObject(10, totals.stream().mapToLong(t -> t.responses).toArray());
                statement.setObject(11, totals.stream().map(RollupSum::packed).toArray(byte[][]::new));
                statement.executeUpdate();
            }
        }
        if (!gone.isEmpty()) {
            try (var statement = connection.prepareStatement("""
                    delete from rollup r
                     using unnest(?::smallint[], ?::bigint[], ?::bigint[], ?::varchar[], ?::smallint[], ?::date[],
                                  ?::bigint[], ?::varchar[], ?::boolean[]) as k (aggregate, unit_id, value, channel,
                                  grain, period, questionnaire_version_id, stratum, flagged)
                     where (r.aggregate, r.unit_id, r.value, r.channel, r.grain, r.period, r.questionnaire_version_id,
                            r.stratum, r.flagged)
                         = (k.aggregate, k.unit_id, k.value, k.channel, k.grain, k.period, k.questionnaire_version_id,
                            k.stratum, k.flagged)""")) {
                bindKeys(connection, statement, gone);
                statement.executeUpdate();
            }
        }
    }

    /** Binds keys as nine arrays, parameters 1 to 9, in the order of the primary key. */
    private static void bindKeys(Connection connection, java.sql.PreparedStatement statement, List<RowKey> keys)
            throws SQLException {
        int n = keys.size();
        var aggregate = new Short[n];
        var unit = new long[n];
        var value = new long[n];
        var channel = new String[n];
        var grain = new Short[n];
        var period = new java.sql.Date[n];
        var version = new long[n];
        var stratum = new String[n];
        var flagged = new Boolean[n];
        for (int i = 0; i < n; i++) {
            var k = keys.get(i);
            aggregate[i] = k.aggregate();
            unit[i] = k.unit();
            value[i] = k.value();
            channel[i] = k.channel();
            grain[i] = k.grain().code;
            period[i] = java.sql.Date.valueOf(k.period());
            version[i] = k.version();
            stratum[i] = k.stratum();
            flagged[i] = k.flagged();
        }
        statement.setArray(1, connection.createArrayOf("int2", aggregate));
        statement.setObject(2, unit);
        statement.setObject(3, value);
        statement.setArray(4, connection.createArrayOf("varchar", channel));
        statement.setArray(5, connection.createArrayOf("int2", grain));
        statement.setArray(6, connection.createArrayOf("date", period));
        statement.setObject(7, version);
        statement.setArray(8, connection.createArrayOf("varchar", stratum));
        Array flags = connection.createArrayOf("bool", flagged);
        statement.setArray(9, flags);
    }

    private static RowKey withUnit(RowKey k, long unit) {
        return new RowKey(k.aggregate(), unit, k.value(), k.channel(), k.grain(), k.period(), k.version(), k.stratum(),
                k.flagged());
    }

    /** Takes the rollups' advisory lock until the transaction ends: folds, imports, rebuilds and moves take turns. */
    static void lock(Connection connection) throws SQLException {
        try (var s = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            s.setLong(1, Locks.ROLLUPS);
            s.executeQuery().close();
        }
    }

    /**
     * Recomputes the rollups of the years from {@code from} to the day before {@code to} from the responses,
     * replacing what was there: whole years, as a year's rows sum all its days. Month by month, so memory holds one
     * month's sums. {@code tx} must be in a transaction: ratings arriving meanwhile wait at their pending rows' fold.
     * Tells {@code progress} every 10,000 responses read; returns how many it read.
     */
    public static long rebuild(DSLContext tx, Forms forms, LocalDate from, LocalDate to, LongConsumer progress) {
        var first = from.withDayOfYear(1);
        var end = to.withDayOfYear(1).equals(to) ? to : to.withDayOfYear(1).plusYears(1);
        long[] read = {0};
        tx.connection(connection -> {
            lock(connection);
            try (var s = connection.prepareStatement("delete from rollup where period >= ? and period < ?")) {
                s.setObject(1, first);
                s.setObject(2, end);
                s.executeUpdate();
            }
            // Pending rows of these days sum ratings the responses below hold too: counted once, from the responses.
            try (var s = connection.prepareStatement("delete from rollup_pending where day >= ? and day < ?")) {
                s.setObject(1, first);
                s.setObject(2, end);
                s.executeUpdate();
            }
        });
        var rollups = new Rollups(forms);
        for (var month = first; month.isBefore(end); month = month.plusMonths(1)) {
            var additions = rollups.additions();
            var start = month.atStartOfDay(Vietnam.ZONE).toOffsetDateTime();
            var stop = month.plusMonths(1).atStartOfDay(Vietnam.ZONE).toOffsetDateTime();
            try (var cursor = tx.resultQuery("""
                            select agency_id, submitted_at, questionnaire_version_id, service_id, centre_id, channel,
                                   stratum, cardinality(quality_flags) > 0, answers
                              from response where submitted_at >= {0} and submitted_at < {1}""", start, stop)
                    .fetchSize(5_000)
                    .fetchLazy()) {
                for (var r : cursor) {
                    additions.add(Rollups.Key.of(r.get(0, Long.class), r.get(1, java.time.OffsetDateTime.class),
                            r.get(2, Long.class), r.get(3, Long.class), r.get(4, Long.class), r.get(5, String.class),
                            r.get(6, String.class), r.get(7, Boolean.class)), r.get(8, Short[].class));
                    if (++read[0] % 10_000 == 0) {
                        progress.accept(read[0]);
                    }
                }
            }
            tx.connection(additions::addToRollups);
        }
        log.info("event=rollups_rebuilt from={} to={} responses={}", first, end, read[0]);
        return read[0];
    }

    /**
     * Moves a unit's subtree sums from under its old parent to under its new one, in the transaction of {@code tx},
     * after the unit's parent_id is updated there. Ratings not yet folded are folded first, where they belonged
     * before the move. The unit's subtree rows are subtracted from every unit above it that it leaves and added to
     * every unit above it that it joins; its own rows and its subtree's do not change. When it leaves one top unit
     * for another (or becomes one), the rows kept for top units only are summed again from its subtree's responses,
     * as no row holds them apart: subtracted from the top unit it leaves and added to the one it joins.
     */
    public static void move(DSLContext tx, Forms forms, long unit, Long oldParent, Long newParent) {
        tx.connection(connection -> {
            lock(connection);
            var after = UnitTree.read(connection);
            var before = after.withParent(unit, oldParent);
            while (fold(connection, RollupFolder.LIMIT, before) == RollupFolder.LIMIT) {
                // a backlog: folded in turns, each bounded in memory
            }
            var leaving = new ArrayList<>(before.lineage(unit).subList(1, before.lineage(unit).size()));
            var joining = new ArrayList<>(after.lineage(unit).subList(1, after.lineage(unit).size()));
            var common = new ArrayList<>(leaving);
            common.retainAll(joining);
            leaving.removeAll(common);
            joining.removeAll(common);
            var own = new HashMap<RowKey, RollupSum>();
            try (var s = connection.prepareStatement("""
                    select aggregate, unit_id, value, channel, grain, period, questionnaire_version_id, stratum, flagged,
                           responses, packed
                      from rollup where unit_id = ?""")) {
                s.unwrap(PGStatement.class).setPrepareThreshold(-1);
                s.setLong(1, unit);
                try (var r = s.executeQuery()) {
                    while (r.next()) {
                        if (Aggregate.of(r.getShort(1)).reach() != Aggregate.Reach.EVERY_UNIT) {
                            continue;
                        }
                        var sum = new RollupSum();
                        sum.add(r.getLong(10), r.getBytes(11));
                        own.put(new RowKey(r.getShort(1), r.getLong(2), r.getLong(3), r.getString(4),
                                Grain.of(r.getShort(5)), r.getObject(6, LocalDate.class), r.getLong(7), r.getString(8),
                                r.getBoolean(9)), sum);
                    }
                }
            }
            for (var pair : List.of(Map.entry(leaving, -1), Map.entry(joining, 1))) {
                var rows = new HashMap<RowKey, RollupSum>();
                for (long above : pair.getKey()) {
                    own.forEach((key, sum) -> rows.put(withUnit(key, above), sum));
                }
                write(connection, rows, pair.getValue());
            }
            long oldTop = before.top(unit);
            long newTop = after.top(unit);
            long read = oldTop == newTop ? 0 : moveTopRows(connection, forms, unit, oldTop, newTop);
            log.info("event=rollups_moved unit={} rows={} left={} joined={} top_unit_responses={}", unit, own.size(),
                    leaving.size(), joining.size(), read);
        });
    }

    /**
     * Sums the responses of the unit's subtree for the aggregates kept for top units only, and moves them from the
     * rows of {@code oldTop} to those of {@code newTop}, some thousand keys at a time. Returns how many it read.
     */
    private static long moveTopRows(Connection connection, Forms forms, long unit, long oldTop, long newTop)
            throws SQLException {
        var rollups = new Rollups(forms);
        var additions = rollups.additions();
        long read = 0;
        try (var s = connection.prepareStatement("""
                select agency_id, submitted_at, questionnaire_version_id, service_id, centre_id, channel, stratum,
                       cardinality(quality_flags) > 0, answers
                  from response where agency_id in (select unit_subtree(?))""")) {
            s.setFetchSize(5_000);
            s.setLong(1, unit);
            try (var r = s.executeQuery()) {
                while (r.next()) {
                    additions.add(Rollups.Key.of(r.getLong(1), r.getObject(2, java.time.OffsetDateTime.class),
                            r.getLong(3), r.getObject(4, Long.class), r.getObject(5, Long.class), r.getString(6),
                            r.getString(7), r.getBoolean(8)), (Short[]) r.getArray(9).getArray());
                    read++;
                    if (additions.size() >= 10_000) {
                        moveTopRows(connection, additions.sums(), oldTop, newTop);
                        additions = rollups.additions();
                    }
                }
            }
        }
        moveTopRows(connection, additions.sums(), oldTop, newTop);
        return read;
    }

    private static void moveTopRows(Connection connection, Map<Rollups.Key, RollupSum> sums, long oldTop, long newTop)
            throws SQLException {
        var byAgency = byAggregate(sums, a -> a.reach() == Aggregate.Reach.TOP_UNITS);
        for (var pair : List.of(Map.entry(oldTop, -1), Map.entry(newTop, 1))) {
            var rows = new HashMap<RowKey, RollupSum>();
            byAgency.forEach((key, sum) -> rows.computeIfAbsent(withUnit(key, pair.getKey()), k -> new RollupSum())
                    .add(sum));
            write(connection, rows, pair.getValue());
        }
    }

    /** The unit tree as its parents, read once for a write: a fold adds each agency's sums to every unit above it. */
    record UnitTree(Map<Long, Long> parents) {
        static UnitTree read(Connection connection) throws SQLException {
            var parents = new HashMap<Long, Long>();
            try (var s = connection.createStatement(); var r = s.executeQuery("select id, parent_id from unit")) {
                while (r.next()) {
                    long id = r.getLong(1);
                    long parent = r.getLong(2);
                    parents.put(id, r.wasNull() ? null : parent);
                }
            }
            return new UnitTree(parents);
        }

        /** The same tree with {@code unit} under {@code parent} (null: at the top). */
        UnitTree withParent(long unit, Long parent) {
            var moved = new HashMap<>(parents);
            moved.put(unit, parent);
            return new UnitTree(moved);
        }

        /** The top unit above {@code unit}, or itself when it is one. */
        long top(long unit) {
            var lineage = lineage(unit);
            return lineage.get(lineage.size() - 1);
        }

        /** The unit and every unit above it, itself first. */
        List<Long> lineage(long unit) {
            var lineage = new ArrayList<Long>();
            for (Long u = unit; u != null && lineage.size() <= parents.size(); u = parents.get(u)) {
                lineage.add(u);
            }
            return lineage;
        }
    }
}
