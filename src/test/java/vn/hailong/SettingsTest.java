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
