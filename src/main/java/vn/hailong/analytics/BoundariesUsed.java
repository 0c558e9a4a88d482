package vn.hailong.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.jooq.DSLContext;

import vn.hailong.rollup.Dimension;
import vn.hailong.rollup.Filter;
import vn.hailong.units.UnitHistory;

/**
 * What every analytics answer says of its boundaries: the view it was read in ({@code current}, the default, or
 * {@code historical}); in the current view, the figures that are estimates (a unit of the answer whose figures
 * include a share of a unit split with stated shares, for the days before the split); the days units of the answer
 * merged, split, were dissolved or moved ({@code changes}); and, for an answer over time (year on year, compare,
 * trend, the report), a sentence saying how the periods before those days are counted.
 */
record BoundariesUsed(String view, List<Estimate> estimates, List<LocalDate> changes, String noteVi, String noteEn) {

    /** {@code unit}'s figures include {@code share} of the ratings of {@code from}, split on {@code until}. */
    record Estimate(String unit, String nameVi, String nameEn, String from, String fromNameVi, String fromNameEn,
                    double share, LocalDate until) {
    }

    /** The boundaries of an answer to {@code f}, grouped by {@code groupBy}; {@code overTime}: one that compares periods. */
    static BoundariesUsed of(DSLContext dsl, Filter f, List<Dimension> groupBy, boolean overTime) {
        var history = UnitHistory.read(dsl);
        boolean historical = f.boundaries().historical();
        var root = f.unit() != null ? f.unit() : f.scope().root();
        var subtree = root == null ? null : history.currentSubtree(root);
        var estimates = new ArrayList<Estimate>();
        if (!historical) {
            for (var s : history.statedShares()) {
                if (f.from() != null && !f.from().isBefore(s.effective())) {
                    continue; // the question's days all come after the split: no share of it
                }
                boolean successorIn = subtree == null || subtree.contains(s.successor());
                Long shown = null;
                if (groupBy.contains(Dimension.UNIT) && successorIn) {
                    shown = s.successor();
                } else if (!groupBy.contains(Dimension.UNIT) && subtree != null && successorIn
                        && !subtree.contains(s.predecessor())) {
                    shown = root;
                }
                if (shown != null) {
                    var unit = history.unit(shown).orElseThrow();
                    var from = history.unit(s.predecessor()).orElseThrow();
                    estimates.add(new Estimate(unit.code(), unit.nameVi(), unit.nameEn(), from.code(), from.nameVi(),
                            from.nameEn(), s.share(), s.effective()));
                }
            }
        }
        var changes = new TreeSet<LocalDate>();
        for (var e : history.events()) {
            if (!e.kind().equals("rename") && (subtree == null || subtree.contains(e.unit()))) {
                changes.add(e.effective());
            }
        }
        String noteVi = null;
        String noteEn = null;
        if (overTime && !historical) {
            noteVi = "So sánh theo địa giới hiện nay (mặc định): số liệu trước ngày sáp nhập, chia tách của các đơn vị"
                    + " đã kết thúc được tính vào đơn vị kế thừa; chọn địa giới tại thời điểm đánh giá"
                    + " (boundaries=historical) để xem theo đơn vị khi đó.";
            noteEn = "Compared in today's boundaries (the default): the figures of units that have ended count, before"
                    + " their merger or split, under the units that carry them on; ask boundaries=historical for the"
                    + " units as they were.";
        } else if (overTime) {
            noteVi = "So sánh theo địa giới tại thời điểm đánh giá: mỗi đánh giá được tính vào đơn vị đã nhận nó khi"
                    + " đó; đơn vị mới không có số liệu trước ngày thành lập.";
            noteEn = "Compared in the boundaries as they were: each rating counts under the unit that received it;"
                    + " a new unit has no figures before it began.";
        }
        return new BoundariesUsed(f.boundaries().label(), estimates, List.copyOf(changes), noteVi, noteEn);
    }
}
