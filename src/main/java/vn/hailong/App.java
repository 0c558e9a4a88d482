package vn.hailong;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;
import static vn.hailong.auth.Access.ADMIN;
import static vn.hailong.auth.Access.AGENCY_MANAGER;
import static vn.hailong.auth.Access.ANALYST;
import static vn.hailong.auth.Access.KEY_DOSSIERS;
import static vn.hailong.auth.Access.KEY_IMPORT;
import static vn.hailong.auth.Access.KEY_INVITATIONS;
import static vn.hailong.auth.Access.KIOSK;
import static vn.hailong.auth.Access.PUBLIC;
import static vn.hailong.auth.Access.READERS;
import static vn.hailong.auth.Access.SIGNED_IN;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import vn.hailong.analytics.CommentsApi;
import vn.hailong.analytics.CompareApi;
import vn.hailong.analytics.IndicesApi;
import vn.hailong.analytics.InsightsApi;
import vn.hailong.analytics.ReasonsApi;
import vn.hailong.analytics.ReportApi;
import vn.hailong.analytics.PopulationApi;
import vn.hailong.analytics.ResponseRatesApi;
import vn.hailong.analytics.ResponsesExportApi;
import vn.hailong.analytics.TimingApi;
import vn.hailong.audit.AuditApi;
import vn.hailong.auth.Access;
import vn.hailong.auth.AccessControl;
import vn.hailong.auth.Accounts;
import vn.hailong.auth.ApiKeys;
import vn.hailong.auth.ApiKeysApi;
import vn.hailong.auth.ClientHash;
import vn.hailong.auth.DevicesApi;
import vn.hailong.auth.KioskDevices;
import vn.hailong.auth.LoginThrottle;
import vn.hailong.auth.SessionApi;
import vn.hailong.auth.Sessions;
import vn.hailong.auth.UsersApi;
import vn.hailong.catalogue.CatalogueApi;
import vn.hailong.collect.CollectApi;
import vn.hailong.collect.Directory;
import vn.hailong.collect.QualityFlags;
import vn.hailong.collect.RateLimiter;
import vn.hailong.collect.Submissions;
import vn.hailong.collect.SubmissionsApi;
import vn.hailong.collect.SurveyLinksApi;
import vn.hailong.dossiers.DossiersApi;
import vn.hailong.dossiers.IndicatorsApi;
import vn.hailong.imports.ImportsApi;
import vn.hailong.imports.Uploads;
import vn.hailong.rollup.RollupFolder;
import vn.hailong.rollup.Rollups;
import vn.hailong.survey.Forms;
import vn.hailong.centres.CentresApi;
import vn.hailong.http.OpenApi;
import vn.hailong.http.PublicUrl;
import vn.hailong.http.Requests;
import vn.hailong.http.SecurityHeaders;
import vn.hailong.http.WebAssets;
import vn.hailong.http.WholeBodies;
import vn.hailong.qr.QrApi;
import vn.hailong.survey.QuestionnairesApi;
import vn.hailong.targets.TargetsApi;
import vn.hailong.alerts.Alerts;
import vn.hailong.alerts.AlertsApi;
import vn.hailong.alerts.AlertsJob;
import vn.hailong.cases.CaseNotifier;
import vn.hailong.cases.Cases;
import vn.hailong.cases.CasesApi;
import vn.hailong.cases.ContactErasure;
import vn.hailong.units.UnitsApi;
import vn.hailong.db.Database;
import vn.hailong.db.ResponsePartitions;
import vn.hailong.demo.DemoProvince;
import vn.hailong.home.Overview;
import vn.hailong.ops.Health;
import vn.hailong.ops.Metrics;
import vn.hailong.ops.RequestLog;
import vn.hailong.publications.PublicResultsApi;
import vn.hailong.publications.PublicationsApi;
import vn.hailong.notify.Attachments;
import vn.hailong.notify.Delivery;
import vn.hailong.notify.NotificationsApi;
import vn.hailong.notify.WebhooksApi;
import vn.hailong.schedule.Job;
import vn.hailong.stats.Estimates;
import vn.hailong.schedule.Schedule;
import vn.hailong.report.DigestJob;
import vn.hailong.report.Digests;
import vn.hailong.report.MonthlyReports;
import vn.hailong.report.OpenCases;
import vn.hailong.report.ReportAttachments;
import vn.hailong.report.ReportsApi;
import vn.hailong.survey.DefaultContent;

