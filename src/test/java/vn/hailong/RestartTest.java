package vn.hailong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.alerts.Alerts;
import vn.hailong.demo.DemoProvince;

/** The embedded database on disk: a SIGTERM stops it cleanly and the next start finds everything. */
class RestartTest {
    @TempDir
    Path dataDir;

    @Test
    void data_survives_a_sigterm_and_a_restart_on_the_embedded_database() throws Exception {
        var env = Map.of("DATA_DIR", dataDir.toString(), "PORT", Integer.toString(ServerProcess.freePort()),
                "ADMIN_PASSWORD", "first-start");
        JsonNode before;
        try (var server = ServerProcess.launch(env, "--demo")) {
            before = App.objectMapper().readTree(server.awaitUp("/api/v1/overview", Duration.ofSeconds(120)));
            // The operator sees what a long first start is doing, and where to go when it is ready.
            assertThat(server.output()).contains("event=demo_creating").contains("event=demo_created")
                    .contains("Hài Lòng is ready at http://localhost:" + env.get("PORT") + "/ (staff sign in at http://localhost:"
                            + env.get("PORT") + "/login.html)");
            // An acknowledged rating is on disk: the embedded server syncs and waits for the WAL at commit.
            try (var dsl = TestApp.embeddedDsl(dataDir)) {
                for (var setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                    assertThat(TestApp.one(dsl, "show " + setting, String.class)).as(setting).isEqualTo("on");
                }
                // The demo closes the loop too: the weekly check after its last full week raised alerts, and its
                // unhappy ratings that say why opened follow-up cases.
                int lastYear = DemoProvince.defaultLastYear();
                var monday = LocalDate.of(lastYear + 1, 1, 1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                assertThat(TestApp.one(dsl, "select count(*) from alert where period = ?", Long.class,
                        Alerts.isoWeek(monday))).isPositive();
                assertThat(TestApp.one(dsl, "select count(*) from follow_up_case", Long.class)).isPositive();
            }
            assertThat(server.terminate(Duration.ofSeconds(60))).as("exit status after SIGTERM").isEqualTo(143);
            assertThat(server.output()).contains("event=stopped").contains("event=embedded_database_stopped");
        }
        // PostgreSQL removes its pid file only on a clean shutdown.
        assertThat(dataDir.resolve("pg/postmaster.pid")).doesNotExist();
        assertThat(Files.exists(dataDir.resolve("pg/PG_VERSION"))).isTrue();
        assertThat(before.get("units").asInt()).isGreaterThan(10);

        try (var server = ServerProcess.launch(env)) {
            var after = App.objectMapper().readTree(server.awaitUp("/api/v1/overview", Duration.ofSeconds(120)));
            assertThat(after).isEqualTo(before);
            assertThat(server.output()).doesNotContain("default_content_seeded").doesNotContain("Created user");
            server.terminate(Duration.ofSeconds(60));
        }
    }

    @Test
    void a_second_server_on_the_same_data_directory_is_refused_with_one_line() throws Exception {
        var env = Map.of("DATA_DIR", dataDir.toString(), "PORT", Integer.toString(ServerProcess.freePort()));
        try (var first = ServerProcess.launch(env)) {
            first.awaitUp("/health", Duration.ofSeconds(120));
            try (var second = ServerProcess.launch(Map.of("DATA_DIR", dataDir.toString(),
                    "PORT", Integer.toString(ServerProcess.freePort())))) {
                assertThat(second.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
                assertThat(lastLine(second.output())).isEqualTo("hailong: another Hài Lòng is already using "
                        + dataDir.resolve("pg") + " (stop it, or set DATA_DIR to another directory)");
            }
            first.terminate(Duration.ofSeconds(60));
        }
    }

    @Test
    void the_embedded_database_asks_for_its_generated_password_on_loopback_only() throws Exception {
        var env = Map.of("DATA_DIR", dataDir.toString(), "PORT", Integer.toString(ServerProcess.freePort()));
        try (var server = ServerProcess.launch(env)) {
            server.awaitUp("/health", Duration.ofSeconds(120));
            var port = Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(3).strip();
            assertThatThrownBy(() -> java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                    "postgres", "").close())
                    .isInstanceOfSatisfying(java.sql.SQLException.class,
                            e -> assertThat(e.getMessage()).as("refused for want of a password").contains("password"));
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("database-password")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            try (var dsl = TestApp.embeddedDsl(dataDir)) {
                assertThat(TestApp.one(dsl, "show listen_addresses", String.class)).isEqualTo("localhost");
                assertThat(TestApp.one(dsl, "show unix_socket_directories", String.class)).isEmpty();
                assertThat(TestApp.column(dsl, "select distinct auth_method from pg_hba_file_rules", String.class))
                        .containsExactly("scram-sha-256");
            }
            server.terminate(Duration.ofSeconds(60));
        }
    }

    @Test
    void a_pid_file_left_by_a_machine_that_went_down_does_not_stop_the_next_start() throws Exception {
        var env = Map.of("DATA_DIR", dataDir.toString(), "PORT", Integer.toString(ServerProcess.freePort()));
        try (var server = ServerProcess.launch(env)) {
            server.awaitUp("/health", Duration.ofSeconds(120));
            // A power cut: the server and its PostgreSQL die at once, and after the reboot the number in the pid
            // file belongs to another process (here this test's), which PostgreSQL takes for a running server.
            var pidFile = dataDir.resolve("pg/postmaster.pid");
            var postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip())).orElseThrow();
            server.kill();
            postmaster.destroyForcibly();
            postmaster.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            var lines = new java.util.ArrayList<>(Files.readAllLines(pidFile));
            lines.set(0, Long.toString(ProcessHandle.current().pid()));
            Files.write(pidFile, lines);
        }
        try (var server = ServerProcess.launch(env)) {
            server.awaitUp("/health", Duration.ofSeconds(60));
            assertThat(server.output()).contains("event=stale_pid_file_removed");
            server.terminate(Duration.ofSeconds(60));
        }
    }

    static String lastLine(String output) {
        var lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }
}
