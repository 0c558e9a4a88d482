package vn.hailong.report;

import static vn.hailong.db.schema.Tables.UNIT;

import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.jooq.DSLContext;

import vn.hailong.notify.Notice;
import vn.hailong.notify.Outbox;
import vn.hailong.schedule.Job;

/**
 * The province digest, from the 1st of each month at 07:30 Vietnam time, for the month just ended: one notice of topic
 * "digest" for the root of the unit tree (so every subscriber who may see it: admins and analysts, the province's
 * own users; and the digest webhooks), event key "digest:2026-11".
 */
public final class DigestJob implements Job {
    public static final String NAME = "digest";
    static final LocalTime DUE = LocalTime.of(7, 30);

    private final DSLContext dsl;
    private final Digests digests;

    /** {@code dsl} reads the figures, in the analytics' own read-only transactions. */
    public DigestJob(DSLContext dsl, Digests digests) {
        this.dsl = dsl;
        this.digests = digests;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> due(ZonedDateTime now) {
        return MonthlyReports.monthEnded(now, DUE);
    }

    @Override
    public void run(DSLContext tx, String period) {
        var digest = digests.build(dsl, YearMonth.parse(period));
        var root = tx.select(UNIT.ID).from(UNIT).where(UNIT.PARENT_ID.isNull()).orderBy(UNIT.ID).limit(1)
                .fetchOptional(UNIT.ID).orElse(null);
        Outbox.add(tx, new Notice(Notice.DIGEST, "digest:" + period, root, Digests.subject(digest),
                Digests.text(digest), Digests.payload(digest), null));
    }
}
