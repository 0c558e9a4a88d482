package vn.hailong.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Password hashing with Argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane). */
public final class Passwords {
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    private Passwords() {
    }

    static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public static boolean matches(String password, String hash) {
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException e) {
            return false; // not an Argon2 hash we made
        }
    }
}
