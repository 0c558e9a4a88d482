package vn.hailong.analytics;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.jooq.DSLContext;

import vn.hailong.Vietnam;
import vn.hailong.rollup.RollupStore;
import vn.hailong.survey.Forms;

/**
 * A small province whose response rates and coverage are computed by hand (docs/response-rates.md), planted in
 * SQL so that the test needs no other feature's endpoint. In the first quarter of 2025, Vietnam time:
 *
 * <pre>
 * unit                    invitations (used)              ratings                       dossiers handled
 * P  province             –                               –                             –
 * A  department under P   Jan 10 (4) S1 CA qr             Jan 30 S1 CA qr               monthly: Jan 200, Feb 100
 *                         Feb  5 (1) S2 CA web            Feb  3 S2 CA web              (no count for March)
 *                                                         Mar  2 S2 CA web
 * A1 office under A       Mar  6 (3) S1 CA qr             Mar  3 S1 CA qr               30 dossier rows, S1 CA, March
 * B  department under P   Jan 20 (12) S2 CB web           Jan 12 S2 CB web (DOSSIER3)   monthly: Jan 400, Feb 600, Mar 500
 *                                                         Feb  8 S2 CB kiosk (SIPAS)
 * </pre>
 *
 * Outside the quarter by minutes: an invitation of A at 2024-12-31 23:30, one at 2025-04-01 00:05 and a rating of
 * B at 2025-04-01 00:05; inside by minutes, A's first January invitation at 2025-01-01 00:10 and one of its March
 * ratings at 2025-03-31 23:50.
 */
public final class ResponseRatesCase {
    private ResponseRatesCase() {
    }

    public static void plant(DSLContext dsl) {
        dsl.execute("insert into service_field (code, name_vi, name_en) values ('F', 'Lĩnh vực F', 'Field F')");
        dsl.execute("insert into service (code, name_vi, name_en, field_id) select s.code, s.name_vi, s.name_en, f.id"
                + " from (values ('S1', 'Cấp giấy phép xây dựng', 'Building permit'),"
                + " ('S2', 'Đăng ký hộ kinh doanh', 'Household business registration')) s(code, name_vi, name_en),"
                + " service_field f where f.code = 'F'");
        unit(dsl, "P", "Tỉnh Thử Nghiệm", "Test Province", "province", null);
        unit(dsl, "A", "Sở Xây dựng Thử", "Test Department of Construction", "department", "P");
        unit(dsl, "A1", "Phòng Cấp phép Thử", "Test Permit Office", "office", "A");
        unit(dsl, "B", "Sở Công Thương Thử", "Test Department of Industry", "department", "P");
        dsl.execute("insert into service_centre (code, unit_id, name_vi, name_en) select 'CA', id,"
                + " 'Bộ phận Một cửa Sở Xây dựng', 'One-stop desk A' from unit where code = 'A'");
        dsl.execute("insert into service_centre (code, unit_id, name_vi, name_en) select 'CB', id,"
                + " 'Bộ phận Một cửa Sở Công Thương', 'One-stop desk B' from unit where code = 'B'");

        invite(dsl, "A", "S1", "CA", "qr", "2025-01-01T00:10", 1, 1);
        invite(dsl, "A", "S1", "CA", "qr", "2025-01-15T09:00", 9, 3);
        invite(dsl, "A", "S2", "CA", "web", "2025-02-10T09:00", 5, 1);
        invite(dsl, "A1", "S1", "CA", "qr", "2025-03-10T09:00", 6, 3);
        invite(dsl, "B", "S2", "CB", "web", "2025-01-20T09:00", 20, 12);
        invite(dsl, "A", "S1", "CA", "qr", "2024-12-31T23:30", 1, 1);
        invite(dsl, "A", "S1", "CA", "qr", "2025-04-01T00:05", 1, 0);

        rate(dsl, "A", "S1", "CA", "qr", "DOSSIER3", "2025-01-15T10:00", 30);
        rate(dsl, "A", "S2", "CA", "web", "DOSSIER3", "2025-02-10T10:00", 3);
        rate(dsl, "A", "S2", "CA", "web", "DOSSIER3", "2025-03-10T10:00", 1);
        rate(dsl, "A", "S2", "CA", "web", "DOSSIER3", "2025-03-31T23:50", 1);
        rate(dsl, "A1", "S1", "CA", "qr", "DOSSIER3", "2025-03-10T10:00", 3);
        rate(dsl, "B", "S2", "CB", "web", "DOSSIER3", "2025-01-20T10:00", 12);
        rate(dsl, "B", "S2", "CB", "kiosk", "SIPAS", "2025-02-20T10:00", 8);
        rate(dsl, "B", "S2", "CB", "web", "DOSSIER3", "2025-04-01T00:05", 1);

        month(dsl, "A", "2025-01-01", 200);
        month(dsl, "A", "2025-02-01", 100);
        month(dsl, "B", "2025-01-01", 400);
        month(dsl, "B", "2025-02-01", 600);
        month(dsl, "B", "2025-03-01", 500);
        dsl.execute("insert into dossier (agency_id, dossier_code, service_id, centre_id, received_on, returned_on)"
                + " select u.id, 'H-A1-' || i, s.id, c.id, date '2025-03-01', date '2025-03-01' + (i % 28)"
                + " from generate_series(1, 30) i, unit u, service s, service_centre c"
                + " where u.code = 'A1' and s.code = 'S1' and c.code = 'CA'");
        // Stored ratings have their rollups, as submissions and imports keep them: response rates count from them.
        RollupStore.rebuild(dsl, new Forms(dsl), LocalDate.of(2024, 1, 1), LocalDate.of(2026, 1, 1), read -> { });
    }

