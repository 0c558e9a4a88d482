package vn.hailong.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.survey.Forms;

/**
 * The rollup store answers exactly as the responses do: for the whole tree, a subtree and an agency manager's scope,
 * over whole years, months and days that cut them, by every cut the aggregates keep and some they do not, while
 * ratings are pending and once folded, after a rebuild, and after a unit moves to another parent.
 */
class RollupStoreTest {
    /** The same question, answered from the responses only. */
    static final String RESPONSES = "rollups=responses";
    /** Days that cut a month at both ends, around at least one whole month, within the ratings' 85 days. */
    static final String EDGES = "from=" + cutting(LocalDate.now().minusDays(70)) + "&to="
            + cutting(LocalDate.now().minusDays(12).plusDays(1)).minusDays(1);
    /** Two ends that cut a month: from the 2nd of a month to the 24th of the next, both within the ratings' 85 days. */
    static final String WEEKS = "from=" + LocalDate.now().minusDays(44).withDayOfMonth(2)
            + "&to=" + LocalDate.now().minusDays(44).withDayOfMonth(1).plusMonths(1).withDayOfMonth(24);
    /** From the 3rd to the 20th of one month: both ends in one. */
    static final String WITHIN = "from=" + LocalDate.now().minusDays(40).withDayOfMonth(3)
            + "&to=" + LocalDate.now().minusDays(40).withDayOfMonth(20);
    /** A range open at one end, cutting a month at the other. */
    static final String SINCE = "from=" + cutting(LocalDate.now().minusDays(50));
    static final String UNTIL = "to=" + cutting(LocalDate.now().minusDays(30).plusDays(1)).minusDays(1);
    /** A few days, within a month or across the end of one. */
    static final String DAYS = "from=" + LocalDate.now().minusDays(40) + "&to=" + LocalDate.now().minusDays(37);

    static final List<String> QUESTIONS = List.of("", "groupBy=unit", "groupBy=year", "groupBy=unit,month",
            "groupBy=quarter", "groupBy=month&unit=D1", "groupBy=unit&unit=D1", "unit=D2",
            // Whole months and the days beside them: for the province, a district's subtree, each unit.
            EDGES, EDGES + "&groupBy=unit", EDGES + "&groupBy=month", EDGES + "&unit=D1", EDGES + "&groupBy=unit,month",
            DAYS, DAYS + "&groupBy=unit",
            // Cuts the aggregates keep: one channel, service or centre filter or split, flagged left out, strata.
            "channel=qr", "groupBy=channel", "groupBy=unit&channel=web", "groupBy=month,channel&unit=D1",
            "groupBy=service", "groupBy=unit,centre", "excludeFlagged=true&groupBy=unit,year",
            "groupBy=channel&channel=qr&excludeFlagged=true", "groupBy=year&weighting=poststratified",
            "groupBy=unit,year&weighting=poststratified&excludeFlagged=true",
            // A service or a centre with a channel.
            "service=S1&channel=qr", "groupBy=service,channel", "groupBy=unit&service=S2&channel=web",
            "groupBy=channel&centre=CA", "groupBy=centre&channel=qr&excludeFlagged=true",
            // Days that cut a month: by channel and stratum from day rows; a service's days from the responses.
            EDGES + "&channel=qr", EDGES + "&groupBy=unit,channel", EDGES + "&groupBy=month&excludeFlagged=true&unit=D1",
            EDGES + "&groupBy=unit&weighting=poststratified", DAYS + "&groupBy=channel", EDGES + "&service=S1",
            // More ends, by channel and by service, below the top unit; and what no aggregate keeps, a service with
            // a centre.
            WEEKS, WEEKS + "&groupBy=unit", WEEKS + "&groupBy=month&unit=D1", WEEKS + "&groupBy=unit,channel",
            WEEKS + "&channel=qr&excludeFlagged=true", WEEKS + "&service=S1", WEEKS + "&groupBy=service,channel",
            WITHIN, WITHIN + "&groupBy=unit,channel", SINCE + "&groupBy=unit", SINCE + "&service=S1",
            UNTIL + "&groupBy=month", UNTIL + "&channel=web&unit=D1", "service=S1&centre=CA",
            "groupBy=service,centre&excludeFlagged=true");

    /** The day, or the next if it is a 1st: a day that cuts its month. */
    private static LocalDate cutting(LocalDate day) {
        return day.getDayOfMonth() == 1 ? day.plusDays(1) : day;
    }

