package vn.hailong.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import io.javalin.http.Context;
import vn.hailong.StartupException;

/**
 * The analytics' reads on a PostgreSQL hot standby (DATABASE_READ_URL), with how far behind the primary it is.
 *
 * <p>A second pool, "hailong-read", of read-only connections to the standby; nothing is migrated or created there (the
 * standby replays what the primary did). {@link #dataSource()} hands out a standby connection while the standby
 * answers and a primary one while it does not, so a dashboard keeps working, from the primary, when the standby is down;
 * one warning is logged when it stops answering and one line when it answers again, not one per request.
 *
 * <p>How old the standby's figures are is measured once a second on a thread of its own, not per request: the standby
 * holds every transaction committed up to the later of the last one it replayed ({@code pg_last_xact_replay_timestamp()})
 * and the last moment it was seen caught up (everything received replayed, the WAL receiver streaming). The second
 * term matters on an idle primary: its last commit may be an hour old, yet nothing is missing.
 */
public final class ReadPool implements AutoCloseable {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(ReadPool.class);
    /** How often the standby's state is measured; the headers are at most this much behind the truth. */
    static final Duration PROBE_EVERY = Duration.ofMillis(Long.getLong("hailong.standbyProbeMillis", 1000));
    /** How long start-up waits for the standby to replay the primary's migrations. */
    private static final Duration SCHEMA_WAIT = Duration.ofSeconds(30);
    private static final String PROBE = """
            select pg_is_in_recovery(),
                   pg_last_wal_receive_lsn() is not distinct from pg_last_wal_replay_lsn()
                       and exists (select 1 from pg_stat_wal_receiver),
                   pg_last_xact_replay_timestamp(),
                   clock_timestamp()""";
    private static final String SCHEMA_VERSION =
            "select version from flyway_schema_history where success order by installed_rank desc limit 1";

    private final HikariDataSource standby;
    private final DataSource primary;
    private final String where;
    private final ThreadLocal<Reading> current = new ThreadLocal<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final DataSource routed = new Routed();
    private volatile State state = State.DOWN;
    /** The standby's clock when it was last seen caught up while streaming; null before. Only the prober writes it. */
    private Instant caughtUpAt;
    private ScheduledExecutorService prober;

    /**
     * The standby as last measured: whether it answered, whether it is a standby at all (a primary given as
     * DATABASE_READ_URL is always current), whether it was caught up, what it holds everything up to (null: unknown),
     * its clock then, and when (System.nanoTime) it was measured.
     */
    record State(boolean up, boolean inRecovery, boolean caughtUp, Instant asOf, Instant clock, long measuredAt) {
        static final State DOWN = new State(false, false, false, null, null, 0);

        /** Whether reads may go there: it answers and what it holds is known. */
        boolean usable() {
            return up && (caughtUp || !inRecovery || asOf != null);
        }

        Freshness freshness() {
            // Complete up to the measurement when it was caught up (or is no standby), else up to asOf; behind by the
            // time from then to now on the standby's clock.
            var now = clock.plus(Duration.ofNanos(System.nanoTime() - measuredAt));
            var complete = caughtUp || !inRecovery ? clock : asOf;
            return new Freshness(true, Math.max(0, Duration.between(complete, now).toSeconds()), complete);
        }
    }

    /** One request's source: decided when it starts, changed to the primary if the standby fails it meanwhile. */
    static final class Reading {
        private volatile Freshness freshness;

        Reading(Freshness freshness) {
            this.freshness = freshness;
        }

        Freshness freshness() {
            return freshness;
        }

        boolean standby() {
            return freshness.standby();
        }
    }

    private ReadPool(HikariDataSource standby, DataSource primary, String where) {
        this.standby = standby;
        this.primary = primary;
        this.where = where;
    }

