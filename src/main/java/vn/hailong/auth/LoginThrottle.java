package vn.hailong.auth;

import static vn.hailong.db.schema.Tables.LOGIN_THROTTLE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Slows down password guessing. Each attempt takes a slot on two counters, its user name's and its client's, before
 * the password is checked, so parallel guesses cannot all slip past a check made before any of them failed.
 * Attempts in flight count as failures until they end; a success gives the slot back and clears the name's count.
 * After 5 failures for one user name, or 20 from one client (an office behind one address holds many people), one
 * attempt at a time is let through after a wait that doubles from 2 seconds, up to 15 minutes for a client but only
 * 5 for a name: strangers' failures can hold a name back, and a person on a new browser should not wait long for
 * them; 12 guesses an hour past the free ones remain hopeless against a 10-character password.
 * <p>
 * So that strangers cannot keep someone out at all, a browser that signed in as the name before (it shows a device
 * cookie, see {@link DeviceCookies}) is counted on its own counter for that name, with the same limit, never on the
 * one strangers share; its failures count against itself only, and after 10 it is trusted no more and shares the
 * strangers' counter until its count is forgotten. The per-client counter applies to everyone.
 * Counts are forgotten an hour after their last failure.
 * <p>
 * The server keeps the counts in the database ({@link #shared}, sql/V15 login_throttle), so that every process on it
 * counts the same attempts: two processes behind a load balancer do not give a guesser twice the attempts. Each change
 * of a counter is a short transaction holding its row, as the map's compute holds its entry; attempts begun more than
 * {@link #STALE_IN_FLIGHT} ago no longer count as under way (their process may have been killed). The tests of the
 * rules use the same logic on a map in memory ({@link #LoginThrottle(Clock)}).
 */
public final class LoginThrottle {
    static final Limit PER_NAME = new Limit(5, Duration.ofMinutes(5));
    static final Limit PER_CLIENT = new Limit(20, Duration.ofMinutes(15));
    static final int DISTRUST_AFTER = 10;
    static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    static final int MAX_KEYS = 100_000;
    /** An attempt under way for longer than this is taken as ended uncounted: a password check takes well under it. */
    static final Duration STALE_IN_FLIGHT = Duration.ofMinutes(1);

    /** Free failures, then waits doubling from FIRST_WAIT up to the longest. */
    record Limit(int free, Duration longestWait) {
        Duration waitAfter(int failures) {
            if (failures < free) {
                return Duration.ZERO;
            }
            long seconds = FIRST_WAIT.toSeconds() << Math.min(20, failures - free);
            return Duration.ofSeconds(Math.min(seconds, longestWait.toSeconds()));
        }
    }

    /** What a counter remembers: failures since it was last cleared, attempts under way, when it last failed. */
    record Count(int failures, int inFlight, Instant last) {
        static final Count NONE = new Count(0, 0, Instant.EPOCH);

        boolean forgotten(Instant now) {
            return inFlight == 0 && last.plus(FORGET_AFTER).isBefore(now);
        }

        /** Null when there is nothing left to remember, so the map holds only live counters. */
        Count orNull() {
            return failures == 0 && inFlight == 0 ? null : this;
        }
    }

    /** The answer to asking for an attempt: an attempt to end, or a wait. */
    sealed interface Admission permits Attempt, Wait {
    }

    record Wait(long seconds) implements Admission {
    }

    /** One admitted attempt. Say how it ended; closing one that did not say gives its slots back uncounted. */
    final class Attempt implements Admission, AutoCloseable {
        private final String key;
        private final String clientKey;
        private boolean ended;

        private Attempt(String key, String clientKey) {
            this.key = key;
            this.clientKey = clientKey;
        }

        void failed() {
            end(true);
        }

        void succeeded() {
            end(false);
        }

        private void end(boolean failed) {
            if (ended) {
                throw new IllegalStateException("attempt already ended");
            }
            ended = true;
            var now = clock.instant();
            release(key, failed, !failed, now);
            release(clientKey, failed, false, now);
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                var now = clock.instant();
                release(key, false, false, now);
                release(clientKey, false, false, now);
            }
        }
    }

    /** Where the counters are kept: each change to one counter is atomic, as ConcurrentHashMap.compute is. */
    interface Counts {
        /** The counter, or null. */
        Count get(String key, Instant now);

        /** Replaces the counter (null: none) with what {@code change} makes of it (null: none) atomically. */
        void compute(String key, Instant now, java.util.function.UnaryOperator<Count> change);

        int size();

        /** Drops forgotten counters; then, past {@code maxKeys}, those that failed longest ago, down to 9/10 of it. */
        void prune(Instant now, int maxKeys);
    }

    private final Counts counts;
    private final Clock clock;
    private final int maxKeys;
    private final AtomicBoolean pruning = new AtomicBoolean();
    private volatile Instant nextPrune;

    /** Counts kept in this process's memory. */
    public LoginThrottle(Clock clock) {
        this(clock, MAX_KEYS);
    }

    LoginThrottle(Clock clock, int maxKeys) {
        this(new InMemory(), clock, maxKeys);
    }

    LoginThrottle(Counts counts, Clock clock, int maxKeys) {
        this.counts = counts;
        this.clock = clock;
        this.maxKeys = maxKeys;
        this.nextPrune = clock.instant().plus(PRUNE_EVERY);
    }

    /** Counts kept in the database, shared by every process on it. */
    public static LoginThrottle shared(org.jooq.DSLContext dsl, Clock clock) {
        return new LoginThrottle(new Shared(dsl), clock, MAX_KEYS);
    }

    /** Takes a slot for one password check as this user name from this client, or says how long to wait. */
    Admission admit(String username, String client) {
        return admit(username, client, Optional.empty());
    }

    /** As {@link #admit(String, String)}, from a browser that proved with a device cookie it signed in as the name. */
    Admission admit(String username, String client, Optional<String> device) {
        var now = clock.instant();
        prune(now);
        var key = nameKey(username);
        if (device.isPresent()) {
            var deviceKey = "d:" + device.get() + "|" + key;
            var count = counts.get(deviceKey, now);
            if (count == null || count.forgotten(now) || count.failures() < DISTRUST_AFTER) {
                key = deviceKey;
            }
        }
        long wait = reserve(key, PER_NAME, now);
        if (wait > 0) {
            return new Wait(wait);
        }
        var clientKey = clientKey(client);
        wait = reserve(clientKey, PER_CLIENT, now);
        if (wait > 0) {
            release(key, false, false, now);
            return new Wait(wait);
        }
        return new Attempt(key, clientKey);
    }

    /** How many counters are kept, for tests of pruning. */
    int size() {
        return counts.size();
    }

    /**
     * Atomically counts an attempt in if the counter allows one, else leaves it alone: 0, or seconds to wait.
     * Past the free failures only one attempt at a time goes through, once the wait since the last failure is over.
     */
    private long reserve(String key, Limit limit, Instant now) {
        var wait = new long[1];
        counts.compute(key, now, stored -> {
            var c = stored == null || stored.forgotten(now) ? Count.NONE : stored;
            if (c.failures() + c.inFlight() < limit.free()
                    || c.inFlight() == 0 && !now.isBefore(c.last().plus(limit.waitAfter(c.failures())))) {
                return new Count(c.failures(), c.inFlight() + 1, c.last());
            }
            // With attempts under way, expect them to fail: the wait after them starts about now.
            var until = c.inFlight() == 0 ? c.last().plus(limit.waitAfter(c.failures()))
                    : now.plus(limit.waitAfter(c.failures() + c.inFlight()));
            wait[0] = Math.max(1, secondsUntil(now, until));
            return c.orNull();
        });
        return wait[0];
    }

    /** Ends an attempt on one counter: gives its slot back, and counts a failure or clears the count. */
    private void release(String key, boolean failed, boolean clear, Instant now) {
        counts.compute(key, now, stored -> {
            var c = stored == null ? Count.NONE : stored;
            int inFlight = Math.max(0, c.inFlight() - 1);
            int kept = clear || c.last().plus(FORGET_AFTER).isBefore(now) ? 0 : c.failures();
            return failed ? new Count(kept + 1, inFlight, now) : new Count(kept, inFlight, c.last()).orNull();
        });
    }

    /**
     * Drops forgotten counters once a minute. Should many fresh names (random ones, from many addresses) still fill
     * the map, the counters that failed longest ago go: that may forgive someone early, whereas refusing new names
     * would lock everyone out, which is what an attacker sending them would want.
     */
    private void prune(Instant now) {
        if ((now.isBefore(nextPrune) && counts.size() <= maxKeys) || !pruning.compareAndSet(false, true)) {
            return;
        }
        try {
            nextPrune = now.plus(PRUNE_EVERY);
            counts.prune(now, maxKeys);
        } finally {
            pruning.set(false);
        }
    }

    /** Counters in a map of this process. */
    static final class InMemory implements Counts {
        private final ConcurrentHashMap<String, Count> map = new ConcurrentHashMap<>();

        @Override
        public Count get(String key, Instant now) {
            return map.get(key);
        }

        @Override
        public void compute(String key, Instant now, java.util.function.UnaryOperator<Count> change) {
            map.compute(key, (k, stored) -> change.apply(stored));
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public void prune(Instant now, int maxKeys) {
            map.entrySet().removeIf(e -> e.getValue().forgotten(now)); // removes only the value it saw
            int excess = map.size() - maxKeys * 9 / 10;
            if (excess > 0) {
                map.entrySet().stream()
                        .filter(e -> e.getValue().inFlight() == 0)
                        .sorted(Comparator.comparing(e -> e.getValue().last()))
                        .limit(excess)
                        .toList()
                        .forEach(e -> map.remove(e.getKey(), e.getValue()));
            }
        }
    }

    /**
     * Counters in the table login_throttle (sql/V15), shared by every process: a change is one transaction holding
     * the counter's row ({@code for update}), so two processes admitting attempts for one name take turns as two
     * threads do on the map.
     */
    static final class Shared implements Counts {
        private final org.jooq.DSLContext dsl;

        Shared(org.jooq.DSLContext dsl) {
            this.dsl = dsl;
        }

        @Override
        public Count get(String key, Instant now) {
            return dsl.selectFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.KEY.eq(key)).fetchOptional()
                    .map(r -> count(r, now)).orElse(null);
        }

        @Override
        public void compute(String key, Instant now, java.util.function.UnaryOperator<Count> change) {
            dsl.transaction(trx -> {
                var tx = trx.dsl();
                tx.insertInto(LOGIN_THROTTLE).set(LOGIN_THROTTLE.KEY, key).onConflictDoNothing().execute();
                var row = tx.selectFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.KEY.eq(key)).forUpdate().fetchSingle();
                var stored = count(row, now);
                var next = change.apply(stored.failures() == 0 && stored.inFlight() == 0 ? null : stored);
                if (next == null) {
                    tx.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.KEY.eq(key)).execute();
                } else {
                    tx.update(LOGIN_THROTTLE)
                            .set(LOGIN_THROTTLE.FAILURES, next.failures())
                            .set(LOGIN_THROTTLE.IN_FLIGHT, next.inFlight())
                            .set(LOGIN_THROTTLE.LAST_FAILURE, next.last().atOffset(java.time.ZoneOffset.UTC))
                            .set(LOGIN_THROTTLE.IN_FLIGHT_SINCE, next.inFlight() == 0 ? null
                                    : next.inFlight() > stored.inFlight() ? now.atOffset(java.time.ZoneOffset.UTC)
                                    : row.getInFlightSince())
                            .where(LOGIN_THROTTLE.KEY.eq(key))
                            .execute();
                }
            });
        }

        /** The row as a counter; attempts under way since before {@link #STALE_IN_FLIGHT} no longer count. */
        private static Count count(vn.hailong.db.schema.tables.records.LoginThrottleRecord row, Instant now) {
            var since = row.getInFlightSince();
            boolean stale = since == null || since.toInstant().plus(STALE_IN_FLIGHT).isBefore(now);
            return new Count(row.getFailures(), stale ? 0 : row.getInFlight(), row.getLastFailure().toInstant());
        }

        @Override
        public int size() {
            return dsl.fetchCount(LOGIN_THROTTLE);
        }

        @Override
        public void prune(Instant now, int maxKeys) {
            var forgotten = now.minus(FORGET_AFTER).atOffset(java.time.ZoneOffset.UTC);
            var stale = now.minus(STALE_IN_FLIGHT).atOffset(java.time.ZoneOffset.UTC);
            var idle = LOGIN_THROTTLE.IN_FLIGHT.eq(0).or(LOGIN_THROTTLE.IN_FLIGHT_SINCE.isNull())
                    .or(LOGIN_THROTTLE.IN_FLIGHT_SINCE.lt(stale));
            dsl.deleteFrom(LOGIN_THROTTLE).where(idle).and(LOGIN_THROTTLE.LAST_FAILURE.lt(forgotten)).execute();
            int excess = dsl.fetchCount(LOGIN_THROTTLE) - maxKeys * 9 / 10;
            if (excess > 0) {
                dsl.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.KEY.in(dsl.select(LOGIN_THROTTLE.KEY)
                        .from(LOGIN_THROTTLE).where(idle).orderBy(LOGIN_THROTTLE.LAST_FAILURE).limit(excess)))
                        .execute();
            }
        }
    }

    private static long secondsUntil(Instant now, Instant until) {
        long millis = Duration.between(now, until).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    private static String nameKey(String username) {
        return "u:" + username.toLowerCase(Locale.ROOT);
    }

    private static String clientKey(String client) {
        return "c:" + client;
    }
}
