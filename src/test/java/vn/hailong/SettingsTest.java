package vn.hailong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import vn.hailong.db.DatabaseUrl;

class SettingsTest {
    @Test
    void defaults_serve_port_7070_on_an_embedded_database_in_data() {
        var settings = Settings.from(Map.of(), List.of());
        assertThat(settings).isEqualTo(new Settings(7070, Optional.empty(), Path.of("data"), false, Optional.empty()));
    }

    @Test
    void flags_override_environment_variables() {
        var env = Map.of("PORT", "8080", "DATA_DIR", "/srv/hl", "DEMO", "false", "ADMIN_PASSWORD", "from-env",
                "DATABASE_URL", "postgresql://a@b/c");
        var settings = Settings.from(env, List.of("--port", "9090", "--demo", "--admin-password=flag",
                "--database-url", "jdbc:postgresql://x/y"));
        assertThat(settings).isEqualTo(new Settings(9090, Optional.of("jdbc:postgresql://x/y"), Path.of("/srv/hl"), true,
                Optional.of("flag")));
        assertThat(Settings.from(Map.of("DEMO", "TRUE"), List.of()).demo()).isTrue();
    }

    @Test
    void a_standby_to_read_from_is_optional_and_taken_from_either_place() {
        assertThat(Settings.from(Map.of(), List.of()).databaseReadUrl()).isEmpty();
        assertThat(Settings.from(Map.of("DATABASE_READ_URL", "postgresql://r@standby/hl"), List.of()).databaseReadUrl())
                .hasValue("postgresql://r@standby/hl");
        assertThat(Settings.from(Map.of("DATABASE_READ_URL", "postgresql://r@standby/hl"),
                List.of("--database-read-url", "jdbc:postgresql://replica/hl")).databaseReadUrl())
                .hasValue("jdbc:postgresql://replica/hl");
    }

    @Test
    void each_bad_setting_is_named_in_its_message() {
        assertThatThrownBy(() -> Settings.from(Map.of("PORT", "seventy"), List.of()))
                .isInstanceOf(StartupException.class).hasMessageContaining("PORT").hasMessageContaining("seventy");
        assertThatThrownBy(() -> Settings.from(Map.of(), List.of("--port", "70000")))
                .hasMessageContaining("PORT").hasMessageContaining("70000");
        assertThatThrownBy(() -> Settings.from(Map.of("DEMO", "maybe"), List.of()))
                .hasMessageContaining("DEMO").hasMessageContaining("maybe");
        assertThatThrownBy(() -> Settings.from(Map.of(), List.of("--colour")))
                .hasMessageContaining("unknown option '--colour'");
        assertThatThrownBy(() -> Settings.from(Map.of(), List.of("--port")))
                .hasMessageContaining("--port needs a value");
    }

    @Test
    void host_public_url_and_metrics_token_are_read_and_checked() {
        var settings = Settings.from(Map.of("HOST", "127.0.0.1", "PUBLIC_URL", "https://hailong.example.gov.vn/",
                "METRICS_TOKEN", "a-token-of-twenty-chars"), List.of());
        assertThat(settings.host()).hasValue("127.0.0.1");
        assertThat(settings.publicUrl()).hasValue("https://hailong.example.gov.vn");
        assertThat(settings.metricsToken()).hasValue("a-token-of-twenty-chars");
        assertThat(Settings.from(Map.of(), List.of("--public-url", "http://10.0.0.5:7070/hailong")).publicUrl())
                .hasValue("http://10.0.0.5:7070/hailong");
        assertThatThrownBy(() -> Settings.from(Map.of("PUBLIC_URL", "hailong.example.gov.vn"), List.of()))
                .isInstanceOf(StartupException.class).hasMessageContaining("PUBLIC_URL");
        assertThatThrownBy(() -> Settings.from(Map.of("METRICS_TOKEN", "short"), List.of()))
                .isInstanceOf(StartupException.class).hasMessageContaining("METRICS_TOKEN");
    }

    @Test
    void the_server_listens_on_the_host_it_is_given() throws Exception {
        var settings = Settings.from(Map.of("HOST", "127.0.0.1", "PORT", "0", "DATABASE_URL", TestDatabase.fresh()),
                List.of());
        try (var app = App.start(settings)) {
            try (var socket = new java.net.Socket("127.0.0.1", app.port())) {
                assertThat(socket.isConnected()).isTrue();
            }
            var other = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(n -> java.util.Collections.list(n.getInetAddresses()).stream())
                    .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address).findFirst();
            if (other.isPresent()) {
                assertThatThrownBy(() -> new java.net.Socket(other.get(), app.port()).close())
                        .as("not listening on " + other.get()).isInstanceOf(java.net.ConnectException.class);
            }
        }
    }

    @Test
    void a_database_url_becomes_a_jdbc_url_with_its_credentials_apart() {
        var url = DatabaseUrl.parse("postgresql://hl:p%40ss%3Aword@db.example:5433/hailong?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/hailong?sslmode=require");
        assertThat(url.user()).hasValue("hl");
        assertThat(url.password()).hasValue("p@ss:word");
        assertThat(DatabaseUrl.parse("postgres://db/hl").jdbcUrl()).isEqualTo("jdbc:postgresql://db/hl");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db/hl?user=a").jdbcUrl()).isEqualTo("jdbc:postgresql://db/hl?user=a");
        assertThat(DatabaseUrl.redacted("postgresql://hl:secret@db/x")).isEqualTo("postgresql://hl:***@db/x");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://db/x"))
                .isInstanceOf(StartupException.class).hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://hl:secret@db"))
                .hasMessageContaining("database name").hasMessageNotContaining("secret");
    }
}
