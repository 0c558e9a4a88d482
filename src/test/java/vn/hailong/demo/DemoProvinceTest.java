package vn.hailong.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static vn.hailong.TestApp.column;
import static vn.hailong.TestApp.one;

import vn.hailong.TestApp;
import vn.hailong.TestDatabase;
import vn.hailong.db.Database;
import vn.hailong.survey.DefaultContent;

class DemoProvinceTest {
    static final int LAST_YEAR = 2025;
    static String first;
    static int created;

    @BeforeAll
    static void fillOneDatabase() {
        first = TestDatabase.fresh();
        created = fill(first, DemoProvince.DEFAULT_SEED);
    }

    @Test
    void the_same_seed_gives_the_same_data_and_another_seed_other_data() {
        var second = TestDatabase.fresh();
        assertThat(fill(second, DemoProvince.DEFAULT_SEED)).isEqualTo(created);
        assertThat(digest(second)).isEqualTo(digest(first));

        var third = TestDatabase.fresh();
        fill(third, 7L);
        assertThat(digest(third).get(0)).isEqualTo(digest(first).get(0)); // the same catalogue
        assertThat(digest(third).get(2)).isNotEqualTo(digest(first).get(2)); // other responses
    }

    @Test
    void a_database_that_holds_units_is_left_alone() {
        try (var db = Database.open(Optional.of(first), Path.of("target/unused"))) {
            assertThat(new DemoProvince(DSL.using(db.dataSource(), SQLDialect.POSTGRES))
                    .fillIfEmpty(DemoProvince.DEFAULT_SEED, LAST_YEAR)).isZero();
        }
        try (var dsl = TestApp.dsl(first)) {
            assertThat(one(dsl, "select count(*) from response", Integer.class)).isEqualTo(created);
        }
    }

    @Test
    void the_province_looks_real_units_at_several_levels_services_in_six_fields_three_years() {
        assertThat(created).isBetween(45_000, 55_000);
        try (var dsl = TestApp.dsl(first)) {
            assertThat(one(dsl, "select count(*) from unit where valid_to is null", Integer.class)).isBetween(18, 25);
            assertThat(one(dsl, "with recursive t(id, depth) as (select id, 1 from unit where parent_id is null"
                    + " union all select u.id, t.depth + 1 from unit u join t on u.parent_id = t.id)"
                    + " select max(depth) from t", Integer.class)).isGreaterThanOrEqualTo(3);
            assertThat(one(dsl, "select count(*) from service", Integer.class)).isBetween(90, 110);
            assertThat(one(dsl, "select count(*) from service_field", Integer.class)).isEqualTo(6);
            assertThat(one(dsl, "select count(distinct agency_id) from response", Integer.class))
                    .isGreaterThanOrEqualTo(18);
            assertThat(column(dsl, "select distinct extract(year from submitted_at at time zone"
                    + " 'Asia/Ho_Chi_Minh')::int from response order by 1", Integer.class))
                    .containsExactly(LAST_YEAR - 2, LAST_YEAR - 1, LAST_YEAR);
            assertThat(one(dsl, "select count(*) from service_centre", Integer.class)).isGreaterThan(5);
            assertThat(one(dsl, "select count(*) from population_total", Integer.class)).isGreaterThan(50);
            assertThat(one(dsl, TestApp.ROLLED_UP, Integer.class))
                    .as("every demo response is in the rollups").isEqualTo(created);
            // Small communes exist too, below the publishing minimum of 30 responses a year.
            assertThat(one(dsl, "select min(n) from (select sum(responses) as n from response_tally"
                    + " group by agency_id, year) t", Integer.class)).isLessThan(30);
        }
    }

    @Test
    void answers_include_not_applicable_and_comments_are_in_vietnamese() {
        try (var dsl = TestApp.dsl(first)) {
            var sipas = " from response r join questionnaire_version v on v.id = r.questionnaire_version_id"
                    + " join questionnaire q on q.id = v.questionnaire_id where q.code = 'SIPAS'";
            long na = one(dsl, "select count(*)" + sipas + " and (r.answers[14] is null or r.answers[3] is null)", Long.class);
            assertThat(na).isGreaterThan(created / 20);
            assertThat(one(dsl, "select count(*)" + sipas + " and r.answers[17] is null", Long.class))
                    .as("the overall question is always answered").isZero();
            assertThat(one(dsl, "select count(*) from response where comment ~ '[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ]'", Long.class)).isGreaterThan(1000L);
        }
    }

