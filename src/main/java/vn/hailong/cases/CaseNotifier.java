package vn.hailong.cases;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.hailong.notify.Notice;
import vn.hailong.notify.Outbox;

/**
 * Hands each new case to the outbox, once. The database opens cases (a trigger cannot call Java), so a small pass,
 * every few seconds, takes the cases not yet notified ({@code for update skip locked}: two servers never take the
 * same one), writes their notifications with {@link Outbox#add} and marks them notified, in one transaction: a crash
 * before the commit leaves them to the next pass, after it they are done.
 */
public final class CaseNotifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CaseNotifier.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final int BATCH = 100;

    private final DSLContext dsl;
    private final String site;
    private final ScheduledExecutorService executor;

    /** Links from the root of the site (for tests). */
    public CaseNotifier(DSLContext dsl, Duration every) {
        this(dsl, every, "");
    }

    /**
     * Starts passing every {@code every}; null or zero: never on its own (tests call {@link #pass}). {@code site}: the
     * server's public address, which the e-mail's link to the case starts with.
     */
    public CaseNotifier(DSLContext dsl, Duration every, String site) {
        this.dsl = dsl;
        this.site = site;
        if (every == null || every.isZero()) {
            this.executor = null;
            return;
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "case-notifier");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            while (pass() == BATCH) {
                // more are waiting
            }
        } catch (RuntimeException e) {
            log.warn("event=case_notify_failed error={}", e.toString());
        }
    }

    /** Notifies up to {@value #BATCH} cases not yet notified; returns how many. */
    public int pass() {
        return dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var due = tx.fetch("""
                    select c.id, c.agency_id, c.due_on, u.code, u.name_vi, r.comment, lv.label_vi as level,
                           r.dossier_code
                      from follow_up_case c
                      join unit u on u.id = c.agency_id
                      join response r on r.agency_id = c.agency_id and r.id = c.response_id
                                     and r.submitted_at = c.submitted_at
                      join follow_up_rule f on f.version_id = r.questionnaire_version_id
                      join criterion oc on oc.version_id = r.questionnaire_version_id and oc.position = f.overall_position
                      left join scale_level lv on lv.scale_code = oc.scale_code and lv.score = r.answers[f.overall_position]
                     where c.notified_at is null
                     order by c.id
                     limit ?
                       for update of c skip locked""", BATCH);
            for (var c : due) {
                long id = c.get("id", Long.class);
                var unitName = c.get("name_vi", String.class);
                var dueOn = c.get("due_on", LocalDate.class);
                var comment = c.get("comment", String.class);
                var level = c.get("level", String.class);
                var body = new StringBuilder()
                        .append("Có phản ánh mới cần xử lý tại ").append(unitName).append(".\n\n")
                        .append("Mức đánh giá: ").append(level == null ? "—" : level).append('\n');
                if (c.get("dossier_code", String.class) != null) {
                    body.append("Mã hồ sơ: ").append(c.get("dossier_code", String.class)).append('\n');
                }
                if (comment != null && !comment.isBlank()) {
                    body.append("Ý kiến: ").append(comment.length() > 500 ? comment.substring(0, 500) + "…" : comment)
                            .append('\n');
                }
                body.append("Hạn xử lý: ngày ").append(DATE.format(dueOn)).append("\n\n")
                        .append("Xem và xử lý: ").append(site).append("/admin/#/cases/").append(id).append('\n');
                var payload = new LinkedHashMap<String, Object>();
                payload.put("case", id);
                payload.put("unit", c.get("code", String.class));
                payload.put("dueOn", dueOn.toString());
                payload.put("level", level == null ? "" : level);
                Outbox.add(tx, new Notice(Notice.CASE, "case:" + id + ":opened", c.get("agency_id", Long.class),
                        "Phản ánh mới cần xử lý – " + unitName, body.toString(), payload, null));
                tx.execute("update follow_up_case set notified_at = now() where id = ?", id);
            }
            return due.size();
        });
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
