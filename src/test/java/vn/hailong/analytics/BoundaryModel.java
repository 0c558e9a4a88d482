package vn.hailong.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The test's own account of what happened to the units, kept from the events a test applies (never read from the
 * database): where each unit stood on each day (the historical view) and which unit carries each unit on today (the
 * current view), following the design of sql/V13 and docs/units-in-time.md.
 */
final class BoundaryModel {
    /** The unit's parent from {@code from} to the day before {@code to}; null ends are open. */
    record Place(Long parent, LocalDate from, LocalDate to) {
        boolean covers(LocalDate day) {
            return (from == null || !day.isBefore(from)) && (to == null || day.isBefore(to));
        }
    }

    final Map<String, Long> codes = new HashMap<>();
    final Map<Long, String> names = new HashMap<>();
    private final Map<Long, List<Place>> places = new HashMap<>();
    /** Today's tree: a valid unit's parent; an ended unit's carrier (successor, meeting point of a split, parent). */
    private final Map<Long, Long> parentNow = new LinkedHashMap<>();
    private final Map<Long, LocalDate> ended = new HashMap<>();
    private final Map<Long, Long> mergedInto = new HashMap<>();
    /** Splits with stated shares: predecessor → successor → share. */
    final Map<Long, LinkedHashMap<Long, Double>> shares = new LinkedHashMap<>();

    void add(long id, String code, Long parent, LocalDate from) {
        codes.put(code, id);
        names.put(id, code);
        places.put(id, new ArrayList<>(List.of(new Place(parent, from, null))));
        parentNow.put(id, parent);
    }

    void rename(long id, String newCode) {
        codes.put(newCode, id);
        names.put(id, newCode);
    }

    void move(long id, Long parent, LocalDate day) {
        var list = places.get(id);
        var open = list.get(list.size() - 1);
        if (day.equals(open.from())) {
            list.set(list.size() - 1, new Place(parent, day, null));
        } else {
            list.set(list.size() - 1, new Place(open.parent(), open.from(), day));
            list.add(new Place(parent, day, null));
        }
        parentNow.put(id, parent);
    }

    void merge(List<Long> from, long into, LocalDate day) {
        for (var f : from) {
            for (var child : validChildren(f)) {
                move(child, into, day);
            }
            end(f, into, day);
            mergedInto.put(f, into);
        }
    }

    /** A split; {@code into} maps successors to their shares, all null when none is stated. */
    void split(long id, LinkedHashMap<Long, Double> into, LocalDate day) {
        end(id, meeting(into.keySet()), day);
        if (into.values().stream().allMatch(Objects::nonNull)) {
            shares.put(id, new LinkedHashMap<>(into));
        }
    }

    void dissolve(long id, LocalDate day) {
        var parent = parentNow.get(id);
        for (var child : validChildren(id)) {
            move(child, parent, day);
        }
        end(id, parent, day);
    }

    /** Ending leaves the unit's last placement open: a late rating of it counts where it last stood. */
    private void end(long id, Long carrier, LocalDate day) {
        ended.put(id, day);
        parentNow.put(id, carrier);
    }

    private List<Long> validChildren(long id) {
        return parentNow.entrySet().stream()
                .filter(e -> Objects.equals(e.getValue(), id) && !ended.containsKey(e.getKey()))
                .map(Map.Entry::getKey).toList();
    }

    /** The nearest unit at or above every one of {@code units} in today's tree. */
    private Long meeting(Iterable<Long> units) {
        List<Long> common = null;
        for (var u : units) {
            var line = new ArrayList<Long>();
            for (Long at = u; at != null; at = parentNow.get(at)) {
                line.add(at);
            }
            if (common == null) {
                common = line;
            } else {
                common.retainAll(line);
            }
        }
        return common == null || common.isEmpty() ? null : common.get(0);
    }

    boolean ended(long id) {
        return ended.containsKey(id);
    }

    LocalDate endedOn(long id) {
        return ended.get(id);
    }

    Set<Long> units() {
        return parentNow.keySet();
    }

    // --- the historical view

    /** The unit and its parents as they stood on {@code day}. */
    Set<Long> lineOn(long unit, LocalDate day) {
        var line = new HashSet<Long>();
        Long at = unit;
        while (at != null && line.add(at)) {
            at = places.get(at).stream().filter(p -> p.covers(day)).findFirst().map(Place::parent).orElse(null);
        }
        return line;
    }

    /** Whether {@code unit} lay at or below {@code root} on some day of {@code year}. */
    boolean underIn(long unit, long root, int year) {
        if (unit == root) {
            return true;
        }
        // Where a unit stands changes only on the days placements begin or end: those of the year, and its first day.
        var days = new HashSet<LocalDate>(List.of(LocalDate.of(year, 1, 1)));
        places.values().forEach(list -> list.forEach(p -> {
            for (var day : new LocalDate[] {p.from(), p.to()}) {
                if (day != null && day.getYear() == year) {
                    days.add(day);
                }
            }
        }));
        return days.stream().anyMatch(day -> lineOn(unit, day).contains(root));
    }

    // --- the current view

    /** The valid unit that carries {@code unit} on today: itself, or the nearest valid unit above it today. */
    long home(long unit) {
        long at = unit;
        while (ended(at)) {
            at = parentNow.get(at);
        }
        return at;
    }

    /** The unit and every unit below it in today's tree (ended units included, under their carriers). */
    Set<Long> subtreeNow(long root) {
        var out = new HashSet<Long>();
        for (var u : parentNow.keySet()) {
            for (Long at = u; at != null; at = parentNow.get(at)) {
                if (at == root) {
                    out.add(u);
                    break;
                }
            }
        }
        return out;
    }

    /** What a code names today: the unit, or the unit it merged into (followed); null when it split or dissolved. */
    Long today(String code) {
        Long at = codes.get(code);
        while (at != null && ended(at)) {
            at = mergedInto.get(at);
        }
        return at;
    }
}
