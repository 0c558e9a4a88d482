package vn.hailong.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import vn.hailong.stats.Comparison;
import vn.hailong.stats.Estimate;
import vn.hailong.stats.Estimates;
import vn.hailong.stats.IndexEstimate;
import vn.hailong.stats.YearOnYear;

/**
 * The alert rule, a pure function of every unit's figures in two windows (docs/alerts.md). No database: the
 * simulation in the tests runs it on thousands of made-up weeks.
 *
 * <ul>
 * <li>A unit is <em>checked</em> when its overall index is published in both windows (min_n responses, as the
 * statistics core publishes it, {@link Estimates#index(int)}); a unit below min_n in either window is never alerted.
 * <li>Its change is recent − baseline with the core's comparison of independent samples ({@link Comparison#between}):
 * SE_Δ = √(SE₁² + SE₂²), two-sided p. The changes of all the units checked form one family, adjusted by
 * Benjamini–Hochberg at q = 0.05 ({@link YearOnYear#flag}), exactly as GET /compare flags the overall changes of the
 * groups it shows. <b>drop</b>: significant after the adjustment and below zero. Two-sided on purpose: an alert
 * then says "significant fall" exactly when the dashboard comparing the same windows would; a fall alone is thus
 * tested at q/2 in effect, the conservative side for something that e-mails people.
 * <li><b>below_target</b>: the unit is held to a target (its own or inherited) and the whole 95% interval of its
 * recent index is below it: the headline's "Chưa đạt" (high &lt; target).
 * <li>Each alert names the {@value #CRITERIA_SHOWN} criteria whose figure fell most (or rose least), with their
 * changes flagged by Benjamini–Hochberg within the unit's criteria, as /compare does.
 * </ul>
 */
public final class AlertCheck {
    public static final String DROP = "drop";
    public static final String BELOW_TARGET = "below_target";
    public static final int CRITERIA_SHOWN = 3;

    private AlertCheck() {
    }

    /** A target a unit is held to: its value on the index scale, and the unit that set it. */
    public record Target(double value, String from, boolean inherited) {
    }

    /** One unit's figures: its estimates in each window (null when it had no responses then) and its target, if any. */
    public record Unit(long unitId, Estimates recent, Estimates baseline, Target target) {
    }

    /** An index in one window: value, SE and 95% interval in points, and n. */
    public record Figure(double value, double se, double low, double high, long n) {
        static Figure of(Estimate e, long n) {
            return new Figure(e.value(), e.se(), e.low(), e.high(), n);
        }
    }

    /**
     * The change recent − baseline in points: SE, 95% interval, z, two-sided p, q (its Benjamini–Hochberg-adjusted p
     * in its family) and whether it is significant at {@link YearOnYear#Q}.
     */
    public record Change(double delta, double se, double low, double high, double z, double p, double q,
                         boolean significant) {
        static Change of(YearOnYear.Flagged f) {
            var c = f.comparison();
            return new Change(c.delta(), c.se(), c.low(), c.high(), finite(c.z()), c.pValue(), f.adjustedP(),
                    f.significant());
        }

        /** JSON has no infinity: a change without sampling error has z ±1e9. */
        private static double finite(double z) {
            return Double.isInfinite(z) ? Math.copySign(1e9, z) : z;
        }
    }

    /** A criterion's figure in both windows and its change, flagged within the unit's criteria. */
    public record CriterionChange(String code, double recent, double baseline, Change change) {
    }

    /**
     * What an alert was raised on: both windows' indices, the change with its place in the family ({@code family}:
     * how many units were checked), the target if the unit has one, the criteria that moved most, and min_n.
     */
    public record Figures(Figure recent, Figure baseline, Change change, int family, double q, Target target,
                          List<CriterionChange> criteria, int minN) {
    }

    /**
     * An alert to raise: the unit, the kind (drop, below_target) and the figures. A below_target alert of a unit
     * without a published baseline has no baseline, no change and no criteria (null, null, empty).
     */
    public record Raised(long unitId, String kind, Figures figures) {
    }

