package vn.hailong.units;

import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.val;
import static vn.hailong.db.schema.Tables.SERVICE_CENTRE;
import static vn.hailong.db.schema.Tables.UNIT;
import static vn.hailong.db.schema.Tables.UNIT_EVENT;
import static vn.hailong.db.schema.Tables.UNIT_FORMER_CODE;
import static vn.hailong.db.schema.Tables.UNIT_PLACEMENT;
import static vn.hailong.db.schema.Tables.UNIT_SERVICE;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jooq.DSLContext;

import vn.hailong.Vietnam;
import vn.hailong.rollup.RollupStore;
import vn.hailong.survey.Forms;

/**
 * The one writer of what happens to units: create, rename or recode, move, merge, split, dissolve, each on a day, in
 * the caller's transaction. Each checks everything before it writes, so a refused event (thrown as {@link Refused})
 * leaves the transaction usable: a crosswalk applies its rows in turn, gathers what was refused, and rolls back.
 *
 * <p>Each keeps three things in step: the event rows, the tree as it was ({@code unit_placement}, for the historical
 * view) and the current tree ({@code unit.parent_id}, which the rollups sum): an ended unit is hung under the unit
 * that carries it on, and the rollups move with it ({@link RollupStore#move}).
 */
public final class UnitEvents {
    /**
     * Bumped at every event this server writes (rolled back or not): what caches resolutions of codes (the collect
     * Directory) compares it to forget them at once; other servers see an event within about a second, through the
     * catalogue version its statements bump (sql/V15, directory_version).
     */
    private static final java.util.concurrent.atomic.AtomicLong GENERATION = new java.util.concurrent.atomic.AtomicLong();

    /** How many events this server has written since it started; a change means a cached resolution may be stale. */
    public static long generation() {
        return GENERATION.get();
    }

    /** An event that cannot be applied, and why, in a sentence naming what to change. */
    public static final class Refused extends RuntimeException {
        private final String field;

        Refused(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        /** The column of a crosswalk (or field of a request) at fault. */
        public String field() {
            return field;
        }
    }

    private final DSLContext tx;
    private final Forms forms;
    private final String source;
    private final Long recordedBy;

    /** {@code source}: crosswalk, admin or demo; {@code recordedBy}: the user, when a person did it. */
    public UnitEvents(DSLContext tx, String source, Long recordedBy) {
        // The catalogue version first (sql/V15): every catalogue writer queues on it before anything else, so a writer
        // of events never holds the lock below while waiting for it.
        tx.execute("update directory_version set version = version + 1");
        // Writers of events take turns (a crosswalk, an edit, the demo): each checks the tree as the one before left it.
        tx.execute("lock table unit_event in share row exclusive mode");
        this.tx = tx;
        this.forms = new Forms(tx);
        this.source = source;
        this.recordedBy = recordedBy;
    }

    /** A new unit, valid from {@code validFrom} (null: as long as anything was recorded), under {@code parent}. */
    public long create(String code, String nameVi, String nameEn, String kind, Long parent, LocalDate validFrom) {
        requireCodeFree(code, null, "new_code");
        if (!new Units(tx).kindExists(tx, kind)) {
            throw new Refused("kind", "unknown unit kind '" + kind + "'");
        }
        if (parent != null) {
            var p = unit(parent, "new_parent");
            if (validFrom != null) {
                requireValid(p, validFrom, "new_parent");
            } else if (p.ended()) {
                throw new Refused("new_parent", "'" + p.code() + "' has ended");
            }
        }
        return new Units(tx).insert(tx, code, nameVi, nameEn, kind, parent, validFrom);
    }

    /** The unit takes a new code and/or name on {@code day}; its old code still finds it. */
    public void rename(long unitId, String newCode, String newNameVi, String newNameEn, LocalDate day) {
        var u = unit(unitId, "old_code");
        requireDay(u, day, false);
        var code = newCode == null ? u.code() : newCode;
        var nameVi = newNameVi == null ? u.nameVi() : newNameVi;
        if (code.equals(u.code()) && nameVi.equals(u.nameVi()) && (newNameEn == null || newNameEn.equals(u.nameEn()))) {
            throw new Refused("new_code", "'" + u.code() + "' already has that code and name");
        }
        requireCodeFree(code, unitId, "new_code");
        if (!code.equals(u.code())) {
            tx.deleteFrom(UNIT_FORMER_CODE).where(UNIT_FORMER_CODE.CODE.eq(code)).execute();
            tx.insertInto(UNIT_FORMER_CODE)
                    .set(UNIT_FORMER_CODE.CODE, u.code())
                    .set(UNIT_FORMER_CODE.UNIT_ID, unitId)
                    .set(UNIT_FORMER_CODE.UNTIL, day)
                    .execute();
        }
        tx.update(UNIT)
                .set(UNIT.CODE, code)
                .set(UNIT.NAME_VI, nameVi)
                .set(UNIT.NAME_EN, newNameEn == null ? u.nameEn() : newNameEn)
                .where(UNIT.ID.eq(unitId))
                .execute();
        record("rename", day, u, unitId, null, code, nameVi, null, null);
    }

