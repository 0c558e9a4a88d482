package vn.hailong.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The executive summary, written from the significant findings only: the scope's index and its change, the units and the
 * criteria whose change is significant after Benjamini–Hochberg (as /compare flags them), and the units below their
 * target — or, where no target is set, the units whose whole 95 % interval lies below the scope's own index.
 */
final class Summary {
    /** Up to this many criteria are named in a sentence; more are given by their codes. */
    private static final int NAMED = 5;

    private Summary() {
    }

    static List<String> of(Report r) {
        var w = new Wording(r.english());
        var s = r.scope();
        var out = new ArrayList<String>();
        if (s.index() == null) {
            out.add(w.t(Wording.capital(w.period(r.period())) + " " + s.name() + " có " + w.count(s.n()) + " phiếu, chưa đủ " + r.minN()
                            + " phiếu để công bố chỉ số.",
                    "In " + w.period(r.period()) + " " + s.name() + " had " + w.count(s.n()) + " responses, fewer than the "
                            + r.minN() + " needed to publish an index."));
            return out;
        }
        out.add(w.t(Wording.capital(w.period(r.period())) + ", chỉ số hài lòng chung của " + s.name() + " là " + w.num(s.index().value())
                        + " điểm (khoảng tin cậy 95 %: " + w.interval(s.index()) + "), tính trên " + w.count(s.n()) + " phiếu.",
                "In " + w.period(r.period()) + ", the overall satisfaction index of " + s.name() + " was " + w.num(s.index().value())
                        + " points (95 % confidence interval " + w.interval(s.index()) + "), from " + w.count(s.n())
                        + " responses."));
        if (s.target() != null) {
            out.add(verdict(w, s.index(), s.target()));
        }
        var before = w.baseline(r.period());
        var change = s.change();
        if (change == null) {
            out.add(w.t("Chưa đủ phiếu " + before + " để so sánh.", "There were too few responses in " + before
                    + " to compare."));
        } else if (change.significant()) {
            out.add(w.t("So với " + before + ", chỉ số " + (change.delta() > 0 ? "tăng " : "giảm ")
                            + w.num(Math.abs(change.delta())) + " điểm; thay đổi có ý nghĩa thống kê (p hiệu chỉnh "
                            + pPhrase(w, change.adjustedP()) + ").",
                    "Since " + before + " the index " + (change.delta() > 0 ? "rose " : "fell ")
                            + w.num(Math.abs(change.delta())) + " points, a significant change (adjusted p "
                            + pPhrase(w, change.adjustedP()) + ")."));
        } else {
            out.add(w.t("So với " + before + ", chỉ số thay đổi " + w.signed(change.delta())
                            + " điểm, không có ý nghĩa thống kê.",
                    "Since " + before + " the index changed by " + w.signed(change.delta())
                            + " points, not a significant change."));
        }
        var compared = r.units().stream().filter(u -> u.change() != null).toList();
        if (!compared.isEmpty()) {
            var rose = names(w, compared, u -> u.change().significant() && u.change().delta() > 0);
            var fell = names(w, compared, u -> u.change().significant() && u.change().delta() < 0);
            if (rose.isEmpty() && fell.isEmpty()) {
                out.add(w.t("Không cơ quan, đơn vị nào có chỉ số thay đổi có ý nghĩa thống kê so với " + before + ".",
                        "No unit's index changed significantly since " + before + "."));
            }
            if (!rose.isEmpty()) {
                out.add(w.t("Cơ quan, đơn vị có chỉ số tăng có ý nghĩa thống kê: " + rose + ".",
                        "Units whose index rose significantly: " + rose + "."));
            }
            if (!fell.isEmpty()) {
                out.add(w.t("Cơ quan, đơn vị có chỉ số giảm có ý nghĩa thống kê: " + fell + ".",
                        "Units whose index fell significantly: " + fell + "."));
            }
        }
        var criteria = r.criteria().stream().filter(c -> c.change() != null).toList();
        if (!criteria.isEmpty()) {
            var rose = criteria(w, criteria, c -> c.change().significant() && c.change().delta() > 0);
            var fell = criteria(w, criteria, c -> c.change().significant() && c.change().delta() < 0);
            if (rose.isEmpty() && fell.isEmpty()) {
                out.add(w.t("Không tiêu chí nào có tỷ lệ hài lòng thay đổi có ý nghĩa thống kê.",
                        "No criterion's share satisfied changed significantly."));
            }
            if (!rose.isEmpty()) {
                out.add(w.t("Tiêu chí có tỷ lệ hài lòng tăng có ý nghĩa thống kê: " + rose + ".",
                        "Criteria whose share satisfied rose significantly: " + rose + "."));
            }
            if (!fell.isEmpty()) {
                out.add(w.t("Tiêu chí có tỷ lệ hài lòng giảm có ý nghĩa thống kê: " + fell + ".",
                        "Criteria whose share satisfied fell significantly: " + fell + "."));
            }
        }
        out.add(below(w, r));
        return out;
    }

