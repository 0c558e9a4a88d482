package vn.hailong.cases;

import static vn.hailong.auth.AccessControl.principal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jooq.DSLContext;

import com.fasterxml.jackson.databind.JsonNode;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import vn.hailong.Vietnam;
import vn.hailong.audit.AuditLog;
import vn.hailong.auth.Access;
import vn.hailong.auth.Principal;
import vn.hailong.auth.UnitScope;
import vn.hailong.http.Invalid;
import vn.hailong.http.Invalid.FieldError;
import vn.hailong.http.Requests;
import vn.hailong.notify.Emails;
import vn.hailong.stats.Proportion;

/**
 * The follow-up cases' routes (docs/cases.md): the inbox and a case's page (READERS, within their scope; the
 * citizen's contact only for the case's handlers), changes by handlers (ADMIN, AGENCY_MANAGER), the on-time summary,
 * the working days per unit and the holidays (ADMIN), and the citizen's contact left after a rating (PUBLIC, by the
 * rating's submission id).
 */
public final class CasesApi {
    static final int MAX_ANSWER = 4000;
    static final int MAX_NOTE = 1000;
    static final int MAX_PAGE_SIZE = 200;
    private static final Pattern PHONE = Pattern.compile("^(\\+84|0)[1-9][0-9]{7,9}$");

    private final DSLContext dsl;
    private final Cases cases;

    public CasesApi(DSLContext dsl) {
        this.dsl = dsl;
        this.cases = new Cases(dsl);
    }

    record Detail(@com.fasterxml.jackson.annotation.JsonProperty("case") Cases.Case kase, List<Cases.Event> history, Cases.Contact contact, boolean mayChange) {
    }

    // --- inbox and page -----------------------------------------------------------------------------------------

    public void list(Context ctx) {
        var caller = principal(ctx);
        var status = ctx.queryParam("status");
        if (status != null && !status.isBlank() && !status.equals("open") && !Cases.STATUSES.contains(status)) {
            throw Invalid.field("status", "must be one of open, new, in_progress, resolved, rejected");
        }
        Long unitId = null;
        var unit = ctx.queryParam("unit");
        if (unit != null && !unit.isBlank()) {
            unitId = unitId(unit.strip(), caller.scope()).orElseThrow(() -> Invalid.field("unit", "no unit '" + unit
                    + "' within your units"));
        }
        Boolean overdue = bool(ctx, "overdue");
        Long assignee = null;
        var assigneeParam = ctx.queryParam("assignee");
        if (assigneeParam != null && !assigneeParam.isBlank()) {
            if (!assigneeParam.strip().equals("me")) {
                throw Invalid.field("assignee", "can only be 'me' (the cases assigned to you)");
            }
            assignee = caller.kind() == Principal.Kind.USER ? caller.id() : -1L;
        }
        int page = Requests.wholeNumber(ctx, "page", 0, 0, 100_000);
        int size = Requests.wholeNumber(ctx, "size", 50, 1, MAX_PAGE_SIZE);
        ctx.json(cases.list(caller.scope(), new Cases.Filter(blankToNull(status), unitId, overdue, assignee), page, size));
    }

    public void get(Context ctx) {
        var caller = principal(ctx);
        long id = Requests.id(ctx, "id");
        var kase = cases.get(caller.scope(), id).orElseThrow(() -> new NotFoundResponse("No such case: " + id));
        boolean handler = handles(caller);
        ctx.json(new Detail(kase, cases.history(id), handler ? cases.contact(id).orElse(null) : null, handler));
    }

    /** Admins and agency managers handle the cases of their scope; analysts and API keys only read. */
    static boolean handles(Principal caller) {
        return caller.grants().contains(Access.ADMIN) || caller.grants().contains(Access.AGENCY_MANAGER);
    }

    // --- changes ------------------------------------------------------------------------------------------------

