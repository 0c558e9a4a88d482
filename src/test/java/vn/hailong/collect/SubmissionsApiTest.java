package vn.hailong.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hailong.TestApp.one;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jooq.CloseableDSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;

class SubmissionsApiTest {
    static String databaseUrl;
    static TestApp app;
    static CloseableDSLContext dsl;
    static ApiClient admin;
    static ApiClient citizen;
    static String kioskToken;

    @BeforeAll
    static void start() {
        databaseUrl = vn.hailong.TestDatabase.fresh();
        app = TestApp.start(TestApp.settings(databaseUrl).withRateLimits(0, 0));
        dsl = app.dsl();
        admin = ApiClient.signIn(app, "admin", "test-admin-password");
        var unit = admin.post("/api/v1/units", Map.of("code", "AG01", "nameVi", "Sở Tư pháp", "kind", "department"));
        admin.post("/api/v1/units", Map.of("code", "OLD", "nameVi", "Đơn vị cũ", "kind", "department"));
        admin.patch("/api/v1/units/" + one(dsl, "select id from unit where code = 'OLD'", Long.class), Map.of("active", false));
        admin.post("/api/v1/service-fields", Map.of("code", "HT", "nameVi", "Hộ tịch"));
        admin.post("/api/v1/services", Map.of("code", "1.001193", "nameVi", "Đăng ký khai sinh", "fieldCode", "HT"));
        var centre = admin.post("/api/v1/centres", Map.of("code", "C1", "unitId", unit.body().get("id").asLong(),
                "nameVi", "Bộ phận Một cửa"));
        var device = admin.post("/api/v1/devices", Map.of("centreId", centre.body().get("id").asLong(), "name", "Kiosk"));
        kioskToken = ApiClient.anonymous(app).post("/api/v1/kiosk/enrolment",
                Map.of("code", device.body().get("enrolmentCode").asText())).body().get("token").asText();
        citizen = ApiClient.anonymous(app);
    }

    @AfterAll
    static void stop() {
        dsl.close();
        app.close();
    }

