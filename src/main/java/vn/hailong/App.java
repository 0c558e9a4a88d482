package vn.hailong;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.Properties;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import vn.hailong.auth.Accounts;
import vn.hailong.db.Database;
import vn.hailong.demo.DemoProvince;
import vn.hailong.home.Overview;
import vn.hailong.ops.Health;
import vn.hailong.ops.Metrics;
import vn.hailong.ops.RequestLog;
import vn.hailong.survey.DefaultContent;

/**
 * The whole program, wired by hand: settings → database (migrated) → DSLContext → default content,
 * demo data and first admin → features → Javalin. Reading this class explains what runs.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    public static final String VERSION = readVersion();

    private final Database database;
    private final Javalin javalin;

    private App(Database database, Javalin javalin) {
        this.database = database;
        this.javalin = javalin;
    }

    /** Starts everything the settings describe; throws StartupException with one clear line on a bad setting. */
    public static App start(Settings settings) {
        Ports.checkFree(settings.port());
        var database = Database.open(settings.databaseUrl(), settings.dataDir());
        try {
            var dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
            new DefaultContent(dsl).seed();
            if (settings.demo()) {
                new DemoProvince(dsl).fillIfEmpty(DemoProvince.DEFAULT_SEED, DemoProvince.defaultLastYear());
            }
            var admin = new Accounts(dsl).ensureFirstAdmin(settings.adminPassword());
            admin.generatedPassword().ifPresent(password -> System.out.println(
                    "Created user 'admin' with password " + password
                            + " (shown only this once; set ADMIN_PASSWORD to choose it yourself)"));
            var javalin = createServer(dsl, database);
            try {
                javalin.start(settings.port());
            } catch (RuntimeException e) {
                if (hasCause(e, BindException.class)) {
                    throw new StartupException(Ports.inUse(settings.port()), e);
                }
                throw e;
            }
            log.info("event=started port={} version={} database={}", javalin.port(), VERSION,
                    database.embedded() ? "embedded" : "external");
            return new App(database, javalin);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    static Javalin createServer(DSLContext dsl, Database database) {
        var health = new Health(database.dataSource(), VERSION);
        var metrics = new Metrics(dsl, database.pool());
        var requestLog = new RequestLog(metrics);
        var overview = new Overview(dsl);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(objectMapper(), false));
            config.requestLogger.http(requestLog::log);
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            ApiErrors.register(config);
            config.routes.apiBuilder(() -> {
                get("/health", health::get);
                get("/metrics", metrics::get);
                path("/api/v1", () -> {
                    get("/overview", overview::get);
                });
            });
        });
    }

    public int port() {
        return javalin.port();
    }

    /** Stops taking requests, then closes the pool and stops the embedded database cleanly. */
    @Override
    public void close() {
        log.info("event=stopping");
        javalin.stop();
        database.close();
        log.info("event=stopped");
    }

    static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (var t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String readVersion() {
        var properties = new Properties();
        try (var in = App.class.getResourceAsStream("/hailong-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "dev");
    }
}
