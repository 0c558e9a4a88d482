package vn.hailong.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A group's overall and element indices with their 95% intervals; below the minimum number of responses only n
 * is published ("too few responses") and the estimates are empty.
 */
public record IndexEstimate(long n, Optional<Estimate> overall, Map<String, Estimate> elements, Optional<String> band) {

    public IndexEstimate {
        // Keeps the instrument's element order.
        elements = Collections.unmodifiableMap(new LinkedHashMap<>(elements));
    }

    static IndexEstimate suppressed(long n) {
        return new IndexEstimate(n, Optional.empty(), Map.of(), Optional.empty());
    }

    /** Whether the group had enough responses (and answers) for an index. */
    public boolean published() {
        return overall.isPresent();
    }
}
