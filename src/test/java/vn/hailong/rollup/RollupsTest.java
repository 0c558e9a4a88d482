package vn.hailong.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.survey.Forms;

class RollupsTest {
    static final String[] CODES = {"TC1", "TC2", "TC3", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3", "KQ1", "KQ2",
            "KQ3", "PA1", "PA2", "PA3", "HL"};

    static List<String> summed(org.jooq.DSLContext dsl) {
        return SummedRollups.of(dsl);
    }

    @Test
    void rollups_rebuilt_from_the_responses_equal_the_rollups_kept_as_ratings_arrived() {
        try (var app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
             var dsl = app.dsl()) {
            var admin = ApiClient.signIn(app, "admin", "test-admin-password");
            admin.post("/api/v1/units", Map.of("code", "AG01", "nameVi", "Sở Tư pháp", "kind", "department"));
            var citizen = ApiClient.anonymous(app);
            var random = new SplittableRandom(42);
            for (int i = 0; i < 60; i++) {
                var body = rating(random, "AG01", i % 3 == 0 ? "qr" : "web", i % 4);
                assertThat(citizen.post("/api/v1/responses", body).status()).isEqualTo(201);
            }
            TestApp.foldRollups(dsl);
            var kept = summed(dsl);
            assertThat(kept).hasSizeGreaterThan(1);
            long read = dsl.transactionResult(trx -> RollupStore.rebuild(trx.dsl(), new Forms(trx.dsl()),
                    LocalDate.now().minusDays(10), LocalDate.now().plusDays(2), n -> { }));
            assertThat(read).isEqualTo(60);
            assertThat(summed(dsl)).isEqualTo(kept);
            // The same through the command an operator runs.
            assertThat(vn.hailong.RebuildRollupsCommand.run(java.util.List.of("--database-url", app.databaseUrl,
                    "--from", LocalDate.now().minusDays(10).toString()))).isZero();
            assertThat(vn.hailong.RebuildRollupsCommand.run(java.util.List.of("--database-url", app.databaseUrl,
                    "--from", "yesterday"))).isEqualTo(2);
            assertThat(summed(dsl)).isEqualTo(kept);
        }
    }

    /**
     * A rating counts in every analytics answer from the moment it commits: read from its pending row while the
     * folder cannot fold it (the rollups' lock, which a unit move takes, holds the folder, not the ratings), then from
     * the rollup rows, with the same answers.
     */
    @Test
    void ratings_count_while_pending_and_answer_the_same_once_folded() {
        try (var app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
             var dsl = app.dsl(); var holder = app.dsl()) {
            var admin = ApiClient.signIn(app, "admin", "test-admin-password");
            long province = admin.post("/api/v1/units", Map.of("code", "P", "nameVi", "Tỉnh", "kind", "province"))
                    .body().get("id").asLong();
            for (var code : List.of("AG01", "AG02")) {
                admin.post("/api/v1/units", Map.of("code", code, "nameVi", "Sở " + code, "kind", "department",
                        "parentId", province));
            }
            holder.fetch("select pg_advisory_lock({0})", vn.hailong.db.Locks.ROLLUPS);
            var citizen = ApiClient.anonymous(app);
            var random = new SplittableRandom(11);
            for (int i = 0; i < 40; i++) {
                var body = rating(random, i % 2 == 0 ? "AG01" : "AG02", i % 3 == 0 ? "qr" : "web", random.nextInt(70));
                assertThat(citizen.post("/api/v1/responses", body).status()).isEqualTo(201);
            }
            assertThat(TestApp.one(dsl, "select sum(responses) from rollup_pending", Long.class)).isEqualTo(40L);
            assertThat(TestApp.one(dsl, "select count(*) from rollup", Long.class)).isZero();
            // Whole years and months, a subtree, units' own responses, a channel, a split by channel, days that cut a
            // month.
            var questions = List.of("", "groupBy=unit,year", "groupBy=month&unit=P", "groupBy=unit&unit=P",
                    "groupBy=month&channel=qr", "groupBy=channel", "groupBy=unit&from=2000-01-02");
            var pending = new LinkedHashMap<String, com.fasterxml.jackson.databind.JsonNode>();
            for (var question : questions) {
                pending.put(question, admin.get("/api/v1/indices?" + question).body().get("groups"));
            }
            assertThat(pending.get("").get(0).get("n").asLong()).isEqualTo(40);
            assertThat(pending.get("groupBy=channel").get(0).get("n").asLong()
                    + pending.get("groupBy=channel").get(1).get("n").asLong()).isEqualTo(40);

            holder.fetch("select pg_advisory_unlock({0})", vn.hailong.db.Locks.ROLLUPS);
            TestApp.foldRollups(dsl);
            assertThat(TestApp.one(dsl, TestApp.ROLLED_UP, Long.class)).isEqualTo(40L);
            assertThat(TestApp.one(dsl, "select count(*) from rollup_pending", Long.class)).isZero();
            for (var question : questions) {
                assertThat(admin.get("/api/v1/indices?" + question).body().get("groups")).as(question)
                        .isEqualTo(pending.get(question));
            }
        }
    }

    /** A SIPAS rating with random levels, one criterion in eight not applicable, submitted {@code daysAgo}. */
    static Map<String, Object> rating(SplittableRandom random, String agency, String channel, int daysAgo) {
        var answers = new LinkedHashMap<String, Object>();
        for (var code : CODES) {
            answers.put(code, !code.equals("HL") && random.nextInt(8) == 0 ? null : 1 + random.nextInt(5));
        }
        return Map.of("submissionId", UUID.randomUUID().toString(), "questionnaire", "SIPAS", "version", 1,
                "agency", agency, "channel", channel, "answers", answers,
                "submittedAt", java.time.OffsetDateTime.now().minusDays(daysAgo).toString());
    }
}