    public void patch(Context ctx) {
        var caller = principal(ctx);
        long id = Requests.id(ctx, "id");
        // Another unit's case is hidden (404) whatever the body says.
        if (cases.get(caller.scope(), id).isEmpty()) {
            throw new NotFoundResponse("No such case: " + id);
        }
        var body = Requests.json(ctx, JsonNode.class);
        if (body == null || !body.isObject()) {
            throw Invalid.field("body", "must be an object with status, assignee and/or answer");
        }
        var errors = new ArrayList<FieldError>();
        body.fieldNames().forEachRemaining(name -> {
            if (!List.of("status", "assignee", "answer", "note").contains(name)) {
                errors.add(new FieldError(name, "unknown", "is not a field of a case change (status, assignee, answer, note)"));
            }
        });
        String status = textField(body, "status", 20, errors);
        if (status != null && !Cases.STATUSES.contains(status)) {
            errors.add(new FieldError("status", "unknown", "must be one of new, in_progress, resolved, rejected"));
        }
        boolean assigneeGiven = body.has("assignee");
        String assignee = textField(body, "assignee", 100, errors);
        boolean answerGiven = body.has("answer");
        String answer = textField(body, "answer", MAX_ANSWER, errors);
        String note = textField(body, "note", MAX_NOTE, errors);
        if (!errors.isEmpty()) {
            throw Invalid.fields(errors);
        }
        if (status == null && !assigneeGiven && !answerGiven) {
            throw Invalid.field("status", "nothing to change: give status, assignee or answer");
        }
        var actor = caller.actor();
        dsl.transaction(trx -> {
            var tx = trx.dsl();
            var row = cases.lock(tx, caller.scope(), id).orElseThrow(() -> new NotFoundResponse("No such case: " + id));
            var before = new LinkedHashMap<String, Object>();
            var after = new LinkedHashMap<String, Object>();
            String to = status;
            Long assigneeId = row.assigneeId();
            if (assigneeGiven) {
                Long wanted = assignee == null ? null : handlerOf(tx, assignee, caller, row.unitId());
                if (!Objects.equals(wanted, row.assigneeId())) {
                    assigneeId = wanted;
                    before.put("assignee", username(tx, row.assigneeId()));
                    after.put("assignee", assignee == null ? null : username(tx, wanted));
                    // Taking a new case is starting on it.
                    if (to == null && row.status().equals("new") && wanted != null) {
                        to = "in_progress";
                    }
                }
            }
            boolean closed = Cases.CLOSED.contains(row.status());
            String newAnswer = row.answer();
            if (answerGiven && !Objects.equals(answer, row.answer())) {
                if (closed && (to == null || Cases.CLOSED.contains(to))) {
                    throw Invalid.field("answer", "the case is closed: reopen it (status in_progress) to change its answer");
                }
                newAnswer = answer;
                before.put("answer", row.answer());
                after.put("answer", answer);
            }
            if (to != null && !to.equals(row.status())) {
                checkTransition(row.status(), to);
                if (Cases.CLOSED.contains(to) && newAnswer == null) {
                    throw Invalid.field("answer", "is required to close a case: the unit's answer to the citizen");
                }
                before.put("status", row.status());
                after.put("status", to);
            } else {
                to = row.status();
            }
            if (after.isEmpty()) {
                return;
            }
            tx.execute("""
                    update follow_up_case
                       set status = ?, assignee_user_id = ?, answer = ?,
                           closed_at = case when ? in ('resolved', 'rejected')
                                            then coalesce(case when status in ('resolved', 'rejected') then closed_at end,
                                                          now())
                                       end
                     where id = ?""", to, assigneeId, newAnswer, to, id);
            if (after.containsKey("assignee")) {
                Cases.event(tx, id, actor, "assigned", null, null, (String) after.get("assignee"));
            }
            if (after.containsKey("answer")) {
                Cases.event(tx, id, actor, "answered", null, null, newAnswer);
            }
            if (after.containsKey("status")) {
                Cases.event(tx, id, actor, closed && !Cases.CLOSED.contains(to) ? "reopened" : "status",
                        row.status(), to, note);
            }
            AuditLog.record(tx, caller, "patch", "case", id, row.unitId(), before, after);
        });
        ctx.json(new Detail(cases.get(caller.scope(), id).orElseThrow(), cases.history(id),
                cases.contact(id).orElse(null), true));
    }

