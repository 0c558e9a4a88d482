package vn.hailong.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * An answer made once and sent many times: its JSON bytes, their gzip, and a strong ETag (a digest of the bytes, so
 * two servers agree on it and a change of the answer, or of how it is written, changes it). Sent with the
 * Cache-Control given, answered 304 without a body when the client's If-None-Match names it.
 */
public record Cached(byte[] body, byte[] gzip, String etag, String contentType) {
    /** Below this, gzip saves less than its own cost (and Javalin would not compress either). */
    static final int GZIP_FROM_BYTES = 1024;

    /** The answer as Javalin's JSON mapper writes it (the very bytes ctx.json would send). */
    public static Cached json(Context ctx, Object answer) {
        return of(ctx.jsonMapper().toJsonString(answer, Object.class).getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    public static Cached of(byte[] body, String contentType) {
        return new Cached(body, body.length >= GZIP_FROM_BYTES ? gzip(body) : null, etag(body), contentType);
    }

    /** Sends it with these caching rules: 304 when the client already has it, gzipped when the client takes that. */
    public void send(Context ctx, String cacheControl) {
        boolean gzipped = gzip != null && acceptsGzip(ctx.header("Accept-Encoding"));
        var tag = tag(gzipped);
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", tag);
        ctx.header("Vary", "Accept-Encoding");
        ctx.disableCompression(); // the bytes are ready: nothing to compress per request
        if (matches(ctx.header("If-None-Match"), tag)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.contentType(contentType);
        if (gzipped) {
            ctx.header("Content-Encoding", "gzip");
            ctx.result(gzip);
        } else {
            ctx.result(body);
        }
    }

    /** The strong tag of the bytes sent: a strong validator names one encoding (RFC 9110 8.8.3). */
    String tag(boolean gzipped) {
        return gzipped ? etag.substring(0, etag.length() - 1) + "-gz\"" : etag;
    }

    /** If-None-Match: "*", or a list of tags compared weakly (RFC 9110 13.1.2). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        var tag = opaque(etag);
        for (var candidate : ifNoneMatch.split(",")) {
            var c = candidate.strip();
            if (c.equals("*") || opaque(c).equals(tag)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (var part : acceptEncoding.split(",")) {
            var p = part.strip().split(";");
            if (p[0].strip().equalsIgnoreCase("gzip")) {
                for (int i = 1; i < p.length; i++) {
                    var q = p[i].strip().replace(" ", "");
                    if (q.equals("q=0") || q.matches("q=0\\.0*")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static String etag(byte[] body) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] body) {
        var out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
