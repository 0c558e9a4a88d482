package vn.hailong.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.hailong.ApiClient;
import vn.hailong.Settings;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;

/** Uploaded files wait in DATA_DIR/uploads: what a killed server left there goes at start-up, and few run at once. */
class UploadsTest {
    @TempDir
    Path dataDir;

    Settings settings() {
        var base = TestApp.settings(TestDatabase.fresh());
        return new Settings(0, base.databaseUrl(), dataDir, false, base.adminPassword());
    }

    @Test
    void files_a_killed_server_left_behind_are_removed_at_start_up() throws Exception {
        var left = Files.createDirectories(dataDir.resolve("uploads").resolve("9a0c1e7e-left-by-a-kill"));
        Files.writeString(left.resolve(".lock"), "");
        Files.write(left.resolve("import-123.upload"), new byte[4096]);
        try (var app = TestApp.start(settings())) {
            assertThat(left).doesNotExist();
            try (var folders = Files.list(dataDir.resolve("uploads"))) {
                assertThat(folders.toList()).as("only the running server's folder").hasSize(1);
            }
        }
        try (var folders = Files.list(dataDir.resolve("uploads"))) {
            assertThat(folders.toList()).as("a server stopped cleanly takes its folder with it").isEmpty();
        }
    }

    @Test
    void at_most_two_uploads_are_received_at_once_and_a_third_is_told_to_come_back() throws Exception {
        try (var app = TestApp.start(settings())) {
            var admin = ApiClient.signIn(app, "admin", "test-admin-password");
            var key = admin.post("/api/v1/api-keys", Map.of("name", "importer", "scopes", List.of("import")))
                    .body().get("secret").asText();
            // Two uploads that have sent their headers and part of their file, and hold on.
            var held = new ArrayList<Socket>();
            for (int i = 0; i < Uploads.AT_ONCE; i++) {
                var socket = new Socket("localhost", app.app.port());
                socket.getOutputStream().write(("POST /api/v1/population/import HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + key + "\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\n"
                        + "unit_code,year,stratum,total\n").getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                held.add(socket);
            }
            Thread.sleep(500); // both are being received
            var third = ApiClient.withKey(app, key).send("POST", "/api/v1/population/import",
                    "unit_code,year,stratum,total\n".getBytes(StandardCharsets.UTF_8), "text/csv");
            assertThat(third.status()).isEqualTo(503);
            assertThat(third.raw().headers().firstValue("Retry-After")).hasValue("60");
            for (var socket : held) {
                socket.close();
            }
            // Their permits come back once the server sees them gone.
            long deadline = System.nanoTime() + 10_000_000_000L;
            int status;
            do {
                Thread.sleep(100);
                status = ApiClient.withKey(app, key).send("POST", "/api/v1/population/import",
                        "unit_code,year,stratum,total\n".getBytes(StandardCharsets.UTF_8), "text/csv").status();
            } while (status == 503 && System.nanoTime() < deadline);
            assertThat(status).as("an upload after the others ended").isEqualTo(422);
        }
    }
}