    @Test
    void units_differ_satisfaction_rises_and_some_year_on_year_changes_are_significant() {
        try (var dsl = TestApp.dsl(first)) {
            // Share of "satisfied" (4–5) on the overall question per unit and year, from the raw rows, each rating
            // under the unit that carries its unit on today (the current view: a merged commune's under its successor).
            var rows = dsl.fetch("select coalesce((select s.code from unit_event e join unit s on s.id = e.successor_id"
                    + " where e.unit_id = u.id and e.kind = 'merge'), u.code) as code, extract(year from r.submitted_at at time zone 'Asia/Ho_Chi_Minh')::int"
                    + " as year, count(*) as n, avg((r.answers[17] >= 4)::int) as share from response r"
                    + " join unit u on u.id = r.agency_id join questionnaire_version v on v.id = r.questionnaire_version_id"
                    + " join questionnaire q on q.id = v.questionnaire_id where q.code = 'SIPAS'"
                    + " group by 1, 2 having count(*) >= 100 order by 1, 2");
            var lastYear = rows.stream().filter(r -> r.get("year", Integer.class) == LAST_YEAR)
                    .map(r -> r.get("share", Double.class)).toList();
            assertThat(lastYear.stream().mapToDouble(d -> d).max().orElseThrow()
                    - lastYear.stream().mapToDouble(d -> d).min().orElseThrow()).isGreaterThan(0.20);

            int up = 0;
            int down = 0;
            for (int i = 1; i < rows.size(); i++) {
                var a = rows.get(i - 1);
                var b = rows.get(i);
                if (!a.get("code").equals(b.get("code")) || b.get("year", Integer.class) != LAST_YEAR) {
                    continue;
                }
                double p1 = a.get("share", Double.class);
                double p2 = b.get("share", Double.class);
                double se = Math.sqrt(p1 * (1 - p1) / a.get("n", Long.class) + p2 * (1 - p2) / b.get("n", Long.class));
                double z = (p2 - p1) / se;
                up += z > 1.96 ? 1 : 0;
                down += z < -1.96 ? 1 : 0;
            }
            assertThat(up).as("significant rises").isGreaterThanOrEqualTo(2);
            assertThat(down).as("significant falls").isGreaterThanOrEqualTo(1);

            var province = column(dsl, "select avg((answers[17] >= 4)::int) from response r"
                    + " join questionnaire_version v on v.id = r.questionnaire_version_id join questionnaire q"
                    + " on q.id = v.questionnaire_id where q.code = 'SIPAS' group by extract(year from submitted_at"
                    + " at time zone 'Asia/Ho_Chi_Minh') order by 1", Double.class);
            assertThat(province).hasSize(3);
            assertThat(province.get(2)).as("a rising trend").isGreaterThan(province.get(0) + 0.02);
        }
    }

    @Test
    void every_rated_dossier_has_its_invitation_and_units_answer_20_to_60_percent_of_theirs() {
        try (var dsl = TestApp.dsl(first)) {
            var dossier = " from response r join questionnaire_version v on v.id = r.questionnaire_version_id"
                    + " join questionnaire q on q.id = v.questionnaire_id where q.code = 'DOSSIER3'";
            assertThat(one(dsl, "select count(*)" + dossier + " and not exists (select 1 from invitation i"
                    + " where i.agency_id = r.agency_id and i.dossier_code = r.dossier_code and i.used_at is not null)",
                    Long.class)).as("rated dossiers without a used invitation").isZero();
            assertThat(one(dsl, "select count(*) from invitation where used_at is not null", Long.class))
                    .isEqualTo(one(dsl, "select count(*)" + dossier, Long.class));
            assertThat(one(dsl, "select count(*) from invitation where centre_id is null or channel is null",
                    Long.class)).isZero();
            var shares = column(dsl, "select count(used_at)::float / count(*) from invitation group by agency_id",
                    Double.class);
            assertThat(shares).hasSizeGreaterThanOrEqualTo(18).allSatisfy(share -> assertThat(share).isBetween(0.15, 0.65));
            assertThat(column(dsl, "select distinct channel from invitation order by 1", String.class))
                    .containsExactly("qr", "web");
        }
    }

    private static int fill(String url, long seed) {
        try (var db = Database.open(Optional.of(url), Path.of("target/unused"))) {
            var dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
            new DefaultContent(dsl).seed();
            return new DemoProvince(dsl).fillIfEmpty(seed, LAST_YEAR);
        }
    }

