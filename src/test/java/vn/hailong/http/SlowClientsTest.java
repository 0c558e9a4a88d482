package vn.hailong.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import vn.hailong.TestApp;
import vn.hailong.TestDatabase;

/**
 * A thousand clients dribbling rating bodies (10 bytes every 5 s) hold none of the server's threads: /health and
 * real ratings keep answering at once, and the dribblers are cut off for sending too slowly.
 */
class SlowClientsTest {
    @Test
    void a_thousand_slow_bodies_leave_health_and_ratings_answering() throws Exception {
        try (var app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
             var dsl = app.dsl()) {
            dsl.execute("insert into unit (code, name_vi, kind) values ('AG01', 'Sở Tư pháp', 'department')");
            var figures = SlowClients.run(app.app.port(), 1000, Duration.ofSeconds(12), "AG01");
            System.out.print(figures.report());
            assertThat(figures.healthFailures()).as("health checks failed or slower than 5 s").isZero();
            assertThat(figures.healthMillis()).as("health checks answered").hasSizeGreaterThan(30);
            assertThat(figures.max(figures.healthMillis())).as("slowest health check, ms").isLessThan(2000);
            assertThat(figures.ratingFailures()).as("ratings refused or slower than 5 s").isZero();
            assertThat(figures.ratingsStored()).as("ratings stored").isGreaterThanOrEqualTo(8);
            assertThat(figures.cutByServer()).as("slow connections cut off by the server").isEqualTo(1000);
        }
    }
}