    /**
     * new → in_progress | resolved | rejected; in_progress → resolved | rejected; resolved | rejected → in_progress
     * (reopened: the deadline stays). Nothing goes back to new.
     */
    static void checkTransition(String from, String to) {
        boolean allowed = switch (from) {
            case "new" -> !to.equals("new");
            case "in_progress" -> Cases.CLOSED.contains(to);
            case "resolved", "rejected" -> to.equals("in_progress");
            default -> false;
        };
        if (!allowed) {
            throw Invalid.fields(List.of(new FieldError("status", "not_allowed",
                    "a case cannot go from " + from + " to " + to)));
        }
    }

    /** The user to assign: "me", or a username of an active admin or agency manager who may handle the unit. */
    private static Long handlerOf(DSLContext tx, String username, Principal caller, long unitId) {
        if (username.equals("me")) {
            if (caller.kind() != Principal.Kind.USER) {
                throw Invalid.field("assignee", "'me' needs a signed-in user");
            }
            return caller.id();
        }
        var user = tx.fetchOptional("select id, role, unit_id from app_user where username = ? and active", username)
                .orElseThrow(() -> Invalid.field("assignee", "no active user '" + username + "'"));
        var role = user.get("role", String.class);
        Long userUnit = user.get("unit_id", Long.class);
        boolean may = role.equals("admin") || role.equals("agency_manager")
                && new UnitScope(userUnit).covers(tx, unitId);
        if (!may) {
            throw Invalid.field("assignee", "user '" + username + "' does not handle this unit's cases");
        }
        return user.get("id", Long.class);
    }

    private static String username(DSLContext tx, Long id) {
        return id == null ? null : tx.fetchOne("select username from app_user where id = ?", id).get(0, String.class);
    }

    // --- summary ------------------------------------------------------------------------------------------------

    /** A unit's cases opened in the period: how many were answered, how many on time. */
    record UnitSummary(Cases.Named unit, long opened, long resolved, long rejected, long open, long overdueOpen,
                       long closedOnTime, Share onTime) {
    }

    /** closedOnTime of n (closed, or open past their deadline), with its 95 % Wilson interval; null when n = 0. */
    record Share(long n, double value, double low, double high) {
    }

    record Summary(LocalDate from, LocalDate to, LocalDate today, UnitSummary total, List<UnitSummary> groups) {
    }

    public void summary(Context ctx) {
        var groupBy = ctx.queryParam("groupBy");
        if (groupBy != null && !groupBy.isBlank() && !groupBy.strip().equals("unit")) {
            throw Invalid.field("groupBy", "can only be unit");
        }
        var from = Requests.date(ctx, "from");
        var to = Requests.date(ctx, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw Invalid.field("to", "must not be before from");
        }
        var scope = principal(ctx).scope();
        var today = Vietnam.today();
        var binds = new ArrayList<Object>();
        binds.add(today);
        var where = new StringBuilder(" where true");
        if (!scope.all()) {
            where.append(" and c.agency_id in (select unit_subtree(?))");
            binds.add(scope.root());
        }
        if (from != null) {
            where.append(" and c.opened_at >= ?::timestamptz");
            binds.add(Vietnam.start(from));
        }
        if (to != null) {
            where.append(" and c.opened_at < ?::timestamptz");
            binds.add(Vietnam.start(to.plusDays(1)));
        }
        var rows = dsl.fetch("""
                select u.code, u.name_vi, u.name_en, count(*) as opened,
                       count(*) filter (where c.status = 'resolved') as resolved,
                       count(*) filter (where c.status = 'rejected') as rejected,
                       count(*) filter (where c.closed_at is null) as open,
                       count(*) filter (where c.closed_at is null and c.due_on < ?::date) as overdue_open,
                       count(*) filter (where c.closed_at is not null
                                          and (c.closed_at at time zone 'Asia/Ho_Chi_Minh')::date <= c.due_on)
                           as closed_on_time
                  from follow_up_case c join unit u on u.id = c.agency_id""" + where
                + " group by u.code, u.name_vi, u.name_en order by u.code", binds.toArray());
        var groups = rows.map(r -> summary(new Cases.Named(r.get(0, String.class), r.get(1, String.class),
                        r.get(2, String.class)), r.get(3, Long.class), r.get(4, Long.class), r.get(5, Long.class),
                r.get(6, Long.class), r.get(7, Long.class), r.get(8, Long.class)));
        var total = summary(null, groups.stream().mapToLong(UnitSummary::opened).sum(),
                groups.stream().mapToLong(UnitSummary::resolved).sum(), groups.stream().mapToLong(UnitSummary::rejected).sum(),
                groups.stream().mapToLong(UnitSummary::open).sum(), groups.stream().mapToLong(UnitSummary::overdueOpen).sum(),
                groups.stream().mapToLong(UnitSummary::closedOnTime).sum());
        ctx.json(new Summary(from, to, today, total, groups));
    }

