package vn.hailong.cases;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.jooq.DSLContext;

import vn.hailong.schedule.Job;

/**
 * Every day, erases the citizens' contacts of cases closed more than {@code retentionDays} ago (CONTACT_RETENTION_DAYS),
 * noting the erasure, without the data, in each case's history.
 */
public final class ContactErasure implements Job {
    private final int retentionDays;

    public ContactErasure(int retentionDays) {
        this.retentionDays = retentionDays;
    }

    @Override
    public String name() {
        return "contact-erasure";
    }

    @Override
    public Optional<String> due(ZonedDateTime now) {
        return Optional.of(now.toLocalDate().toString());
    }

    @Override
    public void run(DSLContext tx, String period) {
        erase(tx, OffsetDateTime.now(), retentionDays);
    }

    /** Erases the contacts of cases closed before {@code now} minus {@code days}; returns how many. */
    public static int erase(DSLContext tx, OffsetDateTime now, int days) {
        var cutoff = now.minusDays(days);
        var erased = tx.fetch("""
                delete from case_contact x
                 using follow_up_case c
                 where c.id = x.case_id and c.closed_at is not null and c.closed_at < ?::timestamptz
                returning x.case_id""", cutoff).map(r -> r.get(0, Long.class));
        for (var id : erased) {
            Cases.event(tx, id, "system", "contact_erased", null, null,
                    "Thông tin liên hệ đã được xoá " + days + " ngày sau khi đóng phản ánh");
        }
        return erased.size();
    }
}
