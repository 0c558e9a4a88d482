package vn.hailong.dossiers;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.not;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.val;
import static vn.hailong.db.schema.Tables.CRITERION;
import static vn.hailong.db.schema.Tables.DOSSIER;
import static vn.hailong.db.schema.Tables.DOSSIER_MONTH;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE;
import static vn.hailong.db.schema.Tables.QUESTIONNAIRE_VERSION;
import static vn.hailong.db.schema.Tables.RESPONSE;
import static vn.hailong.db.schema.Tables.UNIT;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Field;

import vn.hailong.dossiers.IndicatorRule.Formula;
import vn.hailong.dossiers.IndicatorRule.Indicator;

/**
 * The official indicators of Decision 766 from the dossier facts: per unit (its subtree summed) and period. A unit's
 * month counts from its dossier_month row when the dossier system sent one, else from its dossier rows returned in
 * that month. These are counts of every dossier and complaint, not a sample: a share, never an interval.
 */
final class Indicators {
    /** Units an answer names when it says which did not report a count. */
    static final int MISSING_SHOWN = 12;

    private final DSLContext dsl;
    private final List<IndicatorRule> rules;

    Indicators(DSLContext dsl, List<IndicatorRule> rules) {
        this.dsl = dsl;
        this.rules = IndicatorRule.checked(rules);
    }

    enum Period { YEAR, QUARTER, MONTH }

    record Named(String code, String nameVi, String nameEn) {
    }

    /** One unit's counts for one month, from one source; the complaint counts are null where it did not say. */
    record Cell(long unitId, LocalDate month, String source, long dossiersHandled, long dossiersLate,
                Long complaintsReceived, Long complaintsOnTime, Long complaintsUnsatisfiedOrLate,
                Long dossiersUnsatisfiedComplainedOrLate) {
    }

    /** A unit whose unit-months did not give what an indicator needs: how many, the first and the last. */
    record Missing(String unit, String nameVi, String nameEn, int months, String first, String last) {
    }

    record RuleView(String id, String legalBasisVi, String legalBasisEn, LocalDate effectiveFrom,
                    LocalDate effectiveUntil, String formulaVi, String formulaEn) {
        static RuleView of(IndicatorRule r) {
            return r == null ? null : new RuleView(r.id(), r.legalBasisVi(), r.legalBasisEn(), r.effectiveFrom(),
                    r.effectiveUntil(), r.formulaVi(), r.formulaEn());
        }
    }

    /** An indicator's answer: available with its counts and share, or not with the reason (and where). */
    record Result(String code, String nameVi, String nameEn, boolean available, Long numerator, Long denominator,
                  BigDecimal percent, String source, Map<String, Integer> unitMonths, String reason, String message,
                  List<Missing> missing, int missingCount, RuleView rule) {
    }

    record Group(Named unit, String period, LocalDate from, LocalDate to, long dossiersHandled, long dossiersLate,
                 List<Result> indicators) {
    }

    /** A group: a unit (null: every unit) and a period (null: the whole of from..to). */
    private record GroupKey(Long unitId, String period) {
    }

    /**
     * The indicators for {@code root}'s subtree (null: every unit), months from..to (null: unbounded). In the current
     * boundaries an ended unit's months count under the unit that carries it on and it is no group of its own; in the
     * historical ones each unit-month counts under its unit and the units above it as they stood on its first day
     * (monthly counts cannot be cut at an event in mid-month).
     */
    List<Group> compute(Long root, LocalDate from, LocalDate to, boolean byUnit, Period period, boolean historical) {
        return compute(root, from, to, byUnit, period, historical, vn.hailong.auth.UnitScope.ALL);
    }

