package vn.hailong.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.hailong.TestApp.one;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.CloseableDSLContext;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.TestApp;

/** A job's period runs once, whoever asks and however often, and a failed run leaves no trace. */
class ScheduleTest {
    static TestApp app;
    static CloseableDSLContext dsl;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        dsl = app.dsl();
        dsl.execute("create table job_work (job varchar, period varchar)");
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    /** Records its work in the job's transaction, slowly enough for a second caller to arrive meanwhile. */
    record Counting(String name, AtomicInteger runs, long sleepMillis, boolean fails) implements Job {
        @Override
        public Optional<String> due(ZonedDateTime now) {
            return Optional.of("2026-W49");
        }

        @Override
        public void run(DSLContext tx, String period) {
            runs.incrementAndGet();
            tx.execute("insert into job_work values ({0}, {1})", name, period);
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fails) {
                throw new IllegalStateException("the work failed");
            }
        }
    }

    static int work(String job) {
        return one(dsl, "select count(*) from job_work where job = {0}", Integer.class, job);
    }

    static int runs(String job) {
        return one(dsl, "select count(*) from scheduled_run where job = {0}", Integer.class, job);
    }

    @Test
    void called_twice_a_period_runs_once() {
        var job = new Counting("twice", new AtomicInteger(), 0, false);
        assertThat(Schedule.runOnce(dsl, job, "2026-W49")).isTrue();
        assertThat(Schedule.runOnce(dsl, job, "2026-W49")).isFalse();
        assertThat(Schedule.runOnce(dsl, job, "2026-W50")).isTrue();
        assertThat(job.runs().get()).isEqualTo(2);
        assertThat(work("twice")).isEqualTo(2);
        assertThat(runs("twice")).isEqualTo(2);
    }

    @Test
    void called_concurrently_by_two_processes_a_period_runs_once() throws Exception {
        var job = new Counting("concurrent", new AtomicInteger(), 300, false);
        var pool = Executors.newFixedThreadPool(4);
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<Boolean>>();
        for (int i = 0; i < 4; i++) {
            results.add(pool.submit(() -> {
                try (var own = TestApp.dsl(app.databaseUrl)) { // each its own connection, like another process
                    start.await();
                    return Schedule.runOnce(own, job, "2026-W49");
                }
            }));
        }
        start.countDown();
        int ran = 0;
        for (var r : results) {
            ran += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(ran).isEqualTo(1);
        assertThat(job.runs().get()).isEqualTo(1);
        assertThat(work("concurrent")).isEqualTo(1);
    }

    @Test
    void a_job_that_throws_leaves_no_run_and_no_work_and_runs_again_next_time() {
        var failing = new Counting("flaky", new AtomicInteger(), 0, true);
        assertThatThrownBy(() -> Schedule.runOnce(dsl, failing, "2026-W49")).hasMessageContaining("the work failed");
        assertThat(runs("flaky")).isZero();
        assertThat(work("flaky")).isZero();
        var fixed = new Counting("flaky", new AtomicInteger(), 0, false);
        assertThat(Schedule.runOnce(dsl, fixed, "2026-W49")).isTrue();
        assertThat(runs("flaky")).isEqualTo(1);
    }

    @Test
    void run_due_runs_each_due_job_once_and_keeps_going_past_a_failing_one() {
        var good = new Counting("good", new AtomicInteger(), 0, false);
        var bad = new Counting("bad", new AtomicInteger(), 0, true);
        try (var schedule = new Schedule(dsl, java.util.List.of(bad, good), java.time.Clock.systemUTC(),
                java.time.Duration.ofHours(1))) {
            assertThat(schedule.runDue()).isEqualTo(1);
            assertThat(schedule.runDue()).isZero();
        }
        assertThat(good.runs().get()).isEqualTo(1);
        assertThat(bad.runs().get()).isEqualTo(2);
        assertThat(runs("bad")).isZero();
    }
}
