package vn.hailong.alerts;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.hailong.schedule.Job;

/**
 * The weekly alert check: period = the ISO week ("2026-W49"), due from Monday 07:00 Vietnam time, comparing the four
 * complete weeks before that Monday with the 52 weeks before them. The alerts and their notices are written in the
 * run's transaction; the figures are read from the application's own connection (a read-only snapshot of its own,
 * which the rollup reader needs).
 */
public final class AlertsJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(AlertsJob.class);
    static final LocalTime DUE = LocalTime.of(7, 0);

    private final Alerts alerts;

    public AlertsJob(Alerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public Optional<String> due(ZonedDateTime now) {
        var monday = now.toLocalDate().with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        if (now.toLocalDate().equals(monday) && now.toLocalTime().isBefore(DUE)) {
            return Optional.empty();
        }
        return Optional.of(Alerts.isoWeek(monday));
    }

    @Override
    public void run(DSLContext tx, String period) {
        var raised = alerts.run(tx, period, Alerts.monday(period));
        log.info("event=alerts_checked period={} raised={} new={}", period, raised.size(),
                raised.stream().filter(Alerts.Stored::raisedNow).count());
    }
}
