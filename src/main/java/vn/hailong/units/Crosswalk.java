package vn.hailong.units;

import static vn.hailong.db.schema.Tables.UNIT;
import static vn.hailong.db.schema.Tables.UNIT_FORMER_CODE;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jooq.DSLContext;

import vn.hailong.audit.AuditLog;
import vn.hailong.auth.Principal;
import vn.hailong.http.Rejected;
import vn.hailong.http.Rejected.Problem;
import vn.hailong.units.CrosswalkCsv.Row;

/**
 * A crosswalk applied to the unit tree, all or nothing: its rows in date order (then file order), the rows of one
 * merge (one new_code, one day) or one split (one old_code, one day) as one event, each event through
 * {@link UnitEvents} in a savepoint of its own so that a refused one is undone and the next still checked. Every
 * problem is gathered by line and column; if there is any, or on a dry run, the whole transaction is rolled back.
 */
final class Crosswalk {

    /** What one row did (or on a dry run would do). */
    record Outcome(int row, String event, LocalDate effectiveDate, String oldCode, String newCode, boolean created,
                   String message) {
    }

    record UnitRef(long id, String code, String nameVi) {
    }

    /** The answer: counts of events by kind, units created and ended, and each row's outcome in file order. */
    record Result(boolean dryRun, int rows, Map<String, Integer> events, List<UnitRef> unitsCreated,
                  List<UnitRef> unitsEnded, List<Outcome> outcomes) {
    }

    /** Thrown out of a dry run's transaction to roll it back with its answer. */
    private static final class DryRun extends RuntimeException {
        final transient Result result;

