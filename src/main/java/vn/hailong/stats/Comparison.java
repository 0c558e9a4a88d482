package vn.hailong.stats;

/** A difference between two independent groups in percentage points, with its SE, z and two-sided p-value. */
public record Comparison(double delta, double se, double z, double pValue) {

    /** {@code after − before}, e.g. 2025 against 2024. */
    public static Comparison between(Estimate before, Estimate after) {
        double delta = after.value() - before.value();
        double se = Math.sqrt(before.se() * before.se() + after.se() * after.se());
        if (se == 0) {
            // Two groups without sampling error (everyone gave the same kind of answer): no test to speak of.
            return new Comparison(delta, 0, delta == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, delta),
                    delta == 0 ? 1 : 0);
        }
        double z = delta / se;
        return new Comparison(delta, se, z, Normal.twoSidedP(z));
    }

    /** The lower end of the change's 95 % interval: delta − 1.96 SE. */
    public double low() {
        return delta - Normal.Z_95 * se;
    }

    /** The upper end of the change's 95 % interval: delta + 1.96 SE. */
    public double high() {
        return delta + Normal.Z_95 * se;
    }
}
