package vn.hailong.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
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

    static final String SAME_KEY = "(r2.agency_id, r2.day, r2.questionnaire_version_id, r2.service_id, r2.centre_id,"
            + " r2.channel, r2.stratum, r2.flagged) = (r.agency_id, r.day, r.questionnaire_version_id, r.service_id,"
            + " r.centre_id, r.channel, r.stratum, r.flagged)";

    /** The rollup as the analytics will read it: summed over shards, per key. */
    static final String SUMMED = "select agency_id, day, questionnaire_version_id, service_id, centre_id, channel, stratum,"
            + " flagged, sum(responses) as responses,"
            + " (select array_agg(s order by i) from (select i, sum(c) as s from rollup_daily r2, unnest(r2.counts)"
            + "   with ordinality as u(c, i) where " + SAME_KEY + " group by i) t)::text as counts,"
            + " (select array_agg(round(s::numeric, 6) order by i) from (select i, sum(v) as s from rollup_daily r2,"
            + "   unnest(r2.sums) with ordinality as u(v, i) where " + SAME_KEY + " group by i) t)::text as sums"
            + " from rollup_daily r group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 6, 8";

    @Test
    void rollups_rebuilt_from_the_responses_equal_the_rollups_kept_as_ratings_arrived() {
        try (var app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
             var dsl = app.dsl()) {
            var admin = ApiClient.signIn(app, "admin", "test-admin-password");
            admin.post("/api/v1/units", Map.of("code", "AG01", "nameVi", "Sở Tư pháp", "kind", "department"));
            var citizen = ApiClient.anonymous(app);
            var random = new SplittableRandom(42);
            for (int i = 0; i < 60; i++) {
                var answers = new LinkedHashMap<String, Object>();
                for (var code : CODES) {
                    answers.put(code, !code.equals("HL") && random.nextInt(8) == 0 ? null : 1 + random.nextInt(5));
                }
                var body = Map.of("submissionId", UUID.randomUUID().toString(), "questionnaire", "SIPAS", "version", 1,
                        "agency", "AG01", "channel", i % 3 == 0 ? "qr" : "web", "answers", answers,
                        "submittedAt", java.time.OffsetDateTime.now().minusDays(i % 4).toString());
                assertThat(citizen.post("/api/v1/responses", body).status()).isEqualTo(201);
            }
            var kept = dsl.fetch(SUMMED).formatCSV();
            int rows = new Rollups(new Forms(dsl)).rebuild(dsl, LocalDate.now().minusDays(10), LocalDate.now().plusDays(2));
            assertThat(rows).isPositive();
            assertThat(dsl.fetch(SUMMED).formatCSV()).isEqualTo(kept);
            // The same through the command an operator runs.
            assertThat(vn.hailong.RebuildRollupsCommand.run(java.util.List.of("--database-url", app.databaseUrl,
                    "--from", LocalDate.now().minusDays(10).toString()))).isZero();
            assertThat(vn.hailong.RebuildRollupsCommand.run(java.util.List.of("--database-url", app.databaseUrl,
                    "--from", "yesterday"))).isEqualTo(2);
            assertThat(TestApp.one(dsl, "select count(*) from rollup_daily where shard <> 0", Long.class)).isZero();
            assertThat(dsl.fetch(SUMMED).formatCSV()).isEqualTo(kept);
        }
    }
}
