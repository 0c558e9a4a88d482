package vn.hailong.dossiers;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.TestApp.one;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.auth.Fixtures;

/** The dossier system sends its facts: all or nothing, idempotent, every problem named, only with the right key. */
class DossiersApiTest {
    static TestApp app;
    static CloseableDSLContext dsl;
    static Fixtures f;
    static ApiClient system;
    static ApiClient admin;
    static final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void start() {
        app = TestApp.start();
        dsl = app.dsl();
        f = new Fixtures(dsl);
        system = ApiClient.withKey(app, f.keyDossiers);
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        dsl.close();
        app.close();
    }

    static Map<String, Object> dossier(String code, String returnedOn) {
        var d = new HashMap<String, Object>();
        d.put("agency", "A1");
        d.put("dossierCode", code);
        d.put("service", "1.000001");
        d.put("centre", "CA");
        d.put("receivedOn", "2026-02-02");
        d.put("dueOn", "2026-02-12");
        if (returnedOn != null) {
            d.put("returnedOn", returnedOn);
            d.put("onTime", returnedOn.compareTo("2026-02-12") <= 0);
        }
        return d;
    }

    static Map<String, Object> month(String unit, String month, int handled, int late) {
        var m = new HashMap<String, Object>();
        m.put("unit", unit);
        m.put("month", month);
        m.put("dossiersHandled", handled);
        m.put("dossiersLate", late);
        m.put("complaintsReceived", 4);
        m.put("complaintsOnTime", 3);
        m.put("complaintsUnsatisfiedOrLate", 1);
        m.put("dossiersUnsatisfiedComplainedOrLate", late + 1);
        return m;
    }

    static long count(String table) {
        return one(dsl, "select count(*) from " + table, Long.class);
    }

    static long audits(String entity) {
        return one(dsl, "select count(*) from audit_event where entity = {0}", Long.class, entity);
    }

    @Test
    void dossiers_are_stored_once_a_resend_changes_nothing_and_a_changed_one_replaces() {
        var batch = List.of(dossier("IDEM-1", "2026-02-10"), dossier("IDEM-2", null));
        var first = system.put("/api/v1/dossiers", batch);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("stored").asInt()).isEqualTo(2);
        var stamp = one(dsl, "select updated_at::text from dossier where dossier_code = 'IDEM-1'", String.class);
        long auditsBefore = audits("dossier");

        var again = system.put("/api/v1/dossiers", batch);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(one(dsl, "select updated_at::text from dossier where dossier_code = 'IDEM-1'", String.class))
                .as("a resend of the same facts touches nothing").isEqualTo(stamp);
        assertThat(audits("dossier")).as("nor the audit log").isEqualTo(auditsBefore);

