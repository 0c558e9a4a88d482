package vn.hailong.notify;

import java.util.Optional;

/**
 * Where e-mail is sent: the SMTP server (SMTP_HOST, SMTP_PORT), the account to sign in with if any (SMTP_USERNAME,
 * SMTP_PASSWORD), the sender's address (SMTP_FROM) and how the connection is protected (SMTP_SECURITY: none,
 * starttls, or tls from the first byte).
 */
public record Smtp(String host, int port, Optional<String> username, Optional<String> password, String from,
                   Security security) {

    public static final int DEFAULT_PORT = 587;

    public enum Security {
        NONE, STARTTLS, TLS;

        public static Optional<Security> of(String value) {
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "none" -> Optional.of(NONE);
                case "starttls" -> Optional.of(STARTTLS);
                case "tls", "ssl" -> Optional.of(TLS);
                default -> Optional.empty();
            };
        }
    }

    /** Never shows the password (settings may be logged). */
    @Override
    public String toString() {
        return "Smtp[" + host + ":" + port + ", " + security.name().toLowerCase(java.util.Locale.ROOT)
                + username.map(u -> ", user " + u).orElse("") + ", from " + from + "]";
    }
}
