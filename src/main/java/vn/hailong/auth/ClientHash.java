package vn.hailong.auth;

import java.security.SecureRandom;
import java.util.HexFormat;

import io.javalin.http.Context;

/**
 * Tells clients apart for rate limits without storing who they are: a hash of the address with a secret
 * made at start-up, kept only in memory, so the value means nothing outside this process.
 */
public final class ClientHash {
    private final String salt;

    public ClientHash() {
        var bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        this.salt = HexFormat.of().formatHex(bytes);
    }

    public String of(Context ctx) {
        return Tokens.hash(salt + "|" + ctx.ip()).substring(0, 16);
    }
}
