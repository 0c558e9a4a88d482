package vn.hailong;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.validation.ValidationException;
import vn.hailong.http.Invalid;
import vn.hailong.http.Rejected;
import vn.hailong.ops.RequestLog;

/**
 * Errors as JSON a person can act on: {"status":422,"message":"...","field":"..."}. Unexpected
 * failures are logged with their stack trace and answered without it.
 */
final class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    static void register(JavalinConfig config) {
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            var body = new LinkedHashMap<String, Object>();
            body.put("status", e.getStatus());
            body.put("message", e.getMessage());
            body.putAll(e.getDetails());
            if (e instanceof Rejected rejected) {
                body.put("problemCount", rejected.count());
                body.put("problems", rejected.problems());
            }
            if (e instanceof Invalid invalid) {
                body.put("errors", invalid.errors());
            }
            ctx.status(e.getStatus()).json(body);
        });
        config.routes.exception(ValidationException.class, (e, ctx) -> {
            var first = e.getErrors().entrySet().iterator().next();
            var field = first.getKey();
            var message = first.getValue().isEmpty() ? "is not valid" : first.getValue().get(0).getMessage();
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("status", 400, "message", field + ": " + message, "field", field));
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("event=unhandled_exception method={} route={}", ctx.method().name(), RequestLog.route(ctx), e);
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .json(Map.of("status", 500, "message", "Something went wrong on our side; it has been logged."));
        });
        config.routes.error(HttpStatus.NOT_FOUND.getCode(), "*", ApiErrors::notFound);
    }

    private static void notFound(Context ctx) {
        // A handler's own 404 ("No such unit: 7") already has its message; this is for paths nothing matched.
        if (ctx.path().startsWith("/api/") && (ctx.result() == null || ctx.result().isEmpty())) {
            ctx.json(Map.of("status", 404, "message", "No such resource: " + ctx.method().name() + " " + ctx.path()));
        }
    }
}