    @Test
    void the_rollups_answer_as_the_responses_do_after_a_rebuild_and_after_a_unit_moves() {
        try (var app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
             var dsl = app.dsl()) {
            var admin = ApiClient.signIn(app, "admin", "test-admin-password");
            var province = unit(admin, "P", "province", null);
            var d1 = unit(admin, "D1", "district", province);
            unit(admin, "C1", "commune", d1);
            unit(admin, "C2", "commune", d1);
            var d2 = unit(admin, "D2", "district", province);
            unit(admin, "DEP", "department", province);
            admin.post("/api/v1/users", Map.of("username", "d1", "password", "manager-password", "role",
                    "agency_manager", "unitId", d1));
            var manager = ApiClient.signIn(app, "d1", "manager-password");

            // Services in two fields (the strata), a centre for two of the agencies.
            admin.post("/api/v1/service-fields", Map.of("code", "HT", "nameVi", "Hộ tịch"));
            admin.post("/api/v1/service-fields", Map.of("code", "DD", "nameVi", "Đất đai"));
            for (var service : List.of("S1:HT", "S2:DD", "S3:HT")) {
                admin.post("/api/v1/services", Map.of("code", service.split(":")[0], "nameVi", "Thủ tục " + service,
                        "fieldCode", service.split(":")[1]));
            }
            admin.post("/api/v1/centres", Map.of("code", "CA", "unitId", d1, "nameVi", "Một cửa D1"));
            admin.post("/api/v1/centres", Map.of("code", "CB", "unitId", id(dsl, "DEP"), "nameVi", "Một cửa DEP"));

            var citizen = ApiClient.anonymous(app);
            var random = new SplittableRandom(7);
            var agencies = new String[] {"D1", "C1", "C2", "D2", "DEP"};
            var services = new String[] {null, "S1", "S2", "S3"};
            for (int i = 0; i < 250; i++) {
                var answers = new LinkedHashMap<String, Object>();
                boolean straight = i % 9 == 0; // flagged
                for (var code : RollupsTest.CODES) {
                    answers.put(code, straight ? Integer.valueOf(4)
                            : !code.equals("HL") && random.nextInt(8) == 0 ? null : Integer.valueOf(1 + random.nextInt(5)));
                }
                var agency = agencies[random.nextInt(agencies.length)];
                var body = new LinkedHashMap<String, Object>(Map.of("submissionId", UUID.randomUUID().toString(),
                        "questionnaire", "SIPAS", "version", 1, "agency", agency, "channel", i % 3 == 0 ? "qr" : "web",
                        "answers", answers, "submittedAt", OffsetDateTime.now().minusDays(random.nextInt(85)).toString()));
                var service = services[random.nextInt(services.length)];
                if (service != null) {
                    body.put("service", service);
                }
                if (agency.equals("D1") || agency.equals("DEP")) {
                    body.put("centre", agency.equals("D1") ? "CA" : "CB");
                }
                assertThat(citizen.post("/api/v1/responses", body).status()).isEqualTo(201);
            }
            var population = new java.util.ArrayList<Map<String, Object>>();
            for (int year = LocalDate.now().getYear() - 1; year <= LocalDate.now().getYear(); year++) {
                population.add(Map.of("unit", "P", "year", year, "stratum", "HT", "total", 900));
                population.add(Map.of("unit", "P", "year", year, "stratum", "DD", "total", 300));
            }
            assertThat(admin.put("/api/v1/population", population).status()).isEqualTo(200);
            assertThat(TestApp.one(dsl, "select count(*) from response where cardinality(quality_flags) > 0",
                    Long.class)).isPositive();
            sameAnswers(admin, QUESTIONS);
            sameAnswers(manager, List.of("", "groupBy=unit", "groupBy=unit,month", "groupBy=year&unit=C1",
                    "groupBy=channel", "service=S1", EDGES, EDGES + "&groupBy=unit", "service=S1&channel=web"));

            TestApp.foldRollups(dsl);
            sameAnswers(admin, QUESTIONS);
            var kept = SummedRollups.of(dsl);
            // The declared set: seven aggregates, each row keeping what its aggregate does, at its grains.
            assertThat(TestApp.one(dsl, "select string_agg(distinct aggregate::text, ',') from rollup", String.class))
                    .isEqualTo("1,2,3,4,5,6,7");
            assertThat(TestApp.one(dsl, "select string_agg(distinct aggregate::text, ',') from rollup where grain = 1",
                    String.class)).as("day rows").isEqualTo("1,2,7");
            assertThat(TestApp.one(dsl, "select string_agg(distinct u.code, ',') from rollup r join unit u on"
                    + " u.id = r.unit_id where aggregate = 7", String.class))
                    .as("a procedure's days: the province's only").isEqualTo("P");
            assertThat(TestApp.one(dsl, "select string_agg(distinct aggregate::text, ',') from rollup where grain = 2",
                    String.class)).as("month rows").isEqualTo("1,2,3,4,6");
            assertThat(TestApp.one(dsl, "select count(*) from rollup where aggregate = 1 and (value <> 0 or channel <> ''"
                    + " or stratum <> '' or flagged)", Long.class)).as("the units aggregate cuts nothing").isZero();
            assertThat(TestApp.one(dsl, "select count(*) from rollup where aggregate = 2 and (value <> 0 or channel = ''"
                    + " or flagged)", Long.class)).as("the channels aggregate: a channel, flagged ratings in").isZero();
            assertThat(TestApp.one(dsl, "select count(*) from rollup where aggregate = 3 and flagged", Long.class))
                    .as("flagged ratings apart by stratum").isPositive();
            assertThat(TestApp.one(dsl, "select count(distinct value) from rollup where aggregate = 4", Long.class))
                    .as("services S1, S2, S3 and none").isEqualTo(4L);
            assertThat(TestApp.one(dsl, "select count(distinct unit_id) from rollup where aggregate = 1", Long.class))
                    .as("every unit's subtree: P, D1, C1, C2, D2, DEP").isEqualTo(6L);
            assertThat(TestApp.one(dsl, "select sum(responses) from rollup r join unit u on u.id = r.unit_id"
                    + " where aggregate = 1 and grain = 3 and u.parent_id is null", Long.class))
                    .as("the province's years hold every rating").isEqualTo(250L);
            assertThat(TestApp.one(dsl, "select count(*) from rollup where period <> case grain when 1 then period"
                    + " when 2 then date_trunc('month', period)::date else date_trunc('year', period)::date end",
                    Long.class)).as("a period starts on its first day").isZero();
            rebuild(dsl);
            assertThat(SummedRollups.of(dsl)).as("rows rebuilt from the responses").isEqualTo(kept);
            sameAnswers(admin, QUESTIONS);

            // C2 moves from D1 to D2: its ratings now count under D2, in the summary as in the daily rows.
            long beforeD1 = n(admin.get("/api/v1/indices?unit=D1").body());
            long c2 = n(admin.get("/api/v1/indices?unit=C2").body());
            assertThat(c2).isPositive();
            assertThat(admin.patch("/api/v1/units/" + id(dsl, "C2"), Map.of("parentId", d2)).status()).isEqualTo(200);
            assertThat(n(admin.get("/api/v1/indices?unit=D1").body())).isEqualTo(beforeD1 - c2);
            sameAnswers(admin, QUESTIONS);
            sameAnswers(manager, List.of("", "groupBy=unit", "groupBy=unit,month", "groupBy=channel", EDGES));
            var moved = SummedRollups.of(dsl);
            rebuild(dsl);
            assertThat(SummedRollups.of(dsl)).as("the move's rows are those a rebuild gives").isEqualTo(moved);
            // To the top of the tree, a province of its own.
            assertThat(admin.patch("/api/v1/units/" + id(dsl, "C2"), Map.of("parentId", 0)).status()).isEqualTo(200);
            var top = SummedRollups.of(dsl);
            rebuild(dsl);
            assertThat(SummedRollups.of(dsl)).as("moved to the top").isEqualTo(top);
            sameAnswers(admin, List.of("", "groupBy=unit", EDGES + "&groupBy=unit,channel", "groupBy=service"));

            // And back again by a units file: the rows return to where they were.
            var file = "code,name_vi,name_en,kind,parent_code\nC2,Đơn vị C2,,commune,D1\n";
            assertThat(admin.send("POST", "/api/v1/units/import", file, "text/csv").status()).isEqualTo(200);
            assertThat(SummedRollups.of(dsl)).as("moved back").isEqualTo(kept);
        }
    }

