package vn.hailong.demo;

import org.jooq.DSLContext;

/**
 * The demo's follow-up cases. The demo's three years are history, stored with the case trigger off (like an import);
 * the ratings of its last quarter are then stored again with it on, so that the trigger (sql/V12), the one place
 * of the rule, opens their cases. The cases are then dated as if they had been opened live and handled: most
 * answered on time, some late, a few rejected, some still open (overdue, since the demo's year is over), and the
 * newest few left new, opened today, so that an inbox has fresh work.
 */
final class DemoCases {
    private DemoCases() {
    }

    /** Turns case opening off for the rest of the transaction (the demo's history). */
    static void off(DSLContext tx) {
        tx.execute("set local hailong.open_cases = 'off'");
    }

    /** Stores the last quarter of {@code lastYear} again with the trigger on, and shapes the cases; returns them. */
    static int open(DSLContext tx, int lastYear) {
        var from = java.time.LocalDate.of(lastYear, 10, 1);
        var to = java.time.LocalDate.of(lastYear + 1, 1, 1);
        tx.execute("set local hailong.open_cases = 'on'");
        tx.execute("create temporary table demo_recent on commit drop as select * from response where false");
        tx.execute("""
                with moved as (
                    delete from response
                     where submitted_at >= make_timestamptz(?, ?, ?, 0, 0, 0, 'Asia/Ho_Chi_Minh')
                       and submitted_at < make_timestamptz(?, ?, ?, 0, 0, 0, 'Asia/Ho_Chi_Minh')
                    returning *)
                insert into demo_recent select * from moved""",
                from.getYear(), from.getMonthValue(), from.getDayOfMonth(), to.getYear(), to.getMonthValue(),
                to.getDayOfMonth());
        tx.execute("insert into response overriding system value select * from demo_recent");
        // Opened when the rating came, due by the unit's working days from then.
        tx.execute("""
                update follow_up_case
                   set opened_at = submitted_at + interval '5 minutes',
                       due_on = add_working_days((submitted_at at time zone 'Asia/Ho_Chi_Minh')::date,
                                                 case_working_days(agency_id)),
                       notified_at = now()""");
        // Handled, drawn from the case's id: 6 in 10 resolved on time, 1 late, 1 rejected, 2 left open.
        tx.execute("""
                with drawn as (select id, abs(hashtext('case' || id)) % 10 as d from follow_up_case)
                update follow_up_case c
                   set status = case when d.d < 7 then 'resolved' when d.d = 7 then 'rejected'
                                     when d.d = 8 then 'in_progress' else 'new' end,
                       answer = case when d.d < 7 then 'Đơn vị đã liên hệ, giải thích và khắc phục theo ý kiến của'
                                                       || ' Ông/Bà. Xin cảm ơn Ông/Bà đã phản ánh.'
                                     when d.d = 7 then 'Nội dung phản ánh không thuộc thẩm quyền của đơn vị; đã'
                                                       || ' hướng dẫn Ông/Bà gửi đến cơ quan có thẩm quyền.' end,
                       closed_at = case when d.d < 6 or d.d = 7 then c.opened_at + interval '2 days'
                                        when d.d = 6 then (c.due_on + 3)::timestamp at time zone 'Asia/Ho_Chi_Minh'
                                                          + interval '10 hours' end
                  from drawn d
                 where d.id = c.id""");
        // The newest few are fresh: opened today, not yet due.
        tx.execute("""
                update follow_up_case
                   set status = 'new', answer = null, closed_at = null, opened_at = now(),
                       due_on = add_working_days((now() at time zone 'Asia/Ho_Chi_Minh')::date,
                                                 case_working_days(agency_id))
                 where id in (select id from follow_up_case order by submitted_at desc limit 5)""");
        tx.execute("update case_event e set at = c.opened_at from follow_up_case c where c.id = e.case_id");
        tx.execute("""
                insert into case_event (case_id, agency_id, at, actor, action, from_status, to_status, note)
                select id, agency_id, coalesce(closed_at, opened_at + interval '1 day'), 'demo', 'status', 'new', status, null
                  from follow_up_case where status <> 'new'""");
        return tx.fetchOne("select count(*) from follow_up_case").get(0, Integer.class);
    }
}
