package vn.hailong.schedule;

import java.time.ZonedDateTime;
import java.util.Optional;

import org.jooq.DSLContext;

/**
 * Work done once per period: the weekly alerts, the daily erasure of contact data, the monthly reports. The
 * {@link Schedule} asks each job, every tick, which period is due now (in Vietnam time), and runs it once per period.
 */
public interface Job {
    /** The job's name, e.g. "alerts": with the period, the key of its runs (sql/V10, scheduled_run). */
    String name();

    /**
     * The period due at {@code now} (Vietnam time), e.g. "2026-W49" for a weekly job, or empty when nothing is due
     * yet (a monthly report waits for the month's first day to end, say).
     */
    Optional<String> due(ZonedDateTime now);

    /**
     * Does the period's work inside {@code tx}'s transaction, which also records the run: the work, its notifications
     * (notify.Outbox.add) and the record are committed together. An exception rolls all back; the next tick tries
     * again.
     */
    void run(DSLContext tx, String period);
}
