package vn.hailong.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;

/**
 * One structured line per request: method, route template, status and time. Never the client's
 * address, user agent, query string or a path with values in it, so no personal data reaches the logs.
 */
public final class RequestLog {
    private static final Logger log = LoggerFactory.getLogger("hailong.request");

    private final Metrics metrics;

    public RequestLog(Metrics metrics) {
        this.metrics = metrics;
    }

    public void log(Context ctx, Float millis) {
        var route = route(ctx);
        int status = ctx.statusCode();
        metrics.recordRequest(ctx.method().name(), route, status, millis);
        log.atInfo()
                .addKeyValue("method", ctx.method().name())
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("ms", tenths(millis))
                .log("request");
    }

    /** Milliseconds with one decimal, as "%.1f" writes them, without a Formatter for every request. */
    static String tenths(Float millis) {
        if (millis == null || !Float.isFinite(millis)) {
            return String.valueOf(millis);
        }
        long tenths = Math.round(millis * 10.0);
        var sign = tenths < 0 ? "-" : "";
        tenths = Math.abs(tenths);
        return sign + tenths / 10 + "." + tenths % 10;
    }

    /** The matched route template (/api/v1/units/{id}), "static" for files served, "unmatched" otherwise. */
    public static String route(Context ctx) {
        try {
            var endpoint = ctx.endpoints().matchedHttpEndpoint();
            if (endpoint != null) {
                return endpoint.path;
            }
        } catch (RuntimeException e) {
            // no endpoint matched this request
        }
        return ctx.statusCode() < 400 ? "static" : "unmatched";
    }
}
