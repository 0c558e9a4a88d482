package vn.hailong.dossiers;

import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.row;
import static vn.hailong.db.schema.Tables.DOSSIER;
import static vn.hailong.db.schema.Tables.DOSSIER_MONTH;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;

import vn.hailong.Vietnam;

/**
 * The dossier system's facts as stored: one row per dossier, one per unit × month of counts. Sending a row again
 * replaces it when something differs and leaves it (and its updated_at) alone when nothing does, so a resend is a
 * no-op.
 */
public final class DossierFacts {
    private DossierFacts() {
    }

    /** One dossier of an agency, its codes resolved. */
    public record Dossier(long agencyId, String dossierCode, Long serviceId, Long centreId, LocalDate receivedOn,
                          LocalDate dueOn, LocalDate returnedOn, Boolean onTime, boolean complained) {
    }

    /** A unit's counts for one month (its first day); the two optional counts are null when not reported. */
    record Month(long unitId, LocalDate month, int dossiersHandled, int dossiersLate, int complaintsReceived,
                 int complaintsOnTime, Integer complaintsUnsatisfiedOrLate, Integer dossiersUnsatisfiedComplainedOrLate) {
    }

    /** A field at fault and why. */
    public record Fault(String field, String message) {
    }

    /** The last day a dossier may have been received or returned: tomorrow, for clocks a little ahead. */
    static LocalDate lastPastDay() {
        return Vietnam.today().plusDays(1);
    }

    /** What is inconsistent among a dossier's dates and flags (each date already read and in range, or null). */
    public static List<Fault> inconsistencies(LocalDate receivedOn, LocalDate dueOn, LocalDate returnedOn,
                                              Boolean onTime) {
        var faults = new ArrayList<Fault>();
        if (receivedOn != null && dueOn != null && dueOn.isBefore(receivedOn)) {
            faults.add(new Fault("dueOn", "is before receivedOn (" + receivedOn + ")"));
        }
        if (receivedOn != null && returnedOn != null && returnedOn.isBefore(receivedOn)) {
            faults.add(new Fault("returnedOn", "is before receivedOn (" + receivedOn + ")"));
        }
        if (onTime != null && returnedOn == null) {
            faults.add(new Fault("onTime", "is given for a dossier not returned yet; send returnedOn with it"));
        }
        return faults;
    }

    /** What is inconsistent among a month's counts (each read and in range, or null). */
    static List<Fault> inconsistencies(Integer handled, Integer late, Integer complaints, Integer complaintsOnTime,
                                       Integer complaintsUnsatisfiedOrLate, Integer dossiersFaulted) {
        var faults = new ArrayList<Fault>();
        if (handled != null && late != null && late > handled) {
            faults.add(new Fault("dossiersLate", "is more than dossiersHandled (" + handled + ")"));
        }
        if (complaints != null && complaintsOnTime != null && complaintsOnTime > complaints) {
            faults.add(new Fault("complaintsOnTime", "is more than complaintsReceived (" + complaints + ")"));
        }
        // Complaints not handled on time may still be within their time, so they bound nothing here.
        if (complaints != null && complaintsUnsatisfiedOrLate != null && complaintsUnsatisfiedOrLate > complaints) {
            faults.add(new Fault("complaintsUnsatisfiedOrLate", "is more than complaintsReceived (" + complaints + ")"));
        }
        if (handled != null && dossiersFaulted != null) {
            if (dossiersFaulted > handled) {
                faults.add(new Fault("dossiersUnsatisfiedComplainedOrLate",
                        "is more than dossiersHandled (" + handled + ")"));
            } else if (late != null && late <= handled && dossiersFaulted < late) {
                faults.add(new Fault("dossiersUnsatisfiedComplainedOrLate",
                        "is less than dossiersLate (" + late + "), which it includes"));
            }
        }
        return faults;
    }

