package vn.hailong.db;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.TestApp.one;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.schedule.Schedule;

/**
 * A server running across New Year into a year whose partition did not exist when it started: the daily job makes
 * the partitions ahead, the first rating after midnight is stored in the new year's partition and counted; and a
 * rating for a year without a partition is stored all the same (the writer makes it).
 */
class ResponsePartitionsTest {
    /** The application's clock, which the test moves. */
    static final class Hands extends Clock {
        volatile Instant now;

        Hands(String at) {
            set(at);
        }

        void set(String at) {
            now = OffsetDateTime.parse(at).toInstant();
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    static final Hands clock = new Hands("2030-12-31T23:59:00+07:00");
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient citizen;
    static long agencyId;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0), clock);
        dsl = app.dsl();
        var admin = ApiClient.signIn(app, "admin", "test-admin-password");
        agencyId = admin.post("/api/v1/units", Map.of("code", "AG01", "nameVi", "Sở Tư pháp", "kind", "department"))
                .body().get("id").asLong();
        citizen = ApiClient.anonymous(app);
        // The server made its partitions at start-up from the system's clock, and the migrations 2015 to 2030: none
        // for a year after 2030 may exist, as at a start on 31 December 2030 whose job has not made them yet.
        for (var partition : partitionsAfter(2030)) {
            assertThat(one(dsl, "select count(*) from " + partition, Long.class)).isZero();
            dsl.execute("drop table " + partition);
        }
        assertThat(partitionsAfter(2030)).isEmpty();
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    static List<String> partitionsAfter(int year) {
        return dsl.fetch("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                        + " where i.inhparent = 'response'::regclass and substring(c.relname from 11)::int > {0}"
                        + " order by 1", year)
                .getValues(0, String.class);
    }

    static boolean partitionExists(int year) {
        return one(dsl, "select to_regclass({0}) is not null", Boolean.class, "response_y" + year);
    }

    /** A complete SIPAS rating; {@code submittedAt} null lets the server stamp it with its own time. */
    static Map<String, Object> rating(UUID id, String submittedAt) {
        var answers = new LinkedHashMap<String, Object>();
        for (var code : new String[] {"TC1", "TC2", "TC3", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3", "KQ1",
                "KQ2", "KQ3", "PA1", "PA2", "PA3"}) {
            answers.put(code, null);
        }
        answers.put("HL", 4);
        var body = new LinkedHashMap<String, Object>();
        body.put("submissionId", id.toString());
        body.put("questionnaire", "SIPAS");
        body.put("version", 1);
        body.put("agency", "AG01");
        body.put("channel", "qr");
        body.put("answers", answers);
        if (submittedAt != null) {
            body.put("submittedAt", submittedAt);
        }
        return body;
    }

    /** Where a rating was stored: its partition. */
    static String partitionOf(UUID id) {
        return one(dsl, "select tableoid::regclass::text from response where submission_id = {0}::uuid", String.class,
                id.toString());
    }

    /** The agency's ratings the rollups count for a year (its year row), after folding what is pending. */
    static long rolledUp(int year) {
        TestApp.foldRollups(dsl);
        return one(dsl, "select coalesce(sum(responses), 0) from rollup where aggregate = 1 and grain = 3"
                + " and unit_id = {0} and period = make_date({1}, 1, 1)", Long.class, agencyId, year);
    }