    /**
     * Opens the pool on DATABASE_READ_URL, checks that it holds the primary's schema (waiting a little for the standby
     * to replay the migrations just applied) and measures it once; throws StartupException with one line otherwise.
     */
    static ReadPool open(String url, DataSource primary) {
        var parsed = DatabaseUrl.parse(url, "DATABASE_READ_URL");
        var where = DatabaseUrl.redacted(url);
        var config = new HikariConfig();
        config.setPoolName("hailong-read");
        config.setJdbcUrl(parsed.jdbcUrl());
        parsed.user().ifPresent(config::setUsername);
        parsed.password().ifPresent(config::setPassword);
        config.setReadOnly(true);
        config.setMaximumPoolSize(Integer.getInteger("hailong.readPool.size", 16));
        // A request waits little for a standby connection: past this it is answered from the primary.
        config.setConnectionTimeout(Duration.ofSeconds(2).toMillis());
        config.setInitializationFailTimeout(Duration.ofSeconds(3).toMillis());
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("socketTimeout", "300");
        config.addDataSourceProperty("ApplicationName", "hailong-read");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StartupException(Database.connectionProblem("the standby", where, e));
        } catch (RuntimeException e) {
            throw new StartupException("cannot use the standby at " + where + ": " + e.getMessage(), e);
        }
        var reads = new ReadPool(pool, primary, where);
        try {
            reads.awaitSchema();
            reads.probe();
            if (!reads.state.up) {
                throw new StartupException("cannot measure how far the standby at " + where + " is behind");
            }
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        log.info("event=standby_opened url={} in_recovery={} lag_seconds={}", where, reads.state.inRecovery,
                reads.state.usable() ? reads.state.freshness().lagSeconds() : "unknown");
        reads.prober = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "hailong-standby-probe");
            thread.setDaemon(true);
            return thread;
        });
        reads.prober.scheduleWithFixedDelay(reads::probe, PROBE_EVERY.toMillis(), PROBE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return reads;
    }

    /** The standby's connections while it answers, the primary's while it does not: for the analytics' DSLContext. */
    public DataSource dataSource() {
        return routed;
    }

    /** The standby's pool itself (for /metrics and tests). */
    public HikariDataSource pool() {
        return standby;
    }

    /** How old a read on the standby would be now; empty while the standby does not answer. */
    public Optional<Freshness> freshness() {
        var s = state;
        return s.usable() ? Optional.of(s.freshness()) : Optional.empty();
    }

    /** Whether the standby answered its last measurement. */
    public boolean up() {
        return state.up;
    }

    /**
     * Starts an analytics request: decides its source (the standby if usable) and says so in the headers. The
     * request's reads through {@link #dataSource()} on this thread go there.
     */
    public void begin(Context ctx) {
        var s = state;
        var reading = new Reading(s.usable() ? s.freshness() : Freshness.primary(Instant.now()));
        current.set(reading);
        ctx.attribute(Freshness.ATTRIBUTE, reading);
        headers(ctx, reading.freshness());
    }

    /** Ends it: the headers say where it was really answered (the primary, if the standby failed it meanwhile). */
    public void end(Context ctx) {
        current.remove();
        var reading = ctx.<Reading>attribute(Freshness.ATTRIBUTE);
        if (reading != null && !ctx.res().isCommitted()) {
            headers(ctx, reading.freshness());
        }
    }

    private static void headers(Context ctx, Freshness freshness) {
        ctx.header(Freshness.SOURCE_HEADER, freshness.standby() ? "standby" : "primary");
        ctx.header(Freshness.LAG_HEADER, Long.toString(freshness.lagSeconds()));
        ctx.header(Freshness.AS_OF_HEADER, freshness.asOfHeader());
    }

    /** Measures the standby once; runs on the prober's thread (and at start-up). */
    void probe() {
        try (var connection = standby.getConnection();
             var statement = connection.prepareStatement(PROBE)) {
            statement.setQueryTimeout(2);
            try (var rows = statement.executeQuery()) {
                rows.next();
                boolean inRecovery = rows.getBoolean(1);
                boolean caughtUp = rows.getBoolean(2);
                var replayed = Optional.ofNullable(rows.getTimestamp(3)).map(java.sql.Timestamp::toInstant).orElse(null);
                var clock = rows.getTimestamp(4).toInstant();
                if (caughtUp) {
                    caughtUpAt = clock;
                }
                var asOf = later(replayed, caughtUpAt);
                state = new State(true, inRecovery, caughtUp, asOf, clock, System.nanoTime());
            }
            if (down.compareAndSet(true, false)) {
                log.info("event=standby_reachable url={} lag_seconds={}", where,
                        state.usable() ? state.freshness().lagSeconds() : "unknown");
            }
        } catch (SQLException | RuntimeException e) {
            markDown(e);
        }
    }

    private void markDown(Exception e) {
        state = State.DOWN;
        if (down.compareAndSet(false, true)) {
            log.warn("event=standby_unreachable url={} error=\"{}\" reads=primary (said once, until it answers again)",
                    where, Database.rootMessage(e));
        }
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /** Waits until the standby has the primary's latest migration: then the analytics' tables are there. */
    private void awaitSchema() {
        String wanted;
        try (var connection = primary.getConnection();
             var statement = connection.prepareStatement(SCHEMA_VERSION);
             var rows = statement.executeQuery()) {
            wanted = rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new StartupException("cannot read the primary's schema version: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + SCHEMA_WAIT.toNanos();
        String seen = null;
        while (true) {
            try (var connection = standby.getConnection();
                 var statement = connection.prepareStatement(SCHEMA_VERSION);
                 var rows = statement.executeQuery()) {
                seen = rows.next() ? rows.getString(1) : null;
            } catch (SQLException e) {
                if (!"42P01".equals(e.getSQLState())) {
                    throw new StartupException(Database.connectionProblem("the standby", where, e), e);
                }
                seen = "none";
            }
            if (Objects.equals(wanted, seen)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StartupException("DATABASE_READ_URL " + where + " is not a standby of DATABASE_URL's database:"
                        + " its schema is at version " + seen + ", the primary's at " + wanted + " after "
                        + SCHEMA_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while waiting for the standby at " + where);
            }
        }
    }

    @Override
    public void close() {
        if (prober != null) {
            prober.shutdownNow();
        }
        standby.close();
    }

    /** Hands out the request's connection: the standby's when the request was sent there and it still answers. */
    private final class Routed implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            var reading = current.get();
            boolean toStandby = reading != null ? reading.standby() : state.usable();
            if (toStandby) {
                try {
                    return standby.getConnection();
                } catch (SQLException e) {
                    markDown(e);
                    if (reading != null) {
                        reading.freshness = Freshness.primary(Instant.now());
                    }
                }
            }
            return primary.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the pools hold their own credentials");
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return primary.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            primary.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            primary.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return primary.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return primary.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("not a wrapper of " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }
    }
}