        DryRun(Result result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private record Group(String kind, LocalDate date, List<Row> rows) {
        Row first() {
            return rows.get(0);
        }
    }

    private final DSLContext tx;
    private final UnitEvents events;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<Integer, Outcome> outcomes = new HashMap<>();
    private final Map<String, Integer> failedCreations = new HashMap<>();
    private final LinkedHashSet<Long> created = new LinkedHashSet<>();
    private final LinkedHashSet<Long> ended = new LinkedHashSet<>();
    private final java.util.Set<Integer> conflicted = new HashSet<>();

    private Crosswalk(DSLContext tx, Long recordedBy) {
        this.tx = tx;
        this.events = new UnitEvents(tx, "crosswalk", recordedBy);
    }

    /** Applies the file (or checks it, on a dry run); 422 {@link Rejected} with every problem when there is one. */
    static Result run(DSLContext dsl, String body, Principal by, boolean dryRun) {
        var parsed = CrosswalkCsv.parse(body);
        var rows = parsed.rows();
        Long recordedBy = by.kind() == Principal.Kind.USER ? by.id() : null;
        try {
            return dsl.transactionResult(trx -> {
                var tx = trx.dsl();
                // One crosswalk or unit edit at a time: UnitEvents (made by the Crosswalk) bumps directory_version,
                // then locks unit_event, in the order every unit writer takes them, so each reads the tree as the
                // one before left it.
                var crosswalk = new Crosswalk(tx, recordedBy);
                crosswalk.problems.addAll(parsed.problems());
                var result = crosswalk.apply(rows, dryRun);
                if (!crosswalk.problems.isEmpty()) {
                    var sorted = new ArrayList<>(crosswalk.problems);
                    sorted.sort(Comparator.comparingInt(Problem::row));
                    throw new Rejected(sorted);
                }
                if (dryRun) {
                    throw new DryRun(result);
                }
                var summary = new LinkedHashMap<String, Object>();
                summary.put("rows", result.rows());
                summary.put("events", result.events());
                summary.put("unitsCreated", result.unitsCreated().stream().map(UnitRef::code).toList());
                summary.put("unitsEnded", result.unitsEnded().stream().map(UnitRef::code).toList());
                AuditLog.record(tx, by, "crosswalk", "unit", null, null, null, summary);
                return result;
            });
        } catch (DryRun d) {
            return d.result;
        }
    }

    private Result apply(List<Row> rows, boolean dryRun) {
        // A row with a problem of its own is not applied, nor the merge or split it belongs to.
        var tainted = new HashSet<List<String>>();
        for (var row : rows) {
            if (!row.ok()) {
                tainted.add(List.of("merge", String.valueOf(row.newCode())));
                tainted.add(List.of("split", String.valueOf(row.oldCode())));
                if (row.newCode() != null && !row.newCode().equals(row.oldCode())) {
                    failedCreations.putIfAbsent(row.newCode(), row.line());
                }
            }
        }
        var groups = groups(rows.stream().filter(Row::ok).toList());
        conflicts(groups);
        var counts = new LinkedHashMap<String, Integer>();
        for (var kind : List.of("merge", "split", "rename", "move", "dissolve")) {
            counts.put(kind, 0);
        }
        for (var group : groups) {
            var key = group.kind().equals("merge") ? List.of("merge", String.valueOf(group.first().newCode()))
                    : List.of("split", String.valueOf(group.first().oldCode()));
            if ((group.kind().equals("merge") || group.kind().equals("split")) && tainted.contains(key)) {
                remember(group);
                continue;
            }
            int before = problems.size();
            check(group);
            if (problems.size() > before || group.rows().stream().anyMatch(r -> conflicted.contains(r.line()))) {
                remember(group);
                continue;
            }
            try {
                tx.transaction(nested -> apply(group));
                counts.merge(group.kind(), 1, Integer::sum);
            } catch (UnitEvents.Refused refused) {
                problems.add(new Problem(rowOf(group, refused.getMessage()).line(), refused.field(),
                        refused.getMessage()));
                remember(group);
            } catch (Refusal refusal) {
                problems.add(new Problem(refusal.row.line(), refusal.column, refusal.getMessage()));
                remember(group);
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        var byLine = new ArrayList<>(outcomes.values());
        byLine.sort(Comparator.comparingInt(Outcome::row));
        return new Result(dryRun, rows.size(), counts, refs(created), refs(ended), byLine);
    }

    /** The rows in date then file order, a merge's and a split's rows together as one event. */
    private static List<Group> groups(List<Row> rows) {
        var sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::date).thenComparingInt(Row::line));
        var groups = new ArrayList<Group>();
        var byKey = new HashMap<List<Object>, Group>();
        for (var row : sorted) {
            List<Object> key = switch (row.event()) {
                case "merge" -> row.newCode() == null ? null : List.of("merge", row.newCode(), row.date());
                case "split" -> List.of("split", row.oldCode(), row.date());
                default -> null;
            };
            var group = key == null ? null : byKey.get(key);
            if (group == null) {
                group = new Group(row.event(), row.date(), new ArrayList<>());
                groups.add(group);
                if (key != null) {
                    byKey.put(key, group);
                }
            }
            group.rows().add(row);
        }
        return groups;
    }

    /** A unit that ends in two events of one day: the file contradicts itself. */
    private void conflicts(List<Group> groups) {
        var endings = new HashMap<List<Object>, Row>();
        for (var group : groups) {
            for (var row : group.rows()) {
                boolean ends = switch (group.kind()) {
                    case "merge" -> !row.oldCode().equals(row.newCode());
                    case "split", "dissolve" -> true;
                    default -> false;
                };
                if (!ends) {
                    continue;
                }
                var first = endings.putIfAbsent(List.of(row.oldCode(), row.date()), row);
                if (first != null && first.line() != row.line() && !(group.kind().equals("split")
                        && first.event().equals("split"))) {
                    conflicted.add(row.line());
                    problems.add(new Problem(row.line(), "old_code", "'" + row.oldCode() + "' also ends on line "
                            + first.line() + " (" + first.event() + ") on " + row.date() + "; a unit ends once"));
                }
            }
        }
    }

    /** What the columns must hold for the event, before anything is looked up. */
    private void check(Group group) {
        var seen = new HashMap<String, Integer>();
        for (var row : group.rows()) {
            switch (group.kind()) {
                case "merge" -> {
                    require(row, "new_code", row.newCode(), "the unit they merge into");
                    noShare(row);
                    var first = seen.putIfAbsent(row.oldCode(), row.line());
                    if (first != null) {
                        problems.add(new Problem(row.line(), "old_code", "'" + row.oldCode()
                                + "' merges into '" + row.newCode() + "' on line " + first + " already"));
                    }
                }
                case "split" -> {
                    require(row, "new_code", row.newCode(), "one successor a row");
                    if (row.newCode() != null) {
                        var first = seen.putIfAbsent(row.newCode(), row.line());
                        if (first != null) {
                            problems.add(new Problem(row.line(), "new_code", "'" + row.newCode()
                                    + "' is a successor of '" + row.oldCode() + "' on line " + first + " already"));
                        }
                    }
                }
                case "rename" -> {
                    noShare(row);
                    if ((row.newCode() == null || row.newCode().equals(row.oldCode())) && row.newName() == null) {
                        problems.add(new Problem(row.line(), "new_code", "a rename needs a new code, a new name"
                                + " (new_name) or both"));
                    }
                    if (row.newParent() != null) {
                        problems.add(new Problem(row.line(), "new_parent", "a rename does not move the unit; add a"
                                + " row 'move' for that"));
                    }
                }
                case "move" -> {
                    noShare(row);
                    require(row, "new_parent", row.newParent(), "the unit it moves under");
                    sameCode(row, "a move keeps the unit's code; add a row 'rename' for a new code");
                }
                case "dissolve" -> {
                    noShare(row);
                    sameCode(row, "a dissolved unit has no successor; write 'merge' if it went into another unit");
                    if (row.newParent() != null) {
                        problems.add(new Problem(row.line(), "new_parent", "a dissolved unit's units move to its"
                                + " parent; move them first to put them elsewhere"));
                    }
                }
                default -> throw new IllegalStateException(group.kind());
            }
        }
    }

    private void require(Row row, String column, String value, String what) {
        if (value == null) {
            problems.add(new Problem(row.line(), column, "is empty; a " + row.event() + " names " + what));
        }
    }

    private void noShare(Row row) {
        if (row.share() != null) {
            problems.add(new Problem(row.line(), "share", "only a split states shares; leave it empty for a "
                    + row.event()));
        }
    }

    private void sameCode(Row row, String message) {
        if (row.newCode() != null && !row.newCode().equals(row.oldCode())) {
            problems.add(new Problem(row.line(), "new_code", message));
        }
    }

    private void apply(Group group) {
        switch (group.kind()) {
            case "merge" -> merge(group);
            case "split" -> split(group);
            case "rename" -> {
                var row = group.first();
                var u = named(row, "old_code", row.oldCode());
                var code = row.newCode() == null || row.newCode().equals(row.oldCode())
                        || row.newCode().equals(u.code()) ? null : row.newCode();
                events.rename(u.id(), code, row.newName(), null, row.date());
                outcome(row, u.code(), code == null ? u.code() : code, false,
                        "'" + u.code() + "' (" + u.nameVi() + ") becomes '" + (code == null ? u.code() : code) + "' ("
                                + (row.newName() == null ? u.nameVi() : row.newName()) + ")");
            }
            case "move" -> {
                var row = group.first();
                var u = named(row, "old_code", row.oldCode());
                var parent = named(row, "new_parent", row.newParent());
                events.move(u.id(), parent.id(), row.date());
                outcome(row, u.code(), null, false, "'" + u.code() + "' (" + u.nameVi() + ") moves under '"
                        + parent.code() + "' (" + parent.nameVi() + ")");
            }
            case "dissolve" -> {
                var row = group.first();
                var u = named(row, "old_code", row.oldCode());
                events.dissolve(u.id(), row.date());
                ended.add(u.id());
                outcome(row, u.code(), null, false, "'" + u.code() + "' (" + u.nameVi() + ") is dissolved");
            }
            default -> throw new IllegalStateException(group.kind());
        }
    }

    private void merge(Group group) {
        var first = group.first();
        var olds = new ArrayList<UnitHistory.Unit>();
        for (var row : group.rows()) {
            var u = named(row, "old_code", row.oldCode());
            if (olds.stream().anyMatch(o -> o.id() == u.id())) {
                throw new Refusal(row, "old_code", "'" + row.oldCode() + "' names '" + u.code() + "' (" + u.nameVi()
                        + "), which another row of this merge names already");
            }
            olds.add(u);
        }
        var existing = find(first.newCode());
        long into;
        boolean isNew = existing.isEmpty();
        String name = one(group, "new_name", Row::newName);
        if (isNew) {
            if (name == null) {
                throw new Refusal(first, "new_code", unknown(first.newCode()) + "; give new_name to create the unit"
                        + " they merge into");
            }
            var kind = one(group, "kind", Row::kind);
            if (kind == null) {
                kind = common(olds, UnitHistory.Unit::kind, first, "kind", "the merged units are of different kinds;"
                        + " state the kind of '" + first.newCode() + "'");
            }
            Long parent;
            var parentCode = one(group, "new_parent", Row::newParent);
            if (parentCode != null) {
                parent = named(first, "new_parent", parentCode).id();
            } else {
                parent = common(olds, UnitHistory.Unit::parentId, first, "new_parent", "the merged units have"
                        + " different parents; state new_parent for '" + first.newCode() + "'");
            }
            into = events.create(first.newCode(), name, null, kind, parent, first.date());
            created.add(into);
        } else {
            into = existing.get().id();
        }
        var from = new ArrayList<Long>();
        for (var u : olds) {
            if (u.id() != into) {
                from.add(u.id());
            }
        }
        if (from.isEmpty()) {
            throw new Refusal(first, "new_code", "nothing merges into '" + first.newCode() + "': every row names it"
                    + " as its old code too");
        }
        events.merge(from, into, first.date());
        ended.addAll(from);
        if (!isNew && name != null && !name.equals(existing.get().nameVi())) {
            events.rename(into, null, name, null, first.date());
        }
        var target = unit(into);
        for (int i = 0; i < group.rows().size(); i++) {
            var row = group.rows().get(i);
            var u = olds.get(i);
            outcome(row, u.code(), target.code(), isNew && i == 0, u.id() == into
                    ? "'" + u.code() + "' (" + u.nameVi() + ") carries on, taking in the others"
                    : "'" + u.code() + "' (" + u.nameVi() + ") merges into '" + target.code() + "' (" + target.nameVi()
                    + (isNew ? ", new" : "") + ")");
        }
    }

    private void split(Group group) {
        var first = group.first();
        var u = named(first, "old_code", first.oldCode());
        var into = new LinkedHashMap<Long, BigDecimal>();
        var isNew = new HashSet<Long>();
        for (var row : group.rows()) {
            var existing = find(row.newCode());
            long id;
            if (existing.isPresent()) {
                id = existing.get().id();
            } else {
                if (row.newName() == null) {
                    throw new Refusal(row, "new_code", unknown(row.newCode()) + "; give new_name to create it");
                }
                Long parent = row.newParent() == null ? u.parentId() : named(row, "new_parent", row.newParent()).id();
                try {
                    id = events.create(row.newCode(), row.newName(), null, row.kind() == null ? u.kind() : row.kind(),
                            parent, row.date());
                } catch (UnitEvents.Refused refused) {
                    throw new Refusal(row, refused.field(), refused.getMessage());
                }
                isNew.add(id);
            }
            if (into.containsKey(id)) {
                throw new Refusal(row, "new_code", "'" + row.newCode() + "' names a unit another row of this split"
                        + " names already");
            }
            into.put(id, row.share());
        }
        events.split(u.id(), into, first.date());
        created.addAll(isNew);
        ended.add(u.id());
        var ids = new ArrayList<>(into.keySet());
        for (int i = 0; i < group.rows().size(); i++) {
            var row = group.rows().get(i);
            var s = unit(ids.get(i));
            outcome(row, u.code(), s.code(), isNew.contains(s.id()), "'" + u.code() + "' (" + u.nameVi()
                    + ") splits, in part into '" + s.code() + "' (" + s.nameVi() + (isNew.contains(s.id()) ? ", new" : "")
                    + ")" + (row.share() == null ? "" : ", share " + row.share().stripTrailingZeros().toPlainString()));
        }
    }

    /** The one value the rows of an event give for a column (blank in some rows is fine); two different ones refused. */
    private static String one(Group group, String column, java.util.function.Function<Row, String> get) {
        String value = null;
        for (var row : group.rows()) {
            var v = get.apply(row);
            if (v != null && value != null && !v.equals(value)) {
                throw new Refusal(row, column, "'" + CrosswalkCsv.shorten(v) + "' differs from '"
                        + CrosswalkCsv.shorten(value) + "' on an earlier row of the same " + row.event());
            }
            value = value == null ? v : value;
        }
        return value;
    }

    private static <T> T common(List<UnitHistory.Unit> units, java.util.function.Function<UnitHistory.Unit, T> get,
                                Row row, String column, String message) {
        var values = new HashSet<T>();
        units.forEach(u -> values.add(get.apply(u)));
        if (values.size() != 1) {
            throw new Refusal(row, column, message);
        }
        return values.iterator().next();
    }

    /** The unit that has or had the code (a former code names the unit that had it), else a refusal on the column. */
    private UnitHistory.Unit named(Row row, String column, String code) {
        return find(code).orElseThrow(() -> new Refusal(row, column, unknown(code)));
    }

    private String unknown(String code) {
        var line = failedCreations.get(code);
        return line == null ? "no unit has or had the code '" + code + "'"
                : "'" + code + "' would be created on line " + line + ", which has a problem";
    }

    private Optional<UnitHistory.Unit> find(String code) {
        var id = tx.select(UNIT.ID).from(UNIT).where(UNIT.CODE.eq(code))
                .unionAll(tx.select(UNIT_FORMER_CODE.UNIT_ID).from(UNIT_FORMER_CODE)
                        .where(UNIT_FORMER_CODE.CODE.eq(code)))
                .limit(1)
                .fetchOptional(0, Long.class);
        return id.map(this::unit);
    }

    private UnitHistory.Unit unit(long id) {
        return tx.select(UNIT.ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN, UNIT.KIND, UNIT.PARENT_ID, UNIT.VALID_FROM,
                        UNIT.VALID_TO)
                .from(UNIT)
                .where(UNIT.ID.eq(id))
                .fetchSingle(r -> new UnitHistory.Unit(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7(), r.value8()));
    }

    /** The row a refusal of a several-row event is about: the one whose unit the message names, else the first. */
    private Row rowOf(Group group, String message) {
        for (var row : group.rows()) {
            for (var code : new String[] {row.oldCode(), row.newCode()}) {
                if (code == null) {
                    continue;
                }
                if (message.contains("'" + code + "'")) {
                    return row;
                }
                var u = find(code);
                if (u.isPresent() && message.contains("'" + u.get().code() + "'")) {
                    return row;
                }
            }
        }
        return group.first();
    }

    /** A refused event: the units it would create are not there for the rows after it. */
    private void remember(Group group) {
        for (var row : group.rows()) {
            if (row.newCode() != null && !Objects.equals(row.newCode(), row.oldCode())) {
                failedCreations.putIfAbsent(row.newCode(), row.line());
            }
            outcomes.remove(row.line());
        }
    }

    private void outcome(Row row, String oldCode, String newCode, boolean isNew, String message) {
        outcomes.put(row.line(), new Outcome(row.line(), row.event(), row.date(), oldCode, newCode, isNew,
                message + " on " + row.date()));
    }

    private List<UnitRef> refs(java.util.Collection<Long> ids) {
        return ids.stream().map(this::unit).map(u -> new UnitRef(u.id(), u.code(), u.nameVi())).toList();
    }

    /** A row that cannot be applied, found by the crosswalk itself rather than by {@link UnitEvents}. */
    private static final class Refusal extends RuntimeException {
        final transient Row row;
        final String column;

        Refusal(Row row, String column, String message) {
            super(message, null, false, false);
            this.row = row;
            this.column = column;
        }
    }
}
