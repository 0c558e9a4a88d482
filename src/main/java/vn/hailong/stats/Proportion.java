package vn.hailong.stats;

/**
 * A share of counts, k of n, ×100 with its 95% Wilson score interval: for a distribution's level or a response rate,
 * where every unit counts once (no weights). The same interval as a criterion's share, R's
 * {@code prop.test(k, n, correct = FALSE)$conf.int}.
 */
public record Proportion(long count, long of, double share, double low, double high) {

    /** k of n; n must be positive and k within 0..n. */
    public static Proportion of(long k, long n) {
        if (n <= 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("a proportion needs 0 ≤ k ≤ n and n > 0, not " + k + " of " + n);
        }
        double p = (double) k / n;
        double[] wilson = Estimates.wilson(p, n);
        return new Proportion(k, n, 100 * p, 100 * wilson[0], 100 * wilson[1]);
    }
}
