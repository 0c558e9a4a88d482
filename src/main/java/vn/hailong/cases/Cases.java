package vn.hailong.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;

import vn.hailong.Vietnam;
import vn.hailong.auth.UnitScope;

/**
 * Follow-up cases (sql/V12): opened by the database when a qualifying rating is stored, read and moved through their
 * statuses here. Every read is within a caller's {@link UnitScope}; the citizen's contact is read only by
 * {@link #contact}, which the API calls for the case's handlers.
 */
public final class Cases {
    public static final Set<String> STATUSES = Set.of("new", "in_progress", "resolved", "rejected");
    public static final Set<String> CLOSED = Set.of("resolved", "rejected");

    private final DSLContext dsl;

    public Cases(DSLContext dsl) {
        this.dsl = dsl;
    }

    public record Named(String code, String nameVi, String nameEn) {
    }

    public record Label(Integer level, String labelVi, String labelEn) {
    }

    public record Assignee(String username, String name) {
    }

    /** A case as lists and pages show it (the contact never: only whether there is one). */
    public record Case(long id, Named unit, String status, OffsetDateTime openedAt, LocalDate dueOn, boolean overdue,
                       OffsetDateTime closedAt, Assignee assignee, String answer, String questionnaire,
                       Label rating, String comment, Label reason, Named service, Named centre, Named counter,
                       String dossierCode, OffsetDateTime submittedAt, String channel, boolean hasContact) {
    }

    public record Event(OffsetDateTime at, String actor, String action, String fromStatus, String toStatus,
                        String note) {
    }

    public record Contact(String phone, String email, String consentText, OffsetDateTime consentedAt) {
    }

    /** Filters of the inbox: null means any. */
    public record Filter(String status, Long unitId, Boolean overdue, Long assigneeId) {
    }

    public record Page(int page, int size, long total, List<Case> cases) {
    }

    /** What the case's row and its response say, for a check and an update. */
    record Row(long id, long unitId, String status, Long assigneeId, String answer, LocalDate dueOn,
               OffsetDateTime closedAt) {
    }

    private static final String SELECT = """
            select c.id, c.status, c.opened_at, c.due_on, c.closed_at, c.answer, c.submitted_at,
                   u.code as unit_code, u.name_vi as unit_vi, u.name_en as unit_en,
                   a.username as assignee, a.display_name as assignee_name,
                   q.code as questionnaire, r.comment, r.dossier_code, r.channel,
                   r.answers[f.overall_position] as level, lv.label_vi as level_vi, lv.label_en as level_en,
                   r.answers[f.reason_position] as reason, rl.label_vi as reason_vi, rl.label_en as reason_en,
                   s.code as service_code, s.name_vi as service_vi, s.name_en as service_en,
                   sc.code as centre_code, sc.name_vi as centre_vi, sc.name_en as centre_en,
                   k.code as counter_code, k.name_vi as counter_vi, k.name_en as counter_en,
                   exists (select 1 from case_contact x where x.case_id = c.id) as has_contact
              from follow_up_case c
              join unit u on u.id = c.agency_id
              join response r on r.agency_id = c.agency_id and r.id = c.response_id and r.submitted_at = c.submitted_at
              join questionnaire_version v on v.id = r.questionnaire_version_id
              join questionnaire q on q.id = v.questionnaire_id
              join follow_up_rule f on f.version_id = r.questionnaire_version_id
              join criterion oc on oc.version_id = r.questionnaire_version_id and oc.position = f.overall_position
              left join scale_level lv on lv.scale_code = oc.scale_code and lv.score = r.answers[f.overall_position]
              left join criterion rc on rc.version_id = r.questionnaire_version_id and rc.position = f.reason_position
              left join scale_level rl on rl.scale_code = rc.scale_code and rl.score = r.answers[f.reason_position]
              left join service s on s.id = r.service_id
              left join service_centre sc on sc.id = r.centre_id
              left join counter k on k.id = r.counter_id
              left join app_user a on a.id = c.assignee_user_id
            """;

    /** A page of the cases in the scope matching the filter, newest first. */
    public Page list(UnitScope scope, Filter filter, int page, int size) {
        var where = new StringBuilder(" where true");
        var binds = new ArrayList<Object>();
        scope(scope, where, binds);
        if (filter.status() != null) {
            if (filter.status().equals("open")) {
                where.append(" and c.closed_at is null");
            } else {
                where.append(" and c.status = ?");
                binds.add(filter.status());
            }
        }
        if (filter.unitId() != null) {
            where.append(" and c.agency_id in (select unit_subtree(?))");
            binds.add(filter.unitId());
        }
        if (Boolean.TRUE.equals(filter.overdue())) {
            where.append(" and c.closed_at is null and c.due_on < ?::date");
            binds.add(Vietnam.today());
        } else if (Boolean.FALSE.equals(filter.overdue())) {
            where.append(" and not (c.closed_at is null and c.due_on < ?::date)");
            binds.add(Vietnam.today());
        }
        if (filter.assigneeId() != null) {
            where.append(" and c.assignee_user_id = ?");
            binds.add(filter.assigneeId());
        }
        long total = dsl.fetchOne("select count(*) from follow_up_case c" + where, binds.toArray()).get(0, Long.class);
        var pageBinds = new ArrayList<>(binds);
        pageBinds.add(size);
        pageBinds.add((long) page * size);
        var cases = dsl.fetch(SELECT + where + " order by c.opened_at desc, c.id desc limit ? offset ?",
                pageBinds.toArray()).map(Cases::toCase);
        return new Page(page, size, total, cases);
    }

