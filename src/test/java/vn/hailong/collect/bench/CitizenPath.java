package vn.hailong.collect.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.hailong.analytics.bench.BenchServer;
import vn.hailong.db.Database;

/**
 * What a citizen's rating costs the server, the whole path through: the short link on the poster, the survey page
 * with its style sheets, modules and icon, the link, the published form, and the rating itself — the requests a
 * browser makes (CitizenPathBrowserTest checks this list against Chromium's). The server runs in its own JVM
 * (BenchServer) on its own embedded PostgreSQL; its CPU time is read from /proc, so the load generator is not
 * counted. Three scenarios, in rounds: a first visit (the browser's cache empty), a visit a day later with the cache
 * the first visit left (fresh entries are not asked for, stale ones revalidated with If-None-Match /
 * If-Modified-Since as the headers allow), and the rating alone.
 */
public final class CitizenPath {
    /** The path's requests before the rating, in a browser's order: the redirect, the page and what it loads. */
    public static List<String> gets(String code, String questionnaire, String files) {
        return List.of("/s/" + code, "/survey/", files + "/survey/survey.css", files + "/lib/citizen.css",
                files + "/lib/citizen-form.css", files + "/survey/survey.js", files + "/lib/callback.js",
                files + "/lib/api.js", files + "/lib/i18n.js", files + "/lib/questions.js", files + "/lib/dom.js",
                files + "/survey/messages.js", files + "/lib/words.js", files + "/favicon.svg",
                "/api/v1/survey-links/" + code, "/api/v1/forms/" + questionnaire);
    }

    /** Where the survey page has its files: /v/{version} when it names them so (http.WebAssets), else the root. */
    public static String files(String page) {
        var m = java.util.regex.Pattern.compile("src=\"(/v/[^/\"]+)/survey/survey\\.js\"").matcher(page);
        return m.find() ? m.group(1) : "";
    }

    static final double TARGET_US = 1000;
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int seconds = (int) longArg(args, "--seconds", 4);
        int rounds = (int) longArg(args, "--rounds", 6);
        int clients = (int) longArg(args, "--clients", 2);
        int warmUp = (int) longArg(args, "--warm-up", 60);
        long since = longArg(args, "--since", 86_400);
        System.out.printf(Locale.ROOT, "Hài Lòng citizen path benchmark: %d rounds of %d s per scenario, %d clients,"
                        + " %d s warm-up, cached visit %d s after the first; java %s, %d cores, load average %s%n",
                rounds, seconds, clients, warmUp, since, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        var data = Files.createTempDirectory("hailong-citizen-bench");
        try (var embedded = Database.durableEmbedded(data.resolve("pg")).start()) {
            try (var c = embedded.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                s.execute("create database bench");
            }
            var url = "postgresql://postgres@localhost:" + embedded.getPort() + "/bench";
            try (var server = BenchServer.start(url, "1g", false, false)) {
                new CitizenPath(server, new CpuMeter(embedded.getPort()), clients, since).run(seconds, rounds, warmUp);
            }
        }
        System.out.printf("%nDone, load average %s%n", loadAverage());
    }

    private final BenchServer server;
    private final CpuMeter postgres;
    private final int clients;
    private final long since;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private String code;
    private String agency;
    private String centre;
    private int version;
    private String files;

    private CitizenPath(BenchServer server, CpuMeter postgres, int clients, long since) {
        this.server = server;
        this.postgres = postgres;
        this.clients = clients;
        this.since = since;
        this.base = "http://localhost:" + server.port();
    }

    /** One scenario's figures in one round, per citizen path. */
    record Figures(double serverUs, double jitUs, double postgresUs, double requests, double bytes, long paths) {
    }

