package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The index and its SE computed from sums equal METHODOLOGY.md's per-response formulas applied directly to the
 * responses, with any weights and with post-stratification.
 */
class LinearizationProperties {

    private static final Map<String, Double> POPULATION = Map.of("A", 700.0, "B", 2100.0);

    @Test
    void weighted_index_and_se_equal_the_direct_formula() {
        Cases.check(500, random -> compare(Groups.responses(random, Groups.SIPAS, 2, 40), null));
    }

    /** Every case has both strata (and so at least two responses). */
    @Test
    void post_stratified_index_and_se_equal_the_direct_formula() {
        Cases.check(500, random -> compare(Groups.bothStrata(random, Groups.SIPAS, 2, 40), POPULATION));
    }

    private static void compare(List<Response> responses, Map<String, Double> population) {
        SufficientStatistics s = Groups.statistics(Groups.SIPAS, responses);
        Estimates estimates = population == null ? Estimates.of(s) : Estimates.postStratified(s, population);
        IndexEstimate index = estimates.index(2);
        double[] direct = direct(responses, population);
        if (Double.isNaN(direct[0])) {
            assertThat(index.published()).isFalse();
            return;
        }
        Estimate overall = index.overall().orElseThrow();
        assertThat(overall.value()).isCloseTo(100 * direct[0], within(1e-9));
        assertThat(overall.se()).isCloseTo(100 * direct[1], within(1e-9));
    }

    /** {index, SE} as fractions, straight from the definitions, response by response. */
    private static double[] direct(List<Response> responses, Map<String, Double> population) {
        Instrument sipas = Groups.SIPAS;
        int n = responses.size();
        double[] w = new double[n];
        Map<String, Double> stratumWeight = new HashMap<>();
        responses.forEach(r -> stratumWeight.merge(r.stratum(), r.weight(), Double::sum));
        for (int r = 0; r < n; r++) {
            Response response = responses.get(r);
            w[r] = response.weight()
                    * (population == null ? 1 : population.get(response.stratum()) / stratumWeight.get(response.stratum()));
        }
        int m = sipas.criteria().size();
        double[] d = new double[m];
        double[] share = new double[m];
        for (int r = 0; r < n; r++) {
            int[] x = responses.get(r).levels();
            for (int i = 0; i < m; i++) {
                if (x[i] > 0) {
                    d[i] += w[r];
                    share[i] += w[r] * (x[i] >= 4 ? 1 : 0);
                }
            }
        }
        for (int i = 0; i < m; i++) {
            share[i] = d[i] > 0 ? share[i] / d[i] : 0;
        }
        // c_i = v_j / |answered criteria of j|, over elements with an answered criterion (equal v_j).
        double[] c = new double[m];
        double index = 0;
        int elements = 0;
        for (Element e : sipas.elements()) {
            long answered = e.criteria().stream().filter(code -> d[sipas.indexOf(code)] > 0).count();
            if (answered > 0) {
                elements++;
            }
        }
        if (elements == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        for (Element e : sipas.elements()) {
            long answered = e.criteria().stream().filter(code -> d[sipas.indexOf(code)] > 0).count();
            for (String code : e.criteria()) {
                int i = sipas.indexOf(code);
                if (d[i] > 0) {
                    c[i] = 1.0 / elements / answered;
                    index += c[i] * share[i];
                }
            }
        }
        double[] z = new double[n];
        for (int r = 0; r < n; r++) {
            int[] x = responses.get(r).levels();
            for (int i = 0; i < m; i++) {
                if (x[i] > 0 && c[i] != 0) {
                    z[r] += c[i] * ((x[i] >= 4 ? 1 : 0) - share[i]) / d[i];
                }
            }
        }
        if (population != null) {
            Map<String, Double> wz = new HashMap<>();
            Map<String, Double> ws = new HashMap<>();
            for (int r = 0; r < n; r++) {
                wz.merge(responses.get(r).stratum(), w[r] * z[r], Double::sum);
                ws.merge(responses.get(r).stratum(), w[r], Double::sum);
            }
            for (int r = 0; r < n; r++) {
                String h = responses.get(r).stratum();
                z[r] -= wz.get(h) / ws.get(h);
            }
        }
        double mean = 0;
        for (int r = 0; r < n; r++) {
            mean += w[r] * z[r] / n;
        }
        double sum = 0;
        for (int r = 0; r < n; r++) {
            double dev = w[r] * z[r] - mean;
            sum += dev * dev;
        }
        return new double[] {index, Math.sqrt(n / (n - 1.0) * sum)};
    }
}
