package vn.hailong.centres;

import static vn.hailong.db.schema.Tables.COUNTER;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static org.jooq.Records.mapping;

import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record6;
import org.jooq.Record8;
import org.jooq.SelectJoinStep;

/** Queries on service centres (one-stop desks) and their counters. */
public final class Centres {
    private final DSLContext dsl;

    public Centres(DSLContext dsl) {
        this.dsl = dsl;
    }

    public record Centre(long id, String code, long unitId, String nameVi, String nameEn, String address,
                         String kioskQuestionnaire, boolean active) {
    }

    record Counter(long id, long centreId, String code, String nameVi, String nameEn, boolean active) {
    }

    record CentreWithCounters(Centre centre, List<Counter> counters) {
    }

    List<Centre> list(Condition scope) {
        return centres(dsl)
                .where(scope)
                .orderBy(SERVICE_CENTRE.CODE)
                .fetch(mapping(Centre::new));
    }

    Optional<Centre> find(DSLContext tx, long id, Condition scope) {
        return centres(tx)
                .where(SERVICE_CENTRE.ID.eq(id))
                .and(scope)
                .fetchOptional(mapping(Centre::new));
    }

    private static SelectJoinStep<Record8<Long, String, Long, String, String, String, String, Boolean>> centres(
            DSLContext tx) {
        return tx.select(SERVICE_CENTRE.ID, SERVICE_CENTRE.CODE, SERVICE_CENTRE.UNIT_ID, SERVICE_CENTRE.NAME_VI,
                        SERVICE_CENTRE.NAME_EN, SERVICE_CENTRE.ADDRESS, SERVICE_CENTRE.KIOSK_QUESTIONNAIRE_CODE,
                        SERVICE_CENTRE.ACTIVE)
                .from(SERVICE_CENTRE);
    }

    private static SelectJoinStep<Record6<Long, Long, String, String, String, Boolean>> counters(DSLContext tx) {
        return tx.select(COUNTER.ID, COUNTER.CENTRE_ID, COUNTER.CODE, COUNTER.NAME_VI, COUNTER.NAME_EN, COUNTER.ACTIVE)
                .from(COUNTER);
    }

    boolean codeTaken(DSLContext tx, String code) {
        return tx.fetchExists(SERVICE_CENTRE, SERVICE_CENTRE.CODE.eq(code));
    }

    List<Counter> counters(DSLContext tx, long centreId) {
        return counters(tx)
                .where(COUNTER.CENTRE_ID.eq(centreId))
                .orderBy(COUNTER.CODE)
                .fetch(mapping(Counter::new));
    }

    Optional<Counter> counter(DSLContext tx, long id) {
        return counters(tx)
                .where(COUNTER.ID.eq(id))
                .fetchOptional(mapping(Counter::new));
    }

    public long insert(DSLContext tx, Centre c) {
        return tx.insertInto(SERVICE_CENTRE)
                .set(SERVICE_CENTRE.CODE, c.code())
                .set(SERVICE_CENTRE.UNIT_ID, c.unitId())
                .set(SERVICE_CENTRE.NAME_VI, c.nameVi())
                .set(SERVICE_CENTRE.NAME_EN, c.nameEn())
                .set(SERVICE_CENTRE.ADDRESS, c.address())
                .set(SERVICE_CENTRE.KIOSK_QUESTIONNAIRE_CODE, c.kioskQuestionnaire())
                .returning(SERVICE_CENTRE.ID)
                .fetchSingle(SERVICE_CENTRE.ID);
    }

    void update(DSLContext tx, Centre c) {
        tx.update(SERVICE_CENTRE)
                .set(SERVICE_CENTRE.CODE, c.code())
                .set(SERVICE_CENTRE.UNIT_ID, c.unitId())
                .set(SERVICE_CENTRE.NAME_VI, c.nameVi())
                .set(SERVICE_CENTRE.NAME_EN, c.nameEn())
                .set(SERVICE_CENTRE.ADDRESS, c.address())
                .set(SERVICE_CENTRE.KIOSK_QUESTIONNAIRE_CODE, c.kioskQuestionnaire())
                .set(SERVICE_CENTRE.ACTIVE, c.active())
                .where(SERVICE_CENTRE.ID.eq(c.id()))
                .execute();
    }

    public long insertCounter(DSLContext tx, long centreId, String code, String nameVi, String nameEn) {
        return tx.insertInto(COUNTER)
                .set(COUNTER.CENTRE_ID, centreId)
                .set(COUNTER.CODE, code)
                .set(COUNTER.NAME_VI, nameVi)
                .set(COUNTER.NAME_EN, nameEn)
                .returning(COUNTER.ID)
                .fetchSingle(COUNTER.ID);
    }

    void updateCounter(DSLContext tx, Counter c) {
        tx.update(COUNTER)
                .set(COUNTER.CODE, c.code())
                .set(COUNTER.NAME_VI, c.nameVi())
                .set(COUNTER.NAME_EN, c.nameEn())
                .set(COUNTER.ACTIVE, c.active())
                .where(COUNTER.ID.eq(c.id()))
                .execute();
    }

    boolean counterCodeTaken(DSLContext tx, long centreId, String code) {
        return tx.fetchExists(COUNTER, COUNTER.CENTRE_ID.eq(centreId).and(COUNTER.CODE.eq(code)));
    }
}
