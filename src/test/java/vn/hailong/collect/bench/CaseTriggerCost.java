package vn.hailong.collect.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import vn.hailong.TestApp;
import vn.hailong.TestDatabase;

/**
 * What the follow-up case trigger (sql/V12) costs the storing of ratings: rounds of {@code n} ratings through POST
 * /api/v1/responses from 16 clients, one in ten negative with a comment (each opening a case), alternately with the
 * trigger enabled and disabled. Prints ratings a second per round. A main, not a test:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) vn.hailong.collect.bench.CaseTriggerCost 2000 3}
 */
public final class CaseTriggerCost {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.setProperty("hailong.scheduleSeconds", "0");
        try (var app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
             var dsl = app.dsl()) {
            dsl.execute("insert into unit (code, name_vi, kind) values ('BENCH', 'Đơn vị thử', 'department')");
            var http = HttpClient.newHttpClient();
            var url = URI.create("http://localhost:" + app.app.port() + "/api/v1/responses");
            round(http, url, 500); // warm-up
            for (int r = 0; r < rounds; r++) {
                for (boolean on : new boolean[] {true, false}) {
                    dsl.execute("alter table response " + (on ? "enable" : "disable") + " trigger follow_up_case_open");
                    long before = TestApp.one(dsl, "select count(*) from follow_up_case", Long.class);
                    double rate = round(http, url, n);
                    long opened = TestApp.one(dsl, "select count(*) from follow_up_case", Long.class) - before;
                    System.out.printf("round %d trigger %-3s %6.0f ratings/s, cases opened %d%n", r + 1,
                            on ? "on" : "off", rate, opened);
                }
            }
        }
    }

    static double round(HttpClient http, URI url, int n) throws Exception {
        var pool = Executors.newFixedThreadPool(16);
        var next = new AtomicInteger();
        var failed = new AtomicInteger();
        long started = System.nanoTime();
        var tasks = new ArrayList<java.util.concurrent.Future<?>>();
        for (int t = 0; t < 16; t++) {
            tasks.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    boolean negative = i % 10 == 0;
                    var body = "{\"submissionId\":\"" + UUID.randomUUID() + "\",\"questionnaire\":\"KIOSK\",\"version\":1,"
                            + "\"agency\":\"BENCH\",\"channel\":\"web\",\"answers\":{\"HL\":" + (negative ? 1 : 4 + i % 2)
                            + "}" + (negative || i % 7 == 0 ? ",\"comment\":\"Chờ lâu quá\"" : "") + "}";
                    try {
                        var answer = http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                        if (answer.statusCode() != 201) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        for (var task : tasks) {
            task.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " ratings failed");
        }
        return n / ((System.nanoTime() - started) / 1e9);
    }
}
