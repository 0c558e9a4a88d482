package vn.hailong.collect.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import vn.hailong.db.DatabaseUrl;

/** PostgreSQL's own account of where its time went (pg_stat_statements), per rating stored. */
final class Statements {
    private Statements() {
    }

    static void reset(DatabaseUrl jdbc) throws SQLException {
        try (var c = connect(jdbc); var s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        }
    }

    /** The statements that took most time: per rating, their time, calls, blocks and WAL bytes. */
    static void print(DatabaseUrl jdbc, long ratings) throws SQLException {
        try (var c = connect(jdbc); var s = c.createStatement(); var r = s.executeQuery("""
                select calls, total_exec_time, total_plan_time, rows, shared_blks_hit + shared_blks_read as blocks,
                       wal_bytes, toplevel, regexp_replace(query, '\\s+', ' ', 'g') as query
                  from pg_stat_statements
                 where dbid = (select oid from pg_database where datname = current_database())
                 order by total_exec_time desc
                 limit 15""")) {
            System.out.printf("%-28s %s%n", "PostgreSQL statements", "(per rating: µs executing, µs planning, calls,"
                    + " blocks, WAL bytes; * = inside a function)");
            while (r.next()) {
                var query = r.getString("query");
                System.out.printf("  %7.1f µs %6.1f µs %6.2f calls %7.1f blocks %8.0f WAL %s %s%n",
                        1000 * r.getDouble("total_exec_time") / ratings,
                        1000 * r.getDouble("total_plan_time") / ratings, r.getDouble("calls") / ratings,
                        r.getDouble("blocks") / ratings, r.getDouble("wal_bytes") / ratings,
                        r.getBoolean("toplevel") ? " " : "*", query.length() > 110 ? query.substring(0, 110) + "…" : query);
            }
        }
    }

    private static Connection connect(DatabaseUrl jdbc) throws SQLException {
        return DriverManager.getConnection(jdbc.jdbcUrl(), jdbc.user().orElse("postgres"), jdbc.password().orElse(""));
    }
}
