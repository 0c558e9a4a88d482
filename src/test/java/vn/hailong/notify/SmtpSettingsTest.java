package vn.hailong.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import vn.hailong.Settings;
import vn.hailong.StartupException;

/** SMTP_* settings: read from the environment or flags, each mistake named, the password never shown. */
class SmtpSettingsTest {
    @Test
    void without_smtp_host_no_email_is_configured() {
        assertThat(Settings.from(Map.of(), List.of()).smtp()).isEmpty();
    }

    @Test
    void the_environment_and_flags_make_the_smtp_server() {
        var settings = Settings.from(Map.of("SMTP_HOST", "mail.example.gov.vn", "SMTP_FROM", "hailong@example.gov.vn",
                "SMTP_USERNAME", "hailong", "SMTP_PASSWORD", "s3cret-pw"), List.of("--smtp-security", "tls",
                "--smtp-port=465"));
        var smtp = settings.smtp().orElseThrow();
        assertThat(smtp).isEqualTo(new Smtp("mail.example.gov.vn", 465, Optional.of("hailong"), Optional.of("s3cret-pw"),
                "hailong@example.gov.vn", Smtp.Security.TLS));
        assertThat(smtp.toString()).doesNotContain("s3cret-pw");
        var defaults = Settings.from(Map.of("SMTP_HOST", "relay", "SMTP_FROM", "a@b.vn"), List.of()).smtp().orElseThrow();
        assertThat(defaults.port()).isEqualTo(587);
        assertThat(defaults.security()).isEqualTo(Smtp.Security.STARTTLS);
    }

    @Test
    void each_mistake_is_named() {
        assertThatThrownBy(() -> Settings.from(Map.of("SMTP_HOST", "relay"), List.of()))
                .isInstanceOf(StartupException.class).hasMessageContaining("SMTP_FROM");
        assertThatThrownBy(() -> Settings.from(Map.of("SMTP_HOST", "relay", "SMTP_FROM", "a@b.vn", "SMTP_PORT", "0"),
                List.of())).hasMessageContaining("SMTP_PORT");
        assertThatThrownBy(() -> Settings.from(Map.of("SMTP_HOST", "relay", "SMTP_FROM", "a@b.vn", "SMTP_SECURITY",
                "ssl3"), List.of())).hasMessageContaining("SMTP_SECURITY");
        assertThatThrownBy(() -> Settings.from(Map.of("SMTP_HOST", "relay", "SMTP_FROM", "a@b.vn", "SMTP_USERNAME", "u"),
                List.of())).hasMessageContaining("SMTP_USERNAME and SMTP_PASSWORD");
        assertThatThrownBy(() -> Settings.from(Map.of("SMTP_FROM", "a@b.vn"), List.of()))
                .hasMessageContaining("SMTP_HOST");
    }
}
