package vn.hailong.analytics.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

import vn.hailong.collect.bench.CpuMeter;
import vn.hailong.collect.bench.RoundMean;
import vn.hailong.collect.bench.SubmissionLoad;
import vn.hailong.db.DatabaseUrl;

/**
 * What keeping rollups costs ingestion: POST /api/v1/responses by closed-loop clients, on the database the
 * analytics phases filled. Two servers run side by side on that database, one with rollups and one without (started
 * with the benchmark switch hailong.bench.withoutRollups, see SubmissionBatch). Both are warmed up first, and the
 * rounds then alternate between them, so that a change of the machine's load hits both alike and neither is still
 * compiling what it runs.
 */
final class IngestionCost {
    static final String[] CODES = {"TC1", "TC2", "TC3", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3", "KQ1", "KQ2",
            "KQ3", "PA1", "PA2", "PA3", "HL"};
    static final int MAX_REQUESTS = 200_000;
    /** Runs of each server before the measured rounds. */
    static final int WARM_UP_PARTS = 3;

    /** Where a rating goes: an agency, one of its services and its centre, all by code. */
    record Target(String agency, String service, String centre) {
    }

    private IngestionCost() {
    }

    static void measure(String url, String heap, int clients, int seconds, int rounds) throws Exception {
        var targets = targets(DatabaseUrl.parse(url));
        System.out.printf("%nIngestion: POST /api/v1/responses, %d clients in a closed loop, a server with rollups and"
                        + " one without, each warmed up for %d × %d s, then %d rounds of %d s each (with rollups, then"
                        + " without), ratings spread over %d agency × service pairs, load average %s%n",
                clients, WARM_UP_PARTS, seconds, rounds, seconds, targets.size(), AnalyticsLoad.loadAverage());
        var cpu = new CpuMeter(port(url));
        try (var withRollups = BenchServer.start(url, heap, false, false);
             var withoutRollups = BenchServer.start(url, heap, false, true)) {
            // The warm-up in parts, alternated as the rounds are: the JIT recompiles some of what it compiled first
            // once the other server's turn has come and gone (as SubmissionLoad's warm-up found). With two parts the
            // server with rollups still compiled 170–320 µs a rating in the first round.
            for (int part = 1; part <= WARM_UP_PARTS; part++) {
                run("warm-up " + part + ", with rollups", withRollups, withoutRollups, url, targets, clients, seconds,
                        cpu);
                run("warm-up " + part + ", without rollups", withoutRollups, withRollups, url, targets, clients,
                        seconds, cpu);
            }
            double with = 0;
            double without = 0;
            var costs = new double[rounds];
            var cpuCosts = new double[rounds];
            for (int round = 1; round <= rounds; round++) {
                var w = run("round " + round + ", with rollups", withRollups, withoutRollups, url, targets, clients,
                        seconds, cpu);
                var wo = run("round " + round + ", without rollups", withoutRollups, withRollups, url, targets, clients,
                        seconds, cpu);
                with += w.perSecond() / rounds;
                without += wo.perSecond() / rounds;
                costs[round - 1] = 100 * (1 - w.perSecond() / wo.perSecond());
                cpuCosts[round - 1] = 100 * (1 - wo.cpuMicros() / w.cpuMicros());
            }
            System.out.printf("Ingestion with rollups %.0f/s, without %.0f/s on average: rollups cost %.1f %% of the"
                    + " rate%n", with, without, 100 * (1 - with / without));
            // A round's cost compares two runs 10 s apart, so a slow spell of the machine hits both alike. The rounds
            // still differ by tens of points (both servers' rates vary, for reasons not pinned down), so the verdict
            // is on their mean, with its interval.
            var cost = RoundMean.of(costs);
            System.out.printf("Rollups' cost, round by round: %s: %s%n", cost.describe("%"), cost.verdict("≤", 30));
            // The rate depends on what else the two cores run (the load generator, other processes); the CPU the
            // server and PostgreSQL spend on a rating much less. So the cost is also given by CPU: as the rates would
            // have it if the server and PostgreSQL had the cores to themselves.
            System.out.printf("By CPU per rating (server but its JIT, and PostgreSQL), round by round: %s%n",
                    RoundMean.of(cpuCosts).describe("%"));
        }
    }

