package vn.hailong;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jooq.CloseableDSLContext;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import com.fasterxml.jackson.databind.JsonNode;

/** The real application on a fresh database of the test server, spoken to over HTTP. */
public final class TestApp implements AutoCloseable {
    private static final HttpClient http = HttpClient.newHttpClient();

    public final App app;
    public final String databaseUrl;

    private TestApp(App app, String databaseUrl) {
        this.app = app;
        this.databaseUrl = databaseUrl;
    }

    public static TestApp start() {
        return start(settings(TestDatabase.fresh()));
    }

    public static TestApp start(Settings settings) {
        return new TestApp(App.start(settings), settings.databaseUrl().orElseThrow());
    }

    /** The application with {@code clock} as its time (App.start(Settings, Clock)). */
    public static TestApp start(Settings settings, java.time.Clock clock) {
        return new TestApp(App.start(settings, clock), settings.databaseUrl().orElseThrow());
    }

    /** The METRICS_TOKEN of test servers. */
    public static final String METRICS_TOKEN = "test-metrics-token-of-sixteen-characters-or-more";

    public static Settings settings(String databaseUrl) {
        return new Settings(0, Optional.of(databaseUrl), Path.of("target", "unused-data-dir"), false,
                Optional.of("test-admin-password")).withMetricsToken(METRICS_TOKEN);
    }

    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode getJson(String path) {
        try {
            return App.objectMapper().readTree(get(path).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A separate connection to the same database, for checks behind the application's back. */
    public CloseableDSLContext dsl() {
        return dsl(databaseUrl);
    }

    public static CloseableDSLContext dsl(String databaseUrl) {
        var url = vn.hailong.db.DatabaseUrl.parse(databaseUrl);
        return DSL.using(url.jdbcUrl(), url.user().orElse("postgres"), url.password().orElse(""));
    }

    /**
     * A connection to the embedded PostgreSQL of a running server's data directory, as an operator would open
     * one: the port from PostgreSQL's pid file, the password the server generated.
     */
    public static CloseableDSLContext embeddedDsl(Path dataDir) {
        try {
            var port = java.nio.file.Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(3).strip();
            var password = java.nio.file.Files.readString(dataDir.resolve("database-password")).strip();
            return DSL.using("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How many responses the rollups count: the top units' year rows (each sums its whole subtree) and the pending
     * rows not yet folded into them.
     */
    public static final String ROLLED_UP = "select (select coalesce(sum(responses), 0) from rollup r join unit u on"
            + " u.id = r.unit_id where r.aggregate = 1 and r.grain = 3 and u.parent_id is null)"
            + " + (select coalesce(sum(responses), 0) from rollup_pending)";

    /** Folds every pending rollup row, waiting for a fold the application has under way (its rows are skipped). */
    public static void foldRollups(DSLContext dsl) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            vn.hailong.rollup.RollupFolder.foldAll(dsl);
            if (one(dsl, "select count(*) from rollup_pending", Long.class) == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("rollup rows still pending after 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The single value a query returns, as the given type. */
    public static <T> T one(DSLContext dsl, String sql, Class<T> type, Object... bindings) {
        return dsl.fetchSingle(sql, bindings).get(0, type);
    }

    /** The first column of every row a query returns, as the given type. */
    public static <T> List<T> column(DSLContext dsl, String sql, Class<T> type) {
        return dsl.fetch(sql).getValues(0, type);
    }

    @Override
    public void close() {
        app.close();
    }
}