    private void run(int seconds, int rounds, int warmUp) throws Exception {
        setUp();
        var cold = firstVisit();
        System.out.printf("%nOne first visit, request by request (what the server answers):%n");
        for (var line : cold.log) {
            System.out.println("  " + line);
        }
        var later = cold.cache.copy();
        later.age(since);
        var cached = visit(later, true);
        System.out.printf("%nThe same browser %d s later, request by request:%n", since);
        for (var line : cached.log) {
            System.out.println("  " + line);
        }
        System.out.printf("%nWarm-up: %d s of first visits and ratings%n", warmUp);
        phase("cold", warmUp);
        long idleStart = CpuMeter.processNanos(server.pid());
        Thread.sleep(3000);
        double idleUsPerSecond = (CpuMeter.processNanos(server.pid()) - idleStart) / 1e3 / 3;
        System.out.printf(Locale.ROOT, "Server idle: %.0f µs CPU per second (its timers; included below)%n",
                idleUsPerSecond);
        var results = new HashMap<String, List<Figures>>();
        var scenarios = List.of("cold", "cached", "rating");
        for (int r = 1; r <= rounds; r++) {
            for (var scenario : scenarios) {
                var f = phase(scenario, seconds);
                results.computeIfAbsent(scenario, s -> new ArrayList<>()).add(f);
                System.out.printf(Locale.ROOT, "round %d %-7s %6d paths  server %6.0f µs (JIT %4.0f)  PostgreSQL %5.0f µs"
                                + "  %4.1f requests  %6.0f bytes per path%n", r, scenario, f.paths(), f.serverUs(),
                        f.jitUs(), f.postgresUs(), f.requests(), f.bytes());
            }
        }
        System.out.printf("%nServer CPU per citizen path (its JVM, from /proc; the load generator not counted):%n");
        var names = Map.of("cold", "first visit (empty browser cache)", "cached",
                "visit " + since + " s later (browser cache)", "rating", "the rating alone (POST)");
        for (var scenario : scenarios) {
            var list = results.get(scenario);
            var server = RoundMean.of(list.stream().mapToDouble(Figures::serverUs).toArray());
            var withoutJit = RoundMean.of(list.stream().mapToDouble(f -> f.serverUs() - f.jitUs()).toArray());
            var pg = RoundMean.of(list.stream().mapToDouble(Figures::postgresUs).toArray());
            System.out.printf(Locale.ROOT, "  %-40s %s%n  %-40s   without the JIT compilers %s, PostgreSQL %s%n"
                            + "  %-40s   %.1f requests reach the server, %.0f bytes sent; %s%n",
                    names.get(scenario), server.describe("µs"), "", withoutJit.describe("µs"), pg.describe("µs"), "",
                    list.get(0).requests(), list.get(0).bytes(),
                    scenario.equals("rating") ? "for comparison" : verdict(server));
        }
    }

    private static String verdict(RoundMean m) {
        if (m.mean() > TARGET_US) {
            return "FAIL (target ≤ 1000 µs)";
        }
        return m.high() <= TARGET_US ? "PASS (target ≤ 1000 µs, the whole interval too)"
                : String.format(Locale.ROOT, "PASS on the mean (target ≤ 1000 µs; the interval reaches %.0f µs)", m.high());
    }

    /** Runs one scenario on every client for the given time; CPU of the server JVM and PostgreSQL per path. */
    private Figures phase(String scenario, int seconds) throws Exception {
        var paths = new AtomicLong();
        var requests = new AtomicLong();
        var bytes = new AtomicLong();
        // The cached scenario starts from the cache a first visit left, aged: filled before the clock starts.
        var filled = new ArrayList<BrowserCache>();
        for (int c = 0; c < clients; c++) {
            var cache = scenario.equals("cached") ? firstVisit().cache : new BrowserCache();
            cache.age(since);
            filled.add(cache);
        }
        var pool = Executors.newFixedThreadPool(clients, r -> new Thread(r, "load-client"));
        long cpu0 = CpuMeter.processNanos(server.pid());
        long jit0 = CpuMeter.compilerNanos(server.pid());
        long pg0 = postgres.postgresNanos();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        var tasks = new ArrayList<Callable<Void>>();
        for (int c = 0; c < clients; c++) {
            var cache = filled.get(c);
            tasks.add(() -> {
                while (System.nanoTime() < end) {
                    Visit v = switch (scenario) {
                        case "cold" -> visit(new BrowserCache(), false);
                        case "cached" -> {
                            var copy = cache.copy();
                            yield visit(copy, false);
                        }
                        default -> rate();
                    };
                    paths.incrementAndGet();
                    requests.addAndGet(v.requests);
                    bytes.addAndGet(v.bytes);
                }
                return null;
            });
        }
        for (var f : pool.invokeAll(tasks)) {
            f.get();
        }
        pool.shutdown();
        long n = Math.max(1, paths.get());
        return new Figures((CpuMeter.processNanos(server.pid()) - cpu0) / 1e3 / n,
                (CpuMeter.compilerNanos(server.pid()) - jit0) / 1e3 / n, (postgres.postgresNanos() - pg0) / 1e3 / n,
                (double) requests.get() / n, (double) bytes.get() / n, paths.get());
    }

