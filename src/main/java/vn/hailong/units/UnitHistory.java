package vn.hailong.units;

import static vn.hailong.db.schema.Tables.UNIT;
import static vn.hailong.db.schema.Tables.UNIT_EVENT;
import static vn.hailong.db.schema.Tables.UNIT_FORMER_CODE;
import static vn.hailong.db.schema.Tables.UNIT_PLACEMENT;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jooq.DSLContext;

/**
 * The unit tree in time, read whole in one snapshot: which units are valid, where each stood on any day (the
 * historical view), where each counts today (the current view, {@code unit.parent_id}), what each became, and the
 * codes it had. Small (a province has a few hundred units over its history), so it is read per question.
 */
public final class UnitHistory {

    /** A unit as it is now; {@code validTo} set when it has ended. */
    public record Unit(long id, String code, String nameVi, String nameEn, String kind, Long parentId,
                       LocalDate validFrom, LocalDate validTo) {
        public boolean ended() {
            return validTo != null;
        }

        /** Whether the unit existed on {@code day}. */
        public boolean validOn(LocalDate day) {
            return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || day.isBefore(validTo));
        }
    }

    /** The unit's parent from {@code from} to the day before {@code to}; null ends are open. */
    public record Placement(long unit, Long parent, LocalDate from, LocalDate to) {
    }

    /** Days from {@code from} to the day before {@code to} (null: open) during which {@code unit} lay in a subtree. */
    public record Segment(long unit, LocalDate from, LocalDate to) {
    }

    /** A split's stated share: the part of {@code predecessor}'s ratings before {@code effective} that {@code successor} takes. */
    public record Share(long predecessor, long successor, double share, LocalDate effective) {
    }

    /** One event row (see sql/V13). */
    public record Event(long id, String kind, LocalDate effective, long unit, Long successor, Double share,
                        String oldCode, String newCode, String oldNameVi, String newNameVi, Long oldParent,
                        Long newParent, String source) {
    }

    /**
     * What a code names on a day: the unit valid then (the named one, or its successor), or why none. {@code named}
     * is the unit that has or had the code; {@code unit} null with {@code successors} when it split, with none
     * when it was dissolved.
     */
    public record Resolution(Unit named, Unit unit, List<Unit> successors) {
        public boolean resolved() {
            return unit != null;
        }

        /** Why the code names no unit that day, in a sentence; null when it does. */
        public String problem(LocalDate day) {
            if (unit != null) {
                return null;
            }
            if (named.validFrom() != null && day.isBefore(named.validFrom())) {
                return "'" + named.code() + "' (" + named.nameVi() + ") exists from " + named.validFrom()
                        + "; name the unit that handled the dossier on " + day;
            }
            var ended = "'" + named.code() + "' (" + named.nameVi() + ") ended on " + named.validTo();
            if (successors.isEmpty()) {
                return ended + " without a successor; name the unit that took over its dossiers";
            }
            return ended + ": it was split into " + String.join(", ", successors.stream()
                    .map(s -> "'" + s.code() + "'").toList()) + "; name the one that handled the dossier";
        }
    }

    private final Map<Long, Unit> units;
    private final Map<String, Long> codes;
    private final Map<Long, List<Placement>> placementsUnder;
    private final Map<Long, List<Placement>> placementsOf;
    private final List<Event> events;

    private UnitHistory(Map<Long, Unit> units, Map<String, Long> codes, List<Placement> placements,
                        List<Event> events) {
        this.units = units;
        this.codes = codes;
        this.placementsUnder = new HashMap<>();
        this.placementsOf = new HashMap<>();
        for (var p : placements) {
            placementsUnder.computeIfAbsent(p.parent(), k -> new ArrayList<>()).add(p);
            placementsOf.computeIfAbsent(p.unit(), k -> new ArrayList<>()).add(p);
        }
        this.events = events;
    }

    /** Reads the whole history; call inside the transaction whose snapshot the answer must agree with. */
    public static UnitHistory read(DSLContext tx) {
        var units = new LinkedHashMap<Long, Unit>();
        tx.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN, UNIT.KIND, UNIT.PARENT_ID, UNIT.VALID_FROM,
                        UNIT.VALID_TO)
                .from(UNIT)
                .orderBy(UNIT.CODE)
                .forEach(r -> units.put(r.value1(), new Unit(r.value1(), r.value2(), r.value3(), r.value4(),
                        r.value5(), r.value6(), r.value7(), r.value8())));
        var codes = new HashMap<String, Long>();
        tx.select(UNIT_FORMER_CODE.CODE, UNIT_FORMER_CODE.UNIT_ID).from(UNIT_FORMER_CODE)
                .forEach(r -> codes.put(r.value1(), r.value2()));
        units.values().forEach(u -> codes.put(u.code(), u.id()));
        var placements = tx.select(UNIT_PLACEMENT.UNIT_ID, UNIT_PLACEMENT.PARENT_ID, UNIT_PLACEMENT.VALID_FROM,
                        UNIT_PLACEMENT.VALID_TO)
                .from(UNIT_PLACEMENT)
                .fetch(r -> new Placement(r.value1(), r.value2(), r.value3(), r.value4()));
        var e = UNIT_EVENT;
        var events = tx.select(e.ID, e.KIND, e.EFFECTIVE, e.UNIT_ID, e.SUCCESSOR_ID, e.SHARE, e.OLD_CODE, e.NEW_CODE,
                        e.OLD_NAME_VI, e.NEW_NAME_VI, e.OLD_PARENT_ID, e.NEW_PARENT_ID, e.SOURCE)
                .from(e)
                .orderBy(e.EFFECTIVE, e.ID)
                .fetch(r -> new Event(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6() == null ? null : r.value6().doubleValue(), r.value7(), r.value8(), r.value9(),
                        r.value10(), r.value11(), r.value12(), r.value13()));
        return new UnitHistory(units, codes, placements, events);
    }

    public Optional<Unit> unit(long id) {
        return Optional.ofNullable(units.get(id));
    }

    public List<Unit> units() {
        return List.copyOf(units.values());
    }

    /** Whether any unit has ended: if none, both views give the same figures. */
    public boolean anyEnded() {
        return units.values().stream().anyMatch(Unit::ended);
    }

    /** The unit that has or had {@code code}. */
    public Optional<Unit> named(String code) {
        return Optional.ofNullable(codes.get(code)).map(units::get);
    }

    /** Events of a unit, as the unit that ended, moved or was renamed, or as a successor; oldest first. */
    public List<Event> events(long unit) {
        return events.stream().filter(e -> e.unit() == unit || Long.valueOf(unit).equals(e.successor())).toList();
    }

    public List<Event> events() {
        return events;
    }

    /** Where the unit stood, oldest first. */
    public List<Placement> placements(long unit) {
        return placementsOf.getOrDefault(unit, List.of()).stream()
                .sorted(Comparator.comparing(Placement::from, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    /** The units an ended unit went into: one after a merge or a rename, several after a split, none else. */
    public List<Unit> successors(long unit) {
        var u = units.get(unit);
        if (u == null || !u.ended()) {
            return List.of();
        }
        return events.stream()
                .filter(e -> e.unit() == unit && e.successor() != null && e.successor() != unit)
                .filter(e -> e.kind().equals("merge") || e.kind().equals("split"))
                .map(e -> units.get(e.successor()))
                .distinct()
                .toList();
    }

    /**
     * The unit a code names on {@code day}: the unit with the code (now or formerly) if it was valid that day or
     * ended later, else its successor, followed while there is exactly one; a rating dated before a merge keeps its
     * unit, a rating after it goes to the unit it merged into. Empty when no unit ever had the code.
     */
    public Optional<Resolution> resolve(String code, LocalDate day) {
        var named = named(code);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        var unit = named.get();
        for (int hops = 0; unit.ended() && !day.isBefore(unit.validTo()); hops++) {
            var next = successors(unit.id());
            if (next.size() != 1 || hops > units.size()) {
                return Optional.of(new Resolution(unit, null, next));
            }
            unit = next.get(0);
        }
        if (unit.validFrom() != null && day.isBefore(unit.validFrom())) {
            return Optional.of(new Resolution(unit, null, List.of()));
        }
        return Optional.of(new Resolution(named.get(), unit, List.of()));
    }

    /**
     * The unit a question about {@code named} reads on {@code today}: itself in the historical boundaries or while it
     * is valid; else the unit that carries it on, followed while there is exactly one (unresolved when it was split
     * or dissolved: {@code problem} says why). A caller who may not see that unit ({@code visible}, e.g. the manager
     * of a commune merged into another) reads the named unit itself: its own ratings, all that is theirs.
     */
    public Resolution asked(Unit named, boolean historical, LocalDate today, java.util.function.LongPredicate visible) {
        if (historical || !named.ended()) {
            return new Resolution(named, named, List.of());
        }
        var resolution = resolve(named.code(), today).orElseThrow();
        return resolution.resolved() && !visible.test(resolution.unit().id())
                ? new Resolution(named, named, List.of()) : resolution;
    }

    /**
     * The current view's unit of {@code unit}: itself while valid, else the nearest valid unit above it in the current
     * tree (where an ended unit hangs under the unit that carries it on).
     */
    public long home(long unit) {
        var u = units.get(unit);
        for (int hops = 0; u != null && u.ended() && u.parentId() != null && hops <= units.size(); hops++) {
            u = units.get(u.parentId());
        }
        return u == null ? unit : u.id();
    }

    /** The unit and every unit below it in the current tree (ended units included, hung under their successors). */
    public Set<Long> currentSubtree(long root) {
        var children = new HashMap<Long, List<Long>>();
        units.values().forEach(u -> children.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u.id()));
        var subtree = new HashSet<Long>();
        var todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            var next = todo.remove(todo.size() - 1);
            if (subtree.add(next)) {
                todo.addAll(children.getOrDefault(next, List.of()));
            }
        }
        return subtree;
    }

    /**
     * The historical subtree of {@code root}: each unit with the days it lay below {@code root} (or was it), from the
     * placements. The root itself counts on every day: its own ratings are its own whenever given.
     */
    public List<Segment> historicalSubtree(long root) {
        var segments = new ArrayList<Segment>();
        collect(root, null, null, segments, 0);
        return segments;
    }

    private void collect(long unit, LocalDate from, LocalDate to, List<Segment> segments, int depth) {
        segments.add(new Segment(unit, from, to));
        if (depth > units.size()) {
            return;
        }
        for (var p : placementsUnder.getOrDefault(unit, List.of())) {
            var start = later(from, p.from());
            var end = earlier(to, p.to());
            if (start == null || end == null || start.isBefore(end)) {
                collect(p.unit(), start, end, segments, depth + 1);
            }
        }
    }

    /** The parent of {@code unit} on {@code day} in the tree as it was; empty at the top or before the unit existed. */
    public Optional<Long> parentOn(long unit, LocalDate day) {
        return placementsOf.getOrDefault(unit, List.of()).stream()
                .filter(p -> (p.from() == null || !day.isBefore(p.from())) && (p.to() == null || day.isBefore(p.to())))
                .findFirst()
                .map(Placement::parent);
    }

    /**
     * The shares of splits that state one for every successor: the current view counts such a unit's ratings before
     * the split under each successor, weighted by its share, and marks those figures as estimates. A split without
     * shares counts only where its successors meet in the tree.
     */
    public List<Share> statedShares() {
        var bySplit = new LinkedHashMap<Long, List<Event>>();
        events.stream().filter(e -> e.kind().equals("split"))
                .forEach(e -> bySplit.computeIfAbsent(e.unit(), k -> new ArrayList<>()).add(e));
        var shares = new ArrayList<Share>();
        bySplit.forEach((unit, rows) -> {
            if (rows.stream().allMatch(r -> r.share() != null)) {
                rows.forEach(r -> shares.add(new Share(unit, r.successor(), r.share(), r.effective())));
            }
        });
        return shares;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