    private static void rebuild(DSLContext dsl) {
        dsl.transaction(trx -> RollupStore.rebuild(trx.dsl(), new Forms(trx.dsl()), LocalDate.now().minusDays(100),
                LocalDate.now().plusDays(2), read -> { }));
    }

    private static long unit(ApiClient admin, String code, String kind, Long parent) {
        var body = new LinkedHashMap<String, Object>(Map.of("code", code, "nameVi", "Đơn vị " + code, "kind", kind));
        if (parent != null) {
            body.put("parentId", parent);
        }
        return admin.post("/api/v1/units", body).body().get("id").asLong();
    }

    private static long id(DSLContext dsl, String code) {
        return TestApp.one(dsl, "select id from unit where code = {0}", Long.class, code);
    }

    private static long n(JsonNode answer) {
        return answer.get("groups").get(0).get("n").asLong();
    }

    /** Each question answered from the rollups and from the responses: the same groups and figures. */
    private static void sameAnswers(ApiClient caller, List<String> questions) {
        for (var question : questions) {
            var summary = caller.get("/api/v1/indices?" + question).body().get("groups");
            var daily = caller.get("/api/v1/indices?" + question + (question.isEmpty() ? "" : "&") + RESPONSES).body()
                    .get("groups");
            assertThat(summary.size()).as(question).isPositive().isEqualTo(daily.size());
            for (int g = 0; g < summary.size(); g++) {
                var a = summary.get(g);
                var b = daily.get(g);
                assertThat(a.get("group")).as(question).isEqualTo(b.get("group"));
                assertThat(a.get("n")).as(question).isEqualTo(b.get("n"));
                if (a.has("index")) {
                    assertThat(a.get("index").get("value").asDouble()).as(question)
                            .isCloseTo(b.get("index").get("value").asDouble(), within(1e-9));
                    assertThat(a.get("index").get("se").asDouble()).as(question)
                            .isCloseTo(b.get("index").get("se").asDouble(), within(1e-9));
                }
            }
        }
    }
}
