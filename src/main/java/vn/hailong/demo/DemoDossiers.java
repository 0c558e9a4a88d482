package vn.hailong.demo;

import static vn.hailong.db.schema.Tables.DOSSIER_MONTH;

import java.time.LocalDate;
import java.util.SplittableRandom;

import org.jooq.DSLContext;

/**
 * The demo province's dossier facts, as its dossier system would have sent them: a row for every dossier its
 * DOSSIER3 ratings name, and monthly counts for every unit, with late dossiers and complaints, worse where the unit
 * is rated worse. The dossier system is imperfect in 2023, as real ones are: Sở Công Thương does not report the two
 * optional counts, Xã Phú Mỹ not the dossiers' count, and Xã Đồng Xuân sends dossier rows but no monthly counts.
 * A unit the reform made or ended has counts for the months it existed.
 */
final class DemoDossiers {
    static final String NO_OPTIONAL_COUNTS = "99.SCT";
    static final String NO_DOSSIER_COUNT = "99016";
    static final String DOSSIER_ROWS_ONLY = "99025";

    private DemoDossiers() {
    }

    static void insert(DSLContext tx, DemoProvince.Catalogue catalogue, long seed, int firstYear, int lastYear) {
        insertDossiers(tx);
        var random = new SplittableRandom(seed ^ 766L);
        var insert = tx.insertInto(DOSSIER_MONTH, DOSSIER_MONTH.UNIT_ID, DOSSIER_MONTH.MONTH,
                DOSSIER_MONTH.DOSSIERS_HANDLED, DOSSIER_MONTH.DOSSIERS_LATE, DOSSIER_MONTH.COMPLAINTS_RECEIVED,
                DOSSIER_MONTH.COMPLAINTS_ON_TIME, DOSSIER_MONTH.COMPLAINTS_UNSATISFIED_OR_LATE,
                DOSSIER_MONTH.DOSSIERS_UNSATISFIED_COMPLAINED_OR_LATE);
        for (var unit : DemoCatalogue.UNITS) {
            if (unit.yearlyResponses() == 0) {
                continue;
            }
            long unitId = catalogue.units().get(unit.code());
            for (int year = firstYear; year <= lastYear; year++) {
                boolean imperfect = year == firstYear;
                if (imperfect && unit.code().equals(DOSSIER_ROWS_ONLY)) {
                    continue;
                }
                for (int m = 1; m <= 12; m++) {
                    if (!unit.validOn(LocalDate.of(year, m, 1), catalogue.reform())) {
                        continue; // before a unit the reform made, or after one it ended
                    }
                    // 8 to 12 dossiers handled for every rating a year, spread over the months.
                    int handled = (int) Math.round(unit.yearlyResponses() * (8 + 4 * random.nextDouble()) / 12);
                    double lateShare = 0.005 + 0.06 * (1 - unit.quality()) * random.nextDouble();
                    int late = (int) Math.round(handled * lateShare);
                    int complaints = (int) Math.round(handled * 0.006 * (0.3 + (1 - unit.quality()) * random.nextDouble() * 2));
                    int notOnTime = complaints == 0 ? 0 : random.nextInt(1 + complaints / 4);
                    int complaintsFaulted = Math.min(complaints, notOnTime + (complaints == 0 ? 0 : random.nextInt(1 + complaints / 3)));
                    int unsatisfied = (int) Math.round(handled * 0.01 * (1 - unit.quality()) * random.nextDouble());
                    int dossiersFaulted = Math.min(handled, late + unsatisfied + complaints / 2);
                    boolean noOptional = imperfect && unit.code().equals(NO_OPTIONAL_COUNTS);
                    boolean noDossierCount = imperfect && unit.code().equals(NO_DOSSIER_COUNT);
                    insert = insert.values(unitId, LocalDate.of(year, m, 1), handled, late, complaints,
                            complaints - notOnTime, noOptional ? null : complaintsFaulted,
                            noOptional || noDossierCount ? null : dossiersFaulted);
                }
            }
        }
        insert.execute();
    }

    /**
     * A dossier row for each dossier a demo rating names: returned a few days before it was rated (not before its unit
     * began: a commune made by the reform returns nothing before it), about 5 in 100
     * late and 3 in 100 complained about, drawn from the dossier's code so that the same seed gives the same rows.
     */
    private static void insertDossiers(DSLContext tx) {
        tx.execute("""
                insert into dossier (agency_id, dossier_code, service_id, centre_id, received_on, due_on, returned_on,
                                     on_time, complained)
                select agency_id, dossier_code, service_id, centre_id, returned - span,
                       case when late then returned - 1 - h % 2 else returned - span + 12 end, returned, not late,
                       (h / 11) % 100 < 3
                  from (select r.agency_id, r.dossier_code, r.service_id, r.centre_id, h,
                               greatest((r.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date - h % 3, u.valid_from)
                                   as returned,
                               2 + h % 10 as span, (h / 7) % 100 < 5 as late
                          from (select *, (abs(hashtext(dossier_code)::bigint) % 1000000000)::int as h from response
                                 where dossier_code is not null) r
                          join unit u on u.id = r.agency_id) d
                on conflict do nothing""");
    }
}
