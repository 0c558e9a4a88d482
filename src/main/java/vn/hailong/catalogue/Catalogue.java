package vn.hailong.catalogue;

import static vn.hailong.db.schema.Tables.SERVICE;
import static vn.hailong.db.schema.Tables.SERVICE_FIELD;
import static org.jooq.Records.mapping;
import static org.jooq.impl.DSL.noCondition;

import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.Record7;
import org.jooq.SelectJoinStep;
import org.jooq.SelectOnConditionStep;

/** Queries on the catalogue of administrative procedures and their fields (lĩnh vực). */
public final class Catalogue {
    private final DSLContext dsl;

    public Catalogue(DSLContext dsl) {
        this.dsl = dsl;
    }

    record Field(long id, String code, String nameVi, String nameEn) {
    }

    record Service(long id, String code, String nameVi, String nameEn, long fieldId, String fieldCode,
                          boolean active) {
    }

    List<Field> fields() {
        return fields(dsl)
                .orderBy(SERVICE_FIELD.CODE)
                .fetch(mapping(Field::new));
    }

    Optional<Field> fieldByCode(DSLContext tx, String code) {
        return fields(tx)
                .where(SERVICE_FIELD.CODE.eq(code))
                .fetchOptional(mapping(Field::new));
    }

    Optional<Field> field(DSLContext tx, long id) {
        return fields(tx)
                .where(SERVICE_FIELD.ID.eq(id))
                .fetchOptional(mapping(Field::new));
    }

    private static SelectJoinStep<Record4<Long, String, String, String>> fields(DSLContext tx) {
        return tx.select(SERVICE_FIELD.ID, SERVICE_FIELD.CODE, SERVICE_FIELD.NAME_VI, SERVICE_FIELD.NAME_EN)
                .from(SERVICE_FIELD);
    }

    public long insertField(DSLContext tx, String code, String nameVi, String nameEn) {
        return tx.insertInto(SERVICE_FIELD)
                .set(SERVICE_FIELD.CODE, code)
                .set(SERVICE_FIELD.NAME_VI, nameVi)
                .set(SERVICE_FIELD.NAME_EN, nameEn)
                .returning(SERVICE_FIELD.ID)
                .fetchSingle(SERVICE_FIELD.ID);
    }

    /** Services, optionally of one field and matching a text in code or name. */
    List<Service> services(String fieldCode, String text) {
        return services(dsl)
                .where(fieldCode == null ? noCondition() : SERVICE_FIELD.CODE.eq(fieldCode))
                .and(text == null ? noCondition()
                        : SERVICE.CODE.containsIgnoreCase(text).or(SERVICE.NAME_VI.containsIgnoreCase(text))
                                .or(SERVICE.NAME_EN.containsIgnoreCase(text)))
                .orderBy(SERVICE.CODE)
                .fetch(mapping(Service::new));
    }

    Optional<Service> service(DSLContext tx, long id) {
        return serviceWhere(tx, SERVICE.ID.eq(id));
    }

    Optional<Service> serviceByCode(DSLContext tx, String code) {
        return serviceWhere(tx, SERVICE.CODE.eq(code));
    }

    private Optional<Service> serviceWhere(DSLContext tx, org.jooq.Condition condition) {
        return services(tx)
                .where(condition)
                .fetchOptional(mapping(Service::new));
    }

    private static SelectOnConditionStep<Record7<Long, String, String, String, Long, String, Boolean>> services(
            DSLContext tx) {
        return tx.select(SERVICE.ID, SERVICE.CODE, SERVICE.NAME_VI, SERVICE.NAME_EN, SERVICE.FIELD_ID,
                        SERVICE_FIELD.CODE, SERVICE.ACTIVE)
                .from(SERVICE)
                .join(SERVICE_FIELD).on(SERVICE_FIELD.ID.eq(SERVICE.FIELD_ID));
    }

    public long insertService(DSLContext tx, String code, String nameVi, String nameEn, long fieldId) {
        return tx.insertInto(SERVICE)
                .set(SERVICE.CODE, code)
                .set(SERVICE.NAME_VI, nameVi)
                .set(SERVICE.NAME_EN, nameEn)
                .set(SERVICE.FIELD_ID, fieldId)
                .returning(SERVICE.ID)
                .fetchSingle(SERVICE.ID);
    }

    void updateService(DSLContext tx, Service s) {
        tx.update(SERVICE)
                .set(SERVICE.CODE, s.code())
                .set(SERVICE.NAME_VI, s.nameVi())
                .set(SERVICE.NAME_EN, s.nameEn())
                .set(SERVICE.FIELD_ID, s.fieldId())
                .set(SERVICE.ACTIVE, s.active())
                .where(SERVICE.ID.eq(s.id()))
                .execute();
    }
}
