package vn.hailong.collect;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets per key (a device, or a hashed client address): {@code perMinute} requests a minute, with
 * bursts up to the same number. In memory, per server: enough to stop a flood without storing anyone. Buckets full
 * again are dropped once a minute, so the memory holds only the clients of the last two minutes.
 */
public final class RateLimiter {
    static final long PRUNE_EVERY_MILLIS = 60_000;
    static final long IDLE_MILLIS = 120_000;

    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextPrune;

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.refilledAt = at;
        }
    }

    public RateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
        this.nextPrune = new AtomicLong(clock.millis() + PRUNE_EVERY_MILLIS);
    }

    /** Takes one token; returns 0 when allowed, else the seconds until one is free. */
    long acquire(String key) {
        if (perMinute <= 0) {
            return 0; // limit switched off
        }
        long now = clock.millis();
        long due = nextPrune.get();
        if (now >= due && nextPrune.compareAndSet(due, now + PRUNE_EVERY_MILLIS)) {
            forgetIdle(now);
        }
        var bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.refilledAt) * perMinute / 60_000.0);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) * 60.0 / perMinute);
        }
    }

    /** Drops buckets untouched for two minutes (full again: forgetting them forgives nothing). */
    private void forgetIdle(long now) {
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                return now - bucket.refilledAt > IDLE_MILLIS;
            }
        });
    }

    /** How many clients are remembered. */
    int remembered() {
        return buckets.size();
    }
}
