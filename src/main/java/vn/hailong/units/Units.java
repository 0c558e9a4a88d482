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
import org.jooq.Record9;
import org.jooq.SelectJoinStep;

/** Queries on the tree of administrative units. */
public final class Units {
    private final DSLContext dsl;

    public Units(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A unit as the API shows it; {@code validTo} set (and {@code ended}) when it merged, split or was dissolved. */
    record Unit(long id, String code, String nameVi, String nameEn, String kind, Long parentId, boolean active,
                java.time.LocalDate validFrom, java.time.LocalDate validTo, boolean ended, EndedBy endedBy) {
        static Unit of(Long id, String code, String nameVi, String nameEn, String kind, Long parentId, Boolean active,
                       java.time.LocalDate validFrom, java.time.LocalDate validTo) {
            return new Unit(id, code, nameVi, nameEn, kind, parentId, active, validFrom, validTo, validTo != null, null);
        }

        Unit endedBy(EndedBy by) {
            return new Unit(id, code, nameVi, nameEn, kind, parentId, active, validFrom, validTo, ended, by);
        }
    }

    /** How an ended unit ended: merged into one unit, split into several, or dissolved (into none). */
    record EndedBy(String kind, List<UnitTimeline.Ref> into) {
    }

    /** The units with how each ended unit among them ended, read in one query. */
    static List<Unit> withEnds(DSLContext tx, List<Unit> units) {
        var ended = units.stream().filter(Unit::ended).map(Unit::id).toList();
        if (ended.isEmpty()) {
            return units;
        }
        var e = vn.hailong.db.schema.Tables.UNIT_EVENT;
        var s = UNIT.as("s");
        var ends = new java.util.HashMap<Long, EndedBy>();
        tx.select(e.UNIT_ID, e.KIND, s.ID, s.CODE, s.NAME_VI, s.NAME_EN)
                .from(e)
                .leftJoin(s).on(s.ID.eq(e.SUCCESSOR_ID))
                .where(e.UNIT_ID.in(ended))
                .and(e.KIND.in("merge", "split", "dissolve"))
                .orderBy(e.ID)
                .forEach(r -> {
                    var by = ends.computeIfAbsent(r.value1(), k -> new EndedBy(r.value2(), new java.util.ArrayList<>()));
                    if (r.value3() != null) {
                        by.into().add(new UnitTimeline.Ref(r.value3(), r.value4(), r.value5(), r.value6()));
                    }
                });
        return units.stream().map(u -> ends.containsKey(u.id()) ? u.endedBy(ends.get(u.id())) : u).toList();
    }

    record Kind(String code, String nameVi, String nameEn, short rank) {
    }

    List<Unit> list(Condition scope) {
        return withEnds(dsl, units(dsl)
                .where(scope)
                .orderBy(UNIT.CODE)
                .fetch(mapping(Unit::of)));
    }

    Optional<Unit> find(DSLContext tx, long id, Condition scope) {
        return units(tx)
                .where(UNIT.ID.eq(id))
                .and(scope)
                .fetchOptional(mapping(Unit::of));
    }

    Optional<Unit> findByCode(DSLContext tx, String code) {
        return units(tx)
                .where(UNIT.CODE.eq(code))
                .fetchOptional(mapping(Unit::of));
    }

    private static SelectJoinStep<Record9<Long, String, String, String, String, Long, Boolean, java.time.LocalDate,
            java.time.LocalDate>> units(DSLContext tx) {
        return tx.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN, UNIT.KIND, UNIT.PARENT_ID, UNIT.ACTIVE,
                UNIT.VALID_FROM, UNIT.VALID_TO).from(UNIT);
    }

    /** The unit that has or had {@code code}: its own code now, or a former one. */
    Optional<Unit> findByCodeEver(DSLContext tx, String code) {
        var current = findByCode(tx, code);
        if (current.isPresent()) {
            return current;
        }
        return tx.select(vn.hailong.db.schema.Tables.UNIT_FORMER_CODE.UNIT_ID)
                .from(vn.hailong.db.schema.Tables.UNIT_FORMER_CODE)
                .where(vn.hailong.db.schema.Tables.UNIT_FORMER_CODE.CODE.eq(code))
                .fetchOptional(0, Long.class)
                .flatMap(id -> find(tx, id, org.jooq.impl.DSL.noCondition()));
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
        return insert(tx, code, nameVi, nameEn, kind, parentId, null);
    }

    /** A unit valid from {@code validFrom} (null: since before anything was recorded); its first placement follows. */
    long insert(DSLContext tx, String code, String nameVi, String nameEn, String kind, Long parentId,
                java.time.LocalDate validFrom) {
        return tx.insertInto(UNIT)
                .set(UNIT.CODE, code)
                .set(UNIT.NAME_VI, nameVi)
                .set(UNIT.NAME_EN, nameEn)
                .set(UNIT.KIND, kind)
                .set(UNIT.PARENT_ID, parentId)
                .set(UNIT.VALID_FROM, validFrom)
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
