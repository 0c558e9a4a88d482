package vn.hailong.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Year-on-year changes of a group's indices and criteria, with Benjamini–Hochberg flags across a family. */
public final class YearOnYear {

    /** The false discovery rate significance is flagged at. */
    public static final double Q = 0.05;

    private YearOnYear() {
    }

    /**
     * Overall and element indices of the later year against the earlier one (keys "overall" and element codes);
     * empty when either year is unpublished.
     */
    public static Map<String, Comparison> indices(IndexEstimate before, IndexEstimate after) {
        Map<String, Comparison> changes = new LinkedHashMap<>();
        if (before.overall().isEmpty() || after.overall().isEmpty()) {
            return changes;
        }
        changes.put("overall", Comparison.between(before.overall().get(), after.overall().get()));
        before.elements().forEach((code, estimate) -> {
            Estimate later = after.elements().get(code);
            if (later != null) {
                changes.put(code, Comparison.between(estimate, later));
            }
        });
        return changes;
    }

    /** Criterion figures by indicator code; only codes present in both years are compared. */
    public static Map<String, Comparison> criteria(List<CriterionEstimate> before, List<CriterionEstimate> after) {
        Map<String, Estimate> earlier = new LinkedHashMap<>();
        before.forEach(c -> earlier.put(c.criterion(), c.figure()));
        Map<String, Comparison> changes = new LinkedHashMap<>();
        for (CriterionEstimate later : after) {
            Estimate e = earlier.get(later.criterion());
            if (e != null) {
                changes.put(later.criterion(), Comparison.between(e, later.figure()));
            }
        }
        return changes;
    }

    /** Flags each comparison of a family shown together, after Benjamini–Hochberg at {@link #Q}. */
    public static List<Flagged> flag(List<Comparison> family) {
        double[] p = family.stream().mapToDouble(Comparison::pValue).toArray();
        double[] adjusted = BenjaminiHochberg.adjust(p);
        List<Flagged> flagged = new ArrayList<>(family.size());
        for (int i = 0; i < p.length; i++) {
            flagged.add(new Flagged(family.get(i), adjusted[i], adjusted[i] <= Q));
        }
        return flagged;
    }

    /** A comparison with its BH-adjusted p-value and whether it is significant in its family. */
    public record Flagged(Comparison comparison, double adjustedP, boolean significant) {
    }
}