    static UnitSummary summary(Cases.Named unit, long opened, long resolved, long rejected, long open, long overdueOpen,
                               long closedOnTime) {
        long n = resolved + rejected + overdueOpen;
        Share share = null;
        if (n > 0) {
            var p = Proportion.of(closedOnTime, n);
            share = new Share(n, p.value(), p.low(), p.high());
        }
        return new UnitSummary(unit, opened, resolved, rejected, open, overdueOpen, closedOnTime, share);
    }

    // --- working days and holidays ------------------------------------------------------------------------------

    record Setting(String unit, String nameVi, String nameEn, int workingDays, boolean inherited, String from) {
    }

    record SettingBody(Integer workingDays) {
    }

    public void settings(Context ctx) {
        ctx.json(Map.of("settings", settingsOf(principal(ctx).scope(), null), "defaultWorkingDays", 5));
    }

    public void setting(Context ctx) {
        long unit = unitOrNotFound(ctx);
        ctx.json(settingsOf(principal(ctx).scope(), unit).get(0));
    }

    private List<Setting> settingsOf(UnitScope scope, Long unitId) {
        var binds = new ArrayList<Object>();
        var where = new StringBuilder(" where true");
        if (!scope.all()) {
            where.append(" and u.id in (select unit_subtree(?))");
            binds.add(scope.root());
        }
        if (unitId != null) {
            where.append(" and u.id = ?");
            binds.add(unitId);
        }
        return dsl.fetch("""
                select u.code, u.name_vi, u.name_en, case_working_days(u.id) as days, s.working_days as own,
                       (with recursive up (id, parent_id, depth) as (
                            select id, parent_id, 0 from unit where id = u.id
                            union all
                            select p.id, p.parent_id, up.depth + 1 from unit p join up on p.id = up.parent_id
                             where up.depth < 64)
                        select x.code from up join case_setting cs on cs.unit_id = up.id join unit x on x.id = up.id
                         order by up.depth limit 1) as from_code
                  from unit u left join case_setting s on s.unit_id = u.id""" + where + " order by u.code",
                binds.toArray()).map(r -> new Setting(r.get(0, String.class), r.get(1, String.class), r.get(2, String.class),
                r.get("days", Integer.class), r.get("own") == null, r.get("from_code", String.class)));
    }

