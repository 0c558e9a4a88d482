package vn.hailong.analytics;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import vn.hailong.stats.SufficientStatistics;

/**
 * A group in /distribution: n, whether its counts are withheld, and when shown how many answered each level of each
 * criterion. A withheld group has no criteria in its JSON, not null.
 */
@JsonInclude(Include.NON_NULL)
record DistributionRow(NamedGroup group, long n, boolean suppressed, List<Counts> criteria) {

    /** How many answered each level 1..k of a criterion, and in all (N/A not counted). */
    record Counts(String code, long[] counts, long answered) {
    }

    static DistributionRow of(NamedGroup group, SufficientStatistics stats, AnalyticsRequest request) {
        if (!Population.countsShown(request, stats)) {
            return new DistributionRow(group, stats.n(), true, null);
        }
        var criteria = stats.instrument().criteria().stream().map(code -> {
            var counts = stats.levelCounts(code);
            return new Counts(code, counts, Arrays.stream(counts).sum());
        }).toList();
        return new DistributionRow(group, stats.n(), false, criteria);
    }
}
