package vn.hailong.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Device cookies (OWASP): a browser that signed in as a user name keeps a cookie proving it, a random nonce and an
 * HMAC over it and the lower-cased name, so the throttle can count that browser's failures apart from strangers'.
 * The server's key is kept in the database (sql/V15 server_secret), made by whichever process needs it first, so a
 * cookie issued by one process is recognised by every other, as the throttle's counts are shared; a key made in memory
 * ({@link #DeviceCookies()}, for tests) dies with its process, and a browser with a cookie no key recognises is simply
 * untrusted.
 */
final class DeviceCookies {
    static final String COOKIE = "hl_device";
    /** Renewed at each sign-in: a browser used at least twice a year stays trusted. */
    static final Duration LIFETIME = Duration.ofDays(180);

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecretKeySpec key;

    DeviceCookies() {
        this.key = new SecretKeySpec(newKey(), "HmacSHA256");
    }

    /** With the key every process on this database shares, made now if none is stored yet. */
    DeviceCookies(org.jooq.DSLContext dsl) {
        var s = vn.hailong.db.schema.Tables.SERVER_SECRET;
        dsl.insertInto(s).set(s.NAME, "device-cookie").set(s.SECRET, newKey()).onConflictDoNothing().execute();
        this.key = new SecretKeySpec(dsl.select(s.SECRET).from(s).where(s.NAME.eq("device-cookie")).fetchSingle(s.SECRET),
                "HmacSHA256");
    }

    private static byte[] newKey() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** A new cookie value for a browser that has just signed in as this name. */
    String issue(String username) {
        var nonce = Tokens.newToken("");
        return nonce + "." + mac(nonce, username);
    }

    /** The device a cookie names, if it was issued by this process for this user name. */
    Optional<String> device(String cookie, String username) {
        if (cookie == null) {
            return Optional.empty();
        }
        int dot = cookie.indexOf('.');
        var nonce = cookie.substring(0, Math.max(0, dot));
        if (!NONCE.matcher(nonce).matches()) {
            return Optional.empty();
        }
        boolean valid = MessageDigest.isEqual(mac(nonce, username).getBytes(StandardCharsets.US_ASCII),
                cookie.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
        return valid ? Optional.of(nonce) : Optional.empty();
    }

    private String mac(String nonce, String username) {
        try {
            var mac = Mac.getInstance("HmacSHA256"); // not thread-safe, and cheap to make
            mac.init(key);
            // Only nonces we could have made get here: without '|', the two parts cannot be shifted into each other.
            var input = nonce + "|" + username.toLowerCase(Locale.ROOT);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
