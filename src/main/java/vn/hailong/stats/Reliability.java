package vn.hailong.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Cronbach's α per element, raw, on the 1..k answers of complete cases, unweighted ({@code psych::alpha}). */
public final class Reliability {

    private Reliability() {
    }

    /** α of every element it is defined for (at least two criteria, two complete cases and some variance). */
    public static List<Alpha> cronbach(SufficientStatistics statistics) {
        List<Alpha> alphas = new ArrayList<>();
        for (Element e : statistics.instrument().elements()) {
            cronbach(statistics, e.code()).ifPresent(alphas::add);
        }
        return alphas;
    }

    static Optional<Alpha> cronbach(SufficientStatistics statistics, String element) {
        List<Element> elements = statistics.instrument().elements();
        int j = 0;
        while (j < elements.size() && !elements.get(j).code().equals(element)) {
            j++;
        }
        if (j == elements.size()) {
            throw new IllegalArgumentException("unknown element " + element);
        }
        Layout layout = statistics.layout();
        int k = layout.elementCriteria[j].length;
        int base = layout.cronbachBase[j];
        long[] sums = new long[Layout.cronbachWidth(k)];
        for (StratumStatistics st : statistics.strata().values()) {
            for (int o = 0; o < sums.length; o++) {
                sums[o] += st.count(base + o);
            }
        }
        long n = sums[0];
        if (k < 2 || n < 2) {
            return Optional.empty();
        }
        // n² · covariance·(n−1)/n, exact in long: n Σxy − Σx Σy.
        double itemVariances = 0;
        double totalVariance = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                long centred = n * sums[Layout.cronbachProduct(k, a, b)] - sums[1 + a] * sums[1 + b];
                totalVariance += (a == b ? 1 : 2) * centred;
                itemVariances += a == b ? centred : 0;
            }
        }
        if (totalVariance <= 0) {
            return Optional.empty();
        }
        double alpha = k / (k - 1.0) * (1 - itemVariances / totalVariance);
        return Optional.of(new Alpha(element, n, alpha));
    }

    /** Cronbach's α of one element over its {@code nComplete} complete cases. */
    public record Alpha(String element, long nComplete, double alpha) {
    }
}