    /** The case, when it is within the scope. */
    public Optional<Case> get(UnitScope scope, long id) {
        var where = new StringBuilder(" where c.id = ?");
        var binds = new ArrayList<Object>();
        binds.add(id);
        scope(scope, where, binds);
        return dsl.fetchOptional(SELECT + where, binds.toArray()).map(Cases::toCase);
    }

    public List<Event> history(long id) {
        return dsl.fetch("select at, actor, action, from_status, to_status, note from case_event where case_id = ?"
                        + " order by at, id", id)
                .map(r -> new Event(r.get("at", OffsetDateTime.class), r.get("actor", String.class),
                        r.get("action", String.class), r.get("from_status", String.class),
                        r.get("to_status", String.class), r.get("note", String.class)));
    }

    /** The citizen's contact, if they left one: for the case's handlers only. */
    public Optional<Contact> contact(long id) {
        return dsl.fetchOptional("select phone, email, consent_text, consented_at from case_contact where case_id = ?", id)
                .map(r -> new Contact(r.get("phone", String.class), r.get("email", String.class),
                        r.get("consent_text", String.class), r.get("consented_at", OffsetDateTime.class)));
    }

    /** The case's row, locked for an update, when it is within the scope. */
    Optional<Row> lock(DSLContext tx, UnitScope scope, long id) {
        var where = new StringBuilder(" where c.id = ?");
        var binds = new ArrayList<Object>();
        binds.add(id);
        scope(scope, where, binds);
        return tx.fetchOptional("select c.id, c.agency_id, c.status, c.assignee_user_id, c.answer, c.due_on, c.closed_at"
                        + " from follow_up_case c" + where + " for update", binds.toArray())
                .map(r -> new Row(r.get("id", Long.class), r.get("agency_id", Long.class), r.get("status", String.class),
                        r.get("assignee_user_id", Long.class), r.get("answer", String.class),
                        r.get("due_on", LocalDate.class), r.get("closed_at", OffsetDateTime.class)));
    }

    /** A unit's cases still open (new or in progress) and how many are past their deadline today (Vietnam). */
    public record OpenCount(long unitId, long open, long overdue) {
    }

    /** Every agency with a case still open, as the province digest tells of them. */
    public static List<OpenCount> openByUnit(DSLContext dsl) {
        return dsl.fetch("select agency_id, count(*), count(*) filter (where due_on < ?::date) from follow_up_case"
                        + " where closed_at is null group by agency_id order by agency_id", Vietnam.today())
                .map(r -> new OpenCount(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class)));
    }

    /** The case a submission opened, if it opened one. */
    public static Optional<Long> bySubmission(DSLContext dsl, UUID submissionId) {
        return dsl.fetchOptional("""
                select c.id from response_submission s
                  join follow_up_case c on c.agency_id = s.agency_id and c.response_id = s.response_id
                                       and c.submitted_at = s.submitted_at
                 where s.submission_id = ?""", submissionId).map(r -> r.get(0, Long.class));
    }

    static void event(DSLContext tx, long caseId, String actor, String action, String from, String to, String note) {
        tx.execute("insert into case_event (case_id, agency_id, actor, action, from_status, to_status, note)"
                + " select id, agency_id, ?, ?, ?, ?, ? from follow_up_case where id = ?",
                actor, action, from, to, note, caseId);
    }

    private static void scope(UnitScope scope, StringBuilder where, List<Object> binds) {
        if (!scope.all()) {
            where.append(" and c.agency_id in (select unit_subtree(?))");
            binds.add(scope.root());
        }
    }

    private static Case toCase(Record r) {
        var due = r.get("due_on", LocalDate.class);
        var closed = r.get("closed_at", OffsetDateTime.class);
        var assignee = r.get("assignee", String.class);
        return new Case(r.get("id", Long.class),
                new Named(r.get("unit_code", String.class), r.get("unit_vi", String.class), r.get("unit_en", String.class)),
                r.get("status", String.class), r.get("opened_at", OffsetDateTime.class), due,
                closed == null && due.isBefore(Vietnam.today()), closed,
                assignee == null ? null : new Assignee(assignee, r.get("assignee_name", String.class)),
                r.get("answer", String.class), r.get("questionnaire", String.class),
                new Label(r.get("level", Integer.class), r.get("level_vi", String.class), r.get("level_en", String.class)),
                r.get("comment", String.class),
                r.get("reason", Integer.class) == null ? null : new Label(r.get("reason", Integer.class),
                        r.get("reason_vi", String.class), r.get("reason_en", String.class)),
                named(r, "service"), named(r, "centre"), named(r, "counter"),
                r.get("dossier_code", String.class), r.get("submitted_at", OffsetDateTime.class),
                r.get("channel", String.class), Boolean.TRUE.equals(r.get("has_contact", Boolean.class)));
    }

    private static Named named(Record r, String prefix) {
        var code = r.get(prefix + "_code", String.class);
        return code == null ? null : new Named(code, r.get(prefix + "_vi", String.class), r.get(prefix + "_en", String.class));
    }
}
