package vn.hailong.schedule;

import static vn.hailong.db.schema.Tables.SCHEDULED_RUN;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each {@link Job} once per period, in the background. Every tick it asks each job for the period due and, if
 * no run of it is recorded, does the job's work in one transaction that inserts the run's row (sql/V10,
 * scheduled_run). The row's primary key makes a period's run happen once: a second process inserting it waits for
 * the first's commit and then finds it there; a crash rolls the work and the row back together, so the next start
 * runs it again.
 */
public final class Schedule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Schedule.class);
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final DSLContext dsl;
    private final List<Job> jobs;
    private final Clock clock;
    private final ScheduledExecutorService executor;

    /** Starts ticking every {@code tick}; the first tick comes after {@code tick} too. */
    public Schedule(DSLContext dsl, List<Job> jobs, Clock clock, Duration tick) {
        this.dsl = dsl;
        this.jobs = List.copyOf(jobs);
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "schedule");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("event=schedule_failed error={}", e.toString());
        }
    }

    /** Runs every job whose period is due and not yet run; returns how many ran. */
    public int runDue() {
        var now = ZonedDateTime.now(clock.withZone(VIETNAM));
        int ran = 0;
        for (var job : jobs) {
            var period = job.due(now);
            if (period.isEmpty()) {
                continue;
            }
            try {
                if (runOnce(dsl, job, period.get())) {
                    ran++;
                }
            } catch (RuntimeException e) {
                log.warn("event=job_failed job={} period={} error={}", job.name(), period.get(), e.toString());
            }
        }
        return ran;
    }

    /**
     * Runs {@code job} for {@code period} unless a run of it is recorded: the work and the record in one transaction.
     * Returns whether it ran.
     */
    public static boolean runOnce(DSLContext dsl, Job job, String period) {
        return dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            int inserted = tx.insertInto(SCHEDULED_RUN)
                    .set(SCHEDULED_RUN.JOB, job.name())
                    .set(SCHEDULED_RUN.PERIOD, period)
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 0) {
                return false;
            }
            long started = System.nanoTime();
            job.run(tx, period);
            log.info("event=job_ran job={} period={} ms={}", job.name(), period,
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        });
    }

    /** Stops ticking, after the run under way if any. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
