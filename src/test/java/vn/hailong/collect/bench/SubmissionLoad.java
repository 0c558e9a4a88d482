package vn.hailong.collect.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.hailong.App;
import vn.hailong.Settings;
import vn.hailong.db.Database;
import vn.hailong.db.DatabaseUrl;

/**
 * Load benchmark of POST /api/v1/responses over loopback, beside the raw rate of the same PostgreSQL doing
 * the same single-row inserts. Bounded in time and count; prints its figures.
 *
 * <pre>bench/collect.sh [--seconds 10] [--rounds 5] [--warm-up 60] [--clients 8] [--rate 500] [--database-url URL]
 *                  [--profile] [--without-rollups]</pre>
 *
 * After the warm-up, {@code --rounds} rounds each run the API and then the raw inserts for {@code --seconds}; the
 * API's rate over the raw rate is given per round, and their mean with its 95 % confidence interval.
 *
 * The closed loop's rate counts the time the rollup folder takes after the last answer. A last phase sends
 * ratings of an unknown agency, each refused (422) before anything is written: what HTTP, JSON and the checks
 * cost. {@code --without-rollups} stores ratings without their rollups (hailong.bench.withoutRollups).
 *
 * With {@code --profile} (embedded database only) it also prints, for the first round's closed loop, where
 * PostgreSQL spent its time statement by statement, functions' inner statements included (pg_stat_statements).
 */
public final class SubmissionLoad {
    static final String[] CODES = {"TC1", "TC2", "TC3", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3", "KQ1", "KQ2",
            "KQ3", "PA1", "PA2", "PA3", "HL"};
    static final int MAX_REQUESTS = 200_000;
    /** Seconds of the warm-up's second part. */
    static final int SETTLE = 10;
    static long apiCount;
    static long rawCount;

