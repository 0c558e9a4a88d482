package vn.hailong.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/** The standard normal distribution the 95% intervals and p-values use (R's {@code qnorm}, {@code pnorm}). */
final class Normal {

    // No random generator: only the distribution functions are used.
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    /** qnorm(0.975) = 1.959963984540054…, as the R reference results use. */
    static final double Z_95 = STANDARD.inverseCumulativeProbability(0.975);

    private Normal() {
    }

    /** Two-sided p-value 2 Φ(−|z|). */
    static double twoSidedP(double z) {
        return 2 * STANDARD.cumulativeProbability(-Math.abs(z));
    }
}