    /** A complete SIPAS rating with N/A for the feedback criteria. */
    static Map<String, Object> sipas(UUID id) {
        var answers = new LinkedHashMap<String, Object>();
        int level = 2;
        for (var code : new String[] {"TC1", "TC2", "TC3", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3", "KQ1", "KQ2", "KQ3"}) {
            answers.put(code, level++ % 5 + 1);
        }
        answers.put("PA1", null);
        answers.put("PA2", null);
        answers.put("PA3", null);
        answers.put("HL", 4);
        var body = new LinkedHashMap<String, Object>();
        body.put("submissionId", id.toString());
        body.put("questionnaire", "SIPAS");
        body.put("version", 1);
        body.put("agency", "AG01");
        body.put("service", "1.001193");
        body.put("centre", "C1");
        body.put("channel", "qr");
        body.put("answers", answers);
        body.put("comment", "Cán bộ hướng dẫn tận tình.");
        return body;
    }

    /** A rating of a dossier, named by its code, as staff enter it from an interview. */
    static Map<String, Object> interview(UUID id, String dossierCode) {
        var body = sipas(id);
        body.put("channel", "interview");
        body.put("dossierCode", dossierCode);
        return body;
    }

    @Test
    void a_rating_is_stored_once_and_a_retry_gets_the_same_answer() {
        var id = UUID.randomUUID();
        var first = citizen.post("/api/v1/responses", sipas(id));
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        var retry = citizen.post("/api/v1/responses", sipas(id));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(one(dsl, "select count(*) from response where submission_id = {0}::uuid", Long.class, id.toString()))
                .isEqualTo(1L);
        assertThat(one(dsl, "select array_to_string(answers, ',', 'NA') from response where submission_id = {0}::uuid",
                String.class, id.toString())).startsWith("3,4,5,1,2,3,4,5,1,2,3,4,5,NA,NA,NA,4");
        assertThat(one(dsl, "select stratum from response where submission_id = {0}::uuid", String.class, id.toString()))
                .isEqualTo("HT");
    }

    @Test
    void the_response_and_its_rollup_commit_together() {
        long before = one(dsl, TestApp.ROLLED_UP, Long.class);
        var answer = citizen.post("/api/v1/responses", sipas(UUID.randomUUID()));
        assertThat(answer.status()).isEqualTo(201);
        assertThat(one(dsl, TestApp.ROLLED_UP, Long.class)).isEqualTo(before + 1);
        // Pending until folded into the rollup rows, a moment later.
        TestApp.foldRollups(dsl);
        assertThat(one(dsl, "select count(*) from rollup_pending", Long.class)).isZero();
        assertThat(one(dsl, TestApp.ROLLED_UP, Long.class)).isEqualTo(before + 1);
        // The service's month row, by stratum (the services aggregate, 4).
        var row = one(dsl, "select packed from rollup where aggregate = 4 and grain = 2 and stratum = 'HT'"
                + " and value > 0", byte[].class);
        var statistics = vn.hailong.rollup.PackedStatistics.unpack(row);
        assertThat(statistics.counts()).hasSize(237);
        assertThat(statistics.sums()).hasSize(652);
        // Packed: a few ratings' row takes a few hundred bytes, where its two arrays took 7 KB.
        assertThat(one(dsl, "select max(pg_column_size(packed)) from rollup", Integer.class)).isLessThan(1_500);
    }

    @Test
    void the_same_id_with_other_content_or_a_dossier_rated_twice_gets_409() {
        var id = UUID.randomUUID();
        citizen.post("/api/v1/responses", sipas(id));
        var other = sipas(id);
        other.put("comment", "Khác");
        var clash = citizen.post("/api/v1/responses", other);
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.message()).contains("already used for a different rating");

        // A dossier named by its code: entered by staff, as an interview (a citizen rates through an invitation).
        var dossier = interview(UUID.randomUUID(), "H99.AG01-260101-0001");
        assertThat(admin.post("/api/v1/responses", dossier).status()).isEqualTo(201);
        var again = interview(UUID.randomUUID(), "H99.AG01-260101-0001");
        var twice = admin.post("/api/v1/responses", again);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.message()).contains("already been rated");
    }

    @Test
    void ratings_arriving_together_are_each_stored_once_whatever_they_share() throws Exception {
        var replayed = UUID.randomUUID(); // sent four times at once, the same rating each time
        var reused = UUID.randomUUID(); // sent twice at once with different ratings
        var dossier = "H99.AG01-260101-0777"; // rated by four submissions at once
        var bodies = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 4; i++) {
            bodies.add(sipas(replayed));
        }
        var other = sipas(reused);
        other.put("comment", "Khác");
        bodies.add(sipas(reused));
        bodies.add(other);
        for (int i = 0; i < 4; i++) {
            bodies.add(interview(UUID.randomUUID(), dossier));
        }
        for (int i = 0; i < 20; i++) {
            bodies.add(sipas(UUID.randomUUID()));
        }
        long responses = one(dsl, "select count(*) from response", Long.class);
        long rolledUp = one(dsl, TestApp.ROLLED_UP, Long.class);

        // Two servers on one database, as behind a load balancer: every other rating goes to the second, so copies
        // of one rating meet in one server's batch and in the two servers' writers at once.
        var statuses = new ArrayList<Integer>();
        var replayIds = new HashSet<Long>();
        var second = TestApp.start(TestApp.settings(databaseUrl).withRateLimits(0, 0));
        try {
            var servers = List.of(citizen, ApiClient.anonymous(second));
            var staff = List.of(admin, ApiClient.signIn(second, "admin", "test-admin-password"));
            var start = new CountDownLatch(1);
            var pool = Executors.newFixedThreadPool(bodies.size());
            var answers = new ArrayList<Future<ApiClient.Answer>>();
            for (int i = 0; i < bodies.size(); i++) {
                var body = bodies.get(i);
                var server = (body.containsKey("dossierCode") ? staff : servers).get(i % 2);
                answers.add(pool.submit(() -> {
                    start.await();
                    return server.post("/api/v1/responses", body);
                }));
            }
            start.countDown();
            for (int i = 0; i < answers.size(); i++) {
                var answer = answers.get(i).get(30, TimeUnit.SECONDS);
                statuses.add(answer.status());
                if (i < 4) {
                    replayIds.add(answer.body().get("id").asLong());
                }
            }
            pool.shutdown();
        } finally {
            second.close();
        }

        assertThat(statuses.subList(0, 4)).as("the same rating four times").containsOnly(200, 201)
                .containsOnlyOnce(201);
        assertThat(replayIds).as("every retry is told the one stored rating").hasSize(1);
        assertThat(statuses.subList(4, 6)).as("one id, two ratings").containsExactlyInAnyOrder(201, 409);
        assertThat(statuses.subList(6, 10)).as("one dossier, four ratings").containsExactlyInAnyOrder(201, 409, 409, 409);
        assertThat(statuses.subList(10, 30)).as("the others").containsOnly(201);
        assertThat(one(dsl, "select count(*) from response", Long.class)).isEqualTo(responses + 23);
        assertThat(one(dsl, "select count(*) from response where submission_id = '" + replayed + "'", Long.class))
                .isOne();
        assertThat(one(dsl, TestApp.ROLLED_UP, Long.class))
                .as("each stored rating is in the rollups once").isEqualTo(rolledUp + 23);
    }

    /**
     * The checks of a batch (retry, reused id, invitation, dossier) look each rating up by index: what they read
     * does not grow with the number of responses stored. (V5's version read every response of every year.)
     */
    @Test
    void checking_a_batch_reads_a_few_index_pages_not_the_stored_responses() throws Exception {
        dsl.execute("insert into unit (code, name_vi, kind) values ('BULK', 'Đơn vị thử tải', 'department')");
        dsl.execute("""
                insert into response (agency_id, submitted_at, questionnaire_version_id, channel, submission_id,
                                      content_hash, dossier_code, answers, received_at)
                select u.id, timestamptz '2021-01-01 08:00+07' + n * interval '10 minutes', v.id, 'web', gen_random_uuid(),
                       'bulk', 'H99.BULK-' || n, array[4, 4, 5, 4, 3, 4, 4, 5, 4, 4, 5, 4, 4, 3, 4, 4, 4]::smallint[], now()
                  from generate_series(1, 40000) as n, unit u, questionnaire_version v
                 where u.code = 'BULK' and v.id = (select min(id) from questionnaire_version)""");
        long agency = one(dsl, "select id from unit where code = 'BULK'", Long.class);
        long pages = one(dsl, "select sum(pg_relation_size(oid)) / 8192 from pg_class where relname like 'response_y%' and relkind = 'r'",
                Long.class);
        var batch = "[" + String.join(",",
                rating(UUID.randomUUID(), agency, null),
                rating(UUID.randomUUID(), agency, "H99.BULK-777"),
                rating(UUID.randomUUID(), agency, "H99.BULK-NEW")) + "]";
        assertThat(TestApp.column(dsl, "select outcome from classify_ratings('" + batch + "'::jsonb) order by ordinal",
                String.class)).containsExactly("new", "dossier_rated", "new");
        var plan = one(dsl, "explain (analyze, buffers, format json) select * from classify_ratings('" + batch
                + "'::jsonb)", String.class);
        var top = new com.fasterxml.jackson.databind.ObjectMapper().readTree(plan).get(0).get("Plan");
        long blocks = top.get("Shared Hit Blocks").asLong() + top.get("Shared Read Blocks").asLong(); // the whole tree
        assertThat(pages).as("response heap pages").isGreaterThan(500);
        assertThat(blocks).as("blocks read to check three ratings").isPositive().isLessThan(300);
    }

    private static String rating(UUID id, long agency, String dossier) {
        return "{\"submission_id\": \"" + id + "\", \"content_hash\": \"x\", \"agency_id\": " + agency
                + (dossier == null ? "" : ", \"dossier_code\": \"" + dossier + "\"") + "}";
    }

    @Test
    void a_value_of_the_wrong_type_is_named_with_what_it_must_be() {
        var badId = sipas(UUID.randomUUID());
        badId.put("submissionId", "not-a-uuid");
        var answer = citizen.post("/api/v1/responses", badId);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("field").asText()).isEqualTo("submissionId");
        assertThat(answer.message()).contains("must be a UUID").doesNotContain("java.").doesNotContain("`");
        var badVersion = sipas(UUID.randomUUID());
        badVersion.put("version", "one");
        answer = citizen.post("/api/v1/responses", badVersion);
        assertThat(answer.body().get("field").asText()).isEqualTo("version");
        assertThat(answer.message()).contains("must be a whole number");
    }

    @Test
    void every_field_at_fault_is_named_in_one_422() {
        var body = sipas(UUID.randomUUID());
        body.put("agency", "NOPE");
        @SuppressWarnings("unchecked")
        var answers = (Map<String, Object>) body.get("answers");
        answers.put("TC1", 7);
        answers.put("XX9", 3);
        answers.remove("TT2");
        answers.put("HL", null);
        body.put("comment", "x".repeat(2001));
        var answer = citizen.post("/api/v1/responses", body);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "agency", "answers.TC1", "answers.XX9", "answers.TT2", "answers.HL", "comment");
        assertThat(answer.body().toString()).contains("must be a level from 1 to 5, not 7");

        var inactive = sipas(UUID.randomUUID());
        inactive.put("agency", "OLD");
        assertThat(citizen.post("/api/v1/responses", inactive).body().get("field").asText()).isEqualTo("agency");
        var noVersion = sipas(UUID.randomUUID());
        noVersion.put("version", 9);
        assertThat(citizen.post("/api/v1/responses", noVersion).body().get("field").asText()).isEqualTo("version");
        var noId = sipas(UUID.randomUUID());
        noId.remove("submissionId");
        assertThat(citizen.post("/api/v1/responses", noId).body().get("field").asText()).isEqualTo("submissionId");
        var badId = sipas(UUID.randomUUID());
        badId.put("submissionId", "not-a-uuid");
        var badIdAnswer = citizen.post("/api/v1/responses", badId);
        assertThat(badIdAnswer.status()).isEqualTo(400);
        assertThat(badIdAnswer.body().get("field").asText()).isEqualTo("submissionId");
        var future = sipas(UUID.randomUUID());
        future.put("submittedAt", "2099-01-01T00:00:00Z");
        assertThat(citizen.post("/api/v1/responses", future).body().get("field").asText()).isEqualTo("submittedAt");
        var kioskClaim = sipas(UUID.randomUUID());
        kioskClaim.put("channel", "kiosk");
        assertThat(citizen.post("/api/v1/responses", kioskClaim).body().get("field").asText()).isEqualTo("channel");
        assertThat(one(dsl, "select count(*) from response where agency_id is null", Long.class)).isZero();
    }

    @Test
    void a_draft_questionnaire_cannot_be_answered() {
        var created = admin.post("/api/v1/questionnaires", Map.of("code", "DRAFTY", "nameVi", "Nháp", "preset", "KIOSK"));
        assertThat(created.status()).isEqualTo(201);
        var body = new HashMap<String, Object>(Map.of("submissionId", UUID.randomUUID().toString(), "questionnaire", "DRAFTY",
                "version", 1, "agency", "AG01", "channel", "web", "answers", Map.of("HL", 5)));
        var answer = citizen.post("/api/v1/responses", body);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.message()).contains("is not published");
    }

    @Test
    void wrong_media_type_and_oversized_bodies_are_refused() {
        assertThat(citizen.send("POST", "/api/v1/responses", "answers=1", "text/plain").status()).isEqualTo(415);
        assertThat(citizen.send("POST", "/api/v1/responses", "{\"comment\":\"" + "x".repeat(2_100_000) + "\"}",
                "application/json").status()).isEqualTo(413);
        assertThat(citizen.send("POST", "/api/v1/responses", "[1,2", "application/json").status()).isEqualTo(400);
    }

    @Test
    void a_kiosk_submits_for_its_centre_and_bursts_and_straight_lines_are_flagged_not_dropped() {
        var kiosk = ApiClient.withKey(app, kioskToken);
        var now = java.time.OffsetDateTime.now();
        for (int i = 0; i < 5; i++) {
            var body = sipas(UUID.randomUUID());
            body.put("channel", "kiosk");
            body.remove("centre");
            body.put("submittedAt", now.minusSeconds(50 - i * 10).toString());
            assertThat(kiosk.post("/api/v1/responses", body).status()).isEqualTo(201);
        }
        assertThat(one(dsl, "select count(*) from response r join service_centre c on c.id = r.centre_id"
                + " where r.channel = 'kiosk' and c.code = 'C1' and r.device_id is not null", Long.class)).isEqualTo(5L);
        assertThat(one(dsl, "select count(*) from response where channel = 'kiosk' and 'burst' = any(quality_flags)",
                Long.class)).isEqualTo(1L);

        var same = sipas(UUID.randomUUID());
        @SuppressWarnings("unchecked")
        var answers = (Map<String, Object>) same.get("answers");
        answers.replaceAll((k, v) -> 5);
        var flagged = citizen.post("/api/v1/responses", same);
        assertThat(flagged.status()).isEqualTo(201);
        assertThat(flagged.body().get("flags").toString()).isEqualTo("[\"straightline\"]");
        TestApp.foldRollups(dsl);
        assertThat(one(dsl, "select count(*) from rollup where flagged", Long.class)).isPositive();
    }

    @Test
    void nothing_about_the_client_is_stored() {
        var id = UUID.randomUUID();
        citizen.header("User-Agent", "Mozilla/5.0 (Secret Phone)").post("/api/v1/responses", sipas(id));
        var row = one(dsl, "select r::text from response r where submission_id = {0}::uuid", String.class, id.toString());
        assertThat(row).doesNotContain("127.0.0.1", "Secret Phone", "localhost");
        assertThat(one(dsl, "select count(*) from information_schema.columns where table_name = 'response'"
                + " and column_name ~ '(ip|address|agent)'", Long.class)).isZero();
    }

    @Test
    void too_many_ratings_from_one_address_get_429_with_retry_after() {
        try (var limited = TestApp.start(TestApp.settings(vn.hailong.TestDatabase.fresh()).withRateLimits(3, 3))) {
            var client = ApiClient.anonymous(limited);
            for (int i = 0; i < 3; i++) {
                assertThat(client.post("/api/v1/responses", "{}").status()).isEqualTo(422);
            }
            var refused = client.post("/api/v1/responses", "{}");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.raw().headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                    assertThat(Integer.parseInt(v)).isBetween(1, 60));
        }
    }
}