    /**
     * The units against their targets, as the dashboard's headline judges one: below it when the whole 95 % interval is
     * below, not yet decided when the interval holds it; with no target, the units wholly below the scope's index.
     */
    private static String below(Wording w, Report r) {
        var shown = r.units().stream().filter(u -> u.index() != null).toList();
        var targeted = shown.stream().filter(u -> u.target() != null).toList();
        if (!targeted.isEmpty()) {
            var under = targeted.stream().filter(u -> u.index().high() < u.target())
                    .map(u -> u.name() + " (" + w.figure(u.index()) + w.t("; mục tiêu ", "; target ") + w.num(u.target()) + ")")
                    .toList();
            var open = targeted.stream().filter(u -> u.index().low() < u.target() && u.index().high() >= u.target())
                    .map(Report.UnitRow::name).toList();
            var out = new ArrayList<String>();
            out.add(under.isEmpty()
                    ? w.t("Không cơ quan, đơn vị nào chắc chắn chưa đạt mục tiêu.", "No unit is clearly below its target.")
                    : w.t("Cơ quan, đơn vị chưa đạt mục tiêu (cả khoảng tin cậy 95 % nằm dưới mục tiêu): " + String.join("; ", under) + ".",
                            "Units below their target (the whole 95 % interval below it): " + String.join("; ", under) + "."));
            if (!open.isEmpty()) {
                out.add(w.t("Chưa khẳng định được đạt hay chưa đạt mục tiêu (khoảng tin cậy chứa mục tiêu): " + String.join("; ", open) + ".",
                        "Not yet certain whether the target is met (the interval holds it): " + String.join("; ", open) + "."));
            }
            return String.join(" ", out);
        }
        double mark = r.scope().index().value();
        var under = shown.stream().filter(u -> u.index().high() < mark)
                .sorted(Comparator.comparingDouble(u -> u.index().value()))
                .map(u -> u.name() + " (" + w.figure(u.index()) + ")").toList();
        if (under.isEmpty()) {
            return w.t("Chưa đặt mục tiêu; không cơ quan, đơn vị nào thấp hơn rõ rệt so với chỉ số chung "
                            + w.num(mark) + " điểm.",
                    "No target is set; no unit is clearly below the overall index of " + w.num(mark) + " points.");
        }
        return w.t("Chưa đặt mục tiêu; cơ quan, đơn vị thấp hơn rõ rệt so với chỉ số chung " + w.num(mark)
                        + " điểm (cả khoảng tin cậy 95 % nằm dưới): " + String.join("; ", under) + ".",
                "No target is set; units clearly below the overall index of " + w.num(mark)
                        + " points (their whole 95 % interval below it): " + String.join("; ", under) + ".");
    }

    /** The scope against its target, judged as the dashboard's headline judges it: by the whole 95 % interval. */
    private static String verdict(Wording w, Report.Figure index, double target) {
        var goal = w.num(target);
        if (index.low() >= target) {
            return w.t("Đạt mục tiêu " + goal + " điểm: cả khoảng tin cậy 95 % nằm từ mục tiêu trở lên.",
                    "The target of " + goal + " points is met: the whole 95 % interval is at or above it.");
        }
        if (index.high() < target) {
            return w.t("Chưa đạt mục tiêu " + goal + " điểm: cả khoảng tin cậy 95 % nằm dưới mục tiêu.",
                    "The target of " + goal + " points is not met: the whole 95 % interval is below it.");
        }
        return w.t("Chưa khẳng định được đã đạt mục tiêu " + goal + " điểm hay chưa: khoảng tin cậy 95 % chứa mục tiêu.",
                "It cannot yet be said whether the target of " + goal + " points is met: the 95 % interval holds it.");
    }

    private static String names(Wording w, List<Report.UnitRow> units, Predicate<Report.UnitRow> which) {
        return String.join("; ", units.stream().filter(which)
                .map(u -> u.name() + " (" + w.signed(u.change().delta()) + w.t(" điểm", " points") + ")").toList());
    }

    /** The criteria that match, named when there are few, by code alone when there are many. */
    private static String criteria(Wording w, List<Report.CriterionRow> rows, Predicate<Report.CriterionRow> which) {
        var matching = rows.stream().filter(which).toList();
        boolean named = matching.size() <= NAMED;
        return String.join("; ", matching.stream()
                .map(c -> c.code() + (named ? " " + c.name() : "") + " (" + w.signed(c.change().delta())
                        + w.t(" điểm", " points") + ")")
                .toList());
    }

    private static String pPhrase(Wording w, double p) {
        var text = w.p(p);
        return text.startsWith("<") ? text : "= " + text;
    }
}