    /** What one path did: requests that reached the server, bytes it sent, and (when asked) a line per request. */
    static final class Visit {
        final BrowserCache cache;
        final List<String> log = new ArrayList<>();
        long requests;
        long bytes;

        Visit(BrowserCache cache) {
            this.cache = cache;
        }
    }

    private Visit firstVisit() throws Exception {
        return visit(new BrowserCache(), true);
    }

    /** The whole path as a browser goes it, with this cache, then the rating. */
    private Visit visit(BrowserCache cache, boolean log) throws Exception {
        var v = new Visit(cache);
        for (var path : gets(code, "SIPAS", files)) {
            get(v, path, log);
        }
        post(v, log);
        return v;
    }

    private Visit rate() throws Exception {
        var v = new Visit(null);
        post(v, false);
        return v;
    }

    private void get(Visit v, String path, boolean log) throws Exception {
        var entry = v.cache.fresh(path);
        if (entry != null && entry.fresh()) {
            if (log) {
                v.log.add(String.format(Locale.ROOT, "%-34s from the browser's cache (fresh: %s)", path, entry.cacheControl));
            }
            return;
        }
        var request = browser(HttpRequest.newBuilder(URI.create(base + path)).GET(),
                path.startsWith("/api/") ? "application/json" : "*/*");
        String conditional = "";
        if (entry != null && entry.etag != null) {
            request.header("If-None-Match", entry.etag);
            conditional = "If-None-Match";
        } else if (entry != null && entry.lastModified != null) {
            request.header("If-Modified-Since", entry.lastModified);
            conditional = "If-Modified-Since";
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        v.requests++;
        v.bytes += response.body().length;
        int status = response.statusCode();
        if (status != 200 && status != 304 && status != 302) {
            throw new IllegalStateException(path + " answered " + status);
        }
        v.cache.store(path, response);
        if (log) {
            v.log.add(String.format(Locale.ROOT, "%-34s %s %d, %5d bytes %-5s Cache-Control: %s, ETag: %s", path,
                    conditional.isEmpty() ? "" : "(" + conditional + ")", status, response.body().length,
                    response.headers().firstValue("Content-Encoding").orElse(""),
                    response.headers().firstValue("Cache-Control").orElse("-"),
                    response.headers().firstValue("ETag").orElse("-")));
        }
    }

    private void post(Visit v, boolean log) throws Exception {
        var answers = new StringBuilder();
        for (int k = 0; k < SubmissionLoad.CODES.length; k++) {
            answers.append(k == 0 ? "" : ",").append('"').append(SubmissionLoad.CODES[k]).append("\":")
                    .append(1 + Math.floorMod(k + v.hashCode(), 5));
        }
        var now = Instant.now();
        var body = "{\"submissionId\":\"" + UUID.randomUUID() + "\",\"questionnaire\":\"SIPAS\",\"version\":" + version
                + ",\"agency\":\"" + agency + "\",\"channel\":\"qr\",\"link\":\"" + code + "\",\"answers\":{" + answers
                + "},\"centre\":\"" + centre + "\",\"startedAt\":\"" + now.minusSeconds(150) + "\",\"submittedAt\":\""
                + now + "\"}";
        var request = browser(HttpRequest.newBuilder(URI.create(base + "/api/v1/responses"))
                .POST(HttpRequest.BodyPublishers.ofString(body)), "application/json")
                .header("Content-Type", "application/json");
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        v.requests++;
        v.bytes += response.body().length;
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("the rating answered " + response.statusCode() + ": "
                    + new String(response.body()));
        }
        if (log) {
            v.log.add(String.format(Locale.ROOT, "%-34s %d, %5d bytes", "POST /api/v1/responses", response.statusCode(),
                    response.body().length));
        }
    }

