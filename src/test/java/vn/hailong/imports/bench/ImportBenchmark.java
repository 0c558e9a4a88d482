package vn.hailong.imports.bench;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.hailong.App;
import vn.hailong.Settings;
import vn.hailong.db.Database;
import vn.hailong.db.DatabaseUrl;

/**
 * Imports a generated file of SIPAS responses through POST /api/v1/imports and prints the time, the rate and
 * the peak heap; then imports it again (every row already there). The file is written to a temporary file
 * first: 20 agencies, one year, rows in date order as exports come, 4 strata, 2 channels.
 *
 * <pre>bench/import.sh [--rows 1000000] [--shuffle] [--database-url URL]</pre>
 */
public final class ImportBenchmark {
    static final String CODES = "TC1,TC2,TC3,TT1,TT2,TT3,TT4,CC1,CC2,CC3,KQ1,KQ2,KQ3,PA1,PA2,PA3,HL";
    static final String[] STRATA = {"HT", "XD", "KD", "DD"};
    static final int AGENCIES = 20;

    public static void main(String[] args) throws Exception {
        var list = Arrays.asList(args);
        int rows = list.contains("--rows") ? Integer.parseInt(list.get(list.indexOf("--rows") + 1)) : 1_000_000;
        boolean shuffle = list.contains("--shuffle");
        var url = list.contains("--database-url") ? list.get(list.indexOf("--database-url") + 1) : null;
        EmbeddedPostgres embedded = null;
        var file = Files.createTempFile("hailong-import-bench", ".csv");
        try {
            if (url == null) {
                embedded = Database.durableEmbedded(Files.createTempDirectory("hailong-bench")).start();
                try (var c = embedded.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                    s.execute("create database bench");
                }
                url = "postgresql://postgres@localhost:" + embedded.getPort() + "/bench";
            }
            var settings = new Settings(0, Optional.of(url), Path.of("target/bench-data"), false,
                Optional.of("bench-password")).withRateLimits(0, 0);
            try (var app = App.start(settings)) {
                prepare(DatabaseUrl.parse(url));
                long t0 = System.nanoTime();
                write(file, rows, shuffle);
                System.out.printf("%nHài Lòng import benchmark: java %s, %d cores, -Xmx%d MB, load average %.2f%n",
                        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                System.out.printf("generated %,d rows (%s) in %.1f s: %,d MB%n", rows, shuffle ? "shuffled" : "in date order",
                        (System.nanoTime() - t0) / 1e9, Files.size(file) >> 20);
                var cookie = signIn(app.port());
                importOnce("first import", app.port(), cookie, file);
                importOnce("same file again", app.port(), cookie, file);
                var jdbc = DatabaseUrl.parse(url);
                try (var c = DriverManager.getConnection(jdbc.jdbcUrl(), jdbc.user().orElse("postgres"), jdbc.password().orElse(""));
                     var s = c.createStatement();
                     var r = s.executeQuery("select (select count(*) from response), (" + vn.hailong.TestApp.ROLLED_UP
                             + "), (select count(*) from rollup)")) {
                    r.next();
                    System.out.printf("stored: %,d responses, rollups count %,d responses in %,d rows%n",
                            r.getLong(1), r.getLong(2), r.getLong(3));
                }
            }
        } finally {
            Files.deleteIfExists(file);
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    static void importOnce(String name, int port, String cookie, Path file) throws Exception {
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        var sampled = new AtomicLong();
        var sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                sampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long gcBefore = gcMillis();
        long t0 = System.nanoTime();
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/imports"))
                .header("Cookie", cookie.split(";")[0].split("\\|")[0])
                .header("X-CSRF-Token", cookie.split("\\|")[1])
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        var old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Old"))
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%-16s HTTP %d in %6.1f s: %s%n", name, response.statusCode(), seconds,
                response.body().length() > 300 ? response.body().substring(0, 300) : response.body());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(name + " failed: HTTP " + response.statusCode());
        }
        long rows = Long.parseLong(response.body().replaceAll(".*\"rows\":(\\d+).*", "$1"));
        System.out.printf("%-16s %,.0f rows/s; peak heap used %d MB (sampled), old generation peak %d MB,"
                        + " sum of pool peaks %d MB; GC %.1f s; load average %.2f%n", "", rows / seconds,
                sampled.get() >> 20, old >> 20, poolPeaks >> 20, (gcMillis() - gcBefore) / 1e3,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
    }

    /** A province, its agencies and the service fields the strata name, straight into the database. */
    static void prepare(DatabaseUrl jdbc) throws Exception {
        try (var c = DriverManager.getConnection(jdbc.jdbcUrl(), jdbc.user().orElse("postgres"), jdbc.password().orElse(""));
             var s = c.createStatement()) {
            s.execute("insert into unit (code, name_vi, kind) values ('P', 'Tỉnh', 'province')");
            for (int a = 1; a <= AGENCIES; a++) {
                s.execute("insert into unit (code, name_vi, kind, parent_id) select 'AG" + String.format("%02d", a)
                        + "', 'Sở " + a + "', 'department', id from unit where code = 'P'");
            }
            for (var field : STRATA) {
                s.execute("insert into service_field (code, name_vi) values ('" + field + "', 'Lĩnh vực " + field + "')");
            }
        }
    }

    /** rows responses over 2025, in date order unless shuffled (then the days come in a random order). */
    static void write(Path file, int rows, boolean shuffle) throws Exception {
        var random = new SplittableRandom(7);
        var first = LocalDate.of(2025, 1, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("response_id,submitted_at,agency_code,stratum,channel," + CODES + "\n");
            var line = new StringBuilder(128);
            for (int i = 0; i < rows; i++) {
                int day = shuffle ? random.nextInt(365) : (int) ((long) i * 365 / rows);
                line.setLength(0);
                line.append('R').append(i).append(',').append(first.plusDays(day)).append(",AG")
                        .append(String.format("%02d", 1 + random.nextInt(AGENCIES))).append(',')
                        .append(STRATA[random.nextInt(STRATA.length)]).append(',')
                        .append(random.nextInt(3) == 0 ? "kiosk" : "online");
                int mood = 2 + random.nextInt(4);
                boolean straight = random.nextInt(10) == 0;
                for (int k = 0; k < 17; k++) {
                    line.append(',');
                    if (k != 16 && random.nextInt(20) == 0) {
                        continue; // not applicable
                    }
                    line.append(straight ? mood : Math.max(1, Math.min(5, mood + random.nextInt(3) - 1)));
                }
                out.append(line).append('\n');
            }
        }
    }

    /** Signs in as admin; returns "cookie|csrf". */
    static String signIn(int port) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"bench-password\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        var csrf = response.body().replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1");
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0] + "|" + csrf;
    }
}
