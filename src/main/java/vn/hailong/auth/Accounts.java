package vn.hailong.auth;

import static vn.hailong.db.schema.Tables.APP_USER;

import java.security.SecureRandom;
import java.util.Optional;

import org.jooq.DSLContext;
import vn.hailong.db.Locks;

/** User accounts; for now, the first administrator. */
public final class Accounts {
    static final String FIRST_ADMIN = "admin";
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final DSLContext dsl;

    public Accounts(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Outcome of {@link #ensureFirstAdmin}: the generated password is returned so it can be shown once. */
    public record FirstAdmin(boolean created, Optional<String> generatedPassword) {
    }

    /**
     * Creates user {@code admin} when there is no user at all, with the given password or a random one.
     * Does nothing once any user exists, so a changed password is never overwritten by ADMIN_PASSWORD.
     */
    public FirstAdmin ensureFirstAdmin(Optional<String> password) {
        return dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            Locks.hold(tx, Locks.FIRST_ADMIN);
            if (tx.fetchExists(APP_USER)) {
                return new FirstAdmin(false, Optional.empty());
            }
            var generated = password.isEmpty() ? Optional.of(randomPassword()) : Optional.<String>empty();
            tx.insertInto(APP_USER)
                    .set(APP_USER.USERNAME, FIRST_ADMIN)
                    .set(APP_USER.PASSWORD_HASH, Passwords.hash(password.orElseGet(generated::get)))
                    .set(APP_USER.ROLE, "admin")
                    .execute();
            return new FirstAdmin(true, generated);
        });
    }

    static String randomPassword() {
        var random = new SecureRandom();
        var sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

}