    public void putSetting(Context ctx) {
        long unit = unitOrNotFound(ctx);
        var body = Requests.json(ctx, SettingBody.class);
        if (body.workingDays() == null) {
            throw Invalid.field("workingDays", "is required: the working days a unit has to answer a case, 1 to 60");
        }
        if (body.workingDays() < 1 || body.workingDays() > 60) {
            throw Invalid.fields(List.of(new FieldError("workingDays", "out_of_range", "must be from 1 to 60")));
        }
        dsl.transaction(trx -> {
            var tx = trx.dsl();
            var before = tx.fetchOptional("select working_days from case_setting where unit_id = ?", unit)
                    .map(r -> Map.of("workingDays", r.get(0, Integer.class))).orElse(null);
            tx.execute("insert into case_setting (unit_id, working_days) values (?, ?) on conflict (unit_id) do update"
                    + " set working_days = excluded.working_days, updated_at = now()", unit, body.workingDays());
            AuditLog.record(tx, principal(ctx), "put", "case_setting", ctx.pathParam("unit"), unit, before,
                    Map.of("workingDays", body.workingDays()));
        });
        ctx.json(settingsOf(principal(ctx).scope(), unit).get(0));
    }

    record Holiday(LocalDate day, String name) {
    }

    record HolidayBody(String name) {
    }

    public void holidays(Context ctx) {
        ctx.json(Map.of("holidays", dsl.fetch("select day, name from holiday order by day")
                .map(r -> new Holiday(r.get(0, LocalDate.class), r.get(1, String.class)))));
    }

    public void putHoliday(Context ctx) {
        var day = day(ctx);
        var body = Requests.json(ctx, HolidayBody.class);
        var name = Requests.text("name", body.name(), 200);
        dsl.transaction(trx -> {
            var tx = trx.dsl();
            var before = tx.fetchOptional("select name from holiday where day = ?", day)
                    .map(r -> Map.of("name", r.get(0, String.class))).orElse(null);
            tx.execute("insert into holiday (day, name) values (?, ?) on conflict (day) do update set name = excluded.name",
                    day, name);
            AuditLog.record(tx, principal(ctx), "put", "holiday", day, null, before, Map.of("name", name));
        });
        ctx.json(new Holiday(day, name));
    }

