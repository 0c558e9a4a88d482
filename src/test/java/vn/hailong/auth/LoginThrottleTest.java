package vn.hailong.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-05T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void waits_double_after_five_failures_and_are_forgotten_after_an_hour() {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(clock);
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.retryAfterSeconds("lan", "c1")).isZero();
            throttle.failed("lan", "c1");
        }
        assertThat(throttle.retryAfterSeconds("lan", "c1")).isEqualTo(3); // 2 s, rounded up
        assertThat(throttle.retryAfterSeconds("LAN", "c2")).as("user names compare without case").isPositive();
        throttle.failed("lan", "c1");
        assertThat(throttle.retryAfterSeconds("lan", "c1")).isEqualTo(5); // 4 s
        clock.now = clock.now.plus(Duration.ofSeconds(5));
        assertThat(throttle.retryAfterSeconds("lan", "c1")).isZero();
        for (int i = 0; i < 30; i++) {
            throttle.failed("lan", "c1");
        }
        assertThat(throttle.retryAfterSeconds("lan", "c1")).isLessThanOrEqualTo(15 * 60 + 1);
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertThat(throttle.retryAfterSeconds("lan", "c1")).isZero();
    }

    @Test
    void a_client_is_throttled_after_twenty_failures_across_names_and_a_success_clears_the_name() {
        var throttle = new LoginThrottle(new ManualClock());
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "office");
        }
        assertThat(throttle.retryAfterSeconds("someone-new", "office")).isPositive();
        assertThat(throttle.retryAfterSeconds("someone-new", "home")).isZero();
        throttle.succeeded("user1");
        assertThat(throttle.retryAfterSeconds("user1", "home")).isZero();
    }
}
