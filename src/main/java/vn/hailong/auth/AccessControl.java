package vn.hailong.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;

/**
 * The one access check every request passes: who is calling (session cookie, API key or device token),
 * may they call this route, and — for writes made with a cookie — does the CSRF token match.
 */
public final class AccessControl {
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PRINCIPAL = "hailong.principal";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final Sessions sessions;
    private final ApiKeys apiKeys;
    private final KioskDevices devices;
    private final Optional<byte[]> metricsToken;

    /** metricsToken: what a monitoring system sends to read /metrics; without one, nobody may. */
    public AccessControl(Sessions sessions, ApiKeys apiKeys, KioskDevices devices, Optional<String> metricsToken) {
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.devices = devices;
        this.metricsToken = metricsToken.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    public void check(Context ctx) {
        var roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            // Closed by default: a route declared without an access rule answers to nobody.
            throw new ForbiddenResponse("This route has no access rule.");
        }
        var principal = identify(ctx);
        principal.ifPresent(p -> ctx.attribute(PRINCIPAL, p));
        if (roles.contains(Access.PUBLIC)) {
            return;
        }
        var caller = principal.orElseThrow(() -> new UnauthorizedResponse("Sign in, or send a valid API key."));
        if (!caller.may(roles)) {
            throw new ForbiddenResponse("Your account may not do this.");
        }
        if (caller.csrfToken() != null && !SAFE.contains(ctx.method())
                && !caller.csrfToken().equals(ctx.header(CSRF_HEADER))) {
            throw new ForbiddenResponse("Missing or wrong " + CSRF_HEADER + " header; reload the page and try again.");
        }
    }

    /** The caller of a route that requires one. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new UnauthorizedResponse("Sign in, or send a valid API key.");
        }
        return p;
    }

    public static Optional<Principal> optionalPrincipal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    private Optional<Principal> identify(Context ctx) {
        var authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            var token = authorization.substring(7).trim();
            if (token.startsWith(ApiKeys.PREFIX)) {
                return apiKeys.authenticate(token);
            }
            if (token.startsWith(KioskDevices.PREFIX)) {
                return devices.authenticate(token);
            }
            if (metricsToken.isPresent()
                    && MessageDigest.isEqual(metricsToken.get(), token.getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(new Principal(Principal.Kind.MONITOR, 0, "metrics", Set.of(Access.METRICS), null,
                        null, null));
            }
            return Optional.empty();
        }
        var cookie = ctx.cookie(Sessions.COOKIE);
        if (cookie != null && !cookie.isBlank()) {
            return sessions.find(cookie);
        }
        return Optional.empty();
    }
}
