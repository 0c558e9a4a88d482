package vn.hailong.stats;

/**
 * A count k out of n as a percentage with its 95% Wilson interval: for shares of whole counts that are not a
 * weighted sample, such as the share of invitations answered (R's {@code prop.test(k, n, correct = FALSE)}).
 */
public record Proportion(double value, double low, double high) {

    /** k of n, 0 ≤ k ≤ n, n > 0. */
    public static Proportion of(long k, long n) {
        if (n <= 0 || k < 0 || k > n) {
            throw new IllegalArgumentException(k + " of " + n + " is not a proportion");
        }
        double p = (double) k / n;
        double[] interval = Estimates.wilson(p, n);
        return new Proportion(100 * p, 100 * interval[0], 100 * interval[1]);
    }
}
