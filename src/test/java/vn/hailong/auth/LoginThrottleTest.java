package vn.hailong.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Optional;

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

        void pass(Duration d) {
            now = now.plus(d);
        }
    }

    final ManualClock clock = new ManualClock();
    final LoginThrottle throttle = throttle(clock, LoginThrottle.MAX_KEYS);

    /** The throttle under test: counts in memory here, in the database in {@link SharedLoginThrottleTest}. */
    LoginThrottle throttle(Clock clock, int maxKeys) {
        return new LoginThrottle(clock, maxKeys);
    }

    /** Seconds to wait, or 0 after an attempt that failed. */
    long fail(String username, String client) {
        var admission = throttle.admit(username, client);
        if (admission instanceof LoginThrottle.Wait wait) {
            return wait.seconds();
        }
        ((LoginThrottle.Attempt) admission).failed();
        return 0;
    }

    long waitFor(String username, String client) {
        var admission = throttle.admit(username, client);
        if (admission instanceof LoginThrottle.Wait wait) {
            return wait.seconds();
        }
        ((LoginThrottle.Attempt) admission).close();
        return 0;
    }

    /** Whether an attempt would be let through now (it is given back at once). */
    boolean admits(String username, String client, Optional<String> device) {
        var admission = throttle.admit(username, client, device);
        if (admission instanceof LoginThrottle.Attempt attempt) {
            attempt.close();
            return true;
        }
        return false;
    }

    @Test
    void attempts_under_way_take_the_free_slots_before_any_has_failed() {
        var underWay = new ArrayList<LoginThrottle.Attempt>();
        for (int i = 0; i < 5; i++) {
            underWay.add((LoginThrottle.Attempt) throttle.admit("lan", "c" + i));
        }
        assertThat(throttle.admit("lan", "c9")).isInstanceOf(LoginThrottle.Wait.class);
        assertThat(((LoginThrottle.Wait) throttle.admit("LAN", "c9")).seconds())
                .as("names compare without case; the wait expects the attempts under way to fail").isEqualTo(2);
        underWay.get(0).succeeded();
        underWay.get(1).close(); // ended by an error, not by a password check
        assertThat(throttle.admit("lan", "c9")).as("a success clears the name").isInstanceOf(LoginThrottle.Attempt.class);
    }

    @Test
    void past_five_failures_one_attempt_at_a_time_waits_twice_as_long_as_the_last_up_to_five_minutes() {
        for (int i = 0; i < 5; i++) {
            assertThat(fail("lan", "c" + i)).isZero();
        }
        assertThat(waitFor("lan", "c9")).isEqualTo(2);
        clock.pass(Duration.ofMillis(1500));
        assertThat(waitFor("lan", "c9")).as("rounded up").isEqualTo(1);
        clock.pass(Duration.ofMillis(500));
        var one = (LoginThrottle.Attempt) throttle.admit("lan", "c9");
        assertThat(waitFor("lan", "c8")).as("while one attempt is under way, the next waits as if it failed").isEqualTo(4);
        one.failed();
        assertThat(waitFor("lan", "c8")).isEqualTo(4);
        var waits = new ArrayList<Long>();
        for (int i = 0; i < 10; i++) {
            long wait = waitFor("lan", "c" + i);
            waits.add(wait);
            clock.pass(Duration.ofSeconds(wait));
            assertThat(fail("lan", "c" + i)).isZero();
        }
        assertThat(waits).containsExactly(4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L);
    }

    @Test
    void counts_are_forgotten_an_hour_after_the_last_failure() {
        for (int i = 0; i < 5; i++) {
            fail("lan", "c1");
        }
        clock.pass(Duration.ofMinutes(59));
        assertThat(fail("lan", "c1")).isZero();
        assertThat(waitFor("lan", "c1")).as("the sixth failure, 59 minutes after the fifth").isEqualTo(4);
        clock.pass(Duration.ofMinutes(61));
        for (int i = 0; i < 4; i++) {
            assertThat(fail("lan", "c1")).isZero();
        }
        assertThat(waitFor("lan", "c1")).as("counting started again from one").isZero();
        fail("lan", "c1");
        assertThat(waitFor("lan", "c1")).isEqualTo(2);
    }

    @Test
    void a_client_waits_after_twenty_failures_across_names_up_to_fifteen_minutes_and_a_success_keeps_its_count() {
        for (int i = 0; i < 20; i++) {
            assertThat(fail("user" + i, "office")).isZero();
        }
        assertThat(waitFor("someone-new", "office")).isEqualTo(2);
        assertThat(waitFor("someone-new", "home")).isZero();
        assertThat(waitFor("user1", "home")).as("the name refused from the client is not counted").isZero();
        for (int i = 0; i < 12; i++) {
            clock.pass(Duration.ofSeconds(waitFor("x" + i, "office")));
            fail("x" + i, "office");
        }
        assertThat(waitFor("someone-new", "office")).isEqualTo(15 * 60);
        clock.pass(Duration.ofMinutes(15));
        ((LoginThrottle.Attempt) throttle.admit("user1", "office")).succeeded();
        assertThat(fail("someone-new", "office")).isZero();
        assertThat(waitFor("other", "office")).as("one person's success does not clear the office").isEqualTo(15 * 60);
    }

    @Test
    void forgotten_counters_are_dropped_so_random_names_do_not_fill_memory() {
        for (int i = 0; i < 500; i++) {
            fail("random" + i, "c" + i);
        }
        assertThat(throttle.size()).isEqualTo(1000);
        clock.pass(Duration.ofMinutes(61));
        waitFor("lan", "c1");
        assertThat(throttle.size()).isZero();
    }

    @Test
    void when_full_of_live_counters_the_oldest_go_and_recent_ones_stay() {
        var small = throttle(clock, 100);
        for (int i = 0; i < 5; i++) {
            ((LoginThrottle.Attempt) small.admit("early", "c-early")).failed();
        }
        assertThat(small.admit("early", "c-new")).isInstanceOf(LoginThrottle.Wait.class);
        for (int i = 0; i < 300; i++) {
            clock.pass(Duration.ofMillis(1));
            ((LoginThrottle.Attempt) small.admit("random" + i, "c" + i)).failed();
            assertThat(small.size()).isLessThanOrEqualTo(102);
        }
        for (int i = 0; i < 5; i++) {
            ((LoginThrottle.Attempt) small.admit("recent", "r" + i)).failed();
        }
        assertThat(small.admit("recent", "r9")).isInstanceOf(LoginThrottle.Wait.class);
        assertThat(small.admit("early", "c-new")).as("forgiven early, not locked out").isInstanceOf(LoginThrottle.Attempt.class);
    }

    @Test
    void a_browser_that_signed_in_before_is_counted_apart_from_strangers_and_they_from_it() {
        var device = Optional.of("device-1");
        for (int i = 0; i < 5; i++) {
            fail("lan", "attacker" + i);
        }
        assertThat(waitFor("lan", "office")).isPositive();
        assertThat(admits("LAN", "office", device)).as("strangers' failures do not hold it back").isTrue();
        for (int i = 0; i < 5; i++) {
            ((LoginThrottle.Attempt) throttle.admit("hoa", "office", device)).failed();
        }
        assertThat(admits("hoa", "office", device)).as("its own mistakes do").isFalse();
        assertThat(admits("hoa", "office", Optional.of("device-2"))).isTrue();
        assertThat(waitFor("hoa", "office")).as("nor do they count against strangers").isZero();
    }

    @Test
    void a_browser_that_fails_ten_times_is_trusted_no_more_until_its_count_is_forgotten() {
        var device = Optional.of("device-1");
        for (int i = 0; i < 5; i++) {
            fail("lan", "attacker" + i);
        }
        for (int i = 0; i < 10; i++) {
            var admission = throttle.admit("lan", "c" + i, device);
            if (admission instanceof LoginThrottle.Wait wait) {
                clock.pass(Duration.ofSeconds(wait.seconds()));
                admission = throttle.admit("lan", "c" + i, device);
            }
            ((LoginThrottle.Attempt) admission).failed();
        }
        clock.pass(Duration.ofMinutes(10));
        for (int i = 0; i < 6; i++) {
            fail("lan", "attacker" + i);
        }
        assertThat(throttle.admit("lan", "c1", device)).as("now shares the strangers' counter")
                .isEqualTo(throttle.admit("lan", "c1"));
        clock.pass(Duration.ofMinutes(55));
        fail("lan", "attacker1");
        assertThat(waitFor("lan", "c1")).isPositive();
        assertThat(admits("lan", "c1", device)).as("trusted again, an hour after its last failure").isTrue();
    }
}
