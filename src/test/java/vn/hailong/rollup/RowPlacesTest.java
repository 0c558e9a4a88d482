package vn.hailong.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import vn.hailong.ApiClient;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.db.DatabaseUrl;
import vn.hailong.survey.Forms;

/** Rollup rows read back where a fold wrote them count only as the rows their keys would find. */
class RowPlacesTest {
    private static final String TABLE = """
            create temporary table placed (key text, shard smallint, responses bigint, packed bytea,
                                           primary key (key, shard))""";
    private static final String SET_SQL = """
            insert into placed as r (key, shard, responses, packed) values (?, ?, ?, ?)
            on conflict (key, shard) do update set responses = excluded.responses, packed = excluded.packed""";
    private static final String SELECT = "select ctid::text, key, shard, responses, packed from placed";

    @Test
    void rows_are_read_back_at_their_places_with_what_was_written() throws SQLException {
        try (var c = connection()) {
            var places = new RowPlaces<String>(100);
            write(c, places, (short) 1, rows(Map.of("a", 1L, "b", 2L, "c", 3L)));
            write(c, places, (short) 2, rows(Map.of("a", 10L)));

            var sought = rows(Map.of("a", 100L, "b", 100L, "d", 100L));
            var found = places.readInto(c, SELECT, (short) 1, sought, r -> r.getString(2));

            assertThat(found).containsExactlyInAnyOrder("a", "b");
            assertThat(RowPlaces.rest(sought, found)).containsExactly("d");
            assertThat(sought.get("a").responses).isEqualTo(101); // shard 1's row, not shard 2's
            assertThat(sought.get("a").counts).containsExactly(101, 0); // the packed counts were added too
            assertThat(sought.get("b").responses).isEqualTo(102);
            assertThat(sought.get("d").responses).isEqualTo(100);
        }
    }

    @Test
    void a_row_that_left_its_place_or_another_row_there_is_not_counted() throws SQLException {
        try (var c = connection()) {
            var places = new RowPlaces<String>(100);
            write(c, places, (short) 1, rows(Map.of("a", 1L, "b", 2L)));
            try (var s = c.createStatement()) {
                s.execute("update placed set responses = responses + 5 where key = 'a'"); // a new version elsewhere
            }
            var sought = rows(Map.of("a", 100L, "b", 100L));
            assertThat(places.readInto(c, SELECT, (short) 1, sought, r -> r.getString(2))).containsExactly("b");
            assertThat(sought.get("a").responses).isEqualTo(100);

            // b's place given to c, and a's to the row b of another shard: neither counts as what it is not.
            write(c, places, (short) 2, rows(Map.of("a", 7L)));
            places.put("c", (short) 1, ctid(c, "b", 1));
            places.put("a", (short) 1, ctid(c, "a", 2));
            sought = rows(Map.of("a", 100L, "c", 100L));
            assertThat(places.readInto(c, SELECT, (short) 1, sought, r -> r.getString(2))).isEmpty();
            assertThat(sought.get("a").responses).isEqualTo(100);
            assertThat(sought.get("c").responses).isEqualTo(100);
        }
    }

    @Test
    void places_of_a_rolled_back_write_are_misses() throws SQLException {
        try (var c = connection()) {
            var places = new RowPlaces<String>(100);
            c.setAutoCommit(false);
            write(c, places, (short) 1, rows(Map.of("a", 1L)));
            c.commit();
            write(c, places, (short) 1, rows(Map.of("a", 2L))); // a new place, then undone
            c.rollback();
            var sought = rows(Map.of("a", 100L));
            assertThat(places.readInto(c, SELECT, (short) 1, sought, r -> r.getString(2))).isEmpty();
            assertThat(sought.get("a").responses).isEqualTo(100);
        }
    }

