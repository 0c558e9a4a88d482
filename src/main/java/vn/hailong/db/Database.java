package vn.hailong.db;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.hailong.Vietnam;
import vn.hailong.StartupException;

/** The PostgreSQL the application runs on: an external server from DATABASE_URL, or an embedded one kept on disk. */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final EmbeddedDatabase embedded;
    private ReadPool reads;

    private Database(HikariDataSource pool, EmbeddedDatabase embedded) {
        this.pool = pool;
        this.embedded = embedded;
    }

    /** Connects to DATABASE_URL, or starts the embedded server in dataDir/pg; then migrates. */
    public static Database open(Optional<String> databaseUrl, Path dataDir) {
        return open(databaseUrl, dataDir, Optional.empty());
    }

    /**
     * Connects to DATABASE_URL, or starts the embedded server in dataDir/pg; then migrates; then, with
     * DATABASE_READ_URL, opens the read-only pool on its hot standby (docs/scaling.md). The URL is checked before
     * anything starts.
     */
    public static Database open(Optional<String> databaseUrl, Path dataDir, Optional<String> databaseReadUrl) {
        databaseReadUrl.ifPresent(url -> DatabaseUrl.parse(url, "DATABASE_READ_URL"));
        Database database;
        if (databaseUrl.isPresent()) {
            var url = DatabaseUrl.parse(databaseUrl.get());
            database = connect(url, null, DatabaseUrl.redacted(databaseUrl.get()));
        } else {
            var embedded = EmbeddedDatabase.start(dataDir);
            var url = new DatabaseUrl(embedded.jdbcUrl(), Optional.of("postgres"), Optional.of(embedded.password()));
            database = connect(url, embedded, "the embedded database in " + dataDir.resolve("pg"));
        }
        if (databaseReadUrl.isPresent()) {
            try {
                database.reads = ReadPool.open(databaseReadUrl.get(), database.pool);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        }
        return database;
    }

    /** The hot standby the analytics read from, when DATABASE_READ_URL is set. */
    public Optional<ReadPool> reads() {
        return Optional.ofNullable(reads);
    }

    public DataSource dataSource() {
        return pool;
    }

    public HikariDataSource pool() {
        return pool;
    }

    public boolean embedded() {
        return embedded != null;
    }

    /** Closes the pool, then stops the embedded server cleanly (a checkpoint, no recovery at next start). */
    @Override
    public void close() {
        if (reads != null) {
            reads.close();
        }
        pool.close();
        if (embedded != null) {
            try {
                embedded.close();
                log.info("event=embedded_database_stopped");
            } catch (IOException e) {
                log.warn("event=embedded_database_stop_failed error=\"{}\"", e.getMessage());
            }
        }
    }

    private static Database connect(DatabaseUrl url, EmbeddedDatabase embedded, String where) {
        var config = new HikariConfig();
        config.setPoolName("hailong");
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(Integer.getInteger("hailong.pool.size", 16));
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        // A server still starting gets a few seconds; a wrong setting is reported soon after.
        config.setInitializationFailTimeout(Duration.ofSeconds(3).toMillis());
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("ApplicationName", "hailong");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            closeQuietly(embedded);
            throw new StartupException(connectionProblem(where, e));
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            throw new StartupException("cannot use " + where + ": " + e.getMessage(), e);
        }
        var database = new Database(pool, embedded);
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            database.close();
            throw new StartupException("cannot migrate " + where + ": " + rootMessage(e), e);
        }
        return database;
    }

    /** Applies the migrations in sql/ (packaged as db/migration) that this database has not seen yet. */
    static void migrate(DataSource dataSource) {
        var flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        int applied;
        try {
            applied = flyway.migrate().migrationsExecuted;
        } catch (FlywayValidateException e) {
            if (madeBeforeTheSquash(dataSource)) {
                throw new IllegalStateException("this database was made by a development version before the schema"
                        + " was squashed (its first migration is 'schema', not 'units and catalogue'); use a new"
                        + " database, or delete DATA_DIR");
            }
            throw e;
        }
        log.info("event=migrated applied={}", applied);
        ensurePartitions(dataSource);
    }

    /**
     * Whether the migrations this database has applied are those of the development history that sql/ replaced with
     * one file per concern before any release, which began with V1__schema.sql. Those migrations are gone, so such a
     * database cannot be migrated on.
     */
    private static boolean madeBeforeTheSquash(DataSource dataSource) {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement(
                     "select 1 from flyway_schema_history where version = '1' and description = 'schema'");
             var rows = statement.executeQuery()) {
            return rows.next();
        } catch (SQLException e) {
            return false;
        }
    }

    /** Response partitions for last year to two years ahead, so the server can run across New Year. */
    private static void ensurePartitions(DataSource dataSource) {
        ResponsePartitions.ensureAround(dataSource, Vietnam.today());
    }

    /**
     * An embedded PostgreSQL in {@code pgDir} configured as the application runs it; the benchmarks start theirs
     * with this too. zonky starts the server with -F (no fsync) and without waiting for the WAL at commit, meant
     * for tests: a real system syncs, and a rating acknowledged is on disk.
     */
    public static EmbeddedPostgres.Builder durableEmbedded(Path pgDir) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgDir)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "localhost");
    }

    private static String connectionProblem(String where, Throwable e) {
        return connectionProblem("the database", where, e);
    }

    /** One line on why {@code what} ("the database", "the standby") at {@code where} cannot be used. */
    static String connectionProblem(String what, String where, Throwable e) {
        var named = what.equals("the database") ? where : what + " at " + where;
        var sql = findCause(e, SQLException.class);
        if (sql == null) {
            return "cannot connect to " + named + ": " + rootMessage(e);
        }
        var state = Optional.ofNullable(sql.getSQLState()).orElse("");
        return switch (state) {
            case "28P01", "28000" -> what + " at " + where + " refused the user name or password";
            case "3D000" -> what + " at " + where + " does not exist: " + sql.getMessage();
            case "08001", "08004", "08006" -> "cannot reach " + what + " at " + where + ": " + rootMessage(sql);
            default -> "cannot connect to " + named + ": " + sql.getMessage();
        };
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (var t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static String rootMessage(Throwable e) {
        var t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return Optional.ofNullable(t.getMessage()).orElse(t.getClass().getSimpleName());
    }

    private static void closeQuietly(EmbeddedDatabase embedded) {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("event=embedded_database_stop_failed error=\"{}\"", e.getMessage());
            }
        }
    }
}
