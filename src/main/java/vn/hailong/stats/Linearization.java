package vn.hailong.stats;

import java.util.List;
import java.util.Map;

/**
 * Point estimates and linearization variances of linear combinations Σ c_i S_i of criterion figures, from the
 * sufficient statistics, optionally post-stratified to population totals.
 *
 * <p>With b_i = c_i / D_i and z_r = Σ_i b_i a_ri (y_ri − S_i), each stratum contributes Σ w² z² from the level and
 * pair sums, Σ w z and Σ w² z from the level sums; post-stratification scales a stratum's weights by
 * g_h = N_h / Σ_h w and centres z on its stratum mean before the variance n/(n−1) Σ (e_r − ē)².
 */
final class Linearization {

    private final Layout layout;
    private final StratumStatistics[] strata;
    private final double[] g;
    private final boolean centred;
    final long n;
    /** Per stratum and criterion: Σw·a, Σw·a·y, Σw²·a, Σw²·a·y, Σw²·a·y². */
    private final double[][] w1a;
    private final double[][] w1ay;
    private final double[][] w2a;
    private final double[][] w2ay;
    private final double[][] w2ayy;
    /** Per criterion, over the group with final weights: D_i = Σw·a and S_i. */
    final double[] d;
    final double[] s;

    Linearization(SufficientStatistics statistics, Map<String, Double> population) {
        layout = statistics.layout();
        List<String> names = List.copyOf(statistics.strata().keySet());
        strata = statistics.strata().values().toArray(StratumStatistics[]::new);
        centred = population != null;
        g = new double[strata.length];
        long total = 0;
        for (int h = 0; h < strata.length; h++) {
            total += strata[h].n();
            g[h] = centred ? populationTotal(population, names.get(h)) / strata[h].sum(0) : 1;
        }
        n = total;

        double[] value = new double[layout.levels + 1];
        Instrument instrument = statistics.instrument();
        for (int l = 1; l <= layout.levels; l++) {
            value[l] = instrument.value(l);
        }
        int m = layout.criteria;
        w1a = new double[strata.length][m];
        w1ay = new double[strata.length][m];
        w2a = new double[strata.length][m];
        w2ay = new double[strata.length][m];
        w2ayy = new double[strata.length][m];
        d = new double[m];
        s = new double[m];
        double[] t = new double[m];
        for (int h = 0; h < strata.length; h++) {
            StratumStatistics st = strata[h];
            for (int i = 0; i < m; i++) {
                for (int l = 1; l <= layout.levels; l++) {
                    double sw = st.sum(layout.levelWeight(i, l));
                    double sw2 = st.sum(layout.levelWeightSquared(i, l));
                    double y = value[l];
                    w1a[h][i] += sw;
                    w1ay[h][i] += sw * y;
                    w2a[h][i] += sw2;
                    w2ay[h][i] += sw2 * y;
                    w2ayy[h][i] += sw2 * y * y;
                }
                d[i] += g[h] * w1a[h][i];
                t[i] += g[h] * w1ay[h][i];
            }
        }
        for (int i = 0; i < m; i++) {
            s[i] = d[i] > 0 ? t[i] / d[i] : 0;
        }
    }

    private static double populationTotal(Map<String, Double> population, String stratum) {
        Double total = population.get(stratum);
        if (total == null || !(total > 0)) {
            throw new IllegalArgumentException("no population total for stratum " + stratum);
        }
        return total;
    }

    /** Σ (w·a) and Σ (w·a)² over the group with final weights, per criterion: Kish's n_eff = D² / that. */
    double squaredWeights(int criterion) {
        double sum = 0;
        for (int h = 0; h < strata.length; h++) {
            sum += g[h] * g[h] * w2a[h][criterion];
        }
        return sum;
    }

    /** Σ over the group, with final weights, of the level-sum column picked by {@code offset(criterion, level)}. */
    double weightedLevels(int criterion, int level) {
        double sum = 0;
        for (int h = 0; h < strata.length; h++) {
            sum += g[h] * strata[h].sum(layout.levelWeight(criterion, level));
        }
        return sum;
    }

    long count(int criterion, int level) {
        long sum = 0;
        for (StratumStatistics st : strata) {
            sum += st.count(layout.levelCount(criterion, level));
        }
        return sum;
    }

    /** Variance of Σ c_i S_i, with c indexed like the instrument's criteria; needs n ≥ 2. */
    double variance(double[] c) {
        int m = layout.criteria;
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = c[i] != 0 && d[i] > 0 ? c[i] / d[i] : 0;
        }
        double sumE = 0;
        double sumE2 = 0;
        for (int h = 0; h < strata.length; h++) {
            double wz = 0;
            double w2z = 0;
            double w2z2 = 0;
            for (int i = 0; i < m; i++) {
                if (b[i] == 0) {
                    continue;
                }
                wz += b[i] * (w1ay[h][i] - s[i] * w1a[h][i]);
                w2z += b[i] * (w2ay[h][i] - s[i] * w2a[h][i]);
                w2z2 += b[i] * b[i] * (w2ayy[h][i] - 2 * s[i] * w2ay[h][i] + s[i] * s[i] * w2a[h][i]);
            }
            w2z2 += 2 * crossTerms(strata[h], b);
            double zbar = centred && strata[h].sum(0) > 0 ? wz / strata[h].sum(0) : 0;
            sumE2 += g[h] * g[h] * (w2z2 - 2 * zbar * w2z + zbar * zbar * strata[h].sum(1));
            sumE += g[h] * (wz - zbar * strata[h].sum(0));
        }
        double var = n / (n - 1.0) * (sumE2 - sumE * sumE / n);
        // Rounding can leave a tiny negative where the true value is 0 (e.g. everyone satisfied).
        return Math.max(0, var);
    }

    /** Σ_{p<q} b_p b_q Σ w² a_p a_q (y_p − S_p)(y_q − S_q) within one stratum. */
    private double crossTerms(StratumStatistics st, double[] b) {
        int[] idx = layout.indexCriteria;
        double sum = 0;
        for (int p = 0; p < idx.length; p++) {
            double bp = b[idx[p]];
            if (bp == 0) {
                continue;
            }
            double sp = s[idx[p]];
            for (int q = p + 1; q < idx.length; q++) {
                double bq = b[idx[q]];
                if (bq == 0) {
                    continue;
                }
                double sq = s[idx[q]];
                int o = layout.pair(p, q);
                double aa = st.sum(o);
                double ay = st.sum(o + 1);
                double ayq = st.sum(o + 2);
                double ayy = st.sum(o + 3);
                sum += bp * bq * (ayy - sq * ay - sp * ayq + sp * sq * aa);
            }
        }
        return sum;
    }
}