    /** The same within a caller's scope, which is today's: in the historical boundaries only its units' months count. */
    List<Group> compute(Long root, LocalDate from, LocalDate to, boolean byUnit, Period period, boolean historical,
                        vn.hailong.auth.UnitScope scope) {
        var history = historical ? vn.hailong.units.UnitHistory.read(dsl) : null;
        var units = units(historical ? null : root);
        List<Cell> cells;
        java.util.function.Function<Cell, List<Long>> owning;
        if (!historical) {
            cells = cells(units.keySet(), from, to);
            owning = cell -> ancestors(units, cell.unitId(), root).stream()
                    .filter(id -> id.equals(root) || !units.get(id).ended())
                    .toList();
        } else {
            var seen = scope.all() ? null : history.currentSubtree(scope.root());
            var spans = root == null ? null : history.historicalSubtree(root).stream()
                    .filter(span -> seen == null || seen.contains(span.unit()))
                    .toList();
            cells = cells(spans == null ? units.keySet() : spans.stream().map(s -> s.unit()).distinct().toList(),
                    from, to).stream()
                    .filter(c -> spans == null || spans.stream().anyMatch(s -> s.unit() == c.unitId()
                            && (s.from() == null || !c.month().isBefore(s.from()))
                            && (s.to() == null || c.month().isBefore(s.to()))))
                    .toList();
            owning = cell -> {
                var owners = new ArrayList<Long>(List.of(cell.unitId()));
                Long at = cell.unitId();
                while (!at.equals(root) && owners.size() <= units.size()) {
                    at = history.parentOn(at, cell.month()).orElse(null);
                    if (at == null) {
                        break;
                    }
                    owners.add(at);
                }
                return owners;
            };
        }
        // Every cell goes to its group: the root's (or, by unit, each unit's above it up to the root) and its period's.
        var groups = new LinkedHashMap<GroupKey, List<Cell>>();
        var order = order(units, root);
        if (!byUnit && period == null) {
            groups.put(new GroupKey(root, null), new ArrayList<>());
        }
        for (var cell : cells) {
            var bucket = period == null ? null : bucket(cell.month(), period);
            List<Long> owners = byUnit ? owning.apply(cell) : java.util.Collections.singletonList(root);
            for (var owner : owners) {
                groups.computeIfAbsent(new GroupKey(owner, bucket), k -> new ArrayList<>()).add(cell);
            }
        }
        var answer = new ArrayList<Group>();
        for (var entry : groups.entrySet()) {
            var unitId = entry.getKey().unitId();
            var bucket = entry.getKey().period();
            var unit = unitId == null ? null : units.get(unitId).named();
            var list = entry.getValue();
            var first = bucket != null ? start(bucket) : list.stream().map(Cell::month).min(Comparator.naturalOrder())
                    .orElse(from == null ? null : from.withDayOfMonth(1));
            var last = bucket != null ? end(bucket) : list.stream().map(Cell::month).max(Comparator.naturalOrder())
                    .map(m -> m.plusMonths(1).minusDays(1))
                    .orElse(to == null ? null : to.withDayOfMonth(to.lengthOfMonth()));
            var results = new ArrayList<Result>();
            for (var indicator : Indicator.values()) {
                results.add(result(indicator, list, units, first, last));
            }
            answer.add(new Group(unit, bucket, first, last, list.stream().mapToLong(Cell::dossiersHandled).sum(),
                    list.stream().mapToLong(Cell::dossiersLate).sum(), results));
        }
        answer.sort(Comparator.<Group>comparingInt(g -> g.unit() == null ? -1 : order.indexOf(g.unit().code()))
                .thenComparing(g -> g.period() == null ? "" : g.period()));
        return answer;
    }

