package vn.hailong.rollup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.postgresql.PGStatement;

/**
 * Where the rollup rows of a table were last written (their ctid), so that the next fold reads the rows it adds to
 * by their place, a TID scan, and not by their key through whatever index the planner picks: on rollup_cut it picked
 * the readers' period index and filtered some seventy rows a key, half of a fold's time in PostgreSQL.
 * <p>
 * A place is only a hint. A row read at a place counts only if its key and shard are the ones sought, and a key is
 * unique in its shard, so that row is the one the key would find; every key not found at its place is looked up by
 * its key. A place the row has left (rewritten by a rebuild, a fold rolled back, another database in the same JVM)
 * is a miss and changes no sum, which is why one map may serve every connection and database.
 */
final class RowPlaces<K> {
    /** A row's key in its shard. */
    private record Placed<K>(K key, short shard) {
    }

    /** Reads a row's key from the columns after its ctid. */
    interface KeyReader<K> {
        K key(ResultSet r) throws SQLException;
    }

    private final int capacity;
    /** The places used least lately go first. */
    private final LinkedHashMap<Placed<K>, String> places;

    /** Remembers at most {@code capacity} places: about 300 bytes each. */
    RowPlaces(int capacity) {
        this.capacity = capacity;
        this.places = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Placed<K>, String> eldest) {
                return size() > RowPlaces.this.capacity;
            }
        };
    }

    /** Remembers where a row of {@code shard} was written: its ctid, as PostgreSQL prints it. */
    synchronized void put(K key, short shard, String ctid) {
        places.put(new Placed<>(key, shard), ctid);
    }

    synchronized int size() {
        return places.size();
    }

    private synchronized Map<K, String> of(Set<K> keys, short shard) {
        var known = new HashMap<K, String>();
        for (var key : keys) {
            var ctid = places.get(new Placed<>(key, shard));
            if (ctid != null) {
                known.put(key, ctid);
            }
        }
        return known;
    }

    /**
     * Adds to {@code rows} the rows of the shard found at the places of their keys, and returns the keys found.
     * {@code select} names the row's ctid as text, then its key's columns (read by {@code keys}), then its shard,
     * its number of responses and its packed statistics, from the table; this adds the condition.
     */
    Set<K> readInto(Connection c, String select, short shard, Map<K, RollupSummary.Sum> rows, KeyReader<K> keys)
            throws SQLException {
        var known = of(rows.keySet(), shard);
        var found = new HashSet<K>();
        if (known.isEmpty()) {
            return found;
        }
        try (var statement = c.prepareStatement(select + " where ctid = any (?::tid[])")) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1); // bytea in binary, not in hex
            statement.setArray(1, c.createArrayOf("tid", known.values().toArray()));
            try (var r = statement.executeQuery()) {
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    var key = keys.key(r);
                    // Another row may have taken the place: it counts only as the row its key sought there.
                    if (r.getShort(columns - 2) == shard && r.getString(1).equals(known.get(key)) && found.add(key)) {
                        rows.get(key).add(r.getLong(columns - 1), r.getBytes(columns));
                    }
                }
            }
        }
        return found;
    }

    /** The keys of {@code rows} not in {@code found}: those to look up by their key. */
    static <K> List<K> rest(Map<K, ?> rows, Set<K> found) {
        var rest = new ArrayList<K>(rows.size() - found.size());
        for (var key : rows.keySet()) {
            if (!found.contains(key)) {
                rest.add(key);
            }
        }
        return rest;
    }
}
