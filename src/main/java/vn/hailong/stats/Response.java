package vn.hailong.stats;

/**
 * One response as the statistics see it: its stratum, its weight and the level chosen for each criterion of the
 * instrument, in the instrument's order, with 0 meaning not applicable / don't know.
 */
public record Response(String stratum, double weight, int[] levels) {

    public Response {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("a response weight must be positive and finite: " + weight);
        }
    }

    /** An unweighted response (weight 1). */
    public Response(String stratum, int[] levels) {
        this(stratum, 1, levels);
    }
}