    public void deleteHoliday(Context ctx) {
        var day = day(ctx);
        boolean removed = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = tx.fetchOptional("select name from holiday where day = ?", day);
            if (before.isEmpty()) {
                return false;
            }
            tx.execute("delete from holiday where day = ?", day);
            AuditLog.record(tx, principal(ctx), "delete", "holiday", day, null,
                    Map.of("name", before.get().get(0, String.class)), null);
            return true;
        });
        if (!removed) {
            throw new NotFoundResponse("No holiday on " + day);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static LocalDate day(Context ctx) {
        try {
            var day = LocalDate.parse(ctx.pathParam("date"));
            if (day.getYear() >= 2000 && day.getYear() <= 2100) {
                return day;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw Invalid.field("date", "must be a date like 2026-09-02, from 2000 to 2100");
    }

    // --- the citizen's contact ----------------------------------------------------------------------------------

    record ContactBody(String phone, String email, Boolean consent, String lang) {
    }

    record ContactStored(UUID submissionId, boolean phone, boolean email, String consentText) {
    }

    /** The sentence the citizen agrees to, in the language of the page they saw. */
    static String consentText(String lang, String agencyVi, String agencyEn) {
        return "en".equals(lang)
                ? "I agree that " + agencyEn + " may use this phone number/e-mail only to contact me about my feedback;"
                        + " it will be erased automatically within a set period after my feedback has been handled."
                : "Tôi đồng ý để " + agencyVi + " dùng số điện thoại/email này chỉ để liên hệ phản hồi về ý kiến của tôi;"
                        + " thông tin sẽ tự động được xoá trong thời hạn quy định sau khi xử lý xong.";
    }

    public void contact(Context ctx) {
        UUID submission;
        try {
            submission = UUID.fromString(ctx.pathParam("submissionId"));
        } catch (IllegalArgumentException e) {
            throw new NotFoundResponse("No rating with this submission id opened a case");
        }
        var body = Requests.json(ctx, ContactBody.class);
        var errors = new ArrayList<FieldError>();
        if (!Boolean.TRUE.equals(body.consent())) {
            errors.add(new FieldError("consent", "required",
                    "must be true: the citizen's explicit consent to be contacted about this feedback"));
        }
        String phone = null;
        if (body.phone() != null && !body.phone().isBlank()) {
            phone = body.phone().strip().replaceAll("[\\s.\\-()]", "");
            if (phone.length() > 20 || !PHONE.matcher(phone).matches()) {
                errors.add(new FieldError("phone", "invalid", "must be a Vietnamese phone number, e.g. 0912 345 678"));
            }
        }
        String email = null;
        try {
            // One plain address, as staff addresses are checked (notify.Emails): no second address, no header.
            email = Emails.optional("email", body.email());
        } catch (Invalid e) {
            errors.add(new FieldError("email", "invalid", "must be an e-mail address, e.g. ten@example.vn"));
        }
        if (phone == null && email == null && errors.stream().noneMatch(e -> !e.field().equals("consent"))) {
            errors.add(new FieldError("phone", "required", "give a phone number or an e-mail address (or both)"));
        }
        var lang = body.lang() == null || body.lang().isBlank() ? "vi" : body.lang().strip();
        if (!lang.equals("vi") && !lang.equals("en")) {
            errors.add(new FieldError("lang", "unknown", "must be vi or en"));
        }
        if (!errors.isEmpty()) {
            throw Invalid.fields(errors);
        }
        var caseId = Cases.bySubmission(dsl, submission)
                .orElseThrow(() -> new NotFoundResponse("No rating with this submission id opened a case"));
        var agency = dsl.fetchOne("select u.name_vi, u.name_en from follow_up_case c join unit u on u.id = c.agency_id"
                + " where c.id = ?", caseId);
        var text = consentText(lang, agency.get(0, String.class), agency.get(1, String.class));
        String storedPhone = phone;
        String storedEmail = email;
        boolean created = dsl.transactionResult(trx -> {
            var tx = trx.dsl();
            var before = tx.fetchOptional("select phone, email from case_contact where case_id = ? for update", caseId);
            if (before.isPresent() && Objects.equals(before.get().get(0, String.class), storedPhone)
                    && Objects.equals(before.get().get(1, String.class), storedEmail)) {
                return false;
            }
            tx.execute("""
                    insert into case_contact (case_id, agency_id, phone, email, consent_text)
                    select id, agency_id, ?, ?, ? from follow_up_case where id = ?
                    on conflict (case_id, agency_id) do update
                       set phone = excluded.phone, email = excluded.email, consent_text = excluded.consent_text,
                           consented_at = now()""", storedPhone, storedEmail, text, caseId);
            Cases.event(tx, caseId, "citizen", before.isPresent() ? "contact_changed" : "contact_left", null, null,
                    (storedPhone != null ? "phone" : "") + (storedPhone != null && storedEmail != null ? ", " : "")
                            + (storedEmail != null ? "email" : ""));
            return before.isEmpty();
        });
        ctx.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .json(new ContactStored(submission, phone != null, email != null, text));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private long unitOrNotFound(Context ctx) {
        var code = ctx.pathParam("unit");
        return unitId(code, principal(ctx).scope()).orElseThrow(() -> new NotFoundResponse("No such unit: " + code));
    }

    private java.util.Optional<Long> unitId(String code, UnitScope scope) {
        var binds = new ArrayList<Object>();
        binds.add(code);
        var sql = "select id from unit where code = ?";
        if (!scope.all()) {
            sql += " and id in (select unit_subtree(?))";
            binds.add(scope.root());
        }
        return dsl.fetchOptional(sql, binds.toArray()).map(r -> r.get(0, Long.class));
    }

    private static Boolean bool(Context ctx, String name) {
        var value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Invalid.field(name, "must be true or false");
        };
    }

    private static String textField(JsonNode body, String name, int max, List<FieldError> errors) {
        var node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(name, "invalid", "must be text"));
            return null;
        }
        var text = node.asText().strip();
        if (text.length() > max) {
            errors.add(new FieldError(name, "too_long", "is longer than " + max + " characters"));
            return null;
        }
        return text.isEmpty() ? null : text;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
