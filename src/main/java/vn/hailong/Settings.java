package vn.hailong;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import vn.hailong.notify.Smtp;

/**
 * What the operator chose: environment variables, each overridden by its matching flag.
 *
 * <pre>
 * PORT            --port N             HTTP port (default 7070)
 * HOST            --host ADDRESS       the address to listen on (default: every interface)
 * PUBLIC_URL      --public-url URL     the address citizens reach this server at, for links and QR codes
 * METRICS_TOKEN   --metrics-token T    the bearer token /metrics asks for (without it /metrics is closed)
 * DATABASE_URL    --database-url URL   external PostgreSQL; without it an embedded one in DATA_DIR/pg
 * DATABASE_READ_URL --database-read-url URL  a hot standby of it the analytics read from (docs/scaling.md)
 * DATA_DIR        --data-dir DIR       where the embedded database lives (default ./data)
 * DEMO            --demo               fill an empty database with a demo province
 * ADMIN_PASSWORD  --admin-password PW  password of the first user, admin
 * RATE_LIMIT_CLIENT   --rate-limit-client N   ratings a minute from one client address (0: no limit)
 * RATE_LIMIT_DEVICE   --rate-limit-device N   ratings a minute from one kiosk (0: no limit)
 * SMTP_HOST       --smtp-host HOST     the SMTP server e-mail notifications go through (without it, none is sent)
 * SMTP_PORT       --smtp-port N        its port (default 587)
 * SMTP_USERNAME   --smtp-username U    the account to sign in with, if the server asks for one
 * SMTP_PASSWORD   --smtp-password PW   its password
 * SMTP_FROM       --smtp-from ADDRESS  the sender's address (required with SMTP_HOST)
 * SMTP_SECURITY   --smtp-security S    none, starttls (default) or tls
 * CONTACT_RETENTION_DAYS --contact-retention-days N  days a citizen's callback contact is kept after its case closes
 * </pre>
 */
