package vn.hailong.units;

import static vn.hailong.db.schema.Tables.APP_USER;
import static vn.hailong.db.schema.Tables.UNIT_EVENT;
import static vn.hailong.db.schema.Tables.UNIT_FORMER_CODE;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.jooq.DSLContext;

/**
 * One unit's history as GET /units/{id}/history answers it: its validity, its codes (current and former), where it
 * stood in the tree over time, its events (as the unit that ended, moved or was renamed, or as a successor), and the
 * units it came from and went into.
 */
final class UnitTimeline {

    record Ref(long id, String code, String nameVi, String nameEn) {
    }

    record Code(String code, boolean current, LocalDate until) {
    }

    record Placement(LocalDate from, LocalDate to, Ref parent) {
    }

    /** {@code role}: "unit" when the event happened to this unit, "successor" when this unit took another in. */
    record Event(long id, String kind, LocalDate effectiveDate, String role, Ref unit, Ref successor, Ref other,
                 BigDecimal share, String oldCode, String newCode, String oldNameVi, String newNameVi,
                 Ref oldParent, Ref newParent, String source, String recordedBy, OffsetDateTime recordedAt) {
    }

    /** A unit this one came from (predecessor) or went into (successor), by which event. */
    record Link(Ref unit, String kind, LocalDate effectiveDate, BigDecimal share) {
    }

    record Timeline(Units.Unit unit, List<Code> codes, List<Placement> placements, List<Event> events,
                    List<Link> predecessors, List<Link> successors) {
    }

    private UnitTimeline() {
    }

    static Timeline of(DSLContext tx, Units.Unit unit) {
        var history = UnitHistory.read(tx);
        long id = unit.id();
        var codes = new ArrayList<Code>();
        codes.add(new Code(unit.code(), true, null));
        tx.select(UNIT_FORMER_CODE.CODE, UNIT_FORMER_CODE.UNTIL).from(UNIT_FORMER_CODE)
                .where(UNIT_FORMER_CODE.UNIT_ID.eq(id))
                .orderBy(UNIT_FORMER_CODE.UNTIL.desc(), UNIT_FORMER_CODE.CODE)
                .forEach(r -> codes.add(new Code(r.value1(), false, r.value2())));
        var placements = history.placements(id).stream()
                .map(p -> new Placement(p.from(), p.to(), ref(history, p.parent())))
                .toList();
        var e = UNIT_EVENT;
        var events = new ArrayList<Event>();
        var predecessors = new LinkedHashMap<Long, Link>();
        var successors = new LinkedHashMap<Long, Link>();
        tx.select(e.ID, e.KIND, e.EFFECTIVE, e.UNIT_ID, e.SUCCESSOR_ID, e.SHARE, e.OLD_CODE, e.NEW_CODE, e.OLD_NAME_VI,
                        e.NEW_NAME_VI, e.OLD_PARENT_ID, e.NEW_PARENT_ID, e.SOURCE, APP_USER.USERNAME, e.RECORDED_AT)
                .from(e)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(e.RECORDED_BY))
                .where(e.UNIT_ID.eq(id).or(e.SUCCESSOR_ID.eq(id)))
                .orderBy(e.EFFECTIVE, e.ID)
                .forEach(r -> {
                    boolean own = r.value4() == id;
                    Long other = own ? (r.value5() == null || r.value5() == id ? null : r.value5()) : r.value4();
                    events.add(new Event(r.value1(), r.value2(), r.value3(), own ? "unit" : "successor",
                            ref(history, r.value4()), ref(history, r.value5()), ref(history, other), r.value6(),
                            r.value7(), r.value8(), r.value9(), r.value10(), ref(history, r.value11()),
                            ref(history, r.value12()), r.value13(), r.value14(), r.value15()));
                    boolean handsOn = r.value2().equals("merge") || r.value2().equals("split");
                    if (handsOn && own) {
                        successors.putIfAbsent(r.value5(), new Link(ref(history, r.value5()), r.value2(), r.value3(),
                                r.value6()));
                    } else if (handsOn) {
                        predecessors.putIfAbsent(r.value4(), new Link(ref(history, r.value4()), r.value2(),
                                r.value3(), r.value6()));
                    }
                });
        return new Timeline(unit, codes, placements, events, List.copyOf(predecessors.values()),
                List.copyOf(successors.values()));
    }

    private static Ref ref(UnitHistory history, Long id) {
        if (id == null) {
            return null;
        }
        return history.unit(id).map(u -> new Ref(u.id(), u.code(), u.nameVi(), u.nameEn())).orElse(null);
    }
}