    @Test
    void the_places_used_least_lately_are_forgotten_first() throws SQLException {
        try (var c = connection()) {
            var places = new RowPlaces<String>(2);
            write(c, places, (short) 1, rows(Map.of("a", 1L, "b", 2L)));
            places.readInto(c, SELECT, (short) 1, rows(Map.of("a", 0L)), r -> r.getString(2)); // a used lately
            write(c, places, (short) 1, rows(Map.of("c", 3L)));
            assertThat(places.size()).isEqualTo(2);
            assertThat(places.readInto(c, SELECT, (short) 1, rows(Map.of("a", 0L, "b", 0L, "c", 0L)),
                    r -> r.getString(2))).containsExactlyInAnyOrder("a", "c");
        }
    }

    /**
     * Ratings folded in rounds, each fold adding to the rows the last one wrote (read at their places), with a rebuild
     * between that rewrote every row elsewhere: the daily and cut rollups equal those rebuilt from the responses.
     */
    @Test
    void rollups_folded_at_their_places_equal_a_rebuild_even_after_one() {
        try (var app = TestApp.start(TestApp.settings(TestDatabase.fresh()).withRateLimits(0, 0));
             var dsl = app.dsl()) {
            var admin = ApiClient.signIn(app, "admin", "test-admin-password");
            long province = admin.post("/api/v1/units", Map.of("code", "P", "nameVi", "Tỉnh", "kind", "province"))
                    .body().get("id").asLong();
            for (var code : new String[] {"AG01", "AG02"}) {
                admin.post("/api/v1/units", Map.of("code", code, "nameVi", "Sở " + code, "kind", "department",
                        "parentId", province));
            }
            var citizen = ApiClient.anonymous(app);
            var random = new SplittableRandom(5);
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 15; i++) {
                    var body = RollupsTest.rating(random, i % 2 == 0 ? "AG01" : "AG02", i % 3 == 0 ? "qr" : "web",
                            random.nextInt(3));
                    assertThat(citizen.post("/api/v1/responses", body).status()).isEqualTo(201);
                }
                TestApp.foldRollups(dsl);
                if (round == 1) {
                    rebuild(dsl);
                }
            }
            assertThat(TestApp.one(dsl, "select count(*) from rollup_daily where shard <> 0", Long.class)).isPositive();
            var daily = RollupsTest.summed(dsl);
            var cuts = SummedRollups.of(dsl, "rollup_cut", SummedRollups.CUT_KEY);
            assertThat(TestApp.one(dsl, "select sum(responses) from rollup_daily", Long.class)).isEqualTo(60L);

            rebuild(dsl);
            assertThat(RollupsTest.summed(dsl)).isEqualTo(daily);
            assertThat(SummedRollups.of(dsl, "rollup_cut", SummedRollups.CUT_KEY)).isEqualTo(cuts);
        }
    }

    private static void rebuild(org.jooq.DSLContext dsl) {
        dsl.transaction(trx -> new Rollups(new Forms(trx.dsl())).rebuild(trx.dsl(), LocalDate.now().minusDays(10),
                LocalDate.now().plusDays(2)));
    }

    private static Connection connection() throws SQLException {
        var url = DatabaseUrl.parse(TestDatabase.fresh());
        var c = DriverManager.getConnection(url.jdbcUrl(), url.user().orElse("postgres"), url.password().orElse(""));
        try (var s = c.createStatement()) {
            s.execute(TABLE);
        }
        return c;
    }

    /** Rows of one response each times {@code n}: n responses, counts [n, 0], sums [n]. */
    private static Map<String, RollupSummary.Sum> rows(Map<String, Long> responses) {
        var rows = new LinkedHashMap<String, RollupSummary.Sum>();
        responses.forEach((key, n) -> {
            var sum = new RollupSummary.Sum();
            sum.add(n, new long[] {n, 0}, new double[] {n});
            rows.put(key, sum);
        });
        return rows;
    }

    private static void write(Connection c, RowPlaces<String> places, short shard, Map<String, RollupSummary.Sum> rows)
            throws SQLException {
        RollupSummary.upsert(c, SET_SQL, rows, shard, (statement, key) -> {
            statement.setString(1, key);
            return 2;
        }, places);
    }

    private static String ctid(Connection c, String key, int shard) throws SQLException {
        try (var s = c.prepareStatement("select ctid::text from placed where key = ? and shard = ?")) {
            s.setString(1, key);
            s.setInt(2, shard);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
