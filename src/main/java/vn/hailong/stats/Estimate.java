package vn.hailong.stats;

/** A figure in points (0–100) with its standard error and 95% interval, clipped to [0, 100]. */
public record Estimate(double value, double se, double low, double high) {

    static Estimate of(double point, double se) {
        // A mean of figures in [0, 100] can only leave it by rounding.
        double value = Math.min(100, Math.max(0, point));
        double half = Normal.Z_95 * se;
        return new Estimate(value, se, Math.max(0, value - half), Math.min(100, value + half));
    }

    boolean overlaps(Estimate other) {
        return low <= other.high && other.low <= high;
    }
}
