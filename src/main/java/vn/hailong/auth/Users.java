package vn.hailong.auth;

import static vn.hailong.db.schema.Tables.APP_USER;
import static org.jooq.Records.mapping;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;

/** Queries on people's accounts. Password hashes never leave this class. */
final class Users {
    static final List<String> ROLES = List.of("admin", "analyst", "agency_manager", "interviewer");
    static final int MIN_PASSWORD = 10;

    private final DSLContext dsl;

    Users(DSLContext dsl) {
        this.dsl = dsl;
    }

    record User(long id, String username, String displayName, String role, Long unitId, boolean active,
                       OffsetDateTime createdAt, String email) {
    }

    record Credentials(long id, String passwordHash, boolean active) {
    }

    List<User> list() {
        return dsl.select(APP_USER.ID, APP_USER.USERNAME, APP_USER.DISPLAY_NAME, APP_USER.ROLE, APP_USER.UNIT_ID,
                        APP_USER.ACTIVE, APP_USER.CREATED_AT, APP_USER.EMAIL)
                .from(APP_USER)
                .orderBy(APP_USER.USERNAME)
                .fetch(mapping(User::new));
    }

    Optional<User> find(DSLContext tx, long id) {
        return tx.select(APP_USER.ID, APP_USER.USERNAME, APP_USER.DISPLAY_NAME, APP_USER.ROLE, APP_USER.UNIT_ID,
                        APP_USER.ACTIVE, APP_USER.CREATED_AT, APP_USER.EMAIL)
                .from(APP_USER)
                .where(APP_USER.ID.eq(id))
                .fetchOptional(mapping(User::new));
    }

    Optional<Credentials> credentials(String username) {
        return dsl.select(APP_USER.ID, APP_USER.PASSWORD_HASH, APP_USER.ACTIVE)
                .from(APP_USER)
                .where(APP_USER.USERNAME.eq(username))
                .fetchOptional(mapping(Credentials::new));
    }

    Optional<Credentials> credentials(long id) {
        return dsl.select(APP_USER.ID, APP_USER.PASSWORD_HASH, APP_USER.ACTIVE)
                .from(APP_USER)
                .where(APP_USER.ID.eq(id))
                .fetchOptional(mapping(Credentials::new));
    }

    boolean usernameTaken(DSLContext tx, String username) {
        return tx.fetchExists(APP_USER, APP_USER.USERNAME.eq(username));
    }

    long insert(DSLContext tx, String username, String displayName, String password, String role, Long unitId) {
        return tx.insertInto(APP_USER)
                .set(APP_USER.USERNAME, username)
                .set(APP_USER.DISPLAY_NAME, displayName)
                .set(APP_USER.PASSWORD_HASH, Passwords.hash(password))
                .set(APP_USER.ROLE, role)
                .set(APP_USER.UNIT_ID, unitId)
                .returning(APP_USER.ID)
                .fetchSingle(APP_USER.ID);
    }

    void update(DSLContext tx, User user) {
        tx.update(APP_USER)
                .set(APP_USER.DISPLAY_NAME, user.displayName())
                .set(APP_USER.ROLE, user.role())
                .set(APP_USER.UNIT_ID, user.unitId())
                .set(APP_USER.ACTIVE, user.active())
                .set(APP_USER.EMAIL, user.email())
                .where(APP_USER.ID.eq(user.id()))
                .execute();
    }

    void setEmail(DSLContext tx, long id, String email) {
        tx.update(APP_USER).set(APP_USER.EMAIL, email).where(APP_USER.ID.eq(id)).execute();
    }

    void setPassword(DSLContext tx, long id, String password) {
        tx.update(APP_USER)
                .set(APP_USER.PASSWORD_HASH, Passwords.hash(password))
                .set(APP_USER.PASSWORD_CHANGED_AT, OffsetDateTime.now())
                .where(APP_USER.ID.eq(id))
                .execute();
    }
}
