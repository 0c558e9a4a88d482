package vn.hailong.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;

import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static vn.hailong.TestApp.column;
import static vn.hailong.TestApp.one;

import vn.hailong.Vietnam;
import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.survey.DefaultContent;

class MigrationTest {
    static String url;
    static Database database;

    @BeforeAll
    static void migrateAnEmptyDatabase() {
        url = TestDatabase.fresh();
        database = Database.open(Optional.of(url), Path.of("target/unused"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void an_empty_database_gets_every_table_of_the_schema() {
        try (var dsl = TestApp.dsl(url)) {
            var tables = column(dsl, "select table_name from information_schema.tables"
                    + " where table_schema = 'public' and table_name not like 'response_y%'", String.class);
            assertThat(tables).contains("unit_kind", "unit", "service_centre", "counter", "service_field", "service",
                    "unit_service", "scale", "scale_level", "questionnaire", "questionnaire_version", "element",
                    "criterion", "channel", "response", "response_tally", "population_total", "app_user",
                    "flyway_schema_history");
        }
    }

    @Test
    void migrating_again_applies_nothing_and_keeps_the_history() throws Exception {
        Database.migrate(database.dataSource());
        long files;
        try (var sql = java.nio.file.Files.list(Path.of("sql"))) {
            files = sql.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        files += 6; // vn.hailong.rollup.FillRollupCuts, PackPendingRollups, PackRollups, RecutRollups, RecutOwnYears
                    // and RecutWeeks
        try (var dsl = TestApp.dsl(url)) {
            assertThat(one(dsl, "select count(*) from flyway_schema_history where success", Long.class))
                    .isEqualTo(one(dsl, "select count(*) from flyway_schema_history", Long.class))
                    .isEqualTo(files);
        }
    }

    @Test
    void responses_are_partitioned_by_year_and_carry_their_agency_in_every_unique_key() {
        try (var dsl = TestApp.dsl(url)) {
            assertThat(one(dsl, "select partstrat from pg_partitioned_table"
                    + " where partrelid = 'response'::regclass", String.class)).isEqualTo("r");
            var year = vn.hailong.Vietnam.today().getYear();
            assertThat(column(dsl, "select relname from pg_class where relname like 'response_y%'", String.class))
                    .contains("response_y2015", "response_y" + year, "response_y" + (year + 1));
            // No unique constraint on a response-scale table may span agencies.
            var uniqueKeys = dsl.fetch("select conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as def"
                    + " from pg_constraint where contype in ('p', 'u')"
                    + " and conrelid in ('response'::regclass, 'response_tally'::regclass)");
            assertThat(uniqueKeys).isNotEmpty();
            uniqueKeys.forEach(r -> assertThat(r.get("def", String.class)).contains("agency_id"));
        }
    }

    @Test
    void a_published_questionnaire_version_cannot_change() {
        new DefaultContent(org.jooq.impl.DSL.using(database.dataSource(), org.jooq.SQLDialect.POSTGRES)).seed();
        try (var dsl = TestApp.dsl(url)) {
            assertThatThrownBy(() -> dsl.execute("update criterion set text_en = 'changed'"
                    + " where indicator_code = 'TC1'"))
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("is published and cannot change");
            assertThatThrownBy(() -> dsl.execute("delete from element where code = 'TC'"))
                    .hasMessageContaining("is published and cannot change");
            assertThatThrownBy(() -> dsl.execute("update questionnaire_version set title_en = 'x'"))
                    .hasMessageContaining("is published and cannot change");
            assertThatThrownBy(() -> dsl.execute("insert into criterion (version_id, indicator_code, kind, text_vi,"
                    + " text_en, scale_code, position) select id, 'NEW', 'overall', 'x', 'x', 'SAT5', 99"
                    + " from questionnaire_version limit 1"))
                    .hasMessageContaining("is published and cannot change");
        }
    }

    @Test
    void the_response_tally_counts_inserts_and_deletes_per_agency_and_year() {
        try (var dsl = TestApp.dsl(url)) {
            new DefaultContent(org.jooq.impl.DSL.using(database.dataSource(), org.jooq.SQLDialect.POSTGRES)).seed();
            dsl.execute("insert into unit (code, name_vi, kind) values ('T1', 'Đơn vị thử', 'province')");
            var insert = "insert into response (agency_id, submitted_at, questionnaire_version_id, channel, answers)"
                    + " select u.id, {0}::timestamptz, v.id, 'kiosk', '{5}' from unit u, questionnaire_version v"
                    + " where u.code = 'T1' and v.version = 1 limit 1";
            dsl.execute(insert, "2024-12-31T23:30:00+07:00");
            dsl.execute(insert, "2024-12-31T17:30:00Z"); // 00:30 on 1 January 2025 in Vietnam
            dsl.execute(insert, "2025-06-01T08:00:00+07:00");
            assertThat(dsl.fetch("select year, sum(responses)::bigint as responses from response_tally group by year order by year")
                    .intoMaps())
                    .containsExactly(
                            java.util.Map.of("year", (short) 2024, "responses", 1L),
                            java.util.Map.of("year", (short) 2025, "responses", 2L));
            dsl.execute("delete from response where submitted_at >= '2025-06-01'");
            assertThat(one(dsl, "select sum(responses) from response_tally where year = 2025", Long.class))
                    .isEqualTo(1L);
        }
    }

    /**
     * Since V12 a retry is recognised through response_submission: ratings stored before V12 are copied there, so
     * that a retry of one is still answered with it, and a new rating under its id still refused; a response
     * deleted takes its submission id with it.
     */
    @Test
    void ratings_stored_before_v12_are_still_recognised_by_their_submission_id() {
        var older = TestDatabase.fresh();
        var dataSource = migratedUpTo(older, "11");
        try (var dsl = TestApp.dsl(older)) {
            dsl.execute("""
                    insert into response (agency_id, submitted_at, questionnaire_version_id, channel, submission_id,
                                          content_hash, answers, quality_flags, received_at)
                    select u.id, '2025-06-01T08:00:00+07:00', v.id, 'kiosk', '6f1c1a52-54d4-4a7e-9d38-2b0f3c0a9e11',
                           'hash-1', '{5}', '{burst}', '2025-06-01T08:00:01+07:00'
                      from unit u, questionnaire_version v where u.code = 'T1' and v.version = 1 limit 1""");
            assertThat(one(dsl, "select to_regclass('response_submission') is null", Boolean.class)).isTrue();

            Database.migrate(dataSource);

            assertThat(dsl.fetch("select s.response_id = r.id and s.agency_id = r.agency_id"
                    + " and s.submitted_at = r.submitted_at and s.received_at = r.received_at"
                    + " and s.quality_flags = r.quality_flags as same, s.content_hash"
                    + " from response_submission s join response r on r.submission_id = s.submission_id").intoMaps())
                    .containsExactly(java.util.Map.of("same", true, "content_hash", "hash-1"));
            long agency = one(dsl, "select id from unit where code = 'T1'", Long.class);
            var retry = "{\"submission_id\": \"6f1c1a52-54d4-4a7e-9d38-2b0f3c0a9e11\", \"agency_id\": " + agency
                    + ", \"content_hash\": \"";
            assertThat(dsl.fetch("select outcome from classify_submissions({0}::jsonb) order by ordinal",
                    "[" + retry + "hash-1\"}, " + retry + "hash-2\"}]").getValues(0, String.class))
                    .containsExactly("replayed", "reused_id");

            dsl.execute("delete from response where submission_id = '6f1c1a52-54d4-4a7e-9d38-2b0f3c0a9e11'");
            assertThat(one(dsl, "select count(*) from response_submission", Long.class))
                    .as("a deleted response's submission id goes with it").isZero();
        }
    }

    /**
     * V13 to V15 keep pending rollup rows packed: a row pending when the database is upgraded is packed by V14, with
     * the same numbers, and still folded.
     */
    @Test
    void rollup_rows_pending_before_v13_are_packed_with_the_same_numbers() {
        var older = TestDatabase.fresh();
        var dataSource = migratedUpTo(older, "12");
        try (var dsl = TestApp.dsl(older)) {
            var statistics = twoSipasRatings(2.5);
            dsl.execute("""
                    insert into rollup_pending (agency_id, day, questionnaire_version_id, channel, responses, counts, sums)
                    select u.id, '2025-06-01', v.id, 'kiosk', 2, {0}, {1}
                      from unit u, questionnaire_version v where u.code = 'T1' and v.version = 1 limit 1""",
                    countsOf(statistics), sumsOf(statistics));

            Database.migrate(dataSource);

            assertThat(column(dsl, "select column_name from information_schema.columns"
                    + " where table_name = 'rollup_pending'", String.class)).contains("packed")
                    .doesNotContain("counts", "sums");
            assertSameNumbers(one(dsl, "select packed from rollup_pending", byte[].class), statistics, "pending");
            assertThat(vn.hailong.rollup.RollupFolder.foldAll(dsl)).isOne();
            assertThat(one(dsl, "select responses from rollup_daily", Long.class)).isEqualTo(2L);
            assertSameNumbers(one(dsl, "select packed from rollup_daily", byte[].class), statistics, "folded");
        }
    }

    /**
     * V16 to V18 keep every rollup row packed. A database from before V11 (daily and summary rows, no cut rows) keeps
     * its rows' numbers, packed by migration 17; migration 23 fills its day and week rows and cut rows from them.
     */
    @Test
    void rollups_kept_before_v16_are_packed_with_the_same_numbers_and_cut() {
        var older = TestDatabase.fresh();
        var dataSource = migratedUpTo(older, "10");
        try (var dsl = TestApp.dsl(older)) {
            var statistics = twoSipasRatings(1);
            var counts = countsOf(statistics);
            var sums = sumsOf(statistics);
            dsl.execute("""
                    insert into rollup_daily (agency_id, day, questionnaire_version_id, channel, stratum, responses,
                                              counts, sums)
                    select u.id, '2025-06-14', v.id, 'kiosk', 'HT', 2, {0}, {1}
                      from unit u, questionnaire_version v where u.code = 'T1' and v.version = 1 limit 1""", counts, sums);
            dsl.execute("""
                    insert into rollup_summary (unit_id, own, months, period, questionnaire_version_id, responses,
                                                counts, sums)
                    select u.id, true, 1, '2025-06-01', v.id, 2, {0}, {1}
                      from unit u, questionnaire_version v where u.code = 'T1' and v.version = 1 limit 1""", counts, sums);

            Database.migrate(dataSource);

            for (var table : java.util.List.of("rollup_daily", "rollup_summary", "rollup_cut")) {
                assertThat(column(dsl, "select column_name from information_schema.columns where table_name = '"
                        + table + "'", String.class)).as(table).contains("packed").doesNotContain("counts", "sums");
            }
            for (var sql : java.util.List.of("select packed from rollup_daily",
                    "select packed from rollup_summary where months = 1",
                    "select packed from rollup_cut where own and months = 1 and cut = '' and stratum = 'HT'",
                    "select packed from rollup_cut where not own and months = 12 and cut = 'channel' and value = 'kiosk'",
                    "select packed from rollup_cut where own and months = 12 and cut = 'channel' and value = 'kiosk'",
                    // Since V19 (by migration 23): the day rows, and service and centre rows per channel.
                    "select packed from rollup_summary where months = 0 and own and period = '2025-06-14'",
                    "select packed from rollup_summary where months = 0 and not own and period = '2025-06-14'",
                    "select packed from rollup_cut where not own and months = 1 and cut = 'service' and value = '0'"
                            + " and channel = 'kiosk'",
                    // Since migration 23: the top unit's service days, and the week rows (14 June 2025 a Saturday).
                    "select packed from rollup_cut where not own and months = 0 and period = '2025-06-14'"
                            + " and cut = 'service' and value = '0' and channel = 'kiosk'",
                    "select packed from rollup_cut where not own and months = 7 and period = '2025-06-09'"
                            + " and cut = 'service' and value = '0' and channel = 'kiosk'",
                    "select packed from rollup_cut where own and months = 7 and period = '2025-06-09'"
                            + " and cut = 'channel' and value = 'kiosk'",
                    "select packed from rollup_summary where months = 7 and own and period = '2025-06-09'",
                    "select packed from rollup_summary where months = 7 and not own and period = '2025-06-09'")) {
                assertSameNumbers(one(dsl, sql, byte[].class), statistics, sql);
            }
            assertThat(one(dsl, "select count(*) from rollup_cut", Long.class))
                    .as("the subtree's: each way of cutting, a month and a year, and the day and the week by"
                            + " channel and by service; the agency's own: the month and the year but by service, and"
                            + " the day and the week by channel").isEqualTo(20L);
        }
    }

    /**
     * A fresh database at {@code url} migrated up to {@code target} only, with the default content and a province
     * T1: what a database upgraded from that version holds. Returns its data source, to migrate it on.
     */
    static org.postgresql.ds.PGSimpleDataSource migratedUpTo(String url, String target) {
        var jdbc = DatabaseUrl.parse(url);
        var dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setURL(jdbc.jdbcUrl());
        dataSource.setUser(jdbc.user().orElse("postgres"));
        org.flywaydb.core.Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .target(target).load().migrate();
        new DefaultContent(org.jooq.impl.DSL.using(dataSource, org.jooq.SQLDialect.POSTGRES)).seed();
        try (var dsl = TestApp.dsl(url)) {
            dsl.execute("insert into unit (code, name_vi, kind) values ('T1', 'Đơn vị thử', 'province')");
        }
        return dataSource;
    }

    /** The statistics of two SIPAS ratings, the second of weight {@code weight} with some answers not applicable. */
    static vn.hailong.stats.StratumStatistics twoSipasRatings(double weight) {
        var instrument = vn.hailong.stats.Instrument.sipas();
        int size = instrument.criteria().size();
        return vn.hailong.stats.SufficientStatistics.builder(instrument)
                .add(new vn.hailong.stats.Response("", java.util.stream.IntStream.range(0, size).map(c -> 1 + c % 5)
                        .toArray()))
                .add(new vn.hailong.stats.Response("", weight, java.util.stream.IntStream.range(0, size).map(c -> c % 6)
                        .toArray()))
                .build().strata().get("");
    }

    /** The counts of {@code statistics} as a bigint[] parameter, as rollups kept them before V13 and V16. */
    static org.jooq.Param<Long[]> countsOf(vn.hailong.stats.StratumStatistics statistics) {
        return org.jooq.impl.DSL.val(java.util.Arrays.stream(statistics.counts()).boxed().toArray(Long[]::new));
    }

    /** The sums of {@code statistics} as a double precision[] parameter. */
    static org.jooq.Param<Double[]> sumsOf(vn.hailong.stats.StratumStatistics statistics) {
        return org.jooq.impl.DSL.val(java.util.Arrays.stream(statistics.sums()).boxed().toArray(Double[]::new));
    }

    /** The packed row holds exactly the numbers of {@code statistics}. */
    static void assertSameNumbers(byte[] packed, vn.hailong.stats.StratumStatistics statistics, String what) {
        var unpacked = vn.hailong.rollup.PackedStatistics.unpack(packed);
        assertThat(unpacked.counts()).as(what).containsExactly(statistics.counts());
        assertThat(unpacked.sums()).as(what).containsExactly(statistics.sums());
    }
}
