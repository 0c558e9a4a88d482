package vn.hailong.auth;

import static vn.hailong.db.schema.Tables.APP_USER;
import static vn.hailong.db.schema.Tables.SESSION;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.jooq.DSLContext;

/** Browser sessions: a random token in an HttpOnly cookie, its hash in the database, a CSRF token beside it. */
public final class Sessions {
    public static final String COOKIE = "hl_session";
    /** Idle: a session unused this long ends. */
    static final Duration LIFETIME = Duration.ofHours(8);
    /** Absolute: however busy, a session ends this long after sign-in, so a stolen cookie does not live forever. */
    static final Duration ABSOLUTE_LIFETIME = Duration.ofHours(12);

    private final DSLContext dsl;

    public Sessions(DSLContext dsl) {
        this.dsl = dsl;
    }

    public record Created(String token, String csrfToken) {
    }

    public Created create(long userId) {
        var token = Tokens.newToken("hls_");
        var csrf = Tokens.newToken("");
        dsl.insertInto(SESSION)
                .set(SESSION.TOKEN_HASH, Tokens.hash(token))
                .set(SESSION.USER_ID, userId)
                .set(SESSION.CSRF_TOKEN, csrf)
                .set(SESSION.EXPIRES_AT, OffsetDateTime.now().plus(LIFETIME))
                .execute();
        return new Created(token, csrf);
    }

    /** The signed-in user of a live session; a forged, expired or logged-out token finds nobody. */
    Optional<Principal> find(String token) {
        var now = OffsetDateTime.now();
        var row = dsl.select(APP_USER.ID, APP_USER.USERNAME, APP_USER.ROLE, APP_USER.UNIT_ID, SESSION.CSRF_TOKEN)
                .from(SESSION)
                .join(APP_USER).on(APP_USER.ID.eq(SESSION.USER_ID))
                .where(SESSION.TOKEN_HASH.eq(Tokens.hash(token)))
                .and(SESSION.EXPIRES_AT.gt(now))
                .and(SESSION.CREATED_AT.gt(now.minus(ABSOLUTE_LIFETIME)))
                .and(APP_USER.ACTIVE.isTrue())
                .fetchOptional();
        row.ifPresent(r -> dsl.update(SESSION)
                .set(SESSION.LAST_SEEN_AT, now)
                .set(SESSION.EXPIRES_AT, now.plus(LIFETIME))
                .where(SESSION.TOKEN_HASH.eq(Tokens.hash(token)))
                .execute());
        return row.map(r -> new Principal(Principal.Kind.USER, r.value1(), r.value2(),
                Principal.grantsOfRole(r.value3()), Principal.scopedByUnit(r.value3()) ? r.value4() : null, null,
                r.value5()));
    }

    void delete(String token) {
        dsl.deleteFrom(SESSION).where(SESSION.TOKEN_HASH.eq(Tokens.hash(token))).execute();
    }

    /** Signs the user out everywhere except, optionally, the session that asked. */
    void deleteAllOf(long userId, String keepToken) {
        dsl.deleteFrom(SESSION)
                .where(SESSION.USER_ID.eq(userId))
                .and(keepToken == null ? org.jooq.impl.DSL.noCondition() : SESSION.TOKEN_HASH.ne(Tokens.hash(keepToken)))
                .execute();
    }
}
