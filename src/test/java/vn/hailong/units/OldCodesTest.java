package vn.hailong.units;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.TestApp.one;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;

/**
 * Codes of units that have ended stay usable wherever a rating or a file names a unit: an import's row resolved on
 * its day, a rating sent with an old code, an old survey link or invitation, each recorded under the unit valid then
 * (or that carries the old one on); a split unit's link lets the citizen choose; a dissolved unit's is refused. And
 * a centre receives dossiers of any agency of its province, whose ratings count at the centre (received at) and at
 * the agency (decided at).
 */
class OldCodesTest {
    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static final String CRITERIA = UnitTree.CRITERIA;
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static ApiClient citizen;
    static ApiClient managerK;
    static final Map<String, Long> ids = new HashMap<>();
    static String linkA;
    static String linkS;
    static String linkX;
    static String invitationA;

    @BeforeAll
    static void reform() {
        app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        citizen = ApiClient.anonymous(app);
        unit("P", "province", null);
        unit("DEPT", "department", "P");
        unit("A", "commune", "P");
        unit("B", "commune", "P");
        unit("S", "commune", "P");
        unit("X", "commune", "P");
        unit("K", "commune", "P");
        unit("Z", "commune", "P");
        unit("R", "commune", "P");
        unit("Q", "province", null);
        unit("QA", "commune", "Q");
        centre("CP", "P");
        centre("CK", "K");
        centre("CQ", "Q");
        admin.post("/api/v1/users", Map.of("username", "manager.k", "password", "manager-password-1",
                "role", "agency_manager", "unitId", ids.get("K")));
        managerK = ApiClient.signIn(app, "manager.k", "manager-password-1");
        // Links and an invitation made before the reform, for units that then end.
        linkA = link("A");
        linkS = link("S");
        linkX = link("X");
        var invited = admin.post("/api/v1/invitations", Map.of("dossierCode", "HS-A-1", "agency", "A"));
        assertThat(invited.status()).as(invited.body().toString()).isEqualTo(201);
        invitationA = invited.body().get("path").asText().substring(3);
        dsl.transaction(trx -> {
            var events = new UnitEvents(trx.dsl(), "admin", null);
            long c = events.create("C", "Xã C mới", null, "commune", ids.get("P"), REFORM);
            ids.put("C", c);
            events.merge(List.of(ids.get("A"), ids.get("B")), c, REFORM);
            long s1 = events.create("S1", "Xã S1", null, "commune", ids.get("P"), REFORM);
            long s2 = events.create("S2", "Xã S2", null, "commune", ids.get("P"), REFORM);
            ids.put("S1", s1);
            ids.put("S2", s2);
            var into = new LinkedHashMap<Long, java.math.BigDecimal>();
            into.put(s1, null);
            into.put(s2, null);
            events.split(ids.get("S"), into, REFORM);
            events.dissolve(ids.get("X"), REFORM);
            events.rename(ids.get("R"), "R2", "Xã R mới", null, REFORM);
        });
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    // ---- Imports ----

    @Test
    void an_imported_row_naming_a_merged_unit_counts_under_the_unit_valid_on_its_day() {
        var csv = header() + row("I1", "2024-05-02", "A") + row("I2", "2025-09-15", "A") + row("I3", "2025-09-15", "C");
        var dry = admin.send("POST", "/api/v1/imports?questionnaire=SIPAS&dryRun=true", csv, "text/csv");
        assertThat(dry.status()).as(dry.body().toString()).isEqualTo(200);
        assertThat(dry.body().get("resolved").asLong()).as("the 2025 row's old code").isEqualTo(1);
        var imported = admin.send("POST", "/api/v1/imports?questionnaire=SIPAS", csv, "text/csv");
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        assertThat(imported.body().get("resolved").asLong()).isEqualTo(1);
        assertThat(agencyOf("I1")).as("2024: A was valid").isEqualTo("A");
        assertThat(agencyOf("I2")).as("2025-09: A had merged into C").isEqualTo("C");
        assertThat(agencyOf("I3")).isEqualTo("C");
    }

    @Test
    void an_imported_row_naming_a_split_dissolved_or_future_unit_is_a_problem_of_its_row() {
        var csv = header() + row("J1", "2025-09-15", "S") + row("J2", "2025-09-15", "X") + row("J3", "2024-01-10", "C")
                + row("J4", "2024-01-10", "S");
        var answer = admin.send("POST", "/api/v1/imports?questionnaire=SIPAS", csv, "text/csv");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(422);
        var problems = answer.body().get("problems");
        assertThat(problems).hasSize(3);
        assertThat(problems.findValuesAsText("column")).containsOnly("agency_code");
        assertThat(problems.get(0).get("message").asText()).contains("split into", "'S1'", "'S2'");
        assertThat(problems.get(1).get("message").asText()).contains("without a successor");
        assertThat(problems.get(2).get("message").asText()).contains("exists from 2025-07-01");
        assertThat(one(dsl, "select count(*) from imported_response where external_id like 'J%'", Long.class))
                .isZero();
    }

    @Test
    void dossier_facts_naming_an_old_code_go_to_the_unit_valid_when_the_dossier_was_received() {
        var stored = admin.put("/api/v1/dossiers", List.of(
                Map.of("agency", "A", "dossierCode", "F-1", "receivedOn", "2025-08-01"),
                Map.of("agency", "A", "dossierCode", "F-2", "receivedOn", "2025-06-01")));
        assertThat(stored.status()).as(stored.body().toString()).isEqualTo(200);
        assertThat(one(dsl, "select u.code from dossier d join unit u on u.id = d.agency_id where dossier_code = 'F-1'",
                String.class)).isEqualTo("C");
        assertThat(one(dsl, "select u.code from dossier d join unit u on u.id = d.agency_id where dossier_code = 'F-2'",
                String.class)).isEqualTo("A");
        var split = admin.put("/api/v1/dossiers", List.of(
                Map.of("agency", "S", "dossierCode", "F-3", "receivedOn", "2025-08-01")));
        assertThat(split.status()).isEqualTo(422);
        assertThat(split.body().toString()).contains("\"column\":\"agency\"", "split into");
    }

    @Test
    void population_totals_naming_a_code_a_unit_had_go_to_that_unit() {
        admin.post("/api/v1/service-fields", Map.of("code", "HT", "nameVi", "Hộ tịch"));
        var answer = admin.send("POST", "/api/v1/population/import", "unit_code,year,stratum,total\nR,2024,HT,1200\n",
                "text/csv");
        assertThat(answer.status()).as(answer.body().toString()).isBetween(200, 201);
        assertThat(one(dsl, "select u.code from population_total t join unit u on u.id = t.unit_id where t.year = 2024",
                String.class)).isEqualTo("R2");
    }

    // ---- Live ratings ----

    @Test
    void a_rating_sent_with_a_merged_units_code_is_recorded_under_its_successor() {
        var answer = rate(rating("A"));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        assertThat(agencyOfResponse(answer.body().get("id").asLong())).isEqualTo("C");
    }

    @Test
    void a_rating_naming_a_split_or_dissolved_unit_is_refused_naming_agency() {
        var split = rate(rating("S"));
        assertThat(split.status()).isEqualTo(422);
        assertThat(split.body().toString()).contains("\"field\":\"agency\"", "'S1'", "'S2'");
        var dissolved = rate(rating("X"));
        assertThat(dissolved.status()).isEqualTo(422);
        assertThat(dissolved.body().toString()).contains("\"field\":\"agency\"", "without a successor");
    }

    @Test
    void a_merged_units_survey_link_shows_and_records_under_its_successor() {
        var page = citizen.get("/api/v1/survey-links/" + linkA);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("agency").get("code").asText()).isEqualTo("C");
        assertThat(page.body().get("agency").get("nameVi").asText()).isEqualTo("Xã C mới");
        assertThat(page.body().get("formerAgency").get("code").asText()).isEqualTo("A");
        var answer = rate(with(rating("C"), "link", linkA));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        assertThat(agencyOfResponse(answer.body().get("id").asLong())).isEqualTo("C");
        var old = rate(with(rating("A"), "link", linkA));
        assertThat(old.status()).as("an old page sending the old code").isEqualTo(201);
        assertThat(agencyOfResponse(old.body().get("id").asLong())).isEqualTo("C");
    }