    static void awaitRun(String period) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (one(dsl, "select count(*) from scheduled_run where job = 'response-partitions' and period = {0}",
                Long.class, period) == 0) {
            assertThat(System.nanoTime()).as("the partition job's run of " + period).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void across_new_year_the_job_makes_the_partitions_ahead_and_the_first_rating_of_the_year_is_stored_and_counted()
            throws Exception {
        clock.set("2030-12-31T23:59:00+07:00");
        assertThat(partitionExists(2031)).isFalse();
        var lastOfTheYear = UUID.randomUUID();
        assertThat(citizen.post("/api/v1/responses", rating(lastOfTheYear, null)).status()).isEqualTo(201);
        assertThat(partitionOf(lastOfTheYear)).isEqualTo("response_y2030");

        // The schedule as the application runs it (ticking, here every 50 ms), on the application's clock.
        try (var scheduleDsl = TestApp.dsl(app.databaseUrl);
             var schedule = new Schedule(scheduleDsl, List.of(new ResponsePartitions.Job()), clock,
                     Duration.ofMillis(50))) {
            awaitRun("2030-12-31");
            assertThat(partitionExists(2031)).as("next year's partition, made ahead on 31 December").isTrue();
            assertThat(partitionExists(2032)).isTrue();
            assertThat(partitionExists(2033)).isFalse();

            clock.set("2031-01-01T00:00:05+07:00"); // midnight has passed in Vietnam (17:00:05 UTC on 31 December)
            awaitRun("2031-01-01");
            assertThat(partitionExists(2033)).as("two years ahead of the new year").isTrue();
        }
        assertThat(one(dsl, "select count(*) from scheduled_run where job = 'response-partitions'"
                + " and period in ('2030-12-31', '2031-01-01')", Long.class)).as("once a day, however often it ticks")
                .isEqualTo(2L);

        // Just after midnight, stamped by the server, and one a kiosk queued a second after midnight.
        var firstOfTheYear = UUID.randomUUID();
        var answer = citizen.post("/api/v1/responses", rating(firstOfTheYear, null));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        assertThat(answer.body().get("submittedAt").asText()).startsWith("2030-12-31T17:00:05");
        var queued = UUID.randomUUID();
        assertThat(citizen.post("/api/v1/responses", rating(queued, "2031-01-01T00:00:01+07:00")).status())
                .isEqualTo(201);
        assertThat(partitionOf(firstOfTheYear)).isEqualTo("response_y2031");
        assertThat(partitionOf(queued)).isEqualTo("response_y2031");
        assertThat(rolledUp(2031)).isEqualTo(2L);
        assertThat(rolledUp(2030)).isEqualTo(1L);
        assertThat(one(dsl, "select sum(responses) from response_tally where agency_id = {0} and year = 2031",
                Long.class, agencyId)).isEqualTo(2L);
    }

    @Test
    void ratings_for_a_year_without_a_partition_are_stored_the_writer_makes_it() throws Exception {
        clock.set("2036-01-01T00:00:03+07:00"); // no job has run this year: 2036 has no partition
        assertThat(partitionExists(2036)).isFalse();
        long before = rolledUp(2036);
        // Several at once, as a batch of one writer and retries of one another.
        var ids = new ArrayList<UUID>();
        var pool = Executors.newFixedThreadPool(8);
        try {
            var answers = new ArrayList<Future<ApiClient.Answer>>();
            for (int i = 0; i < 8; i++) {
                var id = UUID.randomUUID();
                ids.add(id);
                answers.add(pool.submit(() -> citizen.post("/api/v1/responses", rating(id, null))));
            }
            for (var answer : answers) {
                assertThat(answer.get().status()).as(answer.get().body().toString()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(partitionExists(2036)).isTrue();
        for (var id : ids) {
            assertThat(partitionOf(id)).isEqualTo("response_y2036");
        }
        assertThat(rolledUp(2036)).isEqualTo(before + 8);
        // A retry is answered as one, from the stored rating.
        var retry = citizen.post("/api/v1/responses", rating(ids.get(0), null));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(one(dsl, "select count(*) from response where submission_id = {0}::uuid", Long.class,
                ids.get(0).toString())).isEqualTo(1L);
    }

    @Test
    void a_rating_dated_far_from_now_is_refused_naming_submitted_at_and_makes_no_partition() {
        clock.set("2030-06-15T10:00:00+07:00");
        for (var at : List.of("1970-01-01T00:00:00+07:00", "2999-01-01T00:00:00+07:00", "2029-01-01T00:00:00+07:00")) {
            var answer = citizen.post("/api/v1/responses", rating(UUID.randomUUID(), at));
            assertThat(answer.status()).as(at).isEqualTo(422);
            assertThat(answer.body().toString()).contains("submittedAt");
        }
        assertThat(partitionExists(1970)).isFalse();
        assertThat(partitionExists(2999)).isFalse();
    }

    @Test
    void behind_a_long_read_the_job_gives_up_within_a_second_and_partitions_that_exist_take_no_lock() {
        var job = new ResponsePartitions.Job();
        try (var reader = TestApp.dsl(app.databaseUrl)) {
            reader.execute("begin");
            reader.execute("select count(*) from response"); // a long analytics read, holding its lock on response
            long started = System.nanoTime();
            dsl.execute("select ensure_response_partitions(2029, 2030)"); // both exist: no lock, no wait
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));

            started = System.nanoTime();
            var thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Schedule.runOnce(dsl, job, "2040-06-01"));
            var waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(thrown).as("2039 to 2042 need new partitions, which wait for the read").isNotNull();
            assertThat(waited).isLessThan(Duration.ofSeconds(3));
            assertThat(partitionExists(2039)).isFalse();
            assertThat(one(dsl, "select count(*) from scheduled_run where period = '2040-06-01'", Long.class)).isZero();
            reader.execute("commit");
        }
        // The next tick, the read over: made, and recorded.
        assertThat(Schedule.runOnce(dsl, job, "2040-06-01")).isTrue();
        assertThat(partitionExists(2039)).isTrue();
        assertThat(partitionExists(2042)).isTrue();
    }
}