    /** The unit (with everything below it) moves under {@code newParent} (null: to the top) on {@code day}. */
    public void move(long unitId, Long newParent, LocalDate day) {
        var u = requireMovable(unitId, newParent, day);
        place(unitId, newParent, day);
        record("move", day, u, null, null, null, null, u.parentId(), newParent);
    }

    /** The unit may move under {@code newParent} on {@code day}; checked before anything of an event is written. */
    private UnitHistory.Unit requireMovable(long unitId, Long newParent, LocalDate day) {
        var u = unit(unitId, "old_code");
        requireDay(u, day, false);
        if (Objects.equals(newParent, u.parentId())) {
            throw new Refused("new_parent", "'" + u.code() + "' is already there");
        }
        if (newParent != null) {
            requireValid(unit(newParent, "new_parent"), day, "new_parent");
            if (within(newParent, unitId)) {
                throw new Refused("new_parent", "a unit cannot move under itself or one of its own units");
            }
        }
        return u;
    }

    /**
     * The units {@code from} merge into {@code into} on {@code day} (into may be new, valid from that day, or one of
     * them carrying on). Their units move to {@code into}; their centres and procedures become its; they end.
     */
    public void merge(List<Long> from, long into, LocalDate day) {
        var target = unit(into, "new_code");
        requireValid(target, day, "new_code");
        var ending = new ArrayList<UnitHistory.Unit>();
        for (var id : from) {
            var u = unit(id, "old_code");
            if (id == into) {
                throw new Refused("new_code", "'" + u.code() + "' cannot merge into itself");
            }
            if (ending.stream().anyMatch(e -> e.id() == id)) {
                throw new Refused("old_code", "'" + u.code() + "' is named twice in one merge");
            }
            for (var other : from) {
                if (!other.equals(id) && within(id, other)) {
                    throw new Refused("old_code", "'" + u.code() + "' lies within another unit of the same merge: its"
                            + " units go to the successor with it; leave it out, or merge it on its own first");
                }
            }
            requireDay(u, day, true);
            if (within(into, id)) {
                throw new Refused("new_code", "'" + target.code() + "' lies below '" + u.code() + "'");
            }
            ending.add(u);
        }
        for (var u : ending) {
            for (var child : validChildren(u.id(), day)) {
                requireMovable(child, into, day);
            }
        }
        for (var u : ending) {
            for (var child : validChildren(u.id(), day)) {
                move(child, into, day);
            }
            tx.insertInto(UNIT_SERVICE, UNIT_SERVICE.UNIT_ID, UNIT_SERVICE.SERVICE_ID)
                    .select(tx.select(val(into), UNIT_SERVICE.SERVICE_ID).from(UNIT_SERVICE)
                            .where(UNIT_SERVICE.UNIT_ID.eq(u.id())))
                    .onConflictDoNothing()
                    .execute();
            end(u, into, day);
            handOverCentres(u.id(), into);
            record("merge", day, u, into, null, null, null, null, null);
        }
    }