    @Test
    void a_split_units_survey_link_offers_its_successors_and_records_the_one_chosen() {
        var page = citizen.get("/api/v1/survey-links/" + linkS);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("successors").findValuesAsText("code")).containsExactly("S1", "S2");
        var chosen = rate(with(rating("S2"), "link", linkS));
        assertThat(chosen.status()).as(chosen.body().toString()).isEqualTo(201);
        assertThat(agencyOfResponse(chosen.body().get("id").asLong())).isEqualTo("S2");
        var other = rate(with(rating("K"), "link", linkS));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.body().toString()).contains("\"field\":\"agency\"");
    }

    @Test
    void a_dissolved_units_survey_link_says_so_and_takes_no_rating() {
        var page = citizen.get("/api/v1/survey-links/" + linkX);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("agencyEnded").asBoolean()).isTrue();
        assertThat(page.body().get("successors")).isEmpty();
        var answer = rate(with(rating("X"), "link", linkX));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().toString()).contains("\"field\":\"agency\"");
        var parent = rate(with(rating("P"), "link", linkX));
        assertThat(parent.status()).as("never under its parent").isEqualTo(422);
    }

    @Test
    void an_invitation_of_a_merged_unit_records_under_its_successor() {
        var page = citizen.get("/api/v1/invitations/" + invitationA);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("agency").get("code").asText()).isEqualTo("C");
        var body = rating("C");
        body.put("invitation", invitationA);
        var answer = rate(body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        assertThat(agencyOfResponse(answer.body().get("id").asLong())).isEqualTo("C");
    }

    @Test
    void a_code_resolves_anew_at_once_after_an_event_on_this_server() {
        var before = rate(rating("Z"));
        assertThat(before.status()).isEqualTo(201);
        assertThat(agencyOfResponse(before.body().get("id").asLong())).isEqualTo("Z");
        dsl.transaction(trx -> new UnitEvents(trx.dsl(), "admin", null)
                .merge(List.of(ids.get("Z")), ids.get("K"), LocalDate.now(vn.hailong.Vietnam.ZONE)));
        var after = rate(rating("Z"));
        assertThat(after.status()).as(after.body().toString()).isEqualTo(201);
        assertThat(agencyOfResponse(after.body().get("id").asLong())).as("not the cached Z").isEqualTo("K");
    }

    // ---- Received at, decided at ----

    @Test
    void a_commune_centre_receives_a_departments_dossier_and_another_provinces_centre_does_not() {
        var received = rate(with(rating("DEPT"), "centre", "CK"));
        assertThat(received.status()).as(received.body().toString()).isEqualTo(201);
        var elsewhere = rate(with(rating("DEPT"), "centre", "CQ"));
        assertThat(elsewhere.status()).isEqualTo(422);
        assertThat(elsewhere.body().get("errors").findValuesAsText("field")).containsExactly("centre");
    }

    @Test
    void a_centres_figures_count_what_it_received_and_a_units_what_it_decided() {
        // At CK: 3 dossiers decided by the department, 2 by K itself; K also decides 1 received at the province's CP.
        for (int i = 0; i < 3; i++) {
            assertThat(rate(sipas("DEPT", "CK")).status()).isEqualTo(201);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(rate(sipas("K", "CK")).status()).isEqualTo(201);
        }
        assertThat(rate(sipas("K", "CP")).status()).isEqualTo(201);
        TestApp.foldRollups(dsl);
        var today = "&from=" + LocalDate.now(vn.hailong.Vietnam.ZONE).minusDays(1);
        // K's manager: the centre's reception counts the department's ratings; K's own figures do not.
        assertThat(n(managerK, "centre=CK" + today)).isEqualTo(5);
        assertThat(n(managerK, "centre=CK&rollups=responses" + today)).isEqualTo(5);
        assertThat(n(managerK, "unit=K" + today)).isEqualTo(3);
        assertThat(n(managerK, "unit=K&centre=CK" + today)).as("K's ratings received at CK").isEqualTo(2);
        var byCentre = managerK.get("/api/v1/indices?groupBy=centre" + today);
        assertThat(byCentre.status()).as(byCentre.body().toString()).isEqualTo(200);
        assertThat(groupN(byCentre, "CK")).isEqualTo(5);
        assertThat(groupN(byCentre, "CP")).as("K's own rating received at CP").isEqualTo(1);
        // The same as the units stood.
        assertThat(n(managerK, "centre=CK&boundaries=historical" + today)).isEqualTo(5);
        var byCentreThen = managerK.get("/api/v1/indices?groupBy=centre&boundaries=historical" + today);
        assertThat(groupN(byCentreThen, "CK")).isEqualTo(5);
        // Not the department's other figures.
        assertThat(managerK.get("/api/v1/indices?unit=DEPT" + today).status()).isEqualTo(404);
        assertThat(managerK.get("/api/v1/indices?centre=CP" + today).status()).isEqualTo(404);
        // The department's figures count the dossiers it decided, wherever received.
        assertThat(n(admin, "unit=DEPT" + today)).isGreaterThanOrEqualTo(3);
        assertThat(n(admin, "unit=DEPT&centre=CK" + today)).isEqualTo(3);
    }

    // ---- Helpers ----

    private static long n(ApiClient caller, String query) {
        var answer = caller.get("/api/v1/indices?" + query);
        assertThat(answer.status()).as(query + ": " + answer.body()).isEqualTo(200);
        var groups = answer.body().get("groups");
        return groups.isEmpty() ? 0 : groups.get(0).get("n").asLong();
    }

    private static long groupN(ApiClient.Answer answer, String centreCode) {
        for (var group : answer.body().get("groups")) {
            if (group.toString().contains("\"" + centreCode + "\"")) {
                return group.get("n").asLong();
            }
        }
        return 0;
    }

    private static Map<String, Object> sipas(String agency, String centre) {
        var body = new LinkedHashMap<String, Object>();
        body.put("submissionId", UUID.randomUUID().toString());
        body.put("questionnaire", "SIPAS");
        body.put("version", 1);
        body.put("agency", agency);
        body.put("centre", centre);
        body.put("channel", "web");
        var answers = new LinkedHashMap<String, Object>();
        for (var code : CRITERIA.split(",")) {
            answers.put(code, 4);
        }
        body.put("answers", answers);
        return body;
    }

    private static String header() {
        return "response_id,submitted_at,agency_code,channel," + CRITERIA + "\n";
    }

    private static String row(String id, String day, String agency) {
        return UnitTree.row(id, day, agency, 4);
    }

    private static String agencyOf(String externalId) {
        return one(dsl, "select u.code from response r join unit u on u.id = r.agency_id where r.external_id = ?",
                String.class, externalId);
    }

    private static String agencyOfResponse(long id) {
        return one(dsl, "select u.code from response r join unit u on u.id = r.agency_id where r.id = ?", String.class,
                id);
    }

    private static ApiClient.Answer rate(Map<String, Object> rating) {
        return citizen.post("/api/v1/responses", rating);
    }

    private static Map<String, Object> rating(String agency) {
        var body = new LinkedHashMap<String, Object>();
        body.put("submissionId", UUID.randomUUID().toString());
        body.put("questionnaire", "KIOSK");
        body.put("version", 1);
        body.put("agency", agency);
        body.put("channel", "web");
        body.put("answers", Map.of("HL", 4));
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static String link(String agency) {
        var answer = admin.post("/api/v1/survey-links", Map.of("agency", agency, "questionnaire", "KIOSK"));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().get("code").asText();
    }

    private static void centre(String code, String unit) {
        var answer = admin.post("/api/v1/centres", Map.of("code", code, "unitId", ids.get(unit), "nameVi",
                "Trung tâm " + code));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    }

    private static void unit(String code, String kind, String parent) {
        UnitTree.unit(admin, ids, code, kind, parent);
    }
}