    @Test
    void the_last_quarters_negative_ratings_that_say_why_opened_cases_in_every_state() {
        try (var dsl = TestApp.dsl(first)) {
            long cases = one(dsl, "select count(*) from follow_up_case", Long.class);
            assertThat(cases).isBetween(10L, 400L);
            // Only the last quarter's ratings, and each case's rating qualifies by the rule of sql/V12.
            assertThat(one(dsl, "select count(*) from follow_up_case where submitted_at < make_timestamptz(?, 10, 1, 0, 0, 0,"
                    + " 'Asia/Ho_Chi_Minh')", Long.class, LAST_YEAR)).isZero();
            assertThat(one(dsl, """
                    select count(*) from follow_up_case c
                      join response r on r.agency_id = c.agency_id and r.id = c.response_id and r.submitted_at = c.submitted_at
                      join follow_up_rule f on f.version_id = r.questionnaire_version_id
                     where 2 * r.answers[f.overall_position] > f.levels""", Long.class)).isZero();
            assertThat(column(dsl, "select distinct status from follow_up_case order by 1", String.class))
                    .containsExactly("in_progress", "new", "rejected", "resolved");
            assertThat(one(dsl, "select count(*) from follow_up_case where closed_at is null and due_on < current_date",
                    Long.class)).isPositive();
            assertThat(one(dsl, "select count(*) from follow_up_case where closed_at is null and due_on >= current_date",
                    Long.class)).isEqualTo(5L);
            assertThat(one(dsl, "select count(*) from response", Integer.class)).isEqualTo(created);
        }
    }

    @Test
    void the_dossier_system_sent_monthly_counts_and_the_rated_dossiers_with_late_ones_and_complaints() {
        try (var dsl = TestApp.dsl(first)) {
            // Every unit with ratings, every month it existed in the three years (the reform on 1 July 2025 ends 13
            // rated communes and makes 5), less one commune's first year.
            assertThat(one(dsl, "select count(*) from dossier_month", Integer.class))
                    .isEqualTo(15 * 36 + 13 * 30 + 5 * 6 - 12);
            assertThat(one(dsl, "select count(*) from dossier_month d join unit u on u.id = d.unit_id"
                    + " where d.month < u.valid_from or d.month >= u.valid_to", Integer.class))
                    .as("counts of a month the unit did not exist").isZero();
            assertThat(one(dsl, "select count(*) from dossier d join unit u on u.id = d.agency_id"
                    + " where d.returned_on < u.valid_from or d.returned_on >= u.valid_to", Integer.class))
                    .as("dossiers returned while their unit did not exist").isZero();
            assertThat(one(dsl, "select sum(dossiers_late)::float / sum(dossiers_handled) from dossier_month",
                    Double.class)).isBetween(0.005, 0.05);
            assertThat(one(dsl, "select sum(complaints_received) from dossier_month", Integer.class)).isGreaterThan(500);
            assertThat(one(dsl, "select count(*) from dossier_month where complaints_unsatisfied_or_late is null",
                    Integer.class)).isEqualTo(12);
            assertThat(one(dsl, "select count(*) from dossier_month where dossiers_unsatisfied_complained_or_late is null",
                    Integer.class)).isEqualTo(24);
            assertThat(one(dsl, "select count(*) from dossier", Integer.class)).isEqualTo(
                    one(dsl, "select count(distinct (agency_id, dossier_code)) from response where dossier_code is not null",
                            Integer.class));
            assertThat(one(dsl, "select count(*) filter (where not on_time)::float / count(*) from dossier",
                    Double.class)).isBetween(0.02, 0.08);
            assertThat(one(dsl, "select count(*) filter (where complained) from dossier", Integer.class)).isPositive();
            assertThat(one(dsl, "select count(*) from dossier d join unit u on u.id = d.agency_id where u.code = '99025'"
                    + " and d.returned_on < '2024-01-01' and d.returned_on >= '2023-01-01'", Integer.class))
                    .as("the commune without monthly counts in 2023 has dossier rows for it").isGreaterThan(10);
        }
    }

