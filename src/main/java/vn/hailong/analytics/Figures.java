package vn.hailong.analytics;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import vn.hailong.stats.CriterionEstimate;
import vn.hailong.stats.Estimate;

/**
 * A group's figures as /indices and /trend answer them (and /rankings ranks them): n, whether they are withheld, and
 * when shown the overall index, each element's and each criterion's figures. A withheld group has no figures at all
 * in its JSON, not nulls, and says why when it could not be weighted.
 */
@JsonInclude(Include.NON_NULL)
record Figures(NamedGroup group, long n, boolean suppressed, Estimate index, Map<String, Estimate> elements,
               String band, List<Criterion> criteria, String weightingUnavailable) {

    /** A criterion's share satisfied with its Wilson interval and its mean score; null where nobody answered it. */
    record Criterion(String code, long nValid, long satisfied, Double share, Double wilsonLow, Double wilsonHigh,
                     Double meanScore, Double score0to100) {

        static Criterion of(CriterionEstimate c) {
            return new Criterion(c.criterion(), c.nValid(), c.satisfied(), finite(c.share()), finite(c.wilsonLow()),
                    finite(c.wilsonHigh()), finite(c.meanScore()), finite(c.score0to100()));
        }
    }

    static Figures of(NamedGroup group, Population.Weighted weighted) {
        if (!weighted.published()) {
            return new Figures(group, weighted.n(), true, null, null, null, null, weighted.unavailable());
        }
        var index = weighted.index();
        return new Figures(group, weighted.n(), false, index.overall().orElseThrow(), index.elements(),
                index.band().orElse(null), weighted.estimates().criteria().stream().map(Criterion::of).toList(), null);
    }

    /** A figure, or null (JSON has no NaN) when it could not be computed. */
    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