    static void unit(DSLContext dsl, String code, String nameVi, String nameEn, String kind, String parent) {
        dsl.execute("insert into unit (code, name_vi, name_en, kind, parent_id)"
                + " values ({0}, {1}, {2}, {3}, (select id from unit where code = {4}))", code, nameVi, nameEn, kind, parent);
    }

    /** n invitations made at a moment of Vietnam's clock, the first {@code used} of them used an hour later. */
    public static void invite(DSLContext dsl, String unit, String service, String centre, String channel,
                              String vietnamTime, int n, int used) {
        dsl.execute("insert into invitation (agency_id, service_id, dossier_code, token, created_at, used_at, centre_id,"
                + " channel) select u.id, s.id, 'D-' || gen_random_uuid(), gen_random_uuid()::text, {0}::timestamptz,"
                + " case when i <= {1} then {0}::timestamptz + interval '1 hour' end, c.id, {2}"
                + " from generate_series(1, {3}) i, unit u, service s, service_centre c"
                + " where u.code = {4} and s.code = {5} and c.code = {6}",
                at(vietnamTime), used, channel, n, unit, service, centre);
    }

    /** n ratings of a questionnaire received at a moment of Vietnam's clock. */
    public static void rate(DSLContext dsl, String unit, String service, String centre, String channel,
                            String questionnaire, String vietnamTime, int n) {
        dsl.execute("insert into response (agency_id, submitted_at, questionnaire_version_id, service_id, centre_id,"
                + " channel, answers) select u.id, {0}::timestamptz, v.id, s.id, c.id, {1},"
                + " (select array_fill(2::smallint, array[count(*)::integer]) from criterion where version_id = v.id)"
                + " from generate_series(1, {2}) i, unit u, service s, service_centre c, questionnaire_version v"
                + " join questionnaire q on q.id = v.questionnaire_id"
                + " where u.code = {3} and s.code = {4} and c.code = {5} and q.code = {6} and v.version = 1",
                at(vietnamTime), channel, n, unit, service, centre, questionnaire);
    }

    public static void month(DSLContext dsl, String unit, String month, int handled) {
        dsl.execute("insert into dossier_month (unit_id, month, dossiers_handled, dossiers_late, complaints_received,"
                + " complaints_on_time) select id, {0}::date, {1}, 0, 0, 0 from unit where code = {2}",
                month, handled, unit);
    }

    private static String at(String vietnamTime) {
        return LocalDateTime.parse(vietnamTime).atZone(Vietnam.ZONE).toOffsetDateTime().toString();
    }
}
