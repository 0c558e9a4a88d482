package vn.hailong.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import vn.hailong.TestDatabase;
import vn.hailong.db.Database;

/**
 * The throttle's rules with its counts in the database (sql/V15), as the server keeps them: every rule of
 * {@link LoginThrottleTest} again, and what sharing adds: two processes count the same attempts, and an attempt left
 * under way by a killed process stops counting.
 */
class SharedLoginThrottleTest extends LoginThrottleTest {
    private static final List<Database> opened = new ArrayList<>();

    @Override
    LoginThrottle throttle(Clock clock, int maxKeys) {
        var database = Database.open(Optional.of(TestDatabase.fresh()), Path.of("target", "unused-data-dir"));
        synchronized (opened) {
            opened.add(database);
        }
        return new LoginThrottle(new LoginThrottle.Shared(DSL.using(database.dataSource(), SQLDialect.POSTGRES)), clock,
                maxKeys);
    }

    @AfterEach
    void close() {
        synchronized (opened) {
            opened.forEach(Database::close);
            opened.clear();
        }
    }

    @Test
    void two_processes_on_one_database_share_the_five_free_failures_of_a_name() {
        var database = Database.open(Optional.of(TestDatabase.fresh()), Path.of("target", "unused-data-dir"));
        synchronized (opened) {
            opened.add(database);
        }
        var dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        var a = LoginThrottle.shared(dsl, clock);
        var b = LoginThrottle.shared(dsl, clock);
        for (int i = 0; i < 3; i++) {
            ((LoginThrottle.Attempt) a.admit("lan", "client-a")).failed();
        }
        for (int i = 0; i < 2; i++) {
            ((LoginThrottle.Attempt) b.admit("lan", "client-b")).failed();
        }
        assertThat(a.admit("lan", "client-c")).as("the sixth attempt, on either process")
                .isEqualTo(new LoginThrottle.Wait(2));
        assertThat(b.admit("lan", "client-c")).isEqualTo(new LoginThrottle.Wait(2));
    }

    @Test
    void every_process_hashes_a_client_address_alike_and_knows_the_others_device_cookies() {
        var database = Database.open(Optional.of(TestDatabase.fresh()), Path.of("target", "unused-data-dir"));
        synchronized (opened) {
            opened.add(database);
        }
        var dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        assertThat(ClientHash.shared(dsl).of("203.0.113.7")).isEqualTo(ClientHash.shared(dsl).of("203.0.113.7"))
                .isNotEqualTo(ClientHash.shared(dsl).of("203.0.113.8"));
        assertThat(new ClientHash().of("203.0.113.7")).as("a process's own secret")
                .isNotEqualTo(new ClientHash().of("203.0.113.7"));
        dsl.execute("insert into server_secret (name, secret) values ('client-hash:2000-01-01', '\\x00')");
        ClientHash.shared(dsl).of("203.0.113.7");
        assertThat(dsl.fetchValue("select count(*) from server_secret where name like 'client-hash:%'"))
                .as("only today's secret is kept").isEqualTo(1L);

        var cookie = new DeviceCookies(dsl).issue("lan");
        assertThat(new DeviceCookies(dsl).device(cookie, "lan")).as("issued by another process").isPresent();
        assertThat(new DeviceCookies().device(cookie, "lan")).isEmpty();
    }

    @Test
    void attempts_left_under_way_by_a_killed_process_stop_counting_after_a_minute() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit("lan", "client")).isInstanceOf(LoginThrottle.Attempt.class); // never ended
        }
        assertThat(throttle.admit("lan", "client")).isInstanceOf(LoginThrottle.Wait.class);
        clock.pass(LoginThrottle.STALE_IN_FLIGHT.plus(Duration.ofSeconds(1)));
        assertThat(throttle.admit("lan", "client")).isInstanceOf(LoginThrottle.Attempt.class);
    }
}
