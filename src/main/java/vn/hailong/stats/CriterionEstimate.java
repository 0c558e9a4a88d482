package vn.hailong.stats;

/**
 * The figures of one criterion in a group: n_valid answers (N/A left out), how many were satisfied (top two
 * levels), the weighted share satisfied with its Wilson interval, the mean score and its 0–100 rescaling, all in
 * points except the mean; and {@code figure}, the methodology's criterion figure with its linearization SE.
 */
public record CriterionEstimate(String criterion, long nValid, long satisfied, double share, double wilsonLow,
                                double wilsonHigh, double meanScore, double score0to100, Estimate figure) {
}