/**
 * The whole program, wired by hand: settings → database (migrated) → DSLContext → default content,
 * demo data and first admin → features → Javalin. Reading this class explains what runs.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    public static final String VERSION = readVersion();
    /** Larger bodies get 413; imports stream their files past this, up to Uploads.MAX_FILE_BYTES. */
    static final int MAX_REQUEST_BYTES = 2_000_000;
    /** Routes whose handler streams the body to a file itself, rather than receiving it whole first. */
    static final Set<String> STREAMED_UPLOADS = Set.of("/api/v1/imports", "/api/v1/population/import");
    /**
     * A body arriving slower than this on average (after a grace of two seconds) is cut off with 408. A rating is a few hundred
     * bytes and comes in one or two packets even over a poor mobile link; a client dribbling bytes is not a person.
     */
    static final long MIN_UPLOAD_BYTES_PER_SECOND = 100;
    /**
     * The GET routes read on the hot standby when DATABASE_READ_URL is set: the analytics, which only read and can be a
     * little behind (their answers say how much). Every other route, and these routes' other methods, use the primary.
     */
    static final Set<String> READ_ON_STANDBY = Set.of("/api/v1/overview", "/api/v1/indices", "/api/v1/compare",
            "/api/v1/rankings", "/api/v1/trend", "/api/v1/drivers", "/api/v1/reliability", "/api/v1/comments",
            "/api/v1/timing", "/api/v1/distribution", "/api/v1/reasons", "/api/v1/report.pdf", "/api/v1/response-rates",
            "/api/v1/indicators", "/api/v1/public/results", "/api/v1/public/results.csv");
    /** Static files up to this size are kept in memory, as they are and gzipped (Swagger UI's bundle is 1.5 MB). */
    static final int STATIC_PRECOMPRESS_MAX_BYTES = 4_000_000;
    /** Pages and modules: revalidated every time (their ETag answers 304), one encoding or the other by request. */
    public static final java.util.Map<String, String> STATIC_HEADERS = java.util.Map.of(
            "Cache-Control", "no-cache", "Vary", "Accept-Encoding");
    /** WebJars: their paths carry their version. */
    public static final java.util.Map<String, String> VERSIONED_HEADERS = java.util.Map.of(
            "Cache-Control", WebAssets.IMMUTABLE, "Vary", "Accept-Encoding");
    private static final Set<HandlerType> HTTP_METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);

    private final Database database;
    private final Javalin javalin;
    private final List<Route> routes;

    /** A route as declared: method, path template and who may call it. */
    public record Route(String method, String path, Set<RouteRole> roles) {
    }

    private App(Database database, Javalin javalin, List<Route> routes) {
        this.database = database;
        this.javalin = javalin;
        this.routes = routes;
    }

    /** Starts everything the settings describe; throws StartupException with one clear line on a bad setting. */
    public static App start(Settings settings) {
        return start(settings, Clock.systemUTC());
    }

    /**
     * Starts with {@code clock} as the time of the schedule, the rate limits and the checks of a rating's time (the
     * tests move it across New Year); the database's own now() and the start-up partitions keep the system's.
     */
    public static App start(Settings settings, Clock clock) {
        Ports.checkFree(settings.port());
        var database = Database.open(settings.databaseUrl(), settings.dataDir(), settings.databaseReadUrl());
        try {
            var dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
            new DefaultContent(dsl).seed();
            if (settings.demo()) {
                int lastYear = DemoProvince.defaultLastYear();
                if (new DemoProvince(dsl).fillIfEmpty(DemoProvince.DEFAULT_SEED, lastYear) > 0) {
                    // The weekly alert check as it ran after the demo's last full week (its ratings end with the
                    // year), so the dashboard shows the alerts a province would have had then.
                    var monday = LocalDate.of(lastYear + 1, 1, 1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                    Schedule.runOnce(dsl, new AlertsJob(new Alerts(dsl, new Forms(dsl))), Alerts.isoWeek(monday));
                }
            }
            var admin = new Accounts(dsl).ensureFirstAdmin(settings.adminPassword());
            admin.generatedPassword().ifPresent(password -> System.out.println(
                    "Created user 'admin' with password " + password
                            + " (shown only this once; set ADMIN_PASSWORD to choose it yourself)"));
            var routes = new ArrayList<Route>();
            var javalin = createServer(dsl, database, settings, routes, clock);
            try {
                javalin.start(settings.port());
            } catch (RuntimeException e) {
                if (hasCause(e, BindException.class)) {
                    throw new StartupException(Ports.inUse(settings.port()), e);
                }
                throw e;
            }
            log.info("event=started port={} version={} database={} analytics_read_from={} url={}", javalin.port(), VERSION,
                    database.embedded() ? "embedded" : "external", database.reads().isPresent() ? "standby" : "primary",
                    settings.publicBase(javalin.port()));
            return new App(database, javalin, List.copyOf(routes));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    static Javalin createServer(DSLContext dsl, Database database, Settings settings, List<Route> routes,
                                 Clock clock) {
        // The analytics' reads: on the hot standby of DATABASE_READ_URL while it answers, else on the primary
        // (db.ReadPool, docs/scaling.md). Everything that writes, signs in or must read its own writes uses dsl.
        var reads = database.reads();
        var readDsl = reads.map(r -> DSL.using(r.dataSource(), SQLDialect.POSTGRES)).orElse(dsl);
        var health = new Health(database.dataSource(), VERSION, reads);
        var metrics = new Metrics(dsl, database.pool());
        reads.ifPresent(metrics::standby);
        var requestLog = new RequestLog(metrics);
        var overview = new Overview(readDsl);
        var sessions = new Sessions(dsl);
        var apiKeys = new ApiKeys(dsl);
        var devices = new KioskDevices(dsl);
        var access = new AccessControl(sessions, apiKeys, devices, settings.metricsToken());
        var publicUrl = new PublicUrl(settings.publicUrl());
        var clients = new ClientHash();
        var sessionApi = new SessionApi(dsl, sessions, LoginThrottle.shared(dsl, clock),
                ClientHash.shared(dsl, clock));
        var units = new UnitsApi(dsl);
        var centres = new CentresApi(dsl);
        var catalogue = new CatalogueApi(dsl);
        var questionnaires = new QuestionnairesApi(dsl);
        var devicesApi = new DevicesApi(dsl, devices, publicUrl);
        var users = new UsersApi(dsl, sessions);
        var keys = new ApiKeysApi(dsl, apiKeys);
        var audit = new AuditApi(dsl);
        var qr = new QrApi();
        var forms = new Forms(dsl);
        var rollups = new Rollups(forms);
        var folder = new RollupFolder(dsl, Duration.ofMillis(100), Duration.ofSeconds(1));
        // Ratings are stored in group commits. One writer by default: while it commits, the next ratings gather into
        // one larger batch, and a batch's cost is mostly its own (docs/benchmarks.md: 37 % of the raw insert rate
        // with one writer, 27 % with two, whose batches were half as large). Writers never wait on each other's
        // rows; a server's writers, like two servers', wait only on the same rating or dossier sent to both.
        var stored = new Submissions(dsl, rollups, folder, Integer.getInteger("hailong.writers", 1));
        var directory = new Directory(dsl);
        var submissions = new SubmissionsApi(directory, forms, stored,
                new RateLimiter(settings.clientRatePerMinute(), clock),
                new RateLimiter(settings.deviceRatePerMinute(), clock), clients, new QualityFlags(), clock);
        var collect = new CollectApi(dsl, forms, publicUrl, directory);
        var surveyLinks = new SurveyLinksApi(dsl, forms, directory, publicUrl);
        var indices = new IndicesApi(readDsl, forms);
        var compare = new CompareApi(readDsl, forms);
        var insights = new InsightsApi(readDsl, forms);
        var reasons = new ReasonsApi(readDsl, forms);
        var comments = new CommentsApi(readDsl, forms);
        var timing = new TimingApi(readDsl, forms);
        var report = new ReportApi(readDsl, forms);
        var population = new PopulationApi(dsl);
        var uploads = Uploads.open(settings.dataDir());
        var imports = new ImportsApi(dsl, forms, rollups, uploads);
        var openApi = new OpenApi(VERSION);
        var responsesExport = new ResponsesExportApi(dsl, forms);
        var responseRates = new ResponseRatesApi(readDsl, forms);
        var dossiers = new DossiersApi(dsl);
        var indicators = new IndicatorsApi(readDsl);
        var targets = new TargetsApi(dsl);
        var publications = new PublicationsApi(dsl, forms);
        var publicResults = new PublicResultsApi(readDsl);
        // Work done once per period (sql/V10, scheduled_run); -Dhailong.scheduleSeconds=0 turns the ticking off (the
        // tests do, and run jobs themselves).
        var jobs = new ArrayList<Job>();
        var alertChecks = new Alerts(dsl, forms, Estimates.DEFAULT_MIN_N, settings.publicBase(settings.port()));
        var alerts = new AlertsApi(dsl, alertChecks);
        jobs.add(new AlertsJob(alertChecks));
        // Scheduled reports (docs/scheduled-reports.md): each unit's monthly report to its subscribers, with its PDF
        // made at delivery by attachments, and the province digest.
        // Files attached to e-mails, made at delivery (notify.Attachments): the reports' PDFs.
        // Scheduled reports are read on the primary: a month's report is complete, whatever the standby's lag.
        Attachments attachments = new ReportAttachments(reads.isPresent() ? new ReportApi(dsl, forms) : report);
        var cases = new CasesApi(dsl);
        jobs.add(new ContactErasure(settings.contactRetentionDays()));
        OpenCases openCases = tx -> Cases.openByUnit(tx).stream()
                .map(c -> new OpenCases.Count(c.unitId(), c.open(), c.overdue())).toList();
        var monthlyReports = new MonthlyReports(dsl, forms, "SIPAS");
        var digests = new Digests(forms, "SIPAS", openCases);
        jobs.add(monthlyReports);
        jobs.add(new DigestJob(dsl, digests));
        // The year partitions of response, last year to two years ahead, made again each day (db/ResponsePartitions).
        jobs.add(new ResponsePartitions.Job());
        var reportsApi = new ReportsApi(dsl, monthlyReports, digests);
        int scheduleSeconds = Integer.getInteger("hailong.scheduleSeconds", 60);
        var schedule = scheduleSeconds > 0
                ? new Schedule(dsl, jobs, clock, Duration.ofSeconds(scheduleSeconds)) : null;
        // Notifications leave the outbox (sql/V10) on their own thread; -Dhailong.deliverySeconds=0 turns it off (the
        // tests do, and deliver themselves). -Dhailong.retrySeconds sets the first back-off (tests shorten it).
        int deliverySeconds = Integer.getInteger("hailong.deliverySeconds", 2);
        var backoff = new Delivery.Backoff(Duration.ofSeconds(Integer.getInteger("hailong.retrySeconds", 30)),
                Delivery.Backoff.DEFAULT.longest(), Delivery.Backoff.DEFAULT.maxAttempts());
        var delivery = deliverySeconds > 0
                ? new Delivery(dsl, settings.smtp(), attachments, backoff, Duration.ofSeconds(deliverySeconds)) : null;
        var notifications = new NotificationsApi(dsl, settings.smtp().isPresent());
        var webhooks = new WebhooksApi(dsl);
        // New cases are handed to the outbox every few seconds (off with the schedule: tests call pass()).
        var webAssets = WebAssets.load();
        var caseNotifier = new CaseNotifier(dsl, scheduleSeconds > 0 ? Duration.ofSeconds(5) : null,
                settings.publicBase(settings.port()));
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.events.serverStopped(caseNotifier::close);
            if (delivery != null) {
                config.events.serverStopped(delivery::close);
            }
            config.events.serverStopped(stored::close);
            config.events.serverStopped(folder::close);
            config.events.serverStopped(uploads::close);
            if (schedule != null) {
                config.events.serverStopped(schedule::close);
            }
            config.events.handlerAdded(h -> {
                if (HTTP_METHODS.contains(h.getHttpMethod())) {
                    routes.add(new Route(h.getHttpMethod().name(), h.getPath(), Set.copyOf(h.getRoles())));
                }
            });
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jetty.host = settings.host().orElse(null);
            // Bodies are received whole before a handler runs, so no thread waits for a slow client.
            config.jetty.modifyServer(server -> server.insertHandler(
                    new WholeBodies(MAX_REQUEST_BYTES, MIN_UPLOAD_BYTES_PER_SECOND, STREAMED_UPLOADS)));
            // The survey's versioned files, from memory, before Javalin (http.WebAssets.handler).
            config.jetty.modifyServer(server -> server.insertHandler(webAssets.handler()));
            config.jsonMapper(new JavalinJackson(objectMapper(), false));
            config.requestLogger.http(requestLog::log);
            // Pages, modules and styles: read and gzipped once, then sent from memory; their addresses carry no
            // version, so a browser revalidates them every time (ETag, 304) and never mixes two releases' modules.
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.roles = Set.of(Access.PUBLIC);
                files.precompressMaxSize = STATIC_PRECOMPRESS_MAX_BYTES;
                files.headers = STATIC_HEADERS;
            });
            // The same files under /v/{version}/, a digest of them all, are answered before Javalin (WebAssets.handler).
            // WebJars (Chart.js), public like the pages; served this way so they carry an access rule too. Their
            // addresses name their version, so they never change: kept by browsers for a year.
            config.staticFiles.add(files -> {
                files.hostedPath = "/webjars";
                files.directory = "/META-INF/resources/webjars";
                files.location = Location.CLASSPATH;
                files.roles = Set.of(Access.PUBLIC);
                files.precompressMaxSize = STATIC_PRECOMPRESS_MAX_BYTES;
                files.headers = VERSIONED_HEADERS;
            });
            ApiErrors.register(config);
            config.routes.before(SecurityHeaders::apply);
            config.routes.beforeMatched(Requests::refuseNul);
            config.routes.beforeMatched(access::check);
            // Once access is granted, an analytics read decides its source and says it in X-Data-* headers.
            reads.ifPresent(r -> {
                config.routes.beforeMatched(ctx -> {
                    if (ctx.method() == HandlerType.GET && READ_ON_STANDBY.contains(ctx.path())) {
                        r.begin(ctx);
                    }
                });
                config.routes.after(r::end);
            });
            config.routes.apiBuilder(() -> {
                get("/health", health::get, PUBLIC);
                get("/metrics", metrics::get, Access.METRICS);
                get("/s/{code}", surveyLinks::open, PUBLIC);
                get("/survey/", webAssets::surveyPage, PUBLIC);
                get("/d/{token}", collect::openInvitation, PUBLIC);
                path("/api/v1", () -> {
                    get("/openapi.json", openApi::get, PUBLIC);
                    get("/overview", overview::get, PUBLIC);
                    get("/qr", qr::get, PUBLIC);
                    path("/session", () -> {
                        post(sessionApi::login, PUBLIC);
                        get(sessionApi::get, SIGNED_IN);
                        delete(sessionApi::logout, SIGNED_IN);
                        put("/password", sessionApi::changePassword, SIGNED_IN);
                        get("/notifications", notifications::mine, SIGNED_IN);
                        put("/notifications", notifications::choose, SIGNED_IN);
                        post("/notifications/test", notifications::test, SIGNED_IN);
                    });
                    get("/notifications", notifications::log, ADMIN);
                    path("/webhooks", () -> {
                        get(webhooks::list, ADMIN);
                        post(webhooks::create, ADMIN);
                        patch("/{id}", webhooks::update, ADMIN);
                        post("/{id}/test", webhooks::test, ADMIN);
                    });
                    get("/unit-kinds", units::kinds, READERS);
                    path("/units", () -> {
                        get(units::list, READERS);
                        post(units::create, ADMIN);
                        post("/import", units::importCsv, ADMIN);
                        post("/crosswalk", units::crosswalk, ADMIN);
                        get("/{id}", units::get, READERS);
                        get("/{id}/history", units::history, READERS);
                        patch("/{id}", units::update, ADMIN);
                    });
                    path("/centres", () -> {
                        get(centres::list, READERS);
                        post(centres::create, ADMIN);
                        get("/{id}", centres::get, READERS);
                        patch("/{id}", centres::update, ADMIN);
                        post("/{id}/counters", centres::createCounter, ADMIN);
                    });
                    patch("/counters/{id}", centres::updateCounter, ADMIN);
                    path("/service-fields", () -> {
                        get(catalogue::fields, READERS);
                        post(catalogue::createField, ADMIN);
                    });
                    path("/services", () -> {
                        get(catalogue::services, READERS);
                        post(catalogue::create, ADMIN);
                        post("/import", catalogue::importCsv, ADMIN);
                        get("/{id}", catalogue::get, READERS);
                        patch("/{id}", catalogue::update, ADMIN);
                    });
                    get("/scales", questionnaires::scales, READERS);
                    get("/questionnaire-presets", questionnaires::presets, ADMIN);
                    path("/questionnaires", () -> {
                        get(questionnaires::list, READERS);
                        post(questionnaires::create, ADMIN);
                        get("/{id}", questionnaires::get, READERS);
                        post("/{id}/versions", questionnaires::createDraft, ADMIN);
                    });
                    path("/questionnaire-versions/{id}", () -> {
                        get(questionnaires::version, READERS);
                        put(questionnaires::updateDraft, ADMIN);
                        delete(questionnaires::deleteDraft, ADMIN);
                        post("/publish", questionnaires::publish, ADMIN);
                    });
                    path("/devices", () -> {
                        get(devicesApi::list, ADMIN, AGENCY_MANAGER);
                        post(devicesApi::create, ADMIN, AGENCY_MANAGER);
                        post("/{id}/enrolment-code", devicesApi::renewCode, ADMIN, AGENCY_MANAGER);
                        post("/{id}/revoke", devicesApi::revoke, ADMIN, AGENCY_MANAGER);
                    });
                    post("/kiosk/enrolment", devicesApi::enrol, PUBLIC);
                    get("/kiosk/me", devicesApi::me, KIOSK);
                    get("/kiosk/config", collect::kioskConfig, KIOSK);
                    post("/responses", submissions::submit, PUBLIC);
                    get("/responses/export", responsesExport::get, READERS);
                    get("/forms/{questionnaire}", collect::form, PUBLIC);
                    path("/survey-links", () -> {
                        get(surveyLinks::list, ADMIN, AGENCY_MANAGER, ANALYST);
                        post(surveyLinks::create, ADMIN, AGENCY_MANAGER);
                        get("/{code}", surveyLinks::get, PUBLIC);
                        patch("/{code}", surveyLinks::update, ADMIN, AGENCY_MANAGER);
                    });
                    post("/invitations", collect::invite, ADMIN, KEY_INVITATIONS);
                    get("/invitations/{token}", collect::invitation, PUBLIC);
                    path("/users", () -> {
                        get(users::list, ADMIN);
                        post(users::create, ADMIN);
                        patch("/{id}", users::update, ADMIN);
                    });
                    path("/api-keys", () -> {
                        get(keys::list, ADMIN);
                        post(keys::create, ADMIN);
                        post("/{id}/revoke", keys::revoke, ADMIN);
                    });
                    get("/audit", audit::list, ADMIN);
                    get("/indices", indices::get, READERS);
                    get("/compare", compare::get, READERS);
                    get("/rankings", insights::rankings, READERS);
                    get("/trend", insights::trend, READERS);
                    get("/drivers", insights::drivers, READERS);
                    get("/reliability", insights::reliability, READERS);
                    get("/comments", comments::get, READERS);
                    get("/timing", timing::get, READERS);
                    get("/distribution", insights::distribution, READERS);
                    get("/reasons", reasons::get, READERS);
                    get("/report.pdf", report::pdf, READERS);
                    path("/reports", () -> {
                        post("/send", reportsApi::send, ADMIN);
                        get("/digest", reportsApi::digest, ADMIN, ANALYST);
                        get("/digest.txt", reportsApi::digestText, ADMIN, ANALYST);
                    });
                    get("/response-rates", responseRates::get, READERS);
                    get("/population", population::list, READERS);
                    put("/population", population::put, ADMIN, KEY_IMPORT);
                    post("/population/import", imports::population, ADMIN, KEY_IMPORT);
                    post("/imports", imports::responses, ADMIN, KEY_IMPORT);
                    put("/dossiers", dossiers::putDossiers, ADMIN, KEY_DOSSIERS);
                    put("/dossier-months", dossiers::putMonths, ADMIN, KEY_DOSSIERS);
                    get("/indicators", indicators::get, READERS);
                    post("/responses/{submissionId}/contact", cases::contact, PUBLIC);
                    path("/cases", () -> {
                        get(cases::list, READERS);
                        get("/summary", cases::summary, READERS);
                        get("/{id}", cases::get, READERS);
                        patch("/{id}", cases::patch, ADMIN, AGENCY_MANAGER);
                    });
                    path("/case-settings", () -> {
                        get(cases::settings, ADMIN);
                        get("/{unit}", cases::setting, ADMIN);
                        put("/{unit}", cases::putSetting, ADMIN);
                    });
                    path("/holidays", () -> {
                        get(cases::holidays, READERS);
                        put("/{date}", cases::putHoliday, ADMIN);
                        delete("/{date}", cases::deleteHoliday, ADMIN);
                    });
                    path("/targets", () -> {
                        get(targets::list, READERS);
                        put("/{unit}/{year}", targets::put, ADMIN);
                        delete("/{unit}/{year}", targets::delete, ADMIN);
                    });
                    path("/alerts", () -> {
                        get(alerts::list, READERS);
                        post("/check", alerts::check, ADMIN, ANALYST);
                        post("/{id}/acknowledge", alerts::acknowledge, ADMIN, ANALYST, AGENCY_MANAGER);
                    });
                    path("/publications", () -> {
                        get(publications::list, ADMIN);
                        get("/{unit}/{year}", publications::get, ADMIN);
                        put("/{unit}/{year}", publications::put, ADMIN);
                        delete("/{unit}/{year}", publications::delete, ADMIN);
                    });
                    get("/public/results", publicResults::results, PUBLIC);
                    get("/public/results.csv", publicResults::csv, PUBLIC);
                });
            });
        });
    }

    public int port() {
        return javalin.port();
    }

    /** Every HTTP route with its access rule, as declared: what the authorization matrix test walks. */
    public List<Route> routes() {
        return routes;
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