    /** Stores the dossiers (each key once); returns how many rows were added or changed. */
    public static int store(DSLContext tx, List<Dossier> dossiers) {
        if (dossiers.isEmpty()) {
            return 0;
        }
        var now = OffsetDateTime.now();
        var insert = tx.insertInto(DOSSIER, DOSSIER.AGENCY_ID, DOSSIER.DOSSIER_CODE, DOSSIER.SERVICE_ID,
                DOSSIER.CENTRE_ID, DOSSIER.RECEIVED_ON, DOSSIER.DUE_ON, DOSSIER.RETURNED_ON, DOSSIER.ON_TIME,
                DOSSIER.COMPLAINED, DOSSIER.UPDATED_AT);
        for (var d : dossiers) {
            insert = insert.values(d.agencyId(), d.dossierCode(), d.serviceId(), d.centreId(), d.receivedOn(),
                    d.dueOn(), d.returnedOn(), d.onTime(), d.complained(), now);
        }
        return insert.onConflict(DOSSIER.AGENCY_ID, DOSSIER.DOSSIER_CODE)
                .doUpdate()
                .set(DOSSIER.SERVICE_ID, excluded(DOSSIER.SERVICE_ID))
                .set(DOSSIER.CENTRE_ID, excluded(DOSSIER.CENTRE_ID))
                .set(DOSSIER.RECEIVED_ON, excluded(DOSSIER.RECEIVED_ON))
                .set(DOSSIER.DUE_ON, excluded(DOSSIER.DUE_ON))
                .set(DOSSIER.RETURNED_ON, excluded(DOSSIER.RETURNED_ON))
                .set(DOSSIER.ON_TIME, excluded(DOSSIER.ON_TIME))
                .set(DOSSIER.COMPLAINED, excluded(DOSSIER.COMPLAINED))
                .set(DOSSIER.UPDATED_AT, excluded(DOSSIER.UPDATED_AT))
                .where(row(DOSSIER.SERVICE_ID, DOSSIER.CENTRE_ID, DOSSIER.RECEIVED_ON, DOSSIER.DUE_ON,
                        DOSSIER.RETURNED_ON, DOSSIER.ON_TIME, DOSSIER.COMPLAINED)
                        .isDistinctFrom(row(excluded(DOSSIER.SERVICE_ID), excluded(DOSSIER.CENTRE_ID),
                                excluded(DOSSIER.RECEIVED_ON), excluded(DOSSIER.DUE_ON), excluded(DOSSIER.RETURNED_ON),
                                excluded(DOSSIER.ON_TIME), excluded(DOSSIER.COMPLAINED))))
                .execute();
    }

    /** Stores the months (each key once); returns how many rows were added or changed. */
    static int storeMonths(DSLContext tx, List<Month> months) {
        if (months.isEmpty()) {
            return 0;
        }
        var now = OffsetDateTime.now();
        var insert = tx.insertInto(DOSSIER_MONTH, DOSSIER_MONTH.UNIT_ID, DOSSIER_MONTH.MONTH,
                DOSSIER_MONTH.DOSSIERS_HANDLED, DOSSIER_MONTH.DOSSIERS_LATE, DOSSIER_MONTH.COMPLAINTS_RECEIVED,
                DOSSIER_MONTH.COMPLAINTS_ON_TIME, DOSSIER_MONTH.COMPLAINTS_UNSATISFIED_OR_LATE,
                DOSSIER_MONTH.DOSSIERS_UNSATISFIED_COMPLAINED_OR_LATE, DOSSIER_MONTH.UPDATED_AT);
        for (var m : months) {
            insert = insert.values(m.unitId(), m.month(), m.dossiersHandled(), m.dossiersLate(),
                    m.complaintsReceived(), m.complaintsOnTime(), m.complaintsUnsatisfiedOrLate(),
                    m.dossiersUnsatisfiedComplainedOrLate(), now);
        }
        return insert.onConflict(DOSSIER_MONTH.UNIT_ID, DOSSIER_MONTH.MONTH)
                .doUpdate()
                .set(DOSSIER_MONTH.DOSSIERS_HANDLED, excluded(DOSSIER_MONTH.DOSSIERS_HANDLED))
                .set(DOSSIER_MONTH.DOSSIERS_LATE, excluded(DOSSIER_MONTH.DOSSIERS_LATE))
                .set(DOSSIER_MONTH.COMPLAINTS_RECEIVED, excluded(DOSSIER_MONTH.COMPLAINTS_RECEIVED))
                .set(DOSSIER_MONTH.COMPLAINTS_ON_TIME, excluded(DOSSIER_MONTH.COMPLAINTS_ON_TIME))
                .set(DOSSIER_MONTH.COMPLAINTS_UNSATISFIED_OR_LATE, excluded(DOSSIER_MONTH.COMPLAINTS_UNSATISFIED_OR_LATE))
                .set(DOSSIER_MONTH.DOSSIERS_UNSATISFIED_COMPLAINED_OR_LATE,
                        excluded(DOSSIER_MONTH.DOSSIERS_UNSATISFIED_COMPLAINED_OR_LATE))
                .set(DOSSIER_MONTH.UPDATED_AT, excluded(DOSSIER_MONTH.UPDATED_AT))
                .where(row(DOSSIER_MONTH.DOSSIERS_HANDLED, DOSSIER_MONTH.DOSSIERS_LATE,
                        DOSSIER_MONTH.COMPLAINTS_RECEIVED, DOSSIER_MONTH.COMPLAINTS_ON_TIME,
                        DOSSIER_MONTH.COMPLAINTS_UNSATISFIED_OR_LATE, DOSSIER_MONTH.DOSSIERS_UNSATISFIED_COMPLAINED_OR_LATE)
                        .isDistinctFrom(row(excluded(DOSSIER_MONTH.DOSSIERS_HANDLED), excluded(DOSSIER_MONTH.DOSSIERS_LATE),
                                excluded(DOSSIER_MONTH.COMPLAINTS_RECEIVED), excluded(DOSSIER_MONTH.COMPLAINTS_ON_TIME),
                                excluded(DOSSIER_MONTH.COMPLAINTS_UNSATISFIED_OR_LATE),
                                excluded(DOSSIER_MONTH.DOSSIERS_UNSATISFIED_COMPLAINED_OR_LATE))))
                .execute();
    }
}
