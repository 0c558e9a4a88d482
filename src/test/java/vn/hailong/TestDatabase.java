package vn.hailong;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** One embedded PostgreSQL for the whole test run; each test class asks it for a fresh database. */
public final class TestDatabase {
    private static final AtomicInteger counter = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {
    }

    /** Creates an empty database and returns its URL, in the DATABASE_URL form an operator would write. */
    public static String fresh() {
        var name = "hailong_test_" + counter.incrementAndGet();
        try (var connection = server().getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "postgresql://postgres@localhost:" + server().getPort() + "/" + name;
    }

    public static int port() {
        return server().getPort();
    }

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }
}
