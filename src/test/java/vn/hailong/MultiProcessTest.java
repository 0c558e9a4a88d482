package vn.hailong;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.TestApp.one;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * Two Hài Lòng servers on one PostgreSQL, as behind a load balancer, each its own JVM, port and DATA_DIR. Clients
 * send ratings to both and, like a load balancer, send a rating again to the other server when the connection fails;
 * one server is killed with SIGKILL in the middle of the load and started again by the same command. Then: every
 * acknowledged rating is stored once and counted once in every rollup; a session made on one server works on the
 * other; each scheduled job's period ran once although both ticked every second; and e-mails both servers deliver
 * from the one outbox arrive once each.
 */
class MultiProcessTest {
    static final int CLIENTS = 6;
    /** Ratings a client sends at least; it goes on until the restarted server has taken some, as a real load would. */
    static final int PER_CLIENT = 200;
    static final int EMAILS = 40;
    /** Between two ratings of one client: the load lasts about 15 s, so the killed server rejoins during it. */
    static final Duration PACE = Duration.ofMillis(60);
    static final Pattern JOB_RAN = Pattern.compile("event=job_ran job=(\\S+) period=(\\S+)");

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    final List<ServerProcess> launched = new ArrayList<>();

    @Test
    void two_servers_on_one_database_store_and_count_each_rating_once_when_one_is_killed() throws Exception {
        var mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        var url = TestDatabase.fresh();
        try {
            var envA = env(url, dataA, mail);
            var envB = env(url, dataB, mail);
            // Started together: migrations, default content and the first admin race, and must each happen once.
            var a = launch(envA);
            var b = launch(envB);
            a.awaitUp("/health", Duration.ofSeconds(120));
            b.awaitUp("/health", Duration.ofSeconds(120));
            try (var dsl = TestApp.dsl(url)) {
                dsl.execute("insert into unit (code, name_vi, kind) values ('P', 'Tỉnh P', 'province')");
                dsl.execute("insert into unit (code, name_vi, kind, parent_id) select c, 'Sở ' || c, 'department', id"
                        + " from unit, unnest(array['A1', 'A2']) c where code = 'P'");
                assertThat(one(dsl, "select count(*) from app_user", Long.class)).as("one first admin").isEqualTo(1L);
            }

            var ports = new int[] {a.port, b.port};
            var acknowledged = ConcurrentHashMap.<UUID>newKeySet();
            var retriedElsewhere = new AtomicInteger();
            var restartedAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
            var ackedByRestarted = new AtomicInteger();
            var sent = new AtomicInteger();
            var pool = Executors.newFixedThreadPool(CLIENTS);
            var clients = new ArrayList<java.util.concurrent.Future<?>>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    long giveUp = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                    for (int i = 0; i < PER_CLIENT || ackedByRestarted.get() < 20 && System.nanoTime() < giveUp; i++) {
                        sent.incrementAndGet();
                        var id = UUID.randomUUID();
                        var body = "{\"submissionId\":\"" + id + "\",\"questionnaire\":\"KIOSK\",\"version\":1,"
                                + "\"agency\":\"A" + (1 + i % 2) + "\",\"channel\":\"web\",\"answers\":{\"HL\":"
                                + (1 + (i + client) % 5) + "}}";
                        int target = (client + i) % 2; // round robin, as a load balancer
                        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                        while (true) {
                            if (System.nanoTime() > deadline) {
                                throw new IllegalStateException("rating " + id + " not acknowledged within 60 s");
                            }
                            try {
                                var response = post(ports[target], body);
                                if (response.statusCode() == 201 || response.statusCode() == 200) {
                                    acknowledged.add(id);
                                    if (target == 0 && System.nanoTime() > restartedAt.get()) {
                                        ackedByRestarted.incrementAndGet();
                                    }
                                    break;
                                }
                                if (response.statusCode() < 500) {
                                    throw new IllegalStateException(response.statusCode() + " " + response.body());
                                }
                            } catch (IOException e) {
                                // that server is down: the same rating again, to the other one
                            }
                            target = 1 - target;
                            retriedElsewhere.incrementAndGet();
                            Thread.sleep(20);
                        }
                        Thread.sleep(PACE.toMillis());
                    }
                    return null;
                }));
            }

            awaitAcknowledged(acknowledged, CLIENTS * PER_CLIENT / 4);
            int atKill = acknowledged.size();
            a.kill();
            long killedAt = System.nanoTime();
            var restarted = launch(envA);
            restarted.awaitUp("/health", Duration.ofSeconds(120));
            restartedAt.set(System.nanoTime());
            int atRestart = acknowledged.size();
            System.out.printf("killed A at %d acknowledged; A back after %d ms, at %d acknowledged%n", atKill,
                    (System.nanoTime() - killedAt) / 1_000_000, atRestart);
            for (var client : clients) {
                client.get(180, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(atKill).as("killed in the middle of the load").isPositive().isLessThan(sent.get());
            assertThat(atRestart).as("the other server went on alone").isGreaterThan(atKill)
                    .isLessThan(sent.get());
            assertThat(ackedByRestarted.get()).as("ratings the restarted server took during the load").isPositive();
            System.out.println("ratings the restarted server took during the load: " + ackedByRestarted.get()
                    + " of " + sent.get());
            assertThat(retriedElsewhere.get()).as("ratings sent again to the other server").isPositive();
            System.out.println("ratings sent again to the other server: " + retriedElsewhere.get());
            assertThat(post(restarted.port, rating("A1")).statusCode()).as("the restarted server takes ratings")
                    .isEqualTo(201);

            try (var dsl = TestApp.dsl(url)) {
                // Stored once each, by submission id.
                var stored = dsl.fetch("select submission_id, count(*) as n from response group by submission_id");
                assertThat(stored).allSatisfy(r -> assertThat(r.get("n", Long.class)).as("copies of one rating")
                        .isEqualTo(1L));
                var storedIds = new java.util.HashSet<UUID>();
                stored.forEach(r -> storedIds.add(r.get("submission_id", UUID.class)));
                assertThat(acknowledged).as("every rating sent was acknowledged in the end").hasSize(sent.get());
                assertThat(storedIds).containsAll(acknowledged);
                assertThat(storedIds).hasSize(sent.get() + 1);

                // Folded once: every aggregate, grain and unit sums exactly the responses of the unit's subtree.
                awaitFolded(dsl);
                var rollups = dsl.fetch("""
                        select r.aggregate, r.grain, u.code, sum(r.responses) as rolled,
                               (select count(*) from response x where x.agency_id in (select unit_subtree(r.unit_id)))
                                   as stored
                          from rollup r join unit u on u.id = r.unit_id
                         group by r.aggregate, r.grain, r.unit_id, u.code""");
                assertThat(rollups).hasSizeGreaterThanOrEqualTo(4 * 3);
                assertThat(rollups).allSatisfy(r -> assertThat(r.get("rolled", Long.class))
                        .as("aggregate %s grain %s unit %s", r.get("aggregate"), r.get("grain"), r.get("code"))
                        .isEqualTo(r.get("stored", Long.class)));
                assertThat(rollups.stream().filter(r -> r.get("code").equals("P")).map(r -> r.get("rolled", Long.class)))
                        .containsOnly((long) sent.get() + 1);

                sessionsWorkOnEitherServer(restarted.port, b.port);
                emailsFromTheSharedOutboxArriveOnce(dsl, mail);
                // Both servers ticked every second all along; each job's period ran on one of them, once.
                var ran = new HashMap<String, Integer>();
                for (var server : launched) {
                    var matcher = JOB_RAN.matcher(server.output());
                    while (matcher.find()) {
                        ran.merge(matcher.group(1) + " " + matcher.group(2), 1, Integer::sum);
                    }
                }
                System.out.println("scheduled runs (job period = runs across all servers): " + ran);
                var recorded = dsl.fetch("select job || ' ' || period from scheduled_run").getValues(0, String.class);
                assertThat(recorded).as("scheduled runs").isNotEmpty();
                assertThat(ran.keySet()).containsExactlyInAnyOrderElementsOf(recorded);
                assertThat(ran.values()).as("runs of one job's period, across all servers").containsOnly(1);
            }
        } finally {
            for (var server : launched) {
                server.close();
            }
            mail.stop();
        }
    }

    /** Signed in on one server, the session is a row every server reads: it works on the other, and ends on both. */
    private void sessionsWorkOnEitherServer(int portA, int portB) throws Exception {
        var signIn = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portA + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"multi-process-pw\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        var cookie = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("hl_session="))
                .findFirst().orElseThrow().split(";")[0];
        var csrf = App.objectMapper().readTree(signIn.body()).get("csrfToken").asText();
        var onB = get(portB, "/api/v1/session", cookie);
        assertThat(onB.statusCode()).as("the session made on A, on B").isEqualTo(200);
        assertThat(onB.body()).contains("\"admin\"");
        var logout = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portB + "/api/v1/session"))
                .header("Cookie", cookie).header("X-CSRF-Token", csrf).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).isBetween(200, 204);
        assertThat(get(portA, "/api/v1/session", cookie).statusCode()).as("signed out on B, on A").isEqualTo(401);
    }

    /** Notifications in the outbox, delivered by both servers at once (each every second): each e-mail sent once. */
    private void emailsFromTheSharedOutboxArriveOnce(org.jooq.DSLContext dsl, GreenMail mail) throws Exception {
        dsl.execute("""
                insert into outbox (event_key, topic, channel, user_id, address, subject, body, payload)
                select 'multi-process:' || g, 'alert', 'email', (select id from app_user where username = 'admin'),
                       'can-bo-' || g || '@example.gov.vn', 'Thử nhiều máy chủ ' || g, 'Nội dung', '{}'
                  from generate_series(1, ?) g""", EMAILS);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (one(dsl, "select count(*) from outbox where event_key like 'multi-process:%' and delivered_at is null",
                Long.class) > 0) {
            assertThat(System.nanoTime()).as("all delivered within 60 s").isLessThan(deadline);
            Thread.sleep(200);
        }
        Thread.sleep(1_500); // a second sending of any row would have arrived by now
        var subjects = new ArrayList<String>();
        for (var message : mail.getReceivedMessages()) {
            if (message.getSubject().startsWith("Thử nhiều máy chủ")) {
                subjects.add(message.getSubject());
            }
        }
        assertThat(subjects).hasSize(EMAILS).doesNotHaveDuplicates();
        int byA = count(launched.get(2).output(), "event=notification_delivered");
        int byB = count(launched.get(1).output(), "event=notification_delivered");
        System.out.println("emails delivered: by the restarted server " + byA + ", by the other " + byB);
        assertThat(byA + byB).isEqualTo(EMAILS);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    private Map<String, String> env(String url, Path dataDir, GreenMail mail) {
        var env = new HashMap<String, String>();
        env.put("DATABASE_URL", url);
        env.put("DATA_DIR", dataDir.toString());
        env.put("PORT", Integer.toString(ServerProcess.freePort()));
        env.put("ADMIN_PASSWORD", "multi-process-pw");
        env.put("RATE_LIMIT_CLIENT", "0");
        env.put("RATE_LIMIT_DEVICE", "0");
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(mail.getSmtp().getPort()));
        env.put("SMTP_FROM", "hailong@example.gov.vn");
        env.put("SMTP_SECURITY", "none");
        // Both servers tick their schedule and deliver every second, so that they contend for the same work.
        env.put("JAVA_TOOL_OPTIONS", "-Dhailong.scheduleSeconds=1 -Dhailong.deliverySeconds=1");
        return env;
    }

    private ServerProcess launch(Map<String, String> env) {
        var server = ServerProcess.launch(env);
        launched.add(server);
        return server;
    }

    private HttpResponse<String> post(int port, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/responses"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path, String cookie) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String rating(String agency) {
        return "{\"submissionId\":\"" + UUID.randomUUID() + "\",\"questionnaire\":\"KIOSK\",\"version\":1,\"agency\":\""
                + agency + "\",\"channel\":\"web\",\"answers\":{\"HL\":3}}";
    }

    private static void awaitAcknowledged(Set<UUID> acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Waits until the servers' folders have left nothing pending (the killed one's rows are folded by the others). */
    private static void awaitFolded(org.jooq.DSLContext dsl) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (one(dsl, "select count(*) from rollup_pending", Long.class) > 0) {
            assertThat(System.nanoTime()).as("folded within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
