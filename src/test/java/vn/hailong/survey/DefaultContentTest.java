package vn.hailong.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static vn.hailong.TestApp.column;
import static vn.hailong.TestApp.one;

import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.db.Database;

class DefaultContentTest {
    static final List<String> SEEDED_TABLES = List.of(
            "unit_kind", "channel", "scale", "scale_level", "questionnaire", "questionnaire_version", "element",
            "criterion");
    static String url;
    static Database database;

    @BeforeAll
    static void seedOnce() {
        url = TestDatabase.fresh();
        database = Database.open(Optional.of(url), Path.of("target/unused"));
        new DefaultContent(DSL.using(database.dataSource(), SQLDialect.POSTGRES)).seed();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void seeding_again_changes_nothing() {
        var before = snapshot();
        new DefaultContent(DSL.using(database.dataSource(), SQLDialect.POSTGRES)).seed();
        new DefaultContent(DSL.using(database.dataSource(), SQLDialect.POSTGRES)).seed();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void the_sipas_questionnaire_has_the_methodology_codes_in_five_elements_plus_the_overall_question() {
        try (var dsl = TestApp.dsl(url)) {
            var ratings = dsl.fetch("select e.code as element, c.indicator_code as code from criterion c"
                    + " join element e on e.id = c.element_id join questionnaire_version v on v.id = c.version_id"
                    + " join questionnaire q on q.id = v.questionnaire_id"
                    + " where q.code = 'SIPAS' and c.kind = 'rating' order by c.position");
            assertThat(ratings.getValues("code", String.class)).containsExactly(
                    "TC1", "TC2", "TC3", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3",
                    "KQ1", "KQ2", "KQ3", "PA1", "PA2", "PA3");
            assertThat(ratings.getValues("element", String.class)).containsExactly(
                    "TC", "TC", "TC", "TT", "TT", "TT", "TT", "CC", "CC", "CC", "KQ", "KQ", "KQ", "PA", "PA", "PA");
            assertThat(column(dsl, "select c.indicator_code || ':' || c.scale_code || ':' || (c.element_id is null)"
                    + " from criterion c join questionnaire_version v on v.id = c.version_id"
                    + " join questionnaire q on q.id = v.questionnaire_id where q.code = 'SIPAS' and c.kind = 'overall'", String.class))
                    .containsExactly("HL:SAT5:true");
            assertThat(one(dsl, "select status || ' ' || version from questionnaire_version v"
                    + " join questionnaire q on q.id = v.questionnaire_id where q.code = 'SIPAS'", String.class))
                    .isEqualTo("published 1");
            assertThat(column(dsl, "select label_vi from scale_level where scale_code = 'SAT5' order by score", String.class))
                    .containsExactly("Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng");
        }
    }

    @Test
    void the_dossier_rating_and_the_kiosk_card_are_published_with_both_languages() {
        try (var dsl = TestApp.dsl(url)) {
            assertThat(column(dsl, "select q.code || ':' || q.methodology || ':' || string_agg(c.indicator_code"
                    + " || '/' || c.scale_code, ',' order by c.position) from questionnaire q"
                    + " join questionnaire_version v on v.questionnaire_id = q.id and v.status = 'published'"
                    + " join criterion c on c.version_id = v.id where q.code <> 'SIPAS' group by q.code, q.methodology"
                    + " order by q.code", String.class))
                    .containsExactly("DOSSIER3:DOSSIER3:DG/DOSSIER3,LD/REASON5", "KIOSK:SIPAS:HL/SAT5,PB/PROBLEM6");
            // The reason is required exactly when the rating is "Không hài lòng" (level 1).
            assertThat(one(dsl, "select required_if_code || array_to_string(required_if_levels, ',')"
                    + " from criterion where indicator_code = 'LD'", String.class)).isEqualTo("DG1");
            assertThat(one(dsl, "select count(*) from criterion where text_vi = '' or text_en = ''"
                    + " or text_vi = text_en", Long.class)).isZero();
        }
    }

    private static List<String> snapshot() {
        try (var dsl = TestApp.dsl(url)) {
            return SEEDED_TABLES.stream()
                    .map(table -> table + ": " + dsl.fetch("select * from " + table + " order by 1, 2").formatCSV())
                    .toList();
        }
    }
}
