package vn.hailong.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.function.Function;

import org.jooq.DSLContext;

import io.javalin.http.Context;

import vn.hailong.Vietnam;
import vn.hailong.db.schema.Tables;

/**
 * Tells clients apart for rate limits without storing who they are: a hash of the address with a secret. The ratings'
 * rate limit, kept in memory per process, uses a secret made at start-up and kept only in memory, so the value means
 * nothing outside this process. Sign-in throttling counts per client in the database for every process
 * ({@link LoginThrottle#shared}), so its secret is shared ({@link #shared}): one a day, in server_secret (sql/V15),
 * the day before's deleted. A client's count starts afresh at midnight; someone who reads the database can tell the
 * addresses of clients that failed to sign in today (by hashing every address), and no others.
 */
public final class ClientHash {
    private record Salt(LocalDate day, String value) {
    }

    private final Function<LocalDate, String> saltOf;
    private final Clock clock;
    private volatile Salt salt;

    /** A secret of this process alone, for as long as it runs. */
    public ClientHash() {
        var value = newSalt();
        this.saltOf = day -> value;
        this.clock = Clock.systemUTC();
    }

    private ClientHash(Function<LocalDate, String> saltOf, Clock clock) {
        this.saltOf = saltOf;
        this.clock = clock;
    }

    /** The day's secret every process on this database shares, made by the first that needs it. */
    public static ClientHash shared(DSLContext dsl) {
        return shared(dsl, Clock.systemUTC());
    }

    /** As {@link #shared(DSLContext)}, its day told by {@code clock} (App.start's, as the throttle's counts). */
    public static ClientHash shared(DSLContext dsl, Clock clock) {
        var s = Tables.SERVER_SECRET;
        return new ClientHash(day -> {
            var name = "client-hash:" + day;
            dsl.deleteFrom(s).where(s.NAME.like("client-hash:%")).and(s.NAME.lt(name)).execute();
            dsl.insertInto(s).set(s.NAME, name).set(s.SECRET, HexFormat.of().parseHex(newSalt()))
                    .onConflictDoNothing().execute();
            return HexFormat.of().formatHex(dsl.select(s.SECRET).from(s).where(s.NAME.eq(name)).fetchSingle(s.SECRET));
        }, clock);
    }

    public String of(Context ctx) {
        return of(ctx.ip());
    }

    String of(String address) {
        var today = LocalDate.now(clock.withZone(Vietnam.ZONE));
        var current = salt;
        if (current == null || !current.day().equals(today)) {
            current = new Salt(today, saltOf.apply(today));
            salt = current;
        }
        return Tokens.hash(current.value() + "|" + address).substring(0, 16);
    }

    private static String newSalt() {
        var bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
