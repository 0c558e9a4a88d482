package vn.hailong.targets;

import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.TARGET;
import static vn.hailong.db.schema.Tables.UNIT;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;

import vn.hailong.auth.UnitScope;

/**
 * The targets set per unit × year × questionnaire, and the target each unit is held to: its own, or else its
 * nearest ancestor's for that year (the province's plan covers every unit under it).
 */
public final class Targets {
    private final DSLContext dsl;

    public Targets(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A unit as answers name it. */
    public record UnitName(String code, String nameVi, String nameEn) {
    }

    /**
     * The target a unit is held to in a year: value null when neither it nor any unit above it has one; from names
     * the unit that set it (the unit itself unless inherited).
     */
    public record Target(UnitName unit, String parent, BigDecimal value, boolean inherited, String from) {
    }

    private record Node(long id, String code, String nameVi, String nameEn, Long parentId) {
    }

    /** The questionnaire's id by its code. */
    public Optional<Long> questionnaire(String code) {
        return dsl.select(QUESTIONNAIRE.ID).from(QUESTIONNAIRE).where(QUESTIONNAIRE.CODE.eq(code)).fetchOptional(QUESTIONNAIRE.ID);
    }

    /** The unit's id by its code, when it is within the scope. */
    public Optional<Long> unit(String code, UnitScope scope) {
        return dsl.select(UNIT.ID).from(UNIT).where(UNIT.CODE.eq(code)).and(scope.covers(UNIT.ID)).fetchOptional(UNIT.ID);
    }

    /**
     * Every unit in the scope with the target it is held to in the year, in code order. Ancestors outside the scope
     * still pass their target down: a commune is held to its province's plan whoever reads it.
     */
    public List<Target> effective(int year, long questionnaireId, UnitScope scope) {
        var nodes = new HashMap<Long, Node>();
        dsl.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN, UNIT.PARENT_ID)
                .from(UNIT)
                .fetch()
                .forEach(r -> nodes.put(r.value1(), new Node(r.value1(), r.value2(), r.value3(), r.value4(), r.value5())));
        Map<Long, BigDecimal> own = dsl.select(TARGET.UNIT_ID, TARGET.VALUE)
                .from(TARGET)
                .where(TARGET.YEAR.eq((short) year))
                .and(TARGET.QUESTIONNAIRE_ID.eq(questionnaireId))
                .fetchMap(TARGET.UNIT_ID, TARGET.VALUE);
        var visible = dsl.select(UNIT.ID)
                .from(UNIT)
                .where(scope.covers(UNIT.ID))
                .fetch(UNIT.ID);
        return visible.stream()
                .map(nodes::get)
                .sorted(Comparator.comparing(Node::code))
                .map(node -> resolve(node, nodes, own))
                .toList();
    }

    private static Target resolve(Node node, Map<Long, Node> nodes, Map<Long, BigDecimal> own) {
        var parent = node.parentId() == null ? null : nodes.get(node.parentId()).code();
        var name = new UnitName(node.code(), node.nameVi(), node.nameEn());
        // The tree has no cycles (units are created under existing ones); the bound only guards against a broken one.
        var at = node;
        for (int depth = 0; at != null && depth < nodes.size(); depth++) {
            var value = own.get(at.id());
            if (value != null) {
                return new Target(name, parent, value.stripTrailingZeros(), at != node, at.code());
            }
            at = at.parentId() == null ? null : nodes.get(at.parentId());
        }
        return new Target(name, parent, null, false, null);
    }

    /** Sets a unit's own target; returns the value it replaced, if any. */
    public Optional<BigDecimal> set(DSLContext tx, long unitId, int year, long questionnaireId, BigDecimal value) {
        var before = own(tx, unitId, year, questionnaireId);
        tx.insertInto(TARGET)
                .set(TARGET.UNIT_ID, unitId)
                .set(TARGET.YEAR, (short) year)
                .set(TARGET.QUESTIONNAIRE_ID, questionnaireId)
                .set(TARGET.VALUE, value)
                .onConflict(TARGET.UNIT_ID, TARGET.YEAR, TARGET.QUESTIONNAIRE_ID)
                .doUpdate()
                .set(TARGET.VALUE, value)
                .set(TARGET.UPDATED_AT, org.jooq.impl.DSL.currentOffsetDateTime())
                .execute();
        return before;
    }

    /** Removes a unit's own target (it then inherits again); returns the value removed, if there was one. */
    public Optional<BigDecimal> remove(DSLContext tx, long unitId, int year, long questionnaireId) {
        var before = own(tx, unitId, year, questionnaireId);
        tx.deleteFrom(TARGET)
                .where(TARGET.UNIT_ID.eq(unitId))
                .and(TARGET.YEAR.eq((short) year))
                .and(TARGET.QUESTIONNAIRE_ID.eq(questionnaireId))
                .execute();
        return before;
    }

    private static Optional<BigDecimal> own(DSLContext tx, long unitId, int year, long questionnaireId) {
        return tx.select(TARGET.VALUE)
                .from(TARGET)
                .where(TARGET.UNIT_ID.eq(unitId))
                .and(TARGET.YEAR.eq((short) year))
                .and(TARGET.QUESTIONNAIRE_ID.eq(questionnaireId))
                .fetchOptional(TARGET.VALUE);
    }
}
