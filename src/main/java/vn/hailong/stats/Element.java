package vn.hailong.stats;

import java.util.List;

/**
 * A group of criteria (yếu tố) whose index is the mean of their figures, weighted {@code weight} in the overall index.
 */
public record Element(String code, List<String> criteria, double weight) {

    public Element {
        criteria = List.copyOf(criteria);
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException("element " + code + " has no criteria");
        }
        if (!(weight > 0)) {
            throw new IllegalArgumentException("element " + code + " needs a positive weight");
        }
    }
}
