package vn.hailong.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-07T08:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void a_client_gets_its_rate_then_waits() {
        var clock = new Hands();
        var limiter = new RateLimiter(30, clock);
        for (int i = 0; i < 30; i++) {
            assertThat(limiter.acquire("client:a")).isZero();
        }
        assertThat(limiter.acquire("client:a")).isEqualTo(2);
        clock.now = clock.now.plusSeconds(2);
        assertThat(limiter.acquire("client:a")).isZero();
    }

    @Test
    void clients_gone_quiet_are_forgotten_so_a_flood_of_addresses_does_not_stay_in_memory() {
        var clock = new Hands();
        var limiter = new RateLimiter(30, clock);
        for (int i = 0; i < 100_000; i++) {
            limiter.acquire("client:" + i);
        }
        assertThat(limiter.remembered()).isEqualTo(100_000);
        clock.now = clock.now.plus(Duration.ofMinutes(3));
        limiter.acquire("client:recent");
        assertThat(limiter.remembered()).as("only the client of the last two minutes").isEqualTo(1);
        for (int i = 0; i < 29; i++) {
            assertThat(limiter.acquire("client:recent")).isZero();
        }
        assertThat(limiter.acquire("client:recent")).as("a remembered client keeps its count").isPositive();
    }
}
