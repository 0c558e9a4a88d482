package vn.hailong.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.hailong.ServerProcess;
import vn.hailong.TestApp;

/**
 * The promise of the kiosk: every rating the server acknowledged is stored exactly once, even when the
 * server is killed with SIGKILL in the middle of a load and started again, by the same command and nobody's
 * help, while clients keep retrying. The server runs as an operator runs it, on its embedded PostgreSQL: a kill
 * leaves that PostgreSQL running without its server, and each start must deal with it.
 */
class CrashRecoveryTest {
    static final int CLIENTS = 8;
    static final int PER_CLIENT = 300;
    static final int KILLS = 3;

    @TempDir
    Path dataDir;

    @Test
    void every_acknowledged_submission_is_stored_exactly_once_across_three_kill_9s() throws Exception {
        var env = Map.of("DATA_DIR", dataDir.toString(), "PORT", Integer.toString(ServerProcess.freePort()),
                "ADMIN_PASSWORD", "crash-test-password", "RATE_LIMIT_CLIENT", "0", "RATE_LIMIT_DEVICE", "0");
        var server = ServerProcess.launch(env);
        try {
            run(env, server);
        } finally {
            // Whatever failed, no server is left running after the test (it may be a later restart's).
            current.terminate(Duration.ofSeconds(60));
        }
    }

    private ServerProcess current;

    private void run(Map<String, String> env, ServerProcess server) throws Exception {
        current = server;
        server.awaitUp("/health", Duration.ofSeconds(120));
        try (var dsl = TestApp.embeddedDsl(dataDir)) {
            dsl.execute("insert into unit (code, name_vi, kind) values ('AG01', 'Sở Tư pháp', 'department')");
        }
        var acknowledged = ConcurrentHashMap.<UUID>newKeySet();
        var sent = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(CLIENTS);
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        var base = "http://localhost:" + server.port;
        for (int c = 0; c < CLIENTS; c++) {
            pool.submit(() -> {
                for (int i = 0; i < PER_CLIENT; i++) {
                    var id = UUID.randomUUID();
                    var body = "{\"submissionId\":\"" + id + "\",\"questionnaire\":\"KIOSK\",\"version\":1,"
                            + "\"agency\":\"AG01\",\"channel\":\"web\",\"answers\":{\"HL\":" + (1 + i % 5) + "}}";
                    sent.incrementAndGet();
                    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                    while (System.nanoTime() < deadline) { // a kiosk retries the same rating until it is acknowledged
                        try {
                            var response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/responses"))
                                    .timeout(Duration.ofSeconds(5))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 201 || response.statusCode() == 200) {
                                acknowledged.add(id);
                                break;
                            }
                            if (response.statusCode() < 500) {
                                throw new IllegalStateException(response.statusCode() + " " + response.body());
                            }
                        } catch (IOException e) {
                            // the server is down: wait and send the same rating again
                        }
                        Thread.sleep(100);
                    }
                }
                return null;
            });
        }
        // Once ratings are being acknowledged, kill the server without warning and start it again, as it was.
        var restarts = new ArrayList<Integer>();
        for (int crash = 0; crash < KILLS; crash++) {
            awaitMore(acknowledged, restarts.isEmpty() ? 0 : restarts.get(restarts.size() - 1));
            server.kill();
            assertThat(orphanedPostmaster()).as("the killed server's PostgreSQL is still running").isPresent();
            server = ServerProcess.launch(env);
            current = server;
            server.awaitUp("/health", Duration.ofSeconds(120));
            assertThat(server.output()).contains("event=orphaned_database_stopped");
            restarts.add(acknowledged.size());
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(180, TimeUnit.SECONDS)).as("clients finished").isTrue();
        try (var dsl = TestApp.embeddedDsl(dataDir)) {
            var stored = dsl.fetch("select submission_id, count(*) as n from response group by submission_id");
            var storedIds = ConcurrentHashMap.<UUID>newKeySet();
            stored.forEach(r -> storedIds.add(r.get("submission_id", UUID.class)));
            assertThat(stored).allSatisfy(r -> assertThat(r.get("n", Long.class)).isEqualTo(1L));
            assertThat(acknowledged).hasSize(CLIENTS * PER_CLIENT);
            assertThat(storedIds).containsAll(acknowledged);
            assertThat(Set.copyOf(storedIds)).hasSameSizeAs(acknowledged);
            assertThat(TestApp.one(dsl, TestApp.ROLLED_UP, Long.class))
                    .as("each stored rating is in the rollups once").isEqualTo((long) CLIENTS * PER_CLIENT);
        }
        assertThat(sent.get()).isEqualTo(CLIENTS * PER_CLIENT);
        assertThat(restarts).as("every kill came in the middle of the load")
                .allSatisfy(acked -> assertThat(acked).isPositive().isLessThan(CLIENTS * PER_CLIENT));
    }

    /** The PostgreSQL process named by the data directory's pid file, if it runs. */
    private java.util.Optional<ProcessHandle> orphanedPostmaster() throws IOException {
        var pid = Long.parseLong(Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(0).strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    /** Waits until more than {@code count} ratings have been acknowledged (a cold server takes a moment). */
    private static void awaitMore(Set<UUID> acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() <= count + 20 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
