package vn.hailong.auth;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import vn.hailong.audit.AuditLog;
import vn.hailong.http.Invalid;
import vn.hailong.http.Requests;

/** Signing in and out, who am I, and changing one's own password. */
public final class SessionApi {
    private final DSLContext dsl;
    private final Users users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final ClientHash clients;
    private final DeviceCookies devices;

    public SessionApi(DSLContext dsl, Sessions sessions, LoginThrottle throttle, ClientHash clients) {
        this.dsl = dsl;
        this.users = new Users(dsl);
        this.sessions = sessions;
        this.throttle = throttle;
        this.clients = clients;
        this.devices = new DeviceCookies(dsl);
    }

    record Login(String username, String password) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    public void login(Context ctx) {
        var body = Requests.json(ctx, Login.class);
        var username = Requests.text("username", body.username(), 200);
        var password = Requests.text("password", body.password(), 1000);
        var device = devices.device(ctx.cookie(DeviceCookies.COOKIE), username);
        var admission = throttle.admit(username, clients.of(ctx), device);
        if (admission instanceof LoginThrottle.Wait wait) {
            ctx.header("Retry-After", Long.toString(wait.seconds()));
            throw new HttpResponseException(HttpStatus.TOO_MANY_REQUESTS.getCode(),
                    "Too many failed sign-ins; try again in " + wait.seconds() + " seconds.", Map.of());
        }
        Users.Credentials signedIn;
        // The attempt holds its slot while the password is checked; an error on the way gives it back uncounted.
        try (var attempt = (LoginThrottle.Attempt) admission) {
            var credentials = users.credentials(username).filter(Users.Credentials::active);
            // Verify against a dummy hash for unknown users, so timing does not tell which names exist.
            boolean ok = Passwords.matches(password,
                    credentials.map(Users.Credentials::passwordHash).orElse(DUMMY_HASH)) && credentials.isPresent();
            if (!ok) {
                attempt.failed();
                throw new UnauthorizedResponse("Wrong user name or password.");
            }
            attempt.succeeded();
            signedIn = credentials.get();
        }
        var session = sessions.create(signedIn.id());
        setCookie(ctx, Sessions.COOKIE, session.token(), "/", Sessions.LIFETIME);
        // A new device cookie at each sign-in (OWASP); sent back only to sign-in, not with every request.
        setCookie(ctx, DeviceCookies.COOKIE, devices.issue(username), "/api/v1/session", DeviceCookies.LIFETIME);
        ctx.json(me(signedIn.id(), session.csrfToken()));
    }

    public void get(Context ctx) {
        var p = AccessControl.principal(ctx);
        ctx.json(me(p.id(), p.csrfToken()));
    }

    public void logout(Context ctx) {
        var token = ctx.cookie(Sessions.COOKIE);
        if (token != null) {
            sessions.delete(token);
        }
        setCookie(ctx, Sessions.COOKIE, "", "/", Duration.ZERO);
        ctx.status(HttpStatus.NO_CONTENT);
    }

    public void changePassword(Context ctx) {
        var p = AccessControl.principal(ctx);
        var body = Requests.json(ctx, PasswordChange.class);
        var current = Requests.text("currentPassword", body.currentPassword(), 1000);
        var next = Requests.text("newPassword", body.newPassword(), 1000);
        if (next.length() < Users.MIN_PASSWORD) {
            throw Invalid.field("newPassword", "must have at least " + Users.MIN_PASSWORD + " characters");
        }
        var credentials = users.credentials(p.id()).orElseThrow(() -> new UnauthorizedResponse("Sign in again."));
        if (!Passwords.matches(current, credentials.passwordHash())) {
            throw Invalid.field("currentPassword", "is not your current password");
        }
        dsl.transaction(trx -> {
            users.setPassword(trx.dsl(), p.id(), next);
            AuditLog.record(trx.dsl(), p, "change_password", "user", p.id(), null, null, null);
        });
        sessions.deleteAllOf(p.id(), ctx.cookie(Sessions.COOKIE));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private Map<String, Object> me(long userId, String csrfToken) {
        var user = users.find(dsl, userId).orElseThrow(() -> new UnauthorizedResponse("Sign in again."));
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("id", user.id());
        body.put("username", user.username());
        body.put("displayName", Optional.ofNullable(user.displayName()).orElse(user.username()));
        body.put("role", user.role());
        body.put("unitId", user.unitId());
        body.put("csrfToken", csrfToken);
        return body;
    }

    /** HttpOnly, SameSite=Strict, and Secure whenever the browser reached us over HTTPS (directly or via a proxy). */
    private static void setCookie(Context ctx, String name, String value, String path, Duration maxAge) {
        boolean https = "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : ""));
    }

    private static final String DUMMY_HASH = Passwords.hash("not a password anyone has");
}