public record Settings(
        int port,
        Optional<String> databaseUrl,
        Path dataDir,
        boolean demo,
        Optional<String> adminPassword,
        int clientRatePerMinute,
        int deviceRatePerMinute,
        Optional<String> host,
        Optional<String> publicUrl,
        Optional<String> metricsToken,
        Optional<Smtp> smtp,
        int contactRetentionDays,
        Optional<String> databaseReadUrl) {

    static final int DEFAULT_CLIENT_RATE = 30;
    /** Days a citizen's contact for a callback is kept after its case closes (docs/cases.md). */
    public static final int DEFAULT_CONTACT_RETENTION_DAYS = 30;
    static final int DEFAULT_DEVICE_RATE = 120;

    /** Settings without a standby to read from. */
    public Settings(int port, Optional<String> databaseUrl, Path dataDir, boolean demo, Optional<String> adminPassword,
                    int clientRatePerMinute, int deviceRatePerMinute, Optional<String> host, Optional<String> publicUrl,
                    Optional<String> metricsToken, Optional<Smtp> smtp, int contactRetentionDays) {
        this(port, databaseUrl, dataDir, demo, adminPassword, clientRatePerMinute, deviceRatePerMinute, host, publicUrl,
                metricsToken, smtp, contactRetentionDays, Optional.empty());
    }

    /** Settings without e-mail. */
    public Settings(int port, Optional<String> databaseUrl, Path dataDir, boolean demo, Optional<String> adminPassword,
                    int clientRatePerMinute, int deviceRatePerMinute, Optional<String> host, Optional<String> publicUrl,
                    Optional<String> metricsToken) {
        this(port, databaseUrl, dataDir, demo, adminPassword, clientRatePerMinute, deviceRatePerMinute, host, publicUrl,
                metricsToken, Optional.empty(), DEFAULT_CONTACT_RETENTION_DAYS);
    }

    /** Settings with the default rate limits. */
    public Settings(int port, Optional<String> databaseUrl, Path dataDir, boolean demo, Optional<String> adminPassword) {
        this(port, databaseUrl, dataDir, demo, adminPassword, DEFAULT_CLIENT_RATE, DEFAULT_DEVICE_RATE, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_CONTACT_RETENTION_DAYS);
    }

    /**
     * Where citizens reach this server: links, posters and QR codes are made from it, never from a request's Host
     * header, which a client chooses. Without PUBLIC_URL, this machine's own address on the port.
     */
    String publicBase(int boundPort) {
        return publicUrl.orElse("http://localhost:" + boundPort);
    }

    static final int DEFAULT_PORT = 7070;

    /** Options and their environment variables, in the order the help text shows them. */
    private static final List<Option> OPTIONS = List.of(
            new Option("--port", "PORT", true),
            new Option("--host", "HOST", true),
            new Option("--public-url", "PUBLIC_URL", true),
            new Option("--metrics-token", "METRICS_TOKEN", true),
            new Option("--database-url", "DATABASE_URL", true),
            new Option("--database-read-url", "DATABASE_READ_URL", true),
            new Option("--data-dir", "DATA_DIR", true),
            new Option("--demo", "DEMO", false),
            new Option("--admin-password", "ADMIN_PASSWORD", true),
            new Option("--rate-limit-client", "RATE_LIMIT_CLIENT", true),
            new Option("--rate-limit-device", "RATE_LIMIT_DEVICE", true),
            new Option("--smtp-host", "SMTP_HOST", true),
            new Option("--smtp-port", "SMTP_PORT", true),
            new Option("--smtp-username", "SMTP_USERNAME", true),
            new Option("--smtp-password", "SMTP_PASSWORD", true),
            new Option("--smtp-from", "SMTP_FROM", true),
            new Option("--smtp-security", "SMTP_SECURITY", true),
            new Option("--contact-retention-days", "CONTACT_RETENTION_DAYS", true));

    private record Option(String flag, String env, boolean takesValue) {
    }

    /** Reads settings from the environment and then the flags; throws StartupException naming what is wrong. */
    public static Settings from(Map<String, String> env, List<String> args) {
        var values = new java.util.HashMap<String, String>();
        for (var option : OPTIONS) {
            var value = env.get(option.env());
            if (value != null && !value.isBlank()) {
                values.put(option.env(), value.trim());
            }
        }
        var rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            var arg = rest.remove(0);
            var name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            var option = OPTIONS.stream().filter(o -> o.flag().equals(name)).findFirst()
                    .orElseThrow(() -> new StartupException("unknown option '" + name + "' (try --help)"));
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (!option.takesValue()) {
                value = "true";
            } else if (rest.isEmpty()) {
                throw new StartupException(option.flag() + " needs a value");
            } else {
                value = rest.remove(0);
            }
            values.put(option.env(), value);
        }
        return new Settings(
                port(values.get("PORT")),
                Optional.ofNullable(values.get("DATABASE_URL")),
                Path.of(values.getOrDefault("DATA_DIR", "data")),
                flag("DEMO", values.get("DEMO")),
                Optional.ofNullable(values.get("ADMIN_PASSWORD")),
                count("RATE_LIMIT_CLIENT", values.get("RATE_LIMIT_CLIENT"), DEFAULT_CLIENT_RATE),
                count("RATE_LIMIT_DEVICE", values.get("RATE_LIMIT_DEVICE"), DEFAULT_DEVICE_RATE),
                Optional.ofNullable(values.get("HOST")),
                Optional.ofNullable(values.get("PUBLIC_URL")).map(Settings::publicUrl),
                Optional.ofNullable(values.get("METRICS_TOKEN")).map(Settings::metricsToken),
                smtp(values),
                count("CONTACT_RETENTION_DAYS", values.get("CONTACT_RETENTION_DAYS"), DEFAULT_CONTACT_RETENTION_DAYS),
                Optional.ofNullable(values.get("DATABASE_READ_URL")));
    }

    /** The SMTP server, when SMTP_HOST is set; the other SMTP_ settings without it are a mistake worth saying. */
    private static Optional<Smtp> smtp(Map<String, String> values) {
        var host = values.get("SMTP_HOST");
        if (host == null) {
            for (var name : List.of("SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD", "SMTP_FROM", "SMTP_SECURITY")) {
                if (values.containsKey(name)) {
                    throw new StartupException(name + " is set but SMTP_HOST is not: set SMTP_HOST to send e-mail");
                }
            }
            return Optional.empty();
        }
        var from = values.get("SMTP_FROM");
        if (from == null || !from.matches("[^@\\s]+@[^@\\s]+")) {
            throw new StartupException("SMTP_FROM must be the sender's e-mail address, e.g. hailong@example.gov.vn"
                    + (from == null ? "" : ", not '" + from + "'"));
        }
        var portText = values.get("SMTP_PORT");
        int smtpPort = Smtp.DEFAULT_PORT;
        if (portText != null) {
            smtpPort = port(portText);
            if (smtpPort == 0) {
                throw new StartupException("SMTP_PORT must be a number from 1 to 65535, not '" + portText + "'");
            }
        }
        var securityText = values.getOrDefault("SMTP_SECURITY", "starttls");
        var security = Smtp.Security.of(securityText).orElseThrow(() -> new StartupException(
                "SMTP_SECURITY must be none, starttls or tls, not '" + securityText + "'"));
        var username = Optional.ofNullable(values.get("SMTP_USERNAME"));
        if (username.isPresent() != values.containsKey("SMTP_PASSWORD")) {
            throw new StartupException("SMTP_USERNAME and SMTP_PASSWORD go together: set both or neither");
        }
        return Optional.of(new Smtp(host, smtpPort, username, Optional.ofNullable(values.get("SMTP_PASSWORD")), from,
                security));
    }

    static String help() {
        return """
                Usage: java -jar hailong.jar [options]            start the server
                       java -jar hailong.jar analyze --help       compute indices from CSV files
                       java -jar hailong.jar rebuild-rollups [--from DATE] [--to DATE]  recompute rollups from responses
                       java -jar hailong.jar import FILE [--questionnaire CODE] [--version N] [--create-missing-units]
                                            [--unit-kind KIND] [--dry-run]  import responses from CSV or XLSX

                Options (each also read from the environment variable shown):
                  --port N             PORT            HTTP port (default 7070)
                  --host ADDRESS       HOST            address to listen on (default: every interface)
                  --public-url URL     PUBLIC_URL      the address citizens reach this server at, e.g.
                                                       https://hailong.example.gov.vn: links and QR codes use it
                  --metrics-token T    METRICS_TOKEN   bearer token for /metrics (without it, /metrics is closed)
                  --database-url URL   DATABASE_URL    postgresql://user:pass@host:port/db or a JDBC URL;
                                                       without it an embedded PostgreSQL runs in DATA_DIR/pg
                  --database-read-url URL DATABASE_READ_URL  a hot standby of that database (same forms): the
                                                       dashboards' figures are read there (docs/scaling.md)
                  --data-dir DIR       DATA_DIR        data directory (default ./data)
                  --demo               DEMO=true       fill an empty database with a demo province
                  --admin-password PW  ADMIN_PASSWORD  password for user 'admin', created on first start
                  --rate-limit-client N RATE_LIMIT_CLIENT  ratings a minute from one address (default 30, 0 = off)
                  --rate-limit-device N RATE_LIMIT_DEVICE  ratings a minute from one kiosk (default 120, 0 = off)
                  --smtp-host HOST     SMTP_HOST       SMTP server for e-mail notifications (without it none is sent;
                                                       they wait in the outbox until it is set)
                  --smtp-port N        SMTP_PORT       its port (default 587)
                  --smtp-username U    SMTP_USERNAME   account to sign in with, if the server asks for one
                  --smtp-password PW   SMTP_PASSWORD   its password
                  --smtp-from ADDRESS  SMTP_FROM       sender's address, e.g. hailong@example.gov.vn
                  --smtp-security S    SMTP_SECURITY   none, starttls (default) or tls
                  --contact-retention-days N CONTACT_RETENTION_DAYS  days a citizen's callback phone/e-mail is
                                                       kept after its case closes (default 30, 0 = the next day)
                """;
    }

    Settings withPort(int newPort) {
        return new Settings(newPort, databaseUrl, dataDir, demo, adminPassword, clientRatePerMinute, deviceRatePerMinute,
                host, publicUrl, metricsToken, smtp, contactRetentionDays, databaseReadUrl);
    }

    public Settings withRateLimits(int perClient, int perDevice) {
        return new Settings(port, databaseUrl, dataDir, demo, adminPassword, perClient, perDevice, host, publicUrl,
                metricsToken, smtp, contactRetentionDays, databaseReadUrl);
    }

    public Settings withPublicUrl(String url) {
        return new Settings(port, databaseUrl, dataDir, demo, adminPassword, clientRatePerMinute, deviceRatePerMinute,
                host, Optional.of(publicUrl(url)), metricsToken, smtp, contactRetentionDays, databaseReadUrl);
    }

    public Settings withMetricsToken(String token) {
        return new Settings(port, databaseUrl, dataDir, demo, adminPassword, clientRatePerMinute, deviceRatePerMinute,
                host, publicUrl, Optional.of(metricsToken(token)), smtp, contactRetentionDays, databaseReadUrl);
    }

    public Settings withSmtp(Smtp server) {
        return new Settings(port, databaseUrl, dataDir, demo, adminPassword, clientRatePerMinute, deviceRatePerMinute,
                host, publicUrl, metricsToken, Optional.of(server), contactRetentionDays, databaseReadUrl);
    }

    public Settings withContactRetentionDays(int days) {
        return new Settings(port, databaseUrl, dataDir, demo, adminPassword, clientRatePerMinute, deviceRatePerMinute,
                host, publicUrl, metricsToken, smtp, days, databaseReadUrl);
    }

    /** The same settings, reading the analytics from the hot standby at {@code url}. */
    public Settings withDatabaseReadUrl(String url) {
        return new Settings(port, databaseUrl, dataDir, demo, adminPassword, clientRatePerMinute, deviceRatePerMinute,
                host, publicUrl, metricsToken, smtp, contactRetentionDays, Optional.of(url));
    }

    /** An http or https address with a host, kept without a trailing slash. */
    private static String publicUrl(String value) {
        var url = value.strip().replaceAll("/+$", "");
        try {
            var uri = new java.net.URI(url);
            if ((uri.getScheme() != null && uri.getScheme().matches("https?")) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return url;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new StartupException("PUBLIC_URL must be an address like https://hailong.example.gov.vn, not '" + value + "'");
    }

    /** Long enough not to be guessed. */
    private static String metricsToken(String value) {
        if (value.strip().length() < 16) {
            throw new StartupException("METRICS_TOKEN must have at least 16 characters");
        }
        return value.strip();
    }

    private static int port(String value) {
        if (value == null) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StartupException("PORT must be a number from 1 to 65535 (or 0 for any free port), not '" + value + "'");
    }

    private static int count(String name, String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StartupException(name + " must be a whole number of 0 or more, not '" + value + "'");
    }

    private static boolean flag(String name, String value) {
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off", "" -> false;
            default -> throw new StartupException(name + " must be true or false, not '" + value + "'");
        };
    }
}
