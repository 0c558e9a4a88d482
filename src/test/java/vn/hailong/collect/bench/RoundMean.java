package vn.hailong.collect.bench;

import java.util.Arrays;
import java.util.Locale;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The mean of a figure measured once per round, with its 95 % confidence interval (Student's t, n − 1 degrees of
 * freedom). A benchmark's rounds alternate what they compare, so each round gives one paired figure (a ratio, a
 * cost) and a slow spell of the machine hits both sides of it alike; the interval says how far the mean of a few
 * such rounds can be trusted.
 */
public record RoundMean(double mean, double low, double high, double[] rounds) {

    /** The mean of {@code rounds} (at least one) and its interval; with one round the interval is unbounded. */
    public static RoundMean of(double... rounds) {
        if (rounds.length == 0) {
            throw new IllegalArgumentException("no rounds");
        }
        var statistics = new SummaryStatistics();
        Arrays.stream(rounds).forEach(statistics::addValue);
        double mean = statistics.getMean();
        if (rounds.length == 1) {
            return new RoundMean(mean, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, rounds.clone());
        }
        double t = new TDistribution(rounds.length - 1).inverseCumulativeProbability(0.975);
        double half = t * statistics.getStandardDeviation() / Math.sqrt(rounds.length);
        return new RoundMean(mean, mean - half, mean + half, rounds.clone());
    }

    /**
     * PASS when the mean meets the target ({@code sign} "≤": at most it, "≥": at least it), saying whether the whole
     * interval does too; FAIL when the mean misses it.
     */
    public String verdict(String sign, double target) {
        boolean atMost = switch (sign) {
            case "≤" -> true;
            case "≥" -> false;
            default -> throw new IllegalArgumentException("sign " + sign);
        };
        var goal = String.format(Locale.ROOT, "target %s %.0f %%", sign, target);
        if (atMost ? mean > target : mean < target) {
            return "FAIL (" + goal + ")";
        }
        double far = atMost ? high : low;
        return (atMost ? far <= target : far >= target) ? "PASS (" + goal + ", the whole interval too)"
                : String.format(Locale.ROOT, "PASS on the mean (%s; the interval reaches %.1f %%)", goal, far);
    }

    /** "24.1 % (95 % CI 19.0–29.2 %, 8 rounds: 21.0 25.3 …)", the figures with one decimal. */
    public String describe(String unit) {
        var each = new StringBuilder();
        for (double r : rounds) {
            each.append(' ').append(String.format(Locale.ROOT, "%.1f", r));
        }
        return String.format(Locale.ROOT, "%.1f %s (95 %% CI %.1f–%.1f %s, %d rounds:%s)", mean, unit, low, high, unit,
                rounds.length, each);
    }
}
