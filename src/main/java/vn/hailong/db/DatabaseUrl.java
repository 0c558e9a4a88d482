package vn.hailong.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import vn.hailong.StartupException;

/** A DATABASE_URL, given as postgresql://user:pass@host:port/db or as a JDBC URL, split for the pool. */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    public static DatabaseUrl parse(String url) {
        return parse(url, "DATABASE_URL");
    }

    /** Parses the setting called {@code name} (DATABASE_URL, DATABASE_READ_URL), naming it when it is wrong. */
    public static DatabaseUrl parse(String url, String name) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(url, Optional.empty(), Optional.empty());
        }
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new StartupException(name + " must look like postgresql://user:pass@host:5432/db"
                    + " or jdbc:postgresql://host:5432/db, not '" + redacted(url) + "'");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new StartupException(name + " is not a valid URL: " + redacted(url));
        }
        var host = uri.getHost();
        var path = uri.getRawPath();
        if (host == null || path == null || path.length() < 2) {
            throw new StartupException(name + " needs a host and a database name, as in"
                    + " postgresql://user:pass@host:5432/db, not '" + redacted(url) + "'");
        }
        var jdbc = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host)
                + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        var userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                password = Optional.of(decode(userInfo.substring(colon + 1)));
            }
        }
        return new DatabaseUrl(jdbc, user, password);
    }

    /** The URL without its password, for messages and logs. */
    public static String redacted(String url) {
        return url.replaceAll("://([^:@/]+):[^@/]*@", "://$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
