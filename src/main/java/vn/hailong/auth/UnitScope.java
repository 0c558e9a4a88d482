package vn.hailong.auth;

import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.val;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;

/** The units a caller may see, as a condition for any query that returns agency data. */
public record UnitScope(Long root) {
    public static final UnitScope ALL = new UnitScope(null);

    static UnitScope subtree(long root) {
        return new UnitScope(root);
    }

    public boolean all() {
        return root == null;
    }

    /** Restricts {@code unitId} to this scope; no restriction for callers who see everything. */
    public Condition covers(Field<Long> unitId) {
        return all() ? noCondition() : condition("{0} in (select unit_subtree({1}))", unitId, val(root));
    }

    public boolean covers(DSLContext dsl, Long unitId) {
        if (all()) {
            return true;
        }
        return unitId != null && dsl.fetchExists(dsl.selectOne()
                .where(condition("{0} in (select unit_subtree({1}))", val(unitId), val(root))));
    }
}
