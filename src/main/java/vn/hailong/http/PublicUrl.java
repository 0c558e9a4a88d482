package vn.hailong.http;

import java.util.Optional;

import io.javalin.http.Context;

/**
 * The address citizens reach the server at, for the links, posters and QR codes it makes: PUBLIC_URL when set,
 * else this machine on the port the request came in on. Never the request's Host or X-Forwarded-Host header,
 * which a client chooses and a link printed on a receipt must not carry.
 */
public record PublicUrl(Optional<String> configured) {
    public String of(Context ctx) {
        return configured.orElseGet(() -> "http://localhost:" + ctx.req().getLocalPort());
    }
}