    private Result result(Indicator indicator, List<Cell> cells, Map<Long, UnitNode> units, LocalDate from,
                          LocalDate to) {
        if (cells.isEmpty()) {
            return unavailable(indicator, null, "noData", "No dossier facts for this unit and period.", List.of(), 0,
                    null, Map.of());
        }
        var inEffect = IndicatorRule.during(rules, indicator, from, to);
        if (inEffect.isEmpty()) {
            return unavailable(indicator, null, "noRule", "No rule for this indicator is in effect from " + from
                    + " to " + to + ".", List.of(), 0, null, Map.of());
        }
        if (inEffect.size() > 1) {
            return unavailable(indicator, inEffect.get(inEffect.size() - 1), "ruleChanged", "The rule changed on "
                    + inEffect.get(1).effectiveFrom() + " (" + inEffect.get(0).id() + " → " + inEffect.get(1).id()
                    + "); ask for the periods before and after it separately.", List.of(), 0, null, Map.of());
        }
        var rule = inEffect.get(0);
        var missing = new LinkedHashMap<Long, Missing>();
        int missingCount = 0;
        boolean dossierRowsOnly = false;
        long numerator = 0;
        long denominator = 0;
        var sources = new LinkedHashMap<String, Integer>();
        for (var c : cells) {
            Long n;
            Long d;
            switch (rule.formula()) {
                case ON_TIME_OVER_COMPLAINTS -> {
                    n = c.complaintsOnTime();
                    d = c.complaintsReceived();
                }
                case UNFAULTED_OVER_COMPLAINTS -> {
                    d = c.complaintsReceived();
                    n = d == null || c.complaintsUnsatisfiedOrLate() == null ? null : d - c.complaintsUnsatisfiedOrLate();
                }
                default -> {
                    d = c.dossiersHandled();
                    n = c.dossiersUnsatisfiedComplainedOrLate() == null ? null
                            : d - c.dossiersUnsatisfiedComplainedOrLate();
                }
            }
            if (n == null || d == null) {
                dossierRowsOnly |= c.source().equals("dossier");
                var month = c.month().toString().substring(0, 7);
                var unit = units.get(c.unitId());
                missing.compute(c.unitId(), (id, m) -> m == null
                        ? new Missing(unit.code(), unit.nameVi(), unit.nameEn(), 1, month, month)
                        : new Missing(m.unit(), m.nameVi(), m.nameEn(), m.months() + 1,
                                m.first().compareTo(month) <= 0 ? m.first() : month,
                                m.last().compareTo(month) >= 0 ? m.last() : month));
                missingCount++;
                continue;
            }
            numerator += n;
            denominator += d;
            sources.merge(c.source(), 1, Integer::sum);
        }
        if (missingCount > 0) {
            var what = rule.formula() == Formula.UNFAULTED_OVER_DOSSIERS
                    ? "the count of dossiers rated unsatisfied, complained about or late"
                    : rule.formula() == Formula.UNFAULTED_OVER_COMPLAINTS
                            ? "the count of complaints marked unsatisfied or late" : "the complaint counts";
            var message = missingCount + " unit-month(s) did not report " + what
                    + (dossierRowsOnly ? " (dossier rows do not tell how complaints were handled; monthly counts do)"
                            : "") + ".";
            return unavailable(indicator, rule, dossierRowsOnly && rule.formula() != Formula.UNFAULTED_OVER_DOSSIERS
                    ? "dossierRowsOnly" : "notReported", message,
                    missing.values().stream().sorted(Comparator.comparing(Missing::months).reversed()
                            .thenComparing(Missing::unit)).limit(MISSING_SHOWN).toList(), missingCount, null, sources);
        }
        if (denominator == 0) {
            return unavailable(indicator, rule, "zeroDenominator", rule.formula() == Formula.UNFAULTED_OVER_DOSSIERS
                    ? "No dossier was handled in this period." : "No complaint or suggestion was received in this"
                    + " period.", List.of(), 0, 0L, sources);
        }
        var percent = BigDecimal.valueOf(numerator * 100).divide(BigDecimal.valueOf(denominator), 2,
                RoundingMode.HALF_UP);
        return new Result(indicator.code, indicator.nameVi, indicator.nameEn, true, numerator, denominator, percent,
                source(sources), sources, null, null, List.of(), 0, RuleView.of(rule));
    }

    private static Result unavailable(Indicator indicator, IndicatorRule rule, String reason, String message,
                                      List<Missing> missing, int missingCount, Long denominator,
                                      Map<String, Integer> sources) {
        return new Result(indicator.code, indicator.nameVi, indicator.nameEn, false, null, denominator, null,
                source(sources), sources, reason, message, List.copyOf(missing), missingCount, RuleView.of(rule));
    }