    /** The port of the embedded PostgreSQL in a JDBC URL (jdbc:postgresql://localhost:port/...), or null. */
    private static Integer port(String url) {
        var m = Pattern.compile("//[^:/]+:(\\d+)/").matcher(DatabaseUrl.parse(url).jdbcUrl());
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** A run's rate, and the CPU the server and PostgreSQL spent per rating (µs) while it was measured. */
    record Run(double perSecond, double cpuMicros) {
    }

    /**
     * Sends ratings to {@code server} for {@code seconds}, then waits until they are folded; prints and returns. The
     * server's CPU time counts the other's too: its folder, looking now and then, may fold some of the pending rows.
     */
    private static Run run(String name, BenchServer server, BenchServer other, String url, List<Target> targets,
                           int clients, int seconds, CpuMeter cpu) throws Exception {
        var base = "http://localhost:" + server.port() + "/api/v1/responses";
        long serverStart = CpuMeter.processNanos(server.pid()) + CpuMeter.processNanos(other.pid());
        long compilerStart = CpuMeter.compilerNanos(server.pid()) + CpuMeter.compilerNanos(other.pid());
        long postgresStart = cpu.postgresNanos();
        var r = loop(base, targets, clients, seconds);
        // The rollup rows the ratings left pending are folded after them: the rate counts that time too.
        double folding = SubmissionLoad.foldingLeft(DatabaseUrl.parse(url));
        double perSecond = r.requests() / (r.requests() / r.perSecond() + folding);
        // The JIT's share apart: a server that has run for a while compiles little, and its share says how far the
        // warm-up has gone.
        double compilerMicros = (CpuMeter.compilerNanos(server.pid()) + CpuMeter.compilerNanos(other.pid())
                - compilerStart) / 1e3 / r.requests();
        double serverMicros = (CpuMeter.processNanos(server.pid()) + CpuMeter.processNanos(other.pid())
                - serverStart) / 1e3 / r.requests() - compilerMicros;
        double postgresMicros = (cpu.postgresNanos() - postgresStart) / 1e3 / r.requests();
        System.out.printf("  %-28s %8.0f submissions/s  p50 %6.2f ms  p99 %6.2f ms  (%d requests, %d errors,"
                        + " last rollups folded %.0f ms after the last answer)  CPU per rating: server %.0f µs"
                        + " (and JIT %.0f µs), PostgreSQL %.0f µs  load average %s%n", name, perSecond, r.p50(),
                r.p99(), r.requests(), r.errors(), folding * 1000, serverMicros, compilerMicros, postgresMicros,
                AnalyticsLoad.loadAverage());
        return new Run(perSecond, serverMicros + postgresMicros);
    }

    record Result(double perSecond, double p50, double p99, int requests, int errors) {
    }

    /**
     * Closed-loop clients for {@code seconds}, with the lighter HTTP client SubmissionLoad uses.
     */
    private static Result loop(String url, List<Target> targets, int clients, int seconds) throws Exception {
        var latencies = new ConcurrentLinkedQueue<Long>();
        var errors = new AtomicInteger();
        var issued = new AtomicLong();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        var pool = Executors.newFixedThreadPool(clients);
        try (var http = SubmissionLoad.httpClient(clients)) {
            var done = new ArrayList<Future<?>>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long n = issued.getAndIncrement();
                        if (n >= MAX_REQUESTS) {
                            break;
                        }
                        long t0 = System.nanoTime();
                        var post = new HttpPost(url);
                        post.setEntity(new StringEntity(body((int) n, targets), ContentType.APPLICATION_JSON));
                        var answer = http.execute(post, response -> new String[] {
                                String.valueOf(response.getCode()), EntityUtils.toString(response.getEntity())});
                        latencies.add(System.nanoTime() - t0);
                        if (!answer[0].equals("201") && errors.incrementAndGet() == 1) {
                            System.out.printf("  POST /api/v1/responses answered %s: %.200s%n", answer[0], answer[1]);
                        }
                    }
                    return null;
                }));
            }
            for (var d : done) {
                d.get(seconds + 60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        double elapsed = AnalyticsLoad.seconds(start);
        var sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(sorted.length / elapsed, AnalyticsLoad.percentile(sorted, 0.50),
                AnalyticsLoad.percentile(sorted, 0.99), sorted.length, errors.get());
    }

    /** A full SIPAS rating (the 16 criteria and the overall question), as SubmissionLoad sends, to target i. */
    static String body(int i, List<Target> targets) {
        var t = targets.get(i % targets.size());
        var answers = new ArrayList<String>();
        for (int k = 0; k < CODES.length; k++) {
            answers.add("\"" + CODES[k] + "\":" + (1 + (i + k) % 5));
        }
        return "{\"submissionId\":\"" + UUID.randomUUID() + "\",\"questionnaire\":\"SIPAS\",\"version\":1,"
                + "\"agency\":\"" + t.agency() + "\",\"service\":\"" + t.service() + "\",\"centre\":\"" + t.centre()
                + "\",\"channel\":\"" + (i % 2 == 0 ? "web" : "qr") + "\",\"answers\":{" + String.join(",", answers) + "}}";
    }

    /**
     * Every service of every demo agency valid today (an ended one takes no rating), at the centre where the demo's
     * citizens rated that agency.
     */
    private static List<Target> targets(DatabaseUrl jdbc) throws SQLException {
        try (var c = AnalyticsLoad.connect(jdbc); var s = c.createStatement();
             var r = s.executeQuery("""
                     select u.code, s.code, sc.code
                       from unit_service us
                       join unit u on u.id = us.unit_id and u.valid_to is null
                       join service s on s.id = us.service_id
                       join lateral (select centre_id from response r where r.agency_id = u.id
                                      and r.centre_id is not null limit 1) rc on true
                       join service_centre sc on sc.id = rc.centre_id
                      order by u.code, s.code""")) {
            var targets = new ArrayList<Target>();
            while (r.next()) {
                targets.add(new Target(r.getString(1), r.getString(2), r.getString(3)));
            }
            return targets;
        }
    }
}