        var returned = dossier("IDEM-2", "2026-02-20");
        returned.put("complained", true);
        assertThat(system.put("/api/v1/dossiers", List.of(returned)).status()).isEqualTo(200);
        assertThat(one(dsl, "select returned_on::text || ' ' || on_time || ' ' || complained from dossier"
                + " where dossier_code = 'IDEM-2'", String.class)).isEqualTo("2026-02-20 false true");
        assertThat(one(dsl, "select count(*) from dossier where dossier_code like 'IDEM-%'", Long.class)).isEqualTo(2);
        assertThat(audits("dossier")).isEqualTo(auditsBefore + 1);
        assertThat(one(dsl, "select actor from audit_event where entity = 'dossier' order by id desc limit 1",
                String.class)).isEqualTo("key:dossier system");
    }

    @Test
    void months_are_upserted_by_unit_and_month() {
        var first = system.put("/api/v1/dossier-months", List.of(month("A", "2026-01", 100, 5), month("B", "2026-01", 50, 0)));
        assertThat(first.status()).isEqualTo(200);
        assertThat(system.put("/api/v1/dossier-months", List.of(month("A", "2026-01", 100, 5), month("B", "2026-01", 50, 0)))
                .body()).isEqualTo(first.body());
        var changed = month("A", "2026-01", 120, 6);
        changed.remove("complaintsUnsatisfiedOrLate"); // optional: not reported
        assertThat(admin.put("/api/v1/dossier-months", List.of(changed)).status()).isEqualTo(200);
        assertThat(one(dsl, "select dossiers_handled || ' ' || dossiers_late || ' ' || coalesce(complaints_unsatisfied_or_late::text, 'null')"
                + " from dossier_month where unit_id = {0} and month = '2026-01-01'", String.class, f.unitA))
                .isEqualTo("120 6 null");
        assertThat(one(dsl, "select count(*) from dossier_month where month = '2026-01-01'", Long.class)).isEqualTo(2);
    }

    @Test
    void a_bad_row_stores_nothing_and_every_problem_is_named_by_row_and_field() {
        long dossiers = count("dossier");
        var good = dossier("BAD-0", "2026-02-10");
        var unknownCodes = dossier("BAD-1", null);
        unknownCodes.put("agency", "NOPE");
        unknownCodes.put("service", "9.999999");
        unknownCodes.put("centre", "XX");
        var disordered = dossier("BAD-2", "2026-01-15"); // returned before received
        disordered.put("dueOn", "2026-01-01");
        var onTimeNotReturned = dossier("BAD-3", null);
        onTimeNotReturned.put("onTime", true);
        var wrongTypes = new HashMap<String, Object>(Map.of("agency", 7, "dossierCode", "BAD-4", "receivedOn", "31/01/2026",
                "complained", "yes", "onTime", 1));
        var extreme = dossier("BAD-5", "9999-12-31");
        extreme.put("receivedOn", "1899-01-01");
        var duplicate = dossier("BAD-0", "2026-02-11");
        var unknownField = dossier("BAD-7", null);
        unknownField.put("colour", "blue");
        var answer = system.put("/api/v1/dossiers", List.of(good, unknownCodes, disordered, onTimeNotReturned, wrongTypes,
                extreme, duplicate, unknownField, "not an object"));
        assertThat(answer.status()).isEqualTo(422);
        var problems = new ArrayList<String>();
        answer.body().get("problems").forEach(p -> problems.add(p.get("row").asInt() + " " + p.get("column").asText()));
        assertThat(problems).contains("2 agency", "2 service", "2 centre", "3 dueOn", "3 returnedOn", "4 onTime",
                "5 agency", "5 receivedOn", "5 complained", "5 onTime", "6 receivedOn", "6 returnedOn", "7 dossierCode",
                "8 colour", "9 ");
        assertThat(problems).noneMatch(p -> p.startsWith("1 "));
        assertThat(answer.body().get("problemCount").asInt()).isEqualTo(problems.size());
        assertThat(count("dossier")).as("nothing of the batch is kept").isEqualTo(dossiers);
    }

    @Test
    void inconsistent_counts_and_months_that_are_no_months_are_refused_naming_the_field() {
        long months = count("dossier_month");
        var tooLate = month("A", "2026-02", 10, 11);
        var onTimeOver = month("A", "2026-03", 10, 1);
        onTimeOver.put("complaintsOnTime", 5);
        var faultedBelowLate = month("A", "2026-04", 10, 3);
        faultedBelowLate.put("dossiersUnsatisfiedComplainedOrLate", 2);
        var negative = month("A", "2026-05", -1, 0);
        var notAMonth = month("A", "2026-13", 1, 0);
        var aDay = month("A", "2026-06-01", 1, 0);
        var future = month("A", "2999-01", 1, 0);
        var fraction = month("A", "2026-07", 1, 0);
        fraction.put("dossiersHandled", 1.5);
        var huge = month("A", "2026-08", 1, 0);
        huge.put("complaintsReceived", 99_999_999_999L);
        var missing = month("A", "2026-09", 1, 0);
        missing.remove("complaintsOnTime");
        var unknownUnit = month("ZZ", "2026-10", 1, 0);
        var twice = month("A", "2026-03", 10, 1);
        var answer = system.put("/api/v1/dossier-months", List.of(tooLate, onTimeOver, faultedBelowLate, negative,
                notAMonth, aDay, future, fraction, huge, missing, unknownUnit, twice));
        assertThat(answer.status()).isEqualTo(422);
        var problems = new ArrayList<String>();
        answer.body().get("problems").forEach(p -> problems.add(p.get("row").asInt() + " " + p.get("column").asText()));
        assertThat(problems).contains("1 dossiersLate", "2 complaintsOnTime", "3 dossiersUnsatisfiedComplainedOrLate",
                "4 dossiersHandled", "5 month", "6 month", "7 month", "8 dossiersHandled", "9 complaintsReceived",
                "10 complaintsOnTime", "11 unit");
        assertThat(count("dossier_month")).isEqualTo(months);
    }

    @Test
    void hostile_bodies_get_a_clear_4xx_never_a_5xx_nor_a_stack_trace() {
        var nul = system.send("PUT", "/api/v1/dossiers", "[{\"agency\":\"A1\",\"dossierCode\":\"X\\u0000\","
                + "\"receivedOn\":\"2026-01-01\"}]", "application/json");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.body().get("field").asText()).isEqualTo("[0].dossierCode");
        var duplicateKey = system.send("PUT", "/api/v1/dossiers", "[{\"agency\":\"A1\",\"agency\":\"A\"}]",
                "application/json");
        assertThat(duplicateKey.status()).isEqualTo(400);
        assertThat(system.send("PUT", "/api/v1/dossiers", "{\"agency\":\"A1\"}", "application/json").status())
                .isEqualTo(422);
        assertThat(system.send("PUT", "/api/v1/dossiers", "[]", "application/json").status()).isEqualTo(422);
        for (var path : List.of("/api/v1/dossiers", "/api/v1/dossier-months")) {
            var notObjects = system.send("PUT", path, "[1, null, [], \"x\"]", "application/json");
            assertThat(notObjects.status()).as(path).isEqualTo(422);
            assertThat(notObjects.body().get("problems")).hasSize(4);
            assertThat(notObjects.body().get("problems").get(3).get("message").asText()).isEqualTo("must be an object");
        }
        assertThat(system.send("PUT", "/api/v1/dossiers", "[1, 2", "application/json").status()).isEqualTo(400);
        assertThat(system.send("PUT", "/api/v1/dossiers", "agency=A1", "text/plain").status()).isEqualTo(415);
        var many = new ArrayList<Map<String, Object>>();
        for (int i = 0; i <= DossiersApi.MAX_ITEMS; i++) {
            many.add(Map.of("unit", "A", "month", "2026-01"));
        }
        var tooMany = system.put("/api/v1/dossier-months", many);
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.body().get("field").asText()).isEqualTo("body");
        var longCode = dossier("X".repeat(101), null);
        assertThat(system.put("/api/v1/dossiers", List.of(longCode)).body().get("problems").get(0).get("column").asText())
                .isEqualTo("dossierCode");
        assertThat(log.list).noneMatch(e -> e.getThrowableProxy() != null || e.getLevel().toInt() >= 40000);
    }

    @Test
    void a_unit_no_longer_active_still_gets_the_facts_of_its_past() {
        var merged = new vn.hailong.units.Units(dsl).insert(dsl, "OLD", "Xã cũ", "Former commune", "commune", f.province);
        dsl.execute("update unit set active = false where id = {0}", merged);
        assertThat(system.put("/api/v1/dossier-months", List.of(month("OLD", "2024-12", 30, 1))).status()).isEqualTo(200);
        var dossier = dossier("OLD-1", "2026-02-10");
        dossier.put("agency", "OLD");
        assertThat(system.put("/api/v1/dossiers", List.of(dossier)).status()).isEqualTo(200);
    }

    @Test
    void only_the_dossiers_scope_and_admin_may_send_facts() {
        var body = List.of(dossier("SCOPE-1", null));
        assertThat(ApiClient.withKey(app, f.keyInvitations).put("/api/v1/dossiers", body).status()).isEqualTo(403);
        assertThat(ApiClient.withKey(app, f.keyImport).put("/api/v1/dossier-months", List.of(month("A", "2026-01", 1, 0)))
                .status()).isEqualTo(403);
        assertThat(ApiClient.signIn(app, "manager", "manager-password").put("/api/v1/dossiers", body).status())
                .isEqualTo(403);
        assertThat(ApiClient.anonymous(app).put("/api/v1/dossiers", body).status()).isEqualTo(401);
        assertThat(admin.put("/api/v1/dossiers", body).status()).isEqualTo(200);
        assertThat(system.put("/api/v1/dossiers", body).status()).isEqualTo(200);
    }

    @Test
    void an_invitation_may_carry_the_dossier_facts_its_centre_and_channel() {
        var invitations = ApiClient.withKey(app, f.keyInvitations);
        var request = new HashMap<String, Object>(Map.of("dossierCode", "INV-1", "agency", "A1", "service", "1.000001",
                "centre", "CA", "channel", "qr", "receivedOn", "2026-03-02", "dueOn", "2026-03-12"));
        var created = invitations.post("/api/v1/invitations", request);
        assertThat(created.status()).isEqualTo(201);
        assertThat(one(dsl, "select received_on::text || ' ' || due_on || ' ' || coalesce(returned_on::text, '-')"
                + " from dossier where dossier_code = 'INV-1'", String.class)).isEqualTo("2026-03-02 2026-03-12 -");
        assertThat(one(dsl, "select c.code || ' ' || i.channel from invitation i join service_centre c"
                + " on c.id = i.centre_id where i.dossier_code = 'INV-1'", String.class)).isEqualTo("CA qr");

        request.put("returnedOn", "2026-03-10");
        request.put("onTime", true);
        var again = invitations.post("/api/v1/invitations", request);
        assertThat(again.body().get("path")).as("the same link").isEqualTo(created.body().get("path"));
        assertThat(one(dsl, "select returned_on::text || ' ' || on_time from dossier where dossier_code = 'INV-1'",
                String.class)).isEqualTo("2026-03-10 true");

        var bad = new HashMap<String, Object>(Map.of("dossierCode", "INV-2", "agency", "A1", "dueOn", "2026-03-01",
                "returnedOn", "2026-02-01", "onTime", true));
        var refused = invitations.post("/api/v1/invitations", bad);
        assertThat(refused.status()).isEqualTo(422);
        var fields = new ArrayList<String>();
        refused.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("receivedOn");
        assertThat(invitations.post("/api/v1/invitations", Map.of("dossierCode", "INV-3", "agency", "A1",
                "centre", "NOPE")).body().get("field").asText()).isEqualTo("centre");
        assertThat(invitations.post("/api/v1/invitations", Map.of("dossierCode", "INV-3", "agency", "A1",
                "channel", "pigeon")).body().get("field").asText()).isEqualTo("channel");
        assertThat(invitations.post("/api/v1/invitations", Map.of("dossierCode", "INV-3", "agency", "A1",
                "receivedOn", "yesterday")).status()).isEqualTo(400);
        assertThat(one(dsl, "select count(*) from invitation where dossier_code in ('INV-2', 'INV-3')", Long.class))
                .as("an invitation refused is not made").isZero();
        assertThat(one(dsl, "select count(*) from dossier where dossier_code in ('INV-2', 'INV-3')", Long.class))
                .isZero();
    }

    static JsonNode json(ApiClient.Answer a) {
        return a.body();
    }
}
