package vn.hailong.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published figures of one group: criterion figures with Wilson intervals, and element and overall indices
 * with linearization intervals, either with the responses' own weights or post-stratified to population totals.
 */
public final class Estimates {

    /** Fewer responses than this and a group shows its n but no index. */
    public static final int DEFAULT_MIN_N = 30;

    private final Instrument instrument;
    private final Layout layout;
    private final Linearization lin;

    private Estimates(SufficientStatistics statistics, Map<String, Double> population) {
        this.instrument = statistics.instrument();
        this.layout = statistics.layout();
        this.lin = new Linearization(statistics, population);
    }

    /** Estimates with each response's own weight (1 when unweighted). */
    public static Estimates of(SufficientStatistics statistics) {
        return new Estimates(statistics, null);
    }

    /**
     * Estimates post-stratified to the population totals N_h of the strata, e.g. dossiers handled; every stratum
     * with responses needs a total, and strata without responses are left out.
     */
    public static Estimates postStratified(SufficientStatistics statistics, Map<String, Double> population) {
        return new Estimates(statistics, Map.copyOf(population));
    }

    public long n() {
        return lin.n;
    }

    /** The criteria with at least one valid answer, in the instrument's order. */
    public List<CriterionEstimate> criteria() {
        List<CriterionEstimate> list = new ArrayList<>();
        for (String code : instrument.criteria()) {
            criterion(code).ifPresent(list::add);
        }
        return list;
    }

    /** The figures of one criterion, empty when nobody answered it. */
    public Optional<CriterionEstimate> criterion(String code) {
        int i = instrument.indexOf(code);
        double d = lin.d[i];
        if (!(d > 0)) {
            return Optional.empty();
        }
        int k = layout.levels;
        long valid = 0;
        long satisfied = 0;
        double satisfiedWeight = 0;
        double levelWeight = 0;
        for (int l = 1; l <= k; l++) {
            long count = lin.count(i, l);
            double w = lin.weightedLevel(i, l);
            valid += count;
            levelWeight += l * w;
            if (instrument.methodology().satisfied(l, k)) {
                satisfied += count;
                satisfiedWeight += w;
            }
        }
        double share = clip01(satisfiedWeight / d);
        double nEff = d * d / lin.squaredWeights(i);
        double[] wilson = wilson(share, nEff);
        // Clipped like the share: with non-dyadic weights (post-stratified), Σ l w / D can land an ulp past k.
        double mean = Math.min(k, Math.max(1, levelWeight / d));
        double[] c = new double[layout.criteria];
        c[i] = 1;
        Estimate figure = estimate(lin.s[i], c);
        return Optional.of(new CriterionEstimate(code, valid, satisfied, 100 * share, 100 * wilson[0],
                100 * wilson[1], mean, 100 * (mean - 1) / (k - 1), figure));
    }

    /** Overall and element indices, published when the group has at least {@value #DEFAULT_MIN_N} responses. */
    public IndexEstimate index() {
        return index(DEFAULT_MIN_N);
    }

    /**
     * Overall and element indices, published when the group has at least {@code minN} (and never fewer than two)
     * responses. Criteria nobody answered drop out of their element's mean, and elements with no answered
     * criterion out of the overall index, rather than voiding the index. A questionnaire without elements (a
     * per-dossier rating, a one-tap card) has its overall question's figure as its index.
     */
    public IndexEstimate index(int minN) {
        if (lin.n < Math.max(2, minN)) {
            return IndexEstimate.suppressed(lin.n);
        }
        if (instrument.elements().isEmpty()) {
            return overallQuestion();
        }
        int m = layout.criteria;
        double[] overall = new double[m];
        double weightSum = 0;
        double weightedElements = 0;
        Map<String, Estimate> elements = new LinkedHashMap<>();
        List<Element> defined = instrument.elements();
        for (int j = 0; j < defined.size(); j++) {
            double[] c = elementCoefficients(layout.elementCriteria[j]);
            if (c == null) {
                continue;
            }
            double mean = elementMean(c);
            elements.put(defined.get(j).code(), estimate(mean, c));
            double v = defined.get(j).weight();
            weightSum += v;
            weightedElements += v * mean;
            for (int i = 0; i < m; i++) {
                overall[i] += v * c[i];
            }
        }
        if (elements.isEmpty()) {
            return IndexEstimate.suppressed(lin.n);
        }
        for (int i = 0; i < m; i++) {
            overall[i] /= weightSum;
        }
        Estimate index = estimate(weightedElements / weightSum, overall);
        return new IndexEstimate(lin.n, Optional.of(index), elements, instrument.methodology().band(index.value()));
    }

    /** The index I = S_HL of a questionnaire without elements: c = 1 on its overall question, none when unanswered. */
    private IndexEstimate overallQuestion() {
        var overall = instrument.overall();
        if (overall.isEmpty() || !(lin.d[instrument.indexOf(overall.get())] > 0)) {
            return IndexEstimate.suppressed(lin.n);
        }
        int i = instrument.indexOf(overall.get());
        double[] c = new double[layout.criteria];
        c[i] = 1;
        Estimate index = estimate(lin.s[i], c);
        return new IndexEstimate(lin.n, Optional.of(index), Map.of(), instrument.methodology().band(index.value()));
    }

    /** c_i = 1/|answered criteria of the element|, or null when none was answered. */
    private double[] elementCoefficients(int[] members) {
        int answered = 0;
        for (int i : members) {
            answered += lin.d[i] > 0 ? 1 : 0;
        }
        if (answered == 0) {
            return null;
        }
        double[] c = new double[layout.criteria];
        for (int i : members) {
            c[i] = lin.d[i] > 0 ? 1.0 / answered : 0;
        }
        return c;
    }

    /** Σ c_i S_i for an element's coefficients, computed as the mean of its figures so that equal ones stay exact. */
    private double elementMean(double[] c) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < c.length; i++) {
            if (c[i] != 0) {
                sum += lin.s[i];
                count++;
            }
        }
        return sum / count;
    }

    private Estimate estimate(double value, double[] c) {
        // One response has no variance estimate (n − 1 = 0); its interval collapses rather than turning NaN.
        double se = lin.n >= 2 ? Math.sqrt(lin.variance(c)) : 0;
        return Estimate.of(100 * value, 100 * se);
    }

    /** Wilson score interval; for unweighted data R's {@code prop.test(k, n, correct = FALSE)$conf.int}. */
    static double[] wilson(double p, double n) {
        double z2 = Normal.Z_95 * Normal.Z_95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Normal.Z_95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        // The interval always holds p; min/max only guard against the last bit of rounding at p = 0 or 1.
        return new double[] {Math.min(p, clip01(centre - half)), Math.max(p, clip01(centre + half))};
    }

    private static double clip01(double x) {
        return Math.min(1, Math.max(0, x));
    }
}
