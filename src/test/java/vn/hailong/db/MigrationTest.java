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
                    "criterion", "channel", "response", "response_tally", "response_submission", "imported_response",
                    "invitation", "survey_link", "population_total", "app_user", "session", "api_key", "kiosk_device",
                    "audit_event", "dossier", "dossier_month", "dossier_handled_month", "flyway_schema_history");
        }
    }

    @Test
    void migrating_again_applies_nothing_and_keeps_the_history() throws Exception {
        Database.migrate(database.dataSource());
        long files;
        try (var sql = java.nio.file.Files.list(Path.of("sql"))) {
            files = sql.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
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
     * A rating stored by store_ratings keeps its submission id in response_submission: a retry of it is answered
     * with it and a new rating under its id refused, until its response is deleted, which takes its submission id
     * with it.
     */
    @Test
    void a_stored_rating_is_known_by_its_submission_id_until_its_response_is_deleted() {
        var other = TestDatabase.fresh(); // the tally test counts every response of its database
        try (var migrated = Database.open(Optional.of(other), Path.of("target/unused"));
             var dsl = TestApp.dsl(other)) {
            new DefaultContent(org.jooq.impl.DSL.using(migrated.dataSource(), org.jooq.SQLDialect.POSTGRES)).seed();
            dsl.execute("insert into unit (code, name_vi, kind) values ('T1', 'Đơn vị thử', 'province')");
            long agency = one(dsl, "select id from unit where code = 'T1'", Long.class);
            long version = one(dsl, "select id from questionnaire_version where version = 1 limit 1", Long.class);
            var id = "6f1c1a52-54d4-4a7e-9d38-2b0f3c0a9e11";
            var rating = "{\"submission_id\": \"" + id + "\", \"agency_id\": " + agency
                    + ", \"submitted_at\": \"2025-06-01T08:00:00+07:00\", \"questionnaire_version_id\": " + version
                    + ", \"channel\": \"kiosk\", \"answers\": [5], \"content_hash\": \"";
            assertThat(dsl.fetch("select outcome from store_ratings(array[{0}]::varchar[], {1}::jsonb, now(), null, null, null, null, null, null, null, null, null, null)",
                    "submission:" + id, "[" + rating + "hash-1\"}]").getValues(0, String.class))
                    .containsExactly("created");
            var classify = "select outcome from classify_ratings({0}::jsonb) order by ordinal";
            assertThat(dsl.fetch(classify, "[" + rating + "hash-1\"}, " + rating + "hash-2\"}]")
                    .getValues(0, String.class))
                    .containsExactly("replayed", "reused_id");

            dsl.execute("delete from response where submission_id = {0}::uuid", id);
            assertThat(one(dsl, "select count(*) from response_submission", Long.class))
                    .as("a deleted response's submission id goes with it").isZero();
            assertThat(dsl.fetch(classify, "[" + rating + "hash-2\"}]").getValues(0, String.class))
                    .containsExactly("new");
        }
    }
}