    /** The headers Chromium sends with every request (its client hints left out). */
    private static HttpRequest.Builder browser(HttpRequest.Builder request, String accept) {
        return request.header("User-Agent", "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/131.0.0.0 Mobile Safari/537.36")
                .header("Accept", accept)
                .header("Accept-Encoding", "gzip, deflate, br, zstd")
                .header("Accept-Language", "vi-VN,vi;q=0.9");
    }

    /** A unit, its one-stop centre and a survey link there, made by the admin through the API. */
    private void setUp() throws Exception {
        var login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"bench-password\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + login.body());
        }
        var cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        var csrf = JSON.readTree(login.body()).get("csrfToken").asText();
        agency = "XB" + (System.nanoTime() % 1000);
        centre = "MC-" + agency;
        long unit = admin(cookie, csrf, "/api/v1/units", Map.of("code", agency, "nameVi", "Xã Đo Lường",
                "nameEn", "Benchmark Commune", "kind", "commune")).get("id").asLong();
        admin(cookie, csrf, "/api/v1/centres", Map.of("code", centre, "unitId", unit, "nameVi", "Một cửa xã Đo Lường",
                "nameEn", "Benchmark one-stop centre"));
        code = admin(cookie, csrf, "/api/v1/survey-links", Map.of("agency", agency, "centre", centre)).get("code").asText();
        var form = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/forms/SIPAS")).build(),
                HttpResponse.BodyHandlers.ofString());
        version = JSON.readTree(form.body()).get("version").asInt();
        files = files(http.send(HttpRequest.newBuilder(URI.create(base + "/survey/")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode admin(String cookie, String csrf, String path, Map<String, Object> body) throws Exception {
        var answer = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    /**
     * A browser's HTTP cache as far as this path needs: what each answer allows to be kept (no-store: nothing), how
     * long it stays fresh (max-age; none or no-cache: revalidated every time, as Chromium does without max-age when
     * the answer also has no Last-Modified) and the validators to revalidate it with.
     */
    static final class BrowserCache {
        record Entry(String etag, String lastModified, String cacheControl, long freshFor, long storedAt, long now) {
            boolean fresh() {
                return now - storedAt < freshFor;
            }
        }

        private final Map<String, Entry> entries;
        private long clock;

        BrowserCache() {
            this(new HashMap<>(), 0);
        }

        private BrowserCache(Map<String, Entry> entries, long clock) {
            this.entries = entries;
            this.clock = clock;
        }

        BrowserCache copy() {
            return new BrowserCache(new HashMap<>(entries), clock);
        }

        /** Lets the given seconds pass. */
        void age(long seconds) {
            clock += seconds;
        }

        Entry fresh(String path) {
            var e = entries.get(path);
            return e == null ? null : new Entry(e.etag, e.lastModified, e.cacheControl, e.freshFor, e.storedAt, clock);
        }

        void store(String path, HttpResponse<?> response) {
            var cc = response.headers().firstValue("Cache-Control").orElse("").toLowerCase(Locale.ROOT);
            if (cc.contains("no-store")) {
                entries.remove(path);
                return;
            }
            var old = entries.get(path);
            var etag = response.headers().firstValue("ETag").orElse(response.statusCode() == 304 && old != null ? old.etag : null);
            var modified = response.headers().firstValue("Last-Modified")
                    .orElse(response.statusCode() == 304 && old != null ? old.lastModified : null);
            long freshFor = 0;
            var m = java.util.regex.Pattern.compile("max-age=(\\d+)").matcher(cc);
            if (m.find() && !cc.contains("no-cache")) {
                freshFor = Long.parseLong(m.group(1));
            }
            entries.put(path, new Entry(etag, modified, cc, freshFor, clock, clock));
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    static long longArg(String[] args, String name, long fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Long.parseLong(args[i + 1]);
            }
        }
        return fallback;
    }
}
