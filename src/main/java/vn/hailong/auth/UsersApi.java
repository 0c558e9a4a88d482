package vn.hailong.auth;

import static vn.hailong.auth.AccessControl.principal;
import static vn.hailong.db.schema.Tables.UNIT;

import org.jooq.DSLContext;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import vn.hailong.audit.AuditLog;
import vn.hailong.http.Invalid;
import vn.hailong.http.Requests;

/** HTTP for accounts: list, create, change role or unit, deactivate, reset a password. */
public final class UsersApi {
    private final DSLContext dsl;
    private final Users users;
    private final Sessions sessions;

    public UsersApi(DSLContext dsl, Sessions sessions) {
        this.dsl = dsl;
        this.users = new Users(dsl);
        this.sessions = sessions;
    }

    record NewUser(String username, String displayName, String password, String role, Long unitId, String email) {
    }

    /** email: null leaves it, empty removes it. */
    record UserChange(String displayName, String role, Long unitId, Boolean active, String password, String email) {
    }

    private record Outcome(Users.User user, boolean rightsChanged) {
    }

    public void list(Context ctx) {
        ctx.json(users.list());
    }

    public void create(Context ctx) {
        var body = Requests.json(ctx, NewUser.class);
        var username = Requests.text("username", body.username(), 100);
        if (!username.matches("[A-Za-z0-9._@-]+")) {
            throw Invalid.field("username", "may hold only letters, digits and . _ @ -");
        }
        var password = password(body.password());
        var role = role(body.role());
        var email = vn.hailong.notify.Emails.optional("email", body.email());
        var created = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            checkUnit(tx, role, body.unitId());
            if (users.usernameTaken(tx, username)) {
                throw new ConflictResponse("The user name '" + username + "' is taken.");
            }
            long id = users.insert(tx, username, Requests.optionalText("displayName", body.displayName(), 200), password,
                    role, body.unitId());
            users.setEmail(tx, id, email);
            var user = users.find(tx, id).orElseThrow();
            AuditLog.record(tx, principal(ctx), "create", "user", id, user.unitId(), null, user);
            return user;
        });
        ctx.status(HttpStatus.CREATED).json(created);
    }

    public void update(Context ctx) {
        long id = Requests.id(ctx, "id");
        var body = Requests.json(ctx, UserChange.class);
        var email = vn.hailong.notify.Emails.optional("email", body.email());
        var actor = principal(ctx);
        var outcome = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = users.find(tx, id).orElseThrow(() -> new NotFoundResponse("No such user: " + id));
            var role = body.role() == null ? before.role() : role(body.role());
            Long unitId = body.unitId() != null ? body.unitId() : Principal.scopedByUnit(role) ? before.unitId() : null;
            checkUnit(tx, role, unitId);
            boolean active = body.active() == null ? before.active() : body.active();
            if (id == actor.id() && actor.kind() == Principal.Kind.USER && (!active || !role.equals("admin"))) {
                throw Invalid.field(!active ? "active" : "role", "you cannot lock yourself out; ask another admin");
            }
            var after = new Users.User(id, before.username(),
                    body.displayName() == null ? before.displayName() : Requests.optionalText("displayName", body.displayName(), 200),
                    role, unitId, active, before.createdAt(), body.email() == null ? before.email() : email);
            users.update(tx, after);
            if (body.password() != null) {
                users.setPassword(tx, id, password(body.password()));
            }
            AuditLog.record(tx, actor, body.password() != null ? "update_and_reset_password" : "update", "user", id,
                    after.unitId(), before, after);
            boolean rightsChanged = !after.role().equals(before.role()) || !java.util.Objects.equals(after.unitId(),
                    before.unitId()) || after.active() != before.active() || body.password() != null;
            return new Outcome(after, rightsChanged);
        });
        if (outcome.rightsChanged()) {
            sessions.deleteAllOf(id, null); // signs in again, with the new rights or password
        }
        ctx.json(outcome.user());
    }

    private static String password(String password) {
        var p = Requests.text("password", password, 1000);
        if (p.length() < Users.MIN_PASSWORD) {
            throw Invalid.field("password", "must have at least " + Users.MIN_PASSWORD + " characters");
        }
        return p;
    }

    private static String role(String role) {
        var r = Requests.text("role", role, 32);
        if (!Users.ROLES.contains(r)) {
            throw Invalid.field("role", "must be one of " + Users.ROLES);
        }
        return r;
    }

    private static void checkUnit(DSLContext tx, String role, Long unitId) {
        if (role.equals("agency_manager") && unitId == null) {
            throw Invalid.field("unitId", "an agency manager belongs to a unit");
        }
        if (unitId != null && !tx.fetchExists(UNIT, UNIT.ID.eq(unitId))) {
            throw Invalid.field("unitId", "no unit has id " + unitId);
        }
    }
}