    public static void main(String[] args) throws Exception {
        int seconds = intArg(args, "--seconds", 10);
        int clients = intArg(args, "--clients", 8);
        int rate = intArg(args, "--rate", 500);
        int warmUp = intArg(args, "--warm-up", 60);
        int rounds = intArg(args, "--rounds", 5);
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, not " + rounds);
        }
        var url = stringArg(args, "--database-url");
        boolean profile = Arrays.asList(args).contains("--profile");
        if (Arrays.asList(args).contains("--without-rollups")) {
            System.setProperty("hailong.bench.withoutRollups", "true"); // read when the app is wired, below
        }
        EmbeddedPostgres embedded = null;
        if (url == null) {
            var builder = Database.durableEmbedded(Files.createTempDirectory("hailong-bench"));
            if (profile) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.track", "all")
                        .setServerConfig("pg_stat_statements.track_planning", "on");
            }
            embedded = builder.start();
            try (var c = embedded.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                s.execute("create database bench");
            }
            url = "postgresql://postgres@localhost:" + embedded.getPort() + "/bench";
        }
        var settings = new Settings(0, Optional.of(url), Path.of("target/bench-data"), false,
                Optional.of("bench-password")).withRateLimits(0, 0);
        try (var app = App.start(settings)) {
            var jdbc = DatabaseUrl.parse(url);
            try (var c = DriverManager.getConnection(jdbc.jdbcUrl(), jdbc.user().orElse("postgres"), jdbc.password().orElse(""));
                 var s = c.createStatement()) {
                s.execute("insert into unit (code, name_vi, kind) values ('AG01', 'Sở Tư pháp', 'department')"
                        + " on conflict do nothing");
            }
            System.out.printf("Hài Lòng submission benchmark: %d clients, %d s per phase, java %s, %d cores%n",
                    clients, seconds, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            var base = "http://localhost:" + app.port() + "/api/v1/responses";
            var cpu = new CpuMeter(embedded == null ? null : embedded.getPort());
            // Long enough for the JIT to settle. In two parts, each measured as the phases are: what a phase first
            // runs at its end (sorting the latencies, printing, reading /proc) loads classes, and the JIT then drops
            // much of what it compiled (made not entrant) and compiles it again; the second part takes that, not the
            // closed loop.
            cpu.start();
            run("warm-up", base, clients, Math.max(1, warmUp - SETTLE), 0);
            cpu.report("warm-up", apiCount);
            cpu.start();
            run("warm-up, settling", base, clients, Math.min(warmUp, SETTLE), 0);
            cpu.report("warm-up, settling", apiCount);
            if (profile) {
                Statements.reset(jdbc);
            }
            // Rounds alternating the API and the raw inserts, each giving one ratio: a slow spell of the machine hits
            // both sides of a round alike, and the rounds' spread gives the mean ratio's interval.
            var ratios = new double[rounds];
            double raw = 0;
            for (int round = 1; round <= rounds; round++) {
                var name = "round " + round + ", API";
                cpu.start();
                var answered = run(name, base, clients, seconds, 0);
                // The rollup rows the ratings left pending are folded after them: the rate counts that time too.
                double folding = foldingLeft(jdbc);
                var api = apiCount / (apiCount / answered + folding);
                System.out.printf("%-28s %8.0f submissions/s  (the last pending rollup rows folded %.0f ms after the"
                        + " last answer)%n", name + ", folded", api, folding * 1000);
                cpu.report(name, apiCount);
                if (profile && round == 1) {
                    Statements.print(jdbc, apiCount);
                }
                name = "round " + round + ", raw INSERT";
                cpu.start();
                var inserts = rawInserts(jdbc, clients, seconds);
                System.out.printf("%-28s %8.0f inserts/s%n", name, inserts);
                cpu.report(name, rawCount);
                ratios[round - 1] = 100 * api / inserts;
                raw += inserts / rounds;
            }
            var ratio = RoundMean.of(ratios);
            System.out.printf("API / raw, round by round: %s of the raw insert rate: %s%n", ratio.describe("%"),
                    ratio.verdict("≥", 100));
            // What HTTP, JSON and the checks cost before anything is written: the same ratings, for an agency
            // that does not exist, each answered 422 (its directory is in memory: no database round trip).
            cpu.start();
            var refused = run("API, refused (422)", base, clients, seconds, 0, "NO-SUCH-AGENCY", 422);
            cpu.report("API, refused (422)", apiCount);
            System.out.printf("%-28s %8.1f %% of the raw insert rate%n", "refused / raw", 100 * refused / raw);
            run("API at " + rate + "/s", base, clients * 4, seconds, rate);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** Sends ratings for {@code seconds}; rate 0 means as fast as the clients go. Returns submissions/s. */
    static double run(String name, String url, int clients, int seconds, int rate) throws Exception {
        return run(name, url, clients, seconds, rate, "AG01", 201);
    }

    /** The same, for ratings of {@code agency}, each expected to be answered with {@code status}. */
    static double run(String name, String url, int clients, int seconds, int rate, String agency, int status)
            throws Exception {
        var counter = new AtomicInteger();
        java.util.concurrent.ThreadFactory threads = task -> {
            var thread = new Thread(task, "load-client-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        var http = httpClient(clients);
        var latencies = new ConcurrentLinkedQueue<Long>();
        var errors = new AtomicInteger();
        var issued = new AtomicLong();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        var pool = Executors.newFixedThreadPool(clients, threads);
        var clientsDone = new ArrayList<java.util.concurrent.Future<?>>();
        for (int c = 0; c < clients; c++) {
            clientsDone.add(pool.submit(() -> {
                int i = 0;
                while (System.nanoTime() < end) {
                    long n = issued.getAndIncrement();
                    if (n >= MAX_REQUESTS) {
                        break;
                    }
                    if (rate > 0) { // open loop: request n is due at start + n / rate
                        long due = start + n * 1_000_000_000L / rate;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        if (due >= end) {
                            break;
                        }
                    }
                    long t0 = System.nanoTime();
                    try {
                        var post = new HttpPost(url);
                        post.setEntity(new StringEntity(body(i++, agency), ContentType.APPLICATION_JSON));
                        int code = http.execute(post, response -> {
                            EntityUtils.consume(response.getEntity());
                            return response.getCode();
                        });
                        latencies.add(System.nanoTime() - t0);
                        if (code != status) {
                            errors.incrementAndGet();
                        }
                    } catch (java.io.IOException e) { // counted, not timed
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        // The clients' threads stay (daemons) until the JVM ends: their CPU time is read once the phase ends.
        for (var done : clientsDone) {
            done.get(seconds + 60, TimeUnit.SECONDS);
        }
        http.close();
        double elapsed = (System.nanoTime() - start) / 1e9;
        var sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double perSecond = sorted.length / elapsed;
        apiCount = sorted.length;
        System.out.printf("%-28s %8.0f submissions/s  p50 %6.2f ms  p99 %6.2f ms  (%d requests, %d errors)%n",
                name, perSecond, percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length, errors.get());
        return perSecond;
    }

    /**
     * The load generator's HTTP client, a connection for each of {@code clients}: Apache HttpClient's classic
     * (blocking) client. Each request is written and read on its client's thread, where the JDK's HttpClient handed it
     * between threads several times (about 130 µs of CPU a request against the raw inserts' 35 µs, on the same two
     * cores as the server). No retries: a request that fails counts as an error.
     */
    public static CloseableHttpClient httpClient(int clients) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(clients).setMaxConnPerRoute(clients).build())
                .disableAutomaticRetries()
                .build();
    }

    /** Seconds until no rollup row is pending (see vn.hailong.rollup.RollupFolder), at most two minutes. */
    public static double foldingLeft(DatabaseUrl jdbc) throws Exception {
        long start = System.nanoTime();
        try (var c = DriverManager.getConnection(jdbc.jdbcUrl(), jdbc.user().orElse("postgres"), jdbc.password().orElse(""));
             var s = c.createStatement()) {
            while (System.nanoTime() - start < TimeUnit.MINUTES.toNanos(2)) {
                try (var r = s.executeQuery("select exists (select from rollup_pending)")) {
                    r.next();
                    if (!r.getBoolean(1)) {
                        break;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The same single-row inserts into response, each its own transaction, straight over JDBC. */
    static double rawInserts(DatabaseUrl jdbc, int clients, int seconds) throws Exception {
        long versionId;
        long agencyId;
        try (var c = DriverManager.getConnection(jdbc.jdbcUrl(), jdbc.user().orElse("postgres"), jdbc.password().orElse(""));
             var s = c.createStatement()) {
            var r = s.executeQuery("select (select v.id from questionnaire_version v join questionnaire q on q.id ="
                    + " v.questionnaire_id where q.code = 'SIPAS'), (select id from unit where code = 'AG01')");
            r.next();
            versionId = r.getLong(1);
            agencyId = r.getLong(2);
        }
        var count = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        var pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int t = 0; t < clients; t++) {
            pool.submit(() -> {
                try (var c = DriverManager.getConnection(jdbc.jdbcUrl(), jdbc.user().orElse("postgres"), jdbc.password().orElse(""));
                     var insert = c.prepareStatement("insert into response (agency_id, submitted_at, questionnaire_version_id,"
                             + " channel, submission_id, content_hash, answers, received_at) values (?, now(), ?, 'web', ?, ?, ?, now())")) {
                    int i = 0;
                    while (System.nanoTime() < end && count.get() < MAX_REQUESTS) {
                        insert.setLong(1, agencyId);
                        insert.setLong(2, versionId);
                        insert.setObject(3, UUID.randomUUID());
                        insert.setString(4, "raw");
                        insert.setArray(5, c.createArrayOf("int2", levels(i++)));
                        insert.executeUpdate();
                        count.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        rawCount = count.get();
        return count.get() / ((System.nanoTime() - start) / 1e9);
    }

    static Short[] levels(int i) {
        var levels = new Short[29];
        for (int k = 0; k < 17; k++) {
            levels[k] = (short) (1 + (i + k) % 5);
        }
        return levels;
    }

    static String body(int i, String agency) {
        var answers = new ArrayList<String>();
        var levels = levels(i);
        for (int k = 0; k < CODES.length; k++) {
            answers.add("\"" + CODES[k] + "\":" + levels[k]);
        }
        return "{\"submissionId\":\"" + UUID.randomUUID() + "\",\"questionnaire\":\"SIPAS\",\"version\":1,"
                + "\"agency\":\"" + agency + "\",\"channel\":\"web\",\"answers\":{" + String.join(",", answers) + "}}";
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    static int intArg(String[] args, String name, int fallback) {
        var v = stringArg(args, name);
        return v == null ? fallback : Integer.parseInt(v);
    }

    static String stringArg(String[] args, String name) {
        List<String> list = Arrays.asList(args);
        int i = list.indexOf(name);
        return i >= 0 && i + 1 < list.size() ? list.get(i + 1) : null;
    }
}