    /**
     * {@code unitId} splits into {@code into} on {@code day}, with each successor's share of it (all null, or all
     * stated and summing to 1). It must have no units of its own left: they move first. Its centres go to the first
     * successor given.
     */
    public void split(long unitId, Map<Long, BigDecimal> into, LocalDate day) {
        var u = unit(unitId, "old_code");
        requireDay(u, day, true);
        if (into.size() < 2) {
            throw new Refused("new_code", "a split needs two successors or more; one is a merge or a rename");
        }
        if (into.values().stream().anyMatch(share -> share != null
                && (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0 || share.scale() > 6))) {
            throw new Refused("share", "a share is more than 0 and at most 1, to six decimals");
        }
        long stated = into.values().stream().filter(Objects::nonNull).count();
        if (stated != 0 && stated != into.size()) {
            throw new Refused("share", "state a share for every successor of '" + u.code() + "', or for none");
        }
        if (stated != 0) {
            var sum = into.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("0.001")) > 0) {
                throw new Refused("share", "the shares of '" + u.code() + "' add up to " + sum.stripTrailingZeros()
                        .toPlainString() + ", not 1");
            }
        }
        for (var id : into.keySet()) {
            var s = unit(id, "new_code");
            requireValid(s, day, "new_code");
            if (id == unitId || within(id, unitId)) {
                throw new Refused("new_code", "'" + s.code() + "' lies within '" + u.code() + "'");
            }
        }
        if (!validChildren(unitId, day).isEmpty()) {
            throw new Refused("old_code", "'" + u.code() + "' still has units of its own: move, merge or dissolve"
                    + " them first, on the same day or before");
        }
        for (var id : into.keySet()) {
            tx.insertInto(UNIT_SERVICE, UNIT_SERVICE.UNIT_ID, UNIT_SERVICE.SERVICE_ID)
                    .select(tx.select(val(id), UNIT_SERVICE.SERVICE_ID).from(UNIT_SERVICE)
                            .where(UNIT_SERVICE.UNIT_ID.eq(unitId)))
                    .onConflictDoNothing()
                    .execute();
        }
        end(u, meeting(List.copyOf(into.keySet())), day);
        handOverCentres(unitId, into.keySet().iterator().next());
        into.forEach((id, share) -> record("split", day, u, id, share, null, null, null, null));
    }

    /**
     * The unit ends on {@code day} without a successor: its units move to its parent, its ratings count there, its
     * centres close.
     */
    public void dissolve(long unitId, LocalDate day) {
        var u = unit(unitId, "old_code");
        requireDay(u, day, true);
        var children = validChildren(unitId, day);
        if (u.parentId() == null && !children.isEmpty()) {
            throw new Refused("old_code", "'" + u.code() + "' is at the top of the tree and still has units:"
                    + " merge it into another unit instead");
        }
        for (var child : children) {
            requireMovable(child, u.parentId(), day);
        }
        for (var child : children) {
            move(child, u.parentId(), day);
        }
        end(u, u.parentId(), day);
        handOverCentres(unitId, null);
        record("dissolve", day, u, null, null, null, null, null, null);
    }

    /** Ends the unit and hangs it, in the current tree, under the unit that carries it on. */
    private void end(UnitHistory.Unit u, Long carrier, LocalDate day) {
        tx.update(UNIT)
                .set(UNIT.VALID_TO, day)
                .set(UNIT.ACTIVE, false)
                .set(UNIT.PARENT_ID, carrier)
                .where(UNIT.ID.eq(u.id()))
                .execute();
        if (!Objects.equals(carrier, u.parentId())) {
            RollupStore.move(tx, forms, u.id(), u.parentId(), carrier);
        }
    }

    /**
     * The ended unit's centres go on receiving dossiers for {@code heir} (its successor, or a split's first); a
     * dissolved unit's centres close (none: a centre of a parent would offer the parent's own agencies).
     */
    private void handOverCentres(long unitId, Long heir) {
        if (heir != null) {
            tx.update(SERVICE_CENTRE).set(SERVICE_CENTRE.UNIT_ID, heir).where(SERVICE_CENTRE.UNIT_ID.eq(unitId))
                    .execute();
        } else {
            tx.update(SERVICE_CENTRE).set(SERVICE_CENTRE.ACTIVE, false).where(SERVICE_CENTRE.UNIT_ID.eq(unitId))
                    .execute();
        }
    }

    /** Closes the unit's open placement on {@code day} and opens one under {@code parent}; moves its rollups. */
    private void place(long unitId, Long parent, LocalDate day) {
        var p = UNIT_PLACEMENT;
        var open = tx.selectFrom(p).where(p.UNIT_ID.eq(unitId)).and(p.VALID_TO.isNull()).fetchOptional();
        if (open.isPresent() && day.equals(open.get().getValidFrom())) {
            open.get().setParentId(parent);
            open.get().store();
        } else {
            open.ifPresent(o -> {
                o.setValidTo(day);
                o.store();
            });
            tx.insertInto(p).set(p.UNIT_ID, unitId).set(p.PARENT_ID, parent).set(p.VALID_FROM, day).execute();
        }
        var before = tx.select(UNIT.PARENT_ID).from(UNIT).where(UNIT.ID.eq(unitId)).fetchSingle(UNIT.PARENT_ID);
        tx.update(UNIT).set(UNIT.PARENT_ID, parent).where(UNIT.ID.eq(unitId)).execute();
        RollupStore.move(tx, forms, unitId, before, parent);
    }

    /** The nearest unit above or at every one of {@code units} in the current tree; null when they share no top. */
    private Long meeting(List<Long> units) {
        List<Long> common = null;
        for (var id : units) {
            var ordered = new ArrayList<Long>();
            for (Long at = id; at != null && !ordered.contains(at); ) {
                ordered.add(at);
                at = tx.select(UNIT.PARENT_ID).from(UNIT).where(UNIT.ID.eq(at)).fetchSingle(UNIT.PARENT_ID);
            }
            if (common == null) {
                common = ordered;
            } else {
                common.retainAll(ordered);
            }
        }
        return common == null || common.isEmpty() ? null : common.get(0);
    }

    private List<Long> validChildren(long unitId, LocalDate day) {
        return tx.select(UNIT.ID).from(UNIT)
                .where(UNIT.PARENT_ID.eq(unitId))
                .and(UNIT.VALID_TO.isNull())
                .orderBy(UNIT.CODE)
                .fetch(UNIT.ID);
    }

    private boolean within(long candidate, long unitId) {
        return tx.fetchExists(tx.selectOne().where(condition("{0} in (select unit_subtree({1}))", val(candidate),
                val(unitId))));
    }

    private UnitHistory.Unit unit(long id, String field) {
        return tx.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN, UNIT.KIND, UNIT.PARENT_ID, UNIT.VALID_FROM,
                        UNIT.VALID_TO)
                .from(UNIT)
                .where(UNIT.ID.eq(id))
                .fetchOptional(r -> new UnitHistory.Unit(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7(), r.value8()))
                .orElseThrow(() -> new Refused(field, "no unit has id " + id));
    }

    /** The unit exists on {@code day}: begun by then, not yet ended. */
    private static void requireValid(UnitHistory.Unit u, LocalDate day, String field) {
        if (u.validFrom() != null && day.isBefore(u.validFrom())) {
            throw new Refused(field, "'" + u.code() + "' exists from " + u.validFrom() + ", after " + day);
        }
        if (u.ended()) {
            throw new Refused(field, "'" + u.code() + "' ended on " + u.validTo());
        }
    }

    /**
     * An event may happen to the unit on {@code day}: it exists then, the day is not in the future, and no later
     * event of the unit is recorded (events are told in order; a history is not rewritten). A unit may move or be
     * renamed on its first day (a commune created on the day of a reform, under a district dissolved that day), but
     * an event that {@code ends} it must come after its first day.
     */
    private void requireDay(UnitHistory.Unit u, LocalDate day, boolean ends) {
        if (day.isAfter(Vietnam.today())) {
            throw new Refused("effective_date", day + " is in the future: record an event once it has taken effect");
        }
        requireValid(u, day, "old_code");
        if (ends && u.validFrom() != null && !day.isAfter(u.validFrom())) {
            throw new Refused("effective_date", "'" + u.code() + "' begins on " + u.validFrom()
                    + ": an event of it must come after");
        }
        var e = UNIT_EVENT;
        var last = tx.select(org.jooq.impl.DSL.max(e.EFFECTIVE)).from(e)
                .where(e.UNIT_ID.eq(u.id()).or(e.SUCCESSOR_ID.eq(u.id())).or(e.NEW_PARENT_ID.eq(u.id()))
                        .or(e.OLD_PARENT_ID.eq(u.id())))
                .fetchOne(0, LocalDate.class);
        if (last != null && day.isBefore(last)) {
            throw new Refused("effective_date", "'" + u.code() + "' has an event on " + last
                    + " already; events are recorded in order");
        }
    }

    /** A code names one unit, ever: refused when another unit has or had it. */
    private void requireCodeFree(String code, Long unitId, String field) {
        var owner = tx.select(UNIT.ID).from(UNIT).where(UNIT.CODE.eq(code))
                .unionAll(tx.select(UNIT_FORMER_CODE.UNIT_ID).from(UNIT_FORMER_CODE)
                        .where(UNIT_FORMER_CODE.CODE.eq(code)))
                .fetch(0, Long.class);
        if (owner.stream().anyMatch(o -> !o.equals(unitId))) {
            throw new Refused(field, "the code '" + code + "' is or was another unit's");
        }
    }

    private void record(String kind, LocalDate day, UnitHistory.Unit u, Long successor, BigDecimal share,
                        String newCode, String newNameVi, Long oldParent, Long newParent) {
        GENERATION.incrementAndGet();
        tx.insertInto(UNIT_EVENT)
                .set(UNIT_EVENT.KIND, kind)
                .set(UNIT_EVENT.EFFECTIVE, day)
                .set(UNIT_EVENT.UNIT_ID, u.id())
                .set(UNIT_EVENT.SUCCESSOR_ID, successor)
                .set(UNIT_EVENT.SHARE, share)
                .set(UNIT_EVENT.OLD_CODE, u.code())
                .set(UNIT_EVENT.NEW_CODE, newCode)
                .set(UNIT_EVENT.OLD_NAME_VI, u.nameVi())
                .set(UNIT_EVENT.NEW_NAME_VI, newNameVi)
                .set(UNIT_EVENT.OLD_PARENT_ID, oldParent)
                .set(UNIT_EVENT.NEW_PARENT_ID, newParent)
                .set(UNIT_EVENT.SOURCE, source)
                .set(UNIT_EVENT.RECORDED_BY, recordedBy)
                .execute();
    }
}
