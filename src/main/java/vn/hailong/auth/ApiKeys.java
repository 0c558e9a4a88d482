package vn.hailong.auth;

import static vn.hailong.db.schema.Tables.API_KEY;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;

/** Keys for other systems, sent as {@code Authorization: Bearer hlk_…}; stored hashed, shown once. */
public final class ApiKeys {
    static final String PREFIX = "hlk_";
    static final List<String> SCOPES = List.of("invitations", "import", "read", "interviews", "dossiers");

    private final DSLContext dsl;

    public ApiKeys(DSLContext dsl) {
        this.dsl = dsl;
    }

    public record Key(long id, String name, String prefix, List<String> scopes, OffsetDateTime createdAt,
                      OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
    }

    public record Created(Key key, String secret) {
    }

    public Created create(DSLContext tx, String name, List<String> scopes, Long createdBy) {
        var secret = Tokens.newToken(PREFIX);
        var id = tx.insertInto(API_KEY)
                .set(API_KEY.NAME, name)
                .set(API_KEY.PREFIX, secret.substring(0, PREFIX.length() + 6))
                .set(API_KEY.KEY_HASH, Tokens.hash(secret))
                .set(API_KEY.SCOPES, scopes.toArray(String[]::new))
                .set(API_KEY.CREATED_BY, createdBy)
                .returning(API_KEY.ID)
                .fetchSingle(API_KEY.ID);
        return new Created(find(tx, id).orElseThrow(), secret);
    }

    List<Key> list() {
        return dsl.select(API_KEY.ID, API_KEY.NAME, API_KEY.PREFIX, API_KEY.SCOPES, API_KEY.CREATED_AT,
                        API_KEY.LAST_USED_AT, API_KEY.REVOKED_AT)
                .from(API_KEY)
                .orderBy(API_KEY.ID)
                .fetch(r -> new Key(r.value1(), r.value2(), r.value3(), List.of(r.value4()), r.value5(), r.value6(),
                        r.value7()));
    }

    Optional<Key> find(DSLContext tx, long id) {
        return tx.select(API_KEY.ID, API_KEY.NAME, API_KEY.PREFIX, API_KEY.SCOPES, API_KEY.CREATED_AT,
                        API_KEY.LAST_USED_AT, API_KEY.REVOKED_AT)
                .from(API_KEY)
                .where(API_KEY.ID.eq(id))
                .fetchOptional(r -> new Key(r.value1(), r.value2(), r.value3(), List.of(r.value4()), r.value5(),
                        r.value6(), r.value7()));
    }

    boolean revoke(DSLContext tx, long id) {
        return tx.update(API_KEY)
                .set(API_KEY.REVOKED_AT, OffsetDateTime.now())
                .where(API_KEY.ID.eq(id))
                .and(API_KEY.REVOKED_AT.isNull())
                .execute() == 1;
    }

    /** The integration holding this key, unless it is unknown or revoked. */
    Optional<Principal> authenticate(String secret) {
        var row = dsl.update(API_KEY)
                .set(API_KEY.LAST_USED_AT, OffsetDateTime.now())
                .where(API_KEY.KEY_HASH.eq(Tokens.hash(secret)))
                .and(API_KEY.REVOKED_AT.isNull())
                .returning(API_KEY.ID, API_KEY.NAME, API_KEY.SCOPES)
                .fetchOptional();
        return row.map(r -> {
            var grants = EnumSet.noneOf(Access.class);
            for (var scope : r.getScopes()) {
                grants.add(switch (scope) {
                    case "invitations" -> Access.KEY_INVITATIONS;
                    case "import" -> Access.KEY_IMPORT;
                    case "interviews" -> Access.KEY_INTERVIEWS;
                    case "dossiers" -> Access.KEY_DOSSIERS;
                    default -> Access.KEY_READ;
                });
            }
            return new Principal(Principal.Kind.API_KEY, r.getId(), r.getName(), grants, null, null, null);
        });
    }

}
