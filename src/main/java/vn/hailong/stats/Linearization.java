package vn.hailong.stats;

import java.util.List;
import java.util.Map;

/** Point estimates and linearization variances of combinations Σ c_i S_i of criterion figures, from the sums. */
final class Linearization {

    /*
     * With b_i = c_i / D_i and z_r = Σ_i b_i a_ri (y_ri − S_i), each stratum contributes Σ w² z² from the level and
     * pair sums, Σ w z and Σ w² z from the level sums; post-stratification scales a stratum's weights by
     * g_h = N_h / Σ_h w and centres z on its stratum mean before the variance n/(n−1) Σ (e_r − ē)².
     */

    private final Layout layout;
    private final StratumStatistics[] strata;
    /** The weighted sums per stratum of the variance: the strata themselves, or their total when not centred. */
    private final double[][] sums;
    private final double[] g;
    private final boolean centred;
    final long n;
    /** Per stratum of {@link #sums} and criterion: Σw·a, Σw·a·y, Σw²·a, Σw²·a·y, Σw²·a·y². */
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
        centred = population != null;
        strata = statistics.strata().values().toArray(StratumStatistics[]::new);
        long total = 0;
        for (StratumStatistics st : strata) {
            total += st.n();
        }
        n = total;
        if (centred) {
            List<String> names = List.copyOf(statistics.strata().keySet());
            sums = new double[strata.length][];
            g = new double[strata.length];
            for (int h = 0; h < strata.length; h++) {
                sums[h] = strata[h].sums;
                g[h] = populationTotal(population, names.get(h)) / sums[h][0];
            }
        } else {
            // Without post-stratification every sum enters the variance linearly, so the strata pool first.
            sums = new double[][] {pooled(strata, layout.sumsLength)};
            g = new double[] {1};
        }

        int m = layout.criteria;
        int strataCount = sums.length;
        w1a = new double[strataCount][m];
        w1ay = new double[strataCount][m];
        w2a = new double[strataCount][m];
        w2ay = new double[strataCount][m];
        w2ayy = new double[strataCount][m];
        d = new double[m];
        s = new double[m];
        double[] value = layout.value;
        for (int h = 0; h < strataCount; h++) {
            double[] t = sums[h];
            for (int i = 0; i < m; i++) {
                double a1 = 0;
                double ay1 = 0;
                double a2 = 0;
                double ay2 = 0;
                double ayy2 = 0;
                for (int l = 1; l <= layout.levels; l++) {
                    double sw = t[layout.levelWeight(i, l)];
                    double sw2 = t[layout.levelWeightSquared(i, l)];
                    a1 += sw;
                    ay1 += sw * value[l];
                    a2 += sw2;
                    ay2 += sw2 * value[l];
                    ayy2 += sw2 * value[l] * value[l];
                }
                w1a[h][i] = a1;
                w1ay[h][i] = ay1;
                w2a[h][i] = a2;
                w2ay[h][i] = ay2;
                w2ayy[h][i] = ayy2;
                d[i] += g[h] * a1;
                s[i] += g[h] * ay1;
            }
        }
        for (int i = 0; i < m; i++) {
            s[i] = d[i] > 0 ? s[i] / d[i] : 0;
        }
    }

    private static double[] pooled(StratumStatistics[] strata, int length) {
        if (strata.length == 1) {
            return strata[0].sums;
        }
        double[] total = new double[length];
        for (StratumStatistics st : strata) {
            double[] t = st.sums;
            for (int o = 0; o < length; o++) {
                total[o] += t[o];
            }
        }
        return total;
    }

    private static double populationTotal(Map<String, Double> population, String stratum) {
        Double total = population.get(stratum);
        if (total == null || !(total > 0)) {
            throw new IllegalArgumentException("no population total for stratum " + stratum);
        }
        return total;
    }

    /** Σ (w·a)² over the group with final weights, for Kish's n_eff = D² / that. */
    double squaredWeights(int criterion) {
        double sum = 0;
        for (int h = 0; h < sums.length; h++) {
            sum += g[h] * g[h] * w2a[h][criterion];
        }
        return sum;
    }

    /** Σ w·a over the group, with final weights, of the answers at one level. */
    double weightedLevel(int criterion, int level) {
        double sum = 0;
        for (int h = 0; h < sums.length; h++) {
            sum += g[h] * sums[h][layout.levelWeight(criterion, level)];
        }
        return sum;
    }

    /** Answers at one level, unweighted. */
    long count(int criterion, int level) {
        long sum = 0;
        for (StratumStatistics st : strata) {
            sum += st.counts[layout.levelCount(criterion, level)];
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
        double bound = 0;
        for (int h = 0; h < sums.length; h++) {
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
            w2z2 += 2 * crossTerms(sums[h], b);
            double zbar = centred ? wz / sums[h][0] : 0;
            sumE2 += g[h] * g[h] * (w2z2 - 2 * zbar * w2z + zbar * zbar * sums[h][1]);
            sumE += g[h] * (wz - zbar * sums[h][0]);
            bound += g[h] * g[h] * sums[h][1];
        }
        double var = n / (n - 1.0) * (sumE2 - sumE * sumE / n);
        // Expanding the squares cancels terms of the size of Σ e² ≤ (Σ|b|)² Σ w² (values lie in [0, 1]); where
        // the true variance is 0 that leaves rounding noise of about 1e-16 of it, which must not become an SE.
        double sumB = 0;
        for (double x : b) {
            sumB += Math.abs(x);
        }
        bound *= sumB * sumB;
        return var > 1e-13 * bound ? var : 0;
    }

    /** Σ_{p<q} b_p b_q Σ w² a_p a_q (y_p − S_p)(y_q − S_q) within one stratum. */
    private double crossTerms(double[] t, double[] b) {
        int[] idx = layout.indexCriteria;
        double sum = 0;
        for (int p = 0; p < idx.length; p++) {
            double bp = b[idx[p]];
            if (bp == 0) {
                continue;
            }
            double sp = s[idx[p]];
            // Pairs (p, q) for q > p lie one after another.
            int o = layout.pair(p, p + 1) - Layout.PAIR_WIDTH;
            for (int q = p + 1; q < idx.length; q++) {
                o += Layout.PAIR_WIDTH;
                double bq = b[idx[q]];
                if (bq == 0) {
                    continue;
                }
                double sq = s[idx[q]];
                sum += bp * bq * (t[o + 3] - sq * t[o + 1] - sp * t[o + 2] + sp * sq * t[o]);
            }
        }
        return sum;
    }
}
