package vn.hailong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad setting ends start-up with one line saying what is wrong, and a non-zero exit. */
class BadSettingsTest {
    @TempDir
    Path temp;

    @Test
    void a_port_in_use_is_named() throws Exception {
        try (var taken = new ServerSocket(0)) {
            var settings = TestApp.settings(TestDatabase.fresh()).withPort(taken.getLocalPort());
            assertThatThrownBy(() -> App.start(settings))
                    .isInstanceOf(StartupException.class)
                    .hasMessage("port " + taken.getLocalPort() + " is already in use (choose another with PORT or --port)");
        }
    }

    @Test
    void an_unreachable_database_is_named_without_its_password() {
        var settings = TestApp.settings("postgresql://hl:secret@127.0.0.1:1/hailong");
        assertThatThrownBy(() -> App.start(settings))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("cannot reach the database at postgresql://hl:***@127.0.0.1:1/hailong")
                .hasMessageNotContaining("secret");
    }

    @Test
    void a_standby_url_of_the_wrong_form_is_named_before_anything_starts() {
        var settings = TestApp.settings(TestDatabase.fresh()).withDatabaseReadUrl("mysql://hl:secret@replica/hailong");
        assertThatThrownBy(() -> App.start(settings))
                .isInstanceOf(StartupException.class)
                .hasMessage("DATABASE_READ_URL must look like postgresql://user:pass@host:5432/db or"
                        + " jdbc:postgresql://host:5432/db, not 'mysql://hl:***@replica/hailong'");
    }

    @Test
    void an_unreachable_standby_is_named_without_its_password() {
        var settings = TestApp.settings(TestDatabase.fresh())
                .withDatabaseReadUrl("postgresql://hl:secret@127.0.0.1:1/hailong");
        assertThatThrownBy(() -> App.start(settings))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("cannot reach the standby at postgresql://hl:***@127.0.0.1:1/hailong")
                .hasMessageNotContaining("secret");
    }

    @Test
    void a_database_that_does_not_exist_is_named() {
        var settings = TestApp.settings("postgresql://postgres@localhost:" + TestDatabase.port() + "/no_such_db");
        assertThatThrownBy(() -> App.start(settings))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("no_such_db");
    }

    @Test
    void a_database_holding_another_application_is_not_touched() {
        var url = TestDatabase.fresh();
        try (var dsl = TestApp.dsl(url)) {
            dsl.execute("create table customers (id int primary key)");
        }
        assertThatThrownBy(() -> App.start(TestApp.settings(url)))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("cannot migrate")
                .hasMessageContaining("non-empty");
        try (var dsl = TestApp.dsl(url)) {
            assertThat(TestApp.column(dsl, "select table_name from information_schema.tables where table_schema = 'public'",
                    String.class))
                    .containsExactly("customers");
        }
    }

    @Test
    void a_database_made_before_the_schema_was_squashed_is_refused() throws Exception {
        var url = TestDatabase.fresh();
        // The history a development version left: its first migration was V1__schema.sql, one of its last V24.
        var old = Files.createDirectory(temp.resolve("old-migrations"));
        Files.writeString(old.resolve("V1__schema.sql"), "create table unit (id bigint primary key);");
        Files.writeString(old.resolve("V24__rollup_cut_value_index.sql"), "create index unit_idx on unit (id);");
        var jdbc = vn.hailong.db.DatabaseUrl.parse(url);
        org.flywaydb.core.Flyway.configure()
                .dataSource(jdbc.jdbcUrl(), jdbc.user().orElse("postgres"), jdbc.password().orElse(""))
                .locations("filesystem:" + old)
                .load()
                .migrate();
        assertThatThrownBy(() -> App.start(TestApp.settings(url)))
                .isInstanceOf(StartupException.class)
                .hasMessageEndingWith(": this database was made by a development version before the schema was"
                        + " squashed (its first migration is 'schema', not 'units and catalogue'); use a new database,"
                        + " or delete DATA_DIR");
        try (var dsl = TestApp.dsl(url)) {
            assertThat(TestApp.column(dsl, "select table_name from information_schema.tables where table_schema = 'public'"
                    + " order by 1", String.class))
                    .containsExactly("flyway_schema_history", "unit");
        }
    }

    @Test
    void a_data_directory_that_cannot_be_written_is_named() throws Exception {
        var file = Files.writeString(temp.resolve("not-a-directory"), "x");
        var settings = new Settings(0, Optional.empty(), file, false, Optional.empty());
        assertThatThrownBy(() -> App.start(settings))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("DATA_DIR " + file.toAbsolutePath());
        var readOnly = new Settings(0, Optional.empty(), Path.of("/proc/hailong"), false, Optional.empty());
        assertThatThrownBy(() -> App.start(readOnly))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("DATA_DIR /proc/hailong");
    }

    @Test
    void the_command_prints_one_line_and_exits_non_zero() throws Exception {
        try (var taken = new ServerSocket(0)) {
            var env = Map.of("PORT", Integer.toString(taken.getLocalPort()), "DATA_DIR", temp.toString());
            try (var server = ServerProcess.launch(env)) {
                assertThat(server.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
                assertThat(server.output().strip())
                        .isEqualTo("hailong: port " + taken.getLocalPort()
                                + " is already in use (choose another with PORT or --port)");
            }
        }
        try (var server = ServerProcess.launch(Map.of("PORT", "http"))) {
            assertThat(server.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(server.output().strip()).isEqualTo(
                    "hailong: PORT must be a number from 1 to 65535 (or 0 for any free port), not 'http'");
        }
    }
}
