package vn.hailong.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after 5 failures for one user name, or 20 from one client (an office behind
 * one address holds many people), each further attempt must wait, doubling from 2 seconds up to 15 minutes.
 * A success clears the user name's count.
 * Kept in memory: a restart forgives, which is acceptable for throttling (not for accounting).
 */
public final class LoginThrottle {
    static final int FREE_ATTEMPTS = 5;
    static final int FREE_ATTEMPTS_PER_CLIENT = 20;
    static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    private record Failures(int count, Instant last) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Seconds to wait before another attempt for this user name or client, or 0. */
    public long retryAfterSeconds(String username, String client) {
        return Math.max(wait(userKey(username), FREE_ATTEMPTS), wait(clientKey(client), FREE_ATTEMPTS_PER_CLIENT));
    }

    public void failed(String username, String client) {
        var now = clock.instant();
        for (var key : new String[] {userKey(username), clientKey(client)}) {
            failures.merge(key, new Failures(1, now), (old, one) ->
                    new Failures(expired(old, now) ? 1 : old.count() + 1, now));
        }
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> expired(e.getValue(), now));
        }
    }

    public void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private long wait(String key, int freeAttempts) {
        var f = failures.get(key);
        var now = clock.instant();
        if (f == null || expired(f, now) || f.count() < freeAttempts) {
            return 0;
        }
        long seconds = FIRST_WAIT.toSeconds() << Math.min(20, f.count() - freeAttempts);
        var until = f.last().plusSeconds(Math.min(seconds, LONGEST_WAIT.toSeconds()));
        return Math.max(0, Duration.between(now, until).toSeconds() + (now.isBefore(until) ? 1 : 0));
    }

    private static boolean expired(Failures f, Instant now) {
        return f.last().plus(FORGET_AFTER).isBefore(now);
    }

    private static String userKey(String username) {
        return "u:" + username.toLowerCase(java.util.Locale.ROOT);
    }

    private static String clientKey(String client) {
        return "c:" + client;
    }
}
