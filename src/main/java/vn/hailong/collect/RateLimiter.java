package vn.hailong.collect;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (a device, or a hashed client address): {@code perMinute} requests a minute, with
 * bursts up to the same number. In memory, per server: enough to stop a flood without storing anyone.
 */
public final class RateLimiter {
    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

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
    }

    /** Takes one token; returns 0 when allowed, else the seconds until one is free. */
    public long acquire(String key) {
        if (perMinute <= 0) {
            return 0; // limit switched off
        }
        long now = clock.millis();
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

    /** Drops buckets that are full again, so the map holds only recent clients. */
    public void forgetIdle() {
        long now = clock.millis();
        buckets.entrySet().removeIf(e -> now - e.getValue().refilledAt > 120_000);
    }
}