    /** The units checked (n ≥ min_n in both windows) and the alerts raised, drops first, each by unit id. */
    public record Result(List<Long> checked, List<Raised> raised) {
    }

    /** Checks every unit given; see the class comment for the rule. */
    public static Result check(List<Unit> units, int minN) {
        var checked = new ArrayList<Unit>();
        var recentIndex = new ArrayList<IndexEstimate>();
        var baselineIndex = new ArrayList<IndexEstimate>();
        var family = new ArrayList<Comparison>();
        for (var u : units) {
            if (u.recent() == null || u.baseline() == null) {
                continue;
            }
            var now = u.recent().index(minN);
            var before = u.baseline().index(minN);
            if (!now.published() || !before.published()) {
                continue;
            }
            checked.add(u);
            recentIndex.add(now);
            baselineIndex.add(before);
            family.add(Comparison.between(before.overall().orElseThrow(), now.overall().orElseThrow()));
        }
        var flags = YearOnYear.flag(family);
        var drops = new ArrayList<Raised>();
        var belowTarget = new ArrayList<Raised>();
        for (int i = 0; i < checked.size(); i++) {
            var u = checked.get(i);
            var change = Change.of(flags.get(i));
            var recent = recentIndex.get(i).overall().orElseThrow();
            boolean drop = change.significant() && change.delta() < 0;
            boolean below = u.target() != null && recent.high() < u.target().value();
            if (!drop && !below) {
                continue;
            }
            var figures = new Figures(Figure.of(recent, u.recent().n()),
                    Figure.of(baselineIndex.get(i).overall().orElseThrow(), u.baseline().n()), change, checked.size(),
                    YearOnYear.Q, u.target(), movedMost(u), minN);
            if (drop) {
                drops.add(new Raised(u.unitId(), DROP, figures));
            }
            if (below) {
                belowTarget.add(new Raised(u.unitId(), BELOW_TARGET, figures));
            }
        }
        // A unit with enough recent ratings but no baseline to compare with (a new unit, one that was too thin a year
        // ago) can still be clearly below its target: that needs the recent window only.
        for (var u : units) {
            if (checked.contains(u) || u.recent() == null || u.target() == null) {
                continue;
            }
            var now = u.recent().index(minN);
            if (!now.published()) {
                continue;
            }
            var recent = now.overall().orElseThrow();
            if (recent.high() < u.target().value()) {
                belowTarget.add(new Raised(u.unitId(), BELOW_TARGET, new Figures(Figure.of(recent, u.recent().n()),
                        null, null, checked.size(), YearOnYear.Q, u.target(), List.of(), minN)));
            }
        }
        var raised = new ArrayList<Raised>(drops);
        raised.addAll(belowTarget);
        return new Result(checked.stream().map(Unit::unitId).toList(), raised);
    }

    /**
     * The criteria whose figure fell most (or rose least), at most {@link #CRITERIA_SHOWN}, with their changes flagged
     * by Benjamini–Hochberg within the unit's criteria (the family GET /compare flags them in).
     */
    static List<CriterionChange> movedMost(Unit u) {
        var changes = YearOnYear.criteria(u.baseline().criteria(), u.recent().criteria());
        var codes = List.copyOf(changes.keySet());
        var flags = YearOnYear.flag(List.copyOf(changes.values()));
        var all = new ArrayList<CriterionChange>();
        for (int i = 0; i < codes.size(); i++) {
            var code = codes.get(i);
            all.add(new CriterionChange(code, u.recent().criterion(code).orElseThrow().figure().value(),
                    u.baseline().criterion(code).orElseThrow().figure().value(), Change.of(flags.get(i))));
        }
        all.sort(Comparator.comparingDouble((CriterionChange c) -> c.change().delta()).thenComparing(CriterionChange::code));
        return List.copyOf(all.subList(0, Math.min(CRITERIA_SHOWN, all.size())));
    }
}
