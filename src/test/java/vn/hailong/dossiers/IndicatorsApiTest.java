package vn.hailong.dossiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.auth.Fixtures;

/**
 * The Decision 766 indicators over a small set of facts computed by hand (province P: departments A, with office
 * A1, and B):
 * <ul>
 * <li>A1, March 2026, no monthly counts: dossiers D01–D10 returned, D11 still open. D01 late (onTime false), D02 late
 * by its dates and complained about, D03 complained about, D04 rated "Không hài lòng" through a real DOSSIER3 rating,
 * D06 rated "Rất hài lòng". Dossiers faulted: D01, D02 (once), D03, D04 = 4; (c) = 6 / 10.</li>
 * <li>A1, April 2026: monthly counts 20 handled, 2 faulted, 4 complaints, 4 on time, 0 unsatisfied or late; and a
 * late dossier D12 returned in April, which the monthly counts supersede.</li>
 * <li>A, March 2026: 100 handled, 5 late, 9 faulted; 8 complaints, 7 on time, 2 unsatisfied or late.</li>
 * <li>B, March 2026: 50 handled, 3 complaints all on time; the two optional counts not reported.</li>
 * </ul>
 */
class IndicatorsApiTest {
    static TestApp app;
    static CloseableDSLContext dsl;
    static Fixtures f;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        dsl = app.dsl();
        f = new Fixtures(dsl);
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        var system = ApiClient.withKey(app, f.keyDossiers);
        var dossiers = new ArrayList<Map<String, Object>>();
        for (int i = 1; i <= 12; i++) {
            if (i == 4 || i == 6) {
                continue; // sent with their invitations below
            }
            var d = new HashMap<String, Object>(Map.of("agency", "A1", "dossierCode", String.format("D%02d", i),
                    "receivedOn", "2026-03-02", "dueOn", "2026-03-16"));
            if (i <= 10) {
                d.put("returnedOn", i == 2 ? "2026-03-20" : "2026-03-13");
            }
            if (i == 1) {
                d.put("onTime", false);
            }
            if (i == 2 || i == 3) {
                d.put("complained", true);
            }
            if (i == 12) {
                d.put("returnedOn", "2026-04-20");
                d.put("onTime", false);
            }
            dossiers.add(d);
        }
        assertThat(system.put("/api/v1/dossiers", dossiers).status()).isEqualTo(200);
        rate("D04", 1);
        rate("D06", 3);
        assertThat(system.put("/api/v1/dossier-months", List.of(
                month("A1", "2026-04", 20, 1, 4, 4, 0, 2),
                month("A", "2026-03", 100, 5, 8, 7, 2, 9),
                month("B", "2026-03", 50, 2, 3, 3, null, null))).status()).isEqualTo(200);
    }

    /** The dossier's invitation carries its facts; the citizen rates it with the invitation's link. */
    static void rate(String code, int level) {
        var invitation = ApiClient.withKey(app, f.keyInvitations).post("/api/v1/invitations", Map.of(
                "dossierCode", code, "agency", "A1", "receivedOn", "2026-03-02", "dueOn", "2026-03-16",
                "returnedOn", "2026-03-13", "onTime", true));
        assertThat(invitation.status()).isEqualTo(201);
        var token = invitation.body().get("path").asText().substring("/d/".length());
        var answers = level == 1 ? Map.of("DG", level, "LD", 2) : Map.of("DG", level);
        var rating = Map.of("submissionId", UUID.randomUUID().toString(), "questionnaire", "DOSSIER3", "version", 1,
                "agency", "A1", "channel", "web", "invitation", token, "answers", answers);
        assertThat(ApiClient.anonymous(app).post("/api/v1/responses", rating).status()).isEqualTo(201);
    }

    static Map<String, Object> month(String unit, String month, int handled, int late, int complaints, int onTime,
                                     Integer complaintsFaulted, Integer dossiersFaulted) {
        var m = new HashMap<String, Object>(Map.of("unit", unit, "month", month, "dossiersHandled", handled,
                "dossiersLate", late, "complaintsReceived", complaints, "complaintsOnTime", onTime));
        if (complaintsFaulted != null) {
            m.put("complaintsUnsatisfiedOrLate", complaintsFaulted);
        }
        if (dossiersFaulted != null) {
            m.put("dossiersUnsatisfiedComplainedOrLate", dossiersFaulted);
        }
        return m;
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    static JsonNode groups(ApiClient client, String query) {
        var answer = client.get("/api/v1/indicators?" + query);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().get("groups");
    }

    static JsonNode indicator(JsonNode group, String code) {
        for (var i : group.get("indicators")) {
            if (i.get("code").asText().equals(code)) {
                return i;
            }
        }
        throw new AssertionError("no " + code + " in " + group);
    }

    /** numerator/denominator percent source, or the reason it is not available. */
    static String figure(JsonNode group, String code) {
        var i = indicator(group, code);
        return i.get("available").asBoolean()
                ? i.get("numerator").asLong() + "/" + i.get("denominator").asLong() + " " + String.format(java.util.Locale.ROOT, "%.2f",
                        i.get("percent").asDouble()) + " " + i.get("source").asText()
                : "n/a " + i.get("reason").asText();
    }

    @Test
    void dossier_rows_give_the_dossier_indicator_counting_each_faulted_dossier_once() {
        var g = groups(admin, "unit=A1&from=2026-03-01&to=2026-03-31").get(0);
        assertThat(g.get("unit").get("code").asText()).isEqualTo("A1");
        assertThat(figure(g, "dossiersSatisfied")).isEqualTo("6/10 60.00 dossier");
        assertThat(g.get("dossiersHandled").asLong()).isEqualTo(10);
        assertThat(g.get("dossiersLate").asLong()).isEqualTo(2);
        // Dossier rows do not say how complaints were handled: those indicators are not guessed.
        assertThat(figure(g, "complaintsOnTime")).isEqualTo("n/a dossierRowsOnly");
        assertThat(figure(g, "complaintsSatisfied")).isEqualTo("n/a dossierRowsOnly");
        assertThat(indicator(g, "complaintsOnTime").get("missing").get(0).toString()).isEqualTo("{\"unit\":\"A1\","
                + "\"nameVi\":\"Văn phòng A1\",\"nameEn\":\"Office A1\",\"months\":1,\"first\":\"2026-03\",\"last\":\"2026-03\"}");
        var rule = indicator(g, "dossiersSatisfied").get("rule");
        assertThat(rule.get("legalBasisVi").asText()).startsWith("Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng");
        assertThat(rule.get("effectiveFrom").asText()).isEqualTo("2022-06-23");
        assertThat(rule.get("formulaVi").asText()).contains("mỗi hồ sơ tính một lần");
        assertThat(indicator(g, "dossiersSatisfied").has("ci")).isFalse();
    }

    @Test
    void a_month_row_beats_the_dossier_rows_of_its_unit_and_month() {
        var g = groups(admin, "unit=A1&from=2026-04-01&to=2026-04-30").get(0);
        assertThat(figure(g, "dossiersSatisfied")).isEqualTo("18/20 90.00 month");
        assertThat(g.get("dossiersLate").asLong()).as("D12, late, is not counted beside the month's counts").isEqualTo(1);
        assertThat(figure(g, "complaintsOnTime")).isEqualTo("4/4 100.00 month");
        assertThat(figure(g, "complaintsSatisfied")).isEqualTo("4/4 100.00 month");
    }

    @Test
    void a_unit_sums_its_subtree_and_says_its_sources() {
        var g = groups(admin, "unit=A&from=2026-03-01&to=2026-03-31").get(0);
        assertThat(figure(g, "dossiersSatisfied")).isEqualTo("97/110 88.18 mixed");
        assertThat(indicator(g, "dossiersSatisfied").get("unitMonths").toString())
                .isEqualTo("{\"month\":1,\"dossier\":1}");
        assertThat(figure(g, "complaintsOnTime")).as("A1's March has dossier rows only").isEqualTo("n/a dossierRowsOnly");
    }

    @Test
    void grouped_by_unit_each_unit_sums_its_subtree_and_a_missing_optional_count_is_not_available() {
        var groups = groups(admin, "unit=P&from=2026-03-01&to=2026-03-31&groupBy=unit");
        var codes = new ArrayList<String>();
        groups.forEach(g -> codes.add(g.get("unit").get("code").asText()));
        assertThat(codes).containsExactly("P", "A", "A1", "B");
        var p = groups.get(0);
        var b = groups.get(3);
        assertThat(figure(b, "complaintsOnTime")).isEqualTo("3/3 100.00 month");
        assertThat(figure(b, "complaintsSatisfied")).isEqualTo("n/a notReported");
        assertThat(figure(b, "dossiersSatisfied")).isEqualTo("n/a notReported");
        assertThat(indicator(b, "dossiersSatisfied").get("missing").get(0).get("unit").asText()).isEqualTo("B");
        assertThat(indicator(b, "dossiersSatisfied").get("missingCount").asInt()).isEqualTo(1);
        assertThat(indicator(b, "dossiersSatisfied").get("message").asText()).contains("did not report");
        assertThat(figure(p, "dossiersSatisfied")).as("the province is not guessed from the units that reported")
                .isEqualTo("n/a notReported");
        assertThat(p.get("dossiersHandled").asLong()).isEqualTo(160);
    }

    @Test
    void periods_by_month_quarter_and_year() {
        var months = groups(admin, "unit=A&from=2026-03-01&to=2026-04-30&groupBy=month");
        assertThat(months).hasSize(2);
        assertThat(months.get(0).get("period").asText()).isEqualTo("2026-03");
        assertThat(figure(months.get(0), "dossiersSatisfied")).isEqualTo("97/110 88.18 mixed");
        assertThat(months.get(1).get("period").asText()).isEqualTo("2026-04");
        assertThat(figure(months.get(1), "dossiersSatisfied")).isEqualTo("18/20 90.00 month");
        assertThat(months.get(1).get("from").asText()).isEqualTo("2026-04-01");
        assertThat(months.get(1).get("to").asText()).isEqualTo("2026-04-30");

        var quarters = groups(admin, "unit=A&groupBy=quarter");
        assertThat(quarters.get(0).get("period").asText()).isEqualTo("2026-Q1");
        assertThat(figure(quarters.get(1), "complaintsOnTime")).isEqualTo("4/4 100.00 month");

        var year = groups(admin, "unit=A&from=2026-01-01&to=2026-12-31&groupBy=year").get(0);
        assertThat(year.get("period").asText()).isEqualTo("2026");
        assertThat(figure(year, "dossiersSatisfied")).isEqualTo("115/130 88.46 mixed");

        var answer = admin.get("/api/v1/indicators?unit=A&from=2026-03-15&to=2026-03-20").body();
        assertThat(answer.get("from").asText() + " " + answer.get("to").asText())
                .as("counts are monthly: whole months").isEqualTo("2026-03-01 2026-03-31");
        assertThat(figure(answer.get("groups").get(0), "dossiersSatisfied")).isEqualTo("97/110 88.18 mixed");

        var empty = groups(admin, "unit=A&from=2025-01-01&to=2025-12-31").get(0);
        assertThat(figure(empty, "dossiersSatisfied")).isEqualTo("n/a noData");
    }

    @Test
    void an_agency_manager_sees_only_the_subtree_of_their_unit() {
        var manager = ApiClient.signIn(app, "manager", "manager-password");
        assertThat(manager.get("/api/v1/indicators?unit=B").status()).isEqualTo(404);
        assertThat(manager.get("/api/v1/indicators?unit=P").status()).isEqualTo(404);
        var groups = groups(manager, "from=2026-03-01&to=2026-03-31&groupBy=unit");
        var codes = new ArrayList<String>();
        groups.forEach(g -> codes.add(g.get("unit").get("code").asText()));
        assertThat(codes).containsExactly("A", "A1");
        assertThat(ApiClient.withKey(app, f.keyRead).get("/api/v1/indicators").status()).isEqualTo(200);
        assertThat(ApiClient.withKey(app, f.keyDossiers).get("/api/v1/indicators").status()).isEqualTo(403);
    }

    @Test
    void bad_parameters_are_named() {
        assertThat(admin.get("/api/v1/indicators?groupBy=service").body().get("field").asText()).isEqualTo("groupBy");
        assertThat(admin.get("/api/v1/indicators?groupBy=year,month").body().get("field").asText()).isEqualTo("groupBy");
        assertThat(admin.get("/api/v1/indicators?from=2026-13-01").body().get("field").asText()).isEqualTo("from");
        assertThat(admin.get("/api/v1/indicators?from=2026-05-01&to=2026-01-01").body().get("field").asText())
                .isEqualTo("to");
        assertThat(admin.get("/api/v1/indicators?unit=NOPE").status()).isEqualTo(404);
    }
}
