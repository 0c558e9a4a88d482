package vn.hailong.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.TestApp.one;

import java.util.Map;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.TestApp;
import vn.hailong.auth.Fixtures;

/**
 * Who an event reaches: the users who chose its topic, have an address, are active and may see its unit (a scheduled
 * report: the unit's own users only), and the active webhooks for the topic whose unit covers the event's.
 */
class OutboxTest {
    static TestApp app;
    static CloseableDSLContext dsl;
    static Fixtures f;
    static long managerB;
    static long inactive;
    static long noAddress;
    static long hookAll;
    static long hookA;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        dsl = app.dsl();
        f = new Fixtures(dsl);
        managerB = user("manager-b", "agency_manager", f.unitB);
        inactive = user("gone", "analyst", null);
        noAddress = user("no-address", "analyst", null);
        dsl.execute("update app_user set active = false where id = {0}", inactive);
        choose(f.admin, "admin@tinh.example.gov.vn", "case");
        choose(f.analyst, "phan.tich@tinh.example.gov.vn", "alert", "report");
        choose(f.manager, "so-a@example.gov.vn", "alert", "report");
        choose(f.interviewer, "dieu.tra@example.gov.vn", "case");
        choose(managerB, "so-b@example.gov.vn", "alert", "report");
        choose(inactive, "gone@example.gov.vn", "alert");
        choose(noAddress, null, "alert");
        hookAll = webhook("all alerts", "alert", null, true);
        hookA = webhook("A's alerts", "alert", f.unitA, true);
        webhook("B's alerts", "alert", f.unitB, true);
        webhook("cases", "case", null, true);
        webhook("switched off", "alert", null, false);
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    static long user(String name, String role, Long unit) {
        return one(dsl, "insert into app_user (username, password_hash, role, unit_id) values ({0}, 'x', {1}, {2})"
                + " returning id", Long.class, name, role, unit);
    }

    static void choose(long user, String email, String... topics) {
        dsl.execute("update app_user set email = {0} where id = {1}", email, user);
        for (var topic : topics) {
            dsl.execute("insert into notification_choice (user_id, topic) values ({0}, {1})", user, topic);
        }
    }

    static long webhook(String name, String topic, Long unit, boolean active) {
        return one(dsl, "insert into webhook (name, url, secret, topics, unit_id, active, created_by)"
                + " values ({0}, 'https://example.gov.vn/hook', 's', array[{1}]::varchar[], {2}, {3}, 'test') returning id",
                Long.class, name, topic, unit, active);
    }

    static int add(Notice notice) {
        return dsl.transactionResult(trx -> Outbox.add(trx.dsl(), notice));
    }

    static java.util.List<String> told(String key) {
        return Outbox.recipients(dsl, key).stream().map(r -> r.channel() + ":" + r.name()).toList();
    }

    @Test
    void an_alert_reaches_those_who_chose_it_and_see_the_unit_and_the_webhooks_covering_it() {
        assertThat(add(new Notice(Notice.ALERT, "alert:A1", f.unitA1, "s", "b", Map.of(), null))).isEqualTo(4);
        assertThat(told("alert:A1")).containsExactly("email:analyst", "email:manager", "webhook:all alerts",
                "webhook:A's alerts");
        assertThat(add(new Notice(Notice.ALERT, "alert:B", f.unitB, "s", "b", Map.of(), null))).isEqualTo(4);
        assertThat(told("alert:B")).containsExactly("email:analyst", "email:manager-b", "webhook:all alerts",
                "webhook:B's alerts");
        assertThat(add(new Notice(Notice.ALERT, "alert:province", null, "s", "b", Map.of(), null))).isEqualTo(2);
        assertThat(told("alert:province")).as("the whole province: those who see everything")
                .containsExactly("email:analyst", "webhook:all alerts");
    }

    @Test
    void a_case_reaches_the_admin_who_chose_cases_never_an_interviewer_who_may_not_read_it() {
        // The interviewer of unit A chose cases (as it could before it was refused): it still gets none.
        add(new Notice(Notice.CASE, "case:7:opened", f.unitA, "s", "b", Map.of(), null));
        assertThat(told("case:7:opened")).containsExactly("email:admin", "webhook:cases");
        add(new Notice(Notice.CASE, "case:8:opened", f.unitB, "s", "b", Map.of(), null));
        assertThat(told("case:8:opened")).containsExactly("email:admin", "webhook:cases");
    }

    @Test
    void a_report_goes_to_its_own_units_users_only() {
        add(new Notice(Notice.REPORT, "report:A:2026-11", f.unitA, "s", "b", Map.of(), Map.of("report", Map.of())));
        assertThat(told("report:A:2026-11")).containsExactly("email:manager");
        add(new Notice(Notice.REPORT, "report:A1:2026-11", f.unitA1, "s", "b", Map.of(), null));
        assertThat(told("report:A1:2026-11")).as("not the manager of the unit above").isEmpty();
        add(new Notice(Notice.REPORT, "report:P:2026-11", f.province, "s", "b", Map.of(), null));
        assertThat(told("report:P:2026-11")).as("users without a unit get the top of the tree's")
                .containsExactly("email:analyst");
    }

    @Test
    void adding_the_same_event_twice_adds_nothing() {
        var notice = new Notice(Notice.ALERT, "alert:twice", f.unitA, "s", "b", Map.of(), null);
        assertThat(add(notice)).isEqualTo(4);
        assertThat(add(notice)).isZero();
        assertThat(one(dsl, "select count(*) from outbox where event_key = 'alert:twice'", Integer.class)).isEqualTo(4);
    }

    @Test
    void rolling_back_the_event_rolls_back_its_notifications() {
        try {
            dsl.transaction(trx -> {
                Outbox.add(trx.dsl(), new Notice(Notice.ALERT, "alert:rolled-back", f.unitA, "s", "b", Map.of(), null));
                throw new IllegalStateException("the event failed");
            });
        } catch (IllegalStateException e) {
            // expected
        }
        assertThat(one(dsl, "select count(*) from outbox where event_key = 'alert:rolled-back'", Integer.class)).isZero();
    }
}
