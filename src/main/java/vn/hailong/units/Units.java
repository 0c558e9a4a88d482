package vn.hailong.units;

import static vn.hailong.db.schema.Tables.UNIT;
import static vn.hailong.db.schema.Tables.UNIT_KIND;
import static org.jooq.Records.mapping;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.val;

import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record7;
import org.jooq.SelectJoinStep;

/** Queries on the tree of administrative units. */
public final class Units {
    private final DSLContext dsl;

    public Units(DSLContext dsl) {
        this.dsl = dsl;
    }

    record Unit(long id, String code, String nameVi, String nameEn, String kind, Long parentId, boolean active) {
    }

    record Kind(String code, String nameVi, String nameEn, short rank) {
    }

    List<Unit> list(Condition scope) {
        return units(dsl)
                .where(scope)
                .orderBy(UNIT.CODE)
                .fetch(mapping(Unit::new));
    }

    Optional<Unit> find(DSLContext tx, long id, Condition scope) {
        return units(tx)
                .where(UNIT.ID.eq(id))
                .and(scope)
                .fetchOptional(mapping(Unit::new));
    }

    Optional<Unit> findByCode(DSLContext tx, String code) {
        return units(tx)
                .where(UNIT.CODE.eq(code))
                .fetchOptional(mapping(Unit::new));
    }

    private static SelectJoinStep<Record7<Long, String, String, String, String, Long, Boolean>> units(DSLContext tx) {
        return tx.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN, UNIT.KIND, UNIT.PARENT_ID, UNIT.ACTIVE).from(UNIT);
    }

    List<Kind> kinds() {
        return dsl.select(UNIT_KIND.CODE, UNIT_KIND.NAME_VI, UNIT_KIND.NAME_EN, UNIT_KIND.RANK)
                .from(UNIT_KIND)
                .orderBy(UNIT_KIND.RANK, UNIT_KIND.CODE)
                .fetch(mapping(Kind::new));
    }

    public boolean kindExists(DSLContext tx, String kind) {
        return tx.fetchExists(UNIT_KIND, UNIT_KIND.CODE.eq(kind));
    }

    public long insert(DSLContext tx, String code, String nameVi, String nameEn, String kind, Long parentId) {
        return tx.insertInto(UNIT)
                .set(UNIT.CODE, code)
                .set(UNIT.NAME_VI, nameVi)
                .set(UNIT.NAME_EN, nameEn)
                .set(UNIT.KIND, kind)
                .set(UNIT.PARENT_ID, parentId)
                .returning(UNIT.ID)
                .fetchSingle(UNIT.ID);
    }

    void update(DSLContext tx, Unit unit) {
        tx.update(UNIT)
                .set(UNIT.CODE, unit.code())
                .set(UNIT.NAME_VI, unit.nameVi())
                .set(UNIT.NAME_EN, unit.nameEn())
                .set(UNIT.KIND, unit.kind())
                .set(UNIT.PARENT_ID, unit.parentId())
                .set(UNIT.ACTIVE, unit.active())
                .where(UNIT.ID.eq(unit.id()))
                .execute();
    }

    /** True when {@code candidate} is {@code unit} itself or lies below it: moving there would make a cycle. */
    boolean isWithin(DSLContext tx, long candidate, long unit) {
        return tx.fetchExists(tx.selectOne().where(condition("{0} in (select unit_subtree({1}))", val(candidate), val(unit))));
    }

    /** The top unit above {@code unit} in the current tree (its province), or the unit itself at the top. */
    public static long top(DSLContext tx, long unit) {
        return tx.resultQuery("with recursive up(id, parent_id, depth) as ("
                        + " select id, parent_id, 0 from unit where id = {0}"
                        + " union all select u.id, u.parent_id, up.depth + 1 from unit u join up on u.id = up.parent_id"
                        + " where up.depth < 64)"
                        + " select id from up order by depth desc limit 1", org.jooq.impl.DSL.val(unit))
                .fetchOptional(0, Long.class).orElse(unit);
    }
}
