package vn.hailong.auth;

import static vn.hailong.auth.AccessControl.principal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import vn.hailong.audit.AuditLog;
import vn.hailong.http.Invalid;
import vn.hailong.http.Requests;

/** HTTP for API keys: list, create (the secret is in this answer only), revoke. */
public final class ApiKeysApi {
    private final DSLContext dsl;
    private final ApiKeys keys;

    public ApiKeysApi(DSLContext dsl, ApiKeys keys) {
        this.dsl = dsl;
        this.keys = keys;
    }

    record NewKey(String name, List<String> scopes) {
    }

    public void list(Context ctx) {
        ctx.json(keys.list());
    }

    public void create(Context ctx) {
        var body = Requests.json(ctx, NewKey.class);
        var name = Requests.text("name", body.name(), 200);
        if (body.scopes() == null || body.scopes().isEmpty()) {
            throw Invalid.field("scopes", "choose at least one of " + ApiKeys.SCOPES);
        }
        var scopes = new LinkedHashSet<String>();
        for (var scope : body.scopes()) {
            if (scope == null || !ApiKeys.SCOPES.contains(scope)) {
                throw Invalid.field("scopes", "unknown scope '" + scope + "'; choose from " + ApiKeys.SCOPES);
            }
            scopes.add(scope);
        }
        var actor = principal(ctx);
        var created = dsl.transactionResult(trx -> {
            var key = keys.create(trx.dsl(), name, List.copyOf(scopes), actor.kind() == Principal.Kind.USER ? actor.id() : null);
            AuditLog.record(trx.dsl(), actor, "create", "api_key", key.key().id(), null, null, key.key());
            return key;
        });
        ctx.status(HttpStatus.CREATED).json(Map.of("key", created.key(), "secret", created.secret()));
    }

    public void revoke(Context ctx) {
        long id = Requests.id(ctx, "id");
        var revoked = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = keys.find(tx, id).orElseThrow(() -> new NotFoundResponse("No such API key: " + id));
            keys.revoke(tx, id);
            var after = keys.find(tx, id).orElseThrow();
            AuditLog.record(tx, principal(ctx), "revoke", "api_key", id, null, before, after);
            return after;
        });
        ctx.json(revoked);
    }
}