    private static String source(Map<String, Integer> sources) {
        if (sources.isEmpty()) {
            return null;
        }
        return sources.size() > 1 ? "mixed" : sources.keySet().iterator().next();
    }

    /** The units of the tree under root (or all), with their parents. */
    private record UnitNode(long id, Long parentId, String code, String nameVi, String nameEn, boolean ended) {
        Named named() {
            return new Named(code, nameVi, nameEn);
        }
    }

    private Map<Long, UnitNode> units(Long root) {
        var units = new HashMap<Long, UnitNode>();
        dsl.select(UNIT.ID, UNIT.PARENT_ID, UNIT.CODE, UNIT.NAME_VI, UNIT.NAME_EN, UNIT.VALID_TO)
                .from(UNIT)
                .where(root == null ? noCondition() : condition("{0} in (select unit_subtree({1}))", UNIT.ID, val(root)))
                .forEach(r -> units.put(r.value1(), new UnitNode(r.value1(), r.value2(), r.value3(), r.value4(),
                        r.value5(), r.value6() != null)));
        return units;
    }

    /** Unit codes in tree order (each unit before its children, siblings by code). */
    private static List<String> order(Map<Long, UnitNode> units, Long root) {
        var children = new HashMap<Long, List<UnitNode>>();
        var tops = new ArrayList<UnitNode>();
        for (var u : units.values()) {
            if (root != null ? u.id() == root : u.parentId() == null) {
                tops.add(u);
            } else if (u.parentId() != null) {
                children.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u);
            }
        }
        var order = new ArrayList<String>();
        var stack = new java.util.ArrayDeque<UnitNode>();
        tops.sort(Comparator.comparing(UnitNode::code).reversed());
        tops.forEach(stack::push);
        while (!stack.isEmpty()) {
            var u = stack.pop();
            order.add(u.code());
            var kids = new ArrayList<>(children.getOrDefault(u.id(), List.of()));
            kids.sort(Comparator.comparing(UnitNode::code).reversed());
            kids.forEach(stack::push);
        }
        return order;
    }

    /** The unit and every unit above it, up to root (or the top). */
    private static List<Long> ancestors(Map<Long, UnitNode> units, long unitId, Long root) {
        var list = new ArrayList<Long>();
        for (Long id = unitId; id != null && units.containsKey(id); id = units.get(id).parentId()) {
            list.add(id);
            if (id.equals(root)) {
                break;
            }
        }
        return list;
    }

    /**
     * Every unit-month with facts under the units, months from..to: the dossier_month rows, and for the unit-months
     * without one, the dossier rows returned in that month (late: not on time as the dossier system judged, else
     * returned after the due date; rated unsatisfied: a stored DOSSIER3 rating of the dossier at level 1 on DG).
     */
    List<Cell> cells(java.util.Collection<Long> unitIds, LocalDate from, LocalDate to) {
        var first = from == null ? null : from.withDayOfMonth(1);
        var last = to == null ? null : to.withDayOfMonth(1);
        var cells = new ArrayList<Cell>();
        dsl.select(DOSSIER_MONTH.UNIT_ID, DOSSIER_MONTH.MONTH, DOSSIER_MONTH.DOSSIERS_HANDLED,
                        DOSSIER_MONTH.DOSSIERS_LATE, DOSSIER_MONTH.COMPLAINTS_RECEIVED, DOSSIER_MONTH.COMPLAINTS_ON_TIME,
                        DOSSIER_MONTH.COMPLAINTS_UNSATISFIED_OR_LATE,
                        DOSSIER_MONTH.DOSSIERS_UNSATISFIED_COMPLAINED_OR_LATE)
                .from(DOSSIER_MONTH)
                .where(DOSSIER_MONTH.UNIT_ID.in(unitIds))
                .and(first == null ? noCondition() : DOSSIER_MONTH.MONTH.ge(first))
                .and(last == null ? noCondition() : DOSSIER_MONTH.MONTH.le(last))
                .orderBy(DOSSIER_MONTH.UNIT_ID, DOSSIER_MONTH.MONTH)
                .forEach(r -> cells.add(new Cell(r.value1(), r.value2(), "month", r.value3(), r.value4(),
                        (long) r.value5(), (long) r.value6(), r.value7() == null ? null : (long) r.value7(),
                        r.value8() == null ? null : (long) r.value8())));
        Field<LocalDate> month = field("date_trunc('month', {0})::date", LocalDate.class, DOSSIER.RETURNED_ON);
        var late = not(coalesce(DOSSIER.ON_TIME,
                field(DOSSIER.DUE_ON.isNull().or(DOSSIER.RETURNED_ON.le(DOSSIER.DUE_ON))))).eq(true);
        var ratedUnsatisfied = exists(selectOne()
                .from(RESPONSE)
                .join(QUESTIONNAIRE_VERSION).on(QUESTIONNAIRE_VERSION.ID.eq(RESPONSE.QUESTIONNAIRE_VERSION_ID))
                .join(QUESTIONNAIRE).on(QUESTIONNAIRE.ID.eq(QUESTIONNAIRE_VERSION.QUESTIONNAIRE_ID))
                .join(CRITERION).on(CRITERION.VERSION_ID.eq(RESPONSE.QUESTIONNAIRE_VERSION_ID))
                .where(RESPONSE.AGENCY_ID.eq(DOSSIER.AGENCY_ID))
                .and(RESPONSE.DOSSIER_CODE.eq(DOSSIER.DOSSIER_CODE))
                .and(QUESTIONNAIRE.METHODOLOGY.eq("DOSSIER3"))
                .and(CRITERION.INDICATOR_CODE.eq("DG"))
                .and(condition("{0}[{1}] = 1", RESPONSE.ANSWERS, CRITERION.POSITION)));
        dsl.select(DOSSIER.AGENCY_ID, month, count(), count().filterWhere(late),
                        count().filterWhere(late.or(DOSSIER.COMPLAINED).or(ratedUnsatisfied)))
                .from(DOSSIER)
                .where(DOSSIER.AGENCY_ID.in(unitIds))
                .and(DOSSIER.RETURNED_ON.isNotNull())
                .and(first == null ? noCondition() : DOSSIER.RETURNED_ON.ge(first))
                .and(last == null ? noCondition() : DOSSIER.RETURNED_ON.lt(last.plusMonths(1)))
                .and(notExists(selectOne()
                        .from(DOSSIER_MONTH)
                        .where(DOSSIER_MONTH.UNIT_ID.eq(DOSSIER.AGENCY_ID))
                        .and(DOSSIER_MONTH.MONTH.eq(month))))
                .groupBy(DOSSIER.AGENCY_ID, month)
                .orderBy(DOSSIER.AGENCY_ID, month)
                .forEach(r -> cells.add(new Cell(r.value1(), r.value2(), "dossier", r.value3(), r.value4(), null, null,
                        null, (long) r.value5())));
        return cells;
    }

    static String bucket(LocalDate month, Period period) {
        return switch (period) {
            case YEAR -> String.valueOf(month.getYear());
            case QUARTER -> month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
            case MONTH -> month.toString().substring(0, 7);
        };
    }

    static LocalDate start(String bucket) {
        if (bucket.contains("-Q")) {
            return LocalDate.of(Integer.parseInt(bucket.substring(0, 4)),
                    (Integer.parseInt(bucket.substring(6)) - 1) * 3 + 1, 1);
        }
        return bucket.length() == 4 ? LocalDate.of(Integer.parseInt(bucket), 1, 1) : LocalDate.parse(bucket + "-01");
    }

    static LocalDate end(String bucket) {
        var start = start(bucket);
        var months = bucket.contains("-Q") ? 3 : bucket.length() == 4 ? 12 : 1;
        return start.plusMonths(months).minusDays(1);
    }
}