    @Test
    void on_1_july_of_the_last_year_districts_are_dissolved_and_communes_merged_renamed_and_split() {
        var reform = java.time.LocalDate.of(LAST_YEAR, 7, 1);
        try (var dsl = TestApp.dsl(first)) {
            assertThat(column(dsl, "select kind || ' ' || count(*) from unit_event where source = 'demo' and effective = '"
                    + reform + "' group by kind order by kind", String.class))
                    .containsExactly("dissolve 3", "merge 12", "move 5", "rename 1", "split 2");
            assertThat(column(dsl, "select code from unit where kind = 'district'", String.class))
                    .as("districts, all ended").hasSize(3);
            assertThat(one(dsl, "select count(*) from unit where kind = 'district' and valid_to is null", Integer.class))
                    .isZero();
            // Today's communes hang under the province; the merged ones under their successors.
            assertThat(column(dsl, "select u.code from unit u join unit p on p.id = u.parent_id where p.code = '99'"
                    + " and u.kind = 'commune' and u.valid_to is null order by 1", String.class))
                    .containsExactly("99001", "99004", "99007", "99010", "99013", "99016", "99019", "99022", "99025",
                            "99028", "99031");
            assertThat(column(dsl, "select u.code from unit u join unit p on p.id = u.parent_id where p.code = '99001'"
                    + " order by 1", String.class)).containsExactly("99101", "99102", "99103");
            assertThat(one(dsl, "select name_vi || ' ← ' || f.code from unit u join unit_former_code f"
                    + " on f.unit_id = u.id where u.code = '99013'", String.class)).isEqualTo("Xã Hòa Bình ← 99113");
            assertThat(column(dsl, "select s.code || ' ' || e.share from unit_event e join unit s on s.id = e.successor_id"
                    + " where e.kind = 'split' order by 1", String.class))
                    .containsExactly("99016 0.600000", "99019 0.400000");
            // Old units rated before the day, new ones after; every unit rated only while it existed.
            assertThat(one(dsl, "select count(*) from response r join unit u on u.id = r.agency_id"
                    + " where (r.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date < coalesce(u.valid_from, '-infinity')"
                    + " or (r.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date >= coalesce(u.valid_to, 'infinity')",
                    Integer.class)).isZero();
            assertThat(one(dsl, "select count(*) from response r join unit u on u.id = r.agency_id"
                    + " where u.code = '99101'", Integer.class)).isGreaterThan(300);
            assertThat(one(dsl, "select count(*) from response r join unit u on u.id = r.agency_id"
                    + " where u.code = '99001'", Integer.class)).isBetween(250, 550);
            // Some ratings after the day were received at another commune's centre, the commune deciding.
            int across = one(dsl, "select count(*) from response r join service_centre c on c.id = r.centre_id"
                    + " join unit a on a.id = r.agency_id join unit cu on cu.id = c.unit_id where c.unit_id <> r.agency_id"
                    + " and a.kind = 'commune' and cu.kind = 'commune' and r.submitted_at >= ?::date", Integer.class, reform);
            assertThat(one(dsl, "select count(*) from response r join service_centre c on c.id = r.centre_id"
                    + " where c.unit_id <> r.agency_id and r.submitted_at < ?::date and r.agency_id in"
                    + " (select id from unit where valid_to is null and kind = 'commune')", Integer.class, reform))
                    .as("received elsewhere before the reform").isZero();
            assertThat(across).isBetween(50, 400);
            assertThat(one(dsl, "select count(*) from response r join service_centre c on c.id = r.centre_id"
                    + " join counter k on k.id = r.counter_id where k.centre_id <> r.centre_id", Integer.class)).isZero();
        }
    }

    /** Digests of the catalogue, the population totals and the responses, by codes rather than ids. */
    private static List<String> digest(String url) {
        try (var dsl = TestApp.dsl(url)) {
            return List.of(
                    one(dsl, "select md5(string_agg(concat_ws('|', u.code, u.name_vi, u.kind, p.code), ','"
                            + " order by u.code) || (select string_agg(concat_ws('|', s.code, s.name_vi, f.code), ','"
                            + " order by s.code) from service s join service_field f on f.id = s.field_id))"
                            + " from unit u left join unit p on p.id = u.parent_id", String.class),
                    one(dsl, "select md5(string_agg(concat_ws('|', u.code, t.year, t.stratum, t.total), ','"
                            + " order by u.code, t.year, t.stratum)) from population_total t"
                            + " join unit u on u.id = t.unit_id", String.class),
                    one(dsl, "select md5(string_agg(concat_ws('|', u.code, r.submitted_at, q.code, s.code,"
                            + " c.code, k.code, r.channel, r.submission_id, r.dossier_code, r.stratum, r.answers::text,"
                            + " r.profile::text, r.comment), ',' order by r.submission_id)) from response r"
                            + " join unit u on u.id = r.agency_id left join service s on s.id = r.service_id"
                            + " left join service_centre c on c.id = r.centre_id left join counter k on k.id = r.counter_id"
                            + " join questionnaire_version v on v.id = r.questionnaire_version_id"
                            + " join questionnaire q on q.id = v.questionnaire_id", String.class),
                    one(dsl, "select md5(string_agg(concat_ws('|', u.code, i.dossier_code, i.token, i.created_at,"
                            + " i.used_at, i.channel), ',' order by u.code, i.dossier_code)) from invitation i"
                            + " join unit u on u.id = i.agency_id", String.class),
                    one(dsl, "select md5((select string_agg(concat_ws('|', unit_id, month, dossiers_handled, dossiers_late,"
                            + " complaints_received, complaints_on_time, complaints_unsatisfied_or_late,"
                            + " dossiers_unsatisfied_complained_or_late), ',' order by unit_id, month) from dossier_month)"
                            + " || (select string_agg(concat_ws('|', agency_id, dossier_code, received_on, due_on,"
                            + " returned_on, on_time, complained), ',' order by agency_id, dossier_code) from dossier))",
                            String.class));
        }
    }
}
