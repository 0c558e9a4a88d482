package vn.hailong.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Driver strength of each criterion, Pearson's r between its 1..k answer and the overall question over pairwise
 * complete cases, set against the criterion's figure in the importance–performance view.
 *
 * <p>Each r carries its 95% interval by Fisher's z (tanh(atanh r ± 1.96 / √(n − 3))) and each figure its 95% interval
 * (Wilson for a share satisfied, the linearization interval for a mean score). The quadrants split at the mean r and
 * the mean figure of the group's drivers; a criterion's quadrant is determined only when neither interval contains
 * its dividing line, since otherwise the data cannot tell on which side of it the criterion lies.
 */
public final class Drivers {

    private Drivers() {
    }

    /**
     * The drivers of a group, in the instrument's order; empty when it has no overall question. Criteria whose r is
     * undefined (fewer than two pairs, or no variation) are left out.
     */
    public static List<Driver> of(SufficientStatistics statistics) {
        Instrument instrument = statistics.instrument();
        Layout layout = statistics.layout();
        Estimates estimates = Estimates.of(statistics);
        List<Driver> unplaced = new ArrayList<>();
        for (int i = 0; i < layout.criteria; i++) {
            if (layout.driverBase[i] < 0) {
                continue;
            }
            String code = instrument.criteria().get(i);
            double[] performance = estimates.criterion(code)
                    .map(c -> instrument.methodology().sharesSatisfied()
                            ? new double[] {c.figure().value(), c.wilsonLow(), c.wilsonHigh()}
                            : new double[] {c.figure().value(), c.figure().low(), c.figure().high()})
                    .orElse(new double[] {0, 0, 0});
            correlation(statistics, layout.driverBase[i]).ifPresent(r -> {
                double[] rInterval = fisher(r.r(), r.n());
                unplaced.add(new Driver(code, r.n(), r.r(), rInterval[0], rInterval[1], performance[0], performance[1],
                        performance[2], null, false, 0, 0));
            });
        }
        // Quadrants split at the mean importance and the mean performance of the group's drivers.
        double meanR = unplaced.stream().mapToDouble(Driver::r).average().orElse(0);
        double meanPerformance = unplaced.stream().mapToDouble(Driver::performance).average().orElse(0);
        return unplaced.stream()
                .map(d -> new Driver(d.criterion(), d.n(), d.r(), d.rLow(), d.rHigh(), d.performance(),
                        d.performanceLow(), d.performanceHigh(),
                        Quadrant.of(d.r() >= meanR, d.performance() >= meanPerformance),
                        apart(d.rLow(), d.rHigh(), meanR) && apart(d.performanceLow(), d.performanceHigh(), meanPerformance),
                        meanR, meanPerformance))
                .toList();
    }

    /**
     * The 95% interval of a correlation r over n pairs by Fisher's z: tanh(atanh r ± 1.96 / √(n − 3)); the whole
     * range [−1, 1] when n ≤ 3, where z has no standard error.
     */
    static double[] fisher(double r, long n) {
        if (n <= 3) {
            return new double[] {-1, 1};
        }
        double z = 0.5 * Math.log((1 + r) / (1 - r));
        double half = Normal.Z_95 / Math.sqrt(n - 3);
        return new double[] {Math.tanh(z - half), Math.tanh(z + half)};
    }

    /** Whether the interval [low, high] lies wholly on one side of the line. */
    private static boolean apart(double low, double high, double line) {
        return line < low || line > high;
    }

    /** n and r from the exact pairwise-complete sums, when r is defined. */
    private static Optional<Correlation> correlation(SufficientStatistics statistics, int base) {
        long[] s = new long[Layout.DRIVER_WIDTH];
        for (StratumStatistics st : statistics.strata().values()) {
            for (int o = 0; o < s.length; o++) {
                s[o] += st.counts[base + o];
            }
        }
        long n = s[0];
        // Centred sums times n, exact in long: n Σxh − Σx Σh, and likewise for the variances.
        double sxh = n * s[5] - s[1] * s[2];
        double sxx = n * s[3] - s[1] * s[1];
        double shh = n * s[4] - s[2] * s[2];
        if (n < 2 || sxx <= 0 || shh <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Correlation(n, sxh / Math.sqrt(sxx * shh)));
    }

    private record Correlation(long n, double r) {
    }

    /**
     * A criterion's importance (r with the overall question, over n pairs, with its 95% interval), performance (its
     * figure, 0–100, with its 95% interval), quadrant in the importance–performance view, whether that quadrant is
     * determined (neither interval contains its dividing line), and the dividing lines: the mean r and the mean figure.
     */
    public record Driver(String criterion, long n, double r, double rLow, double rHigh, double performance,
                         double performanceLow, double performanceHigh, Quadrant quadrant, boolean determined,
                         double importanceLine, double performanceLine) {
    }

    /** Where a criterion falls against the mean importance and mean performance of its group's drivers. */
    public enum Quadrant {
        /** Important and below average: improve first. */
        CONCENTRATE_HERE,
        /** Important and above average. */
        KEEP_UP,
        /** Less important and below average. */
        LOW_PRIORITY,
        /** Less important and above average. */
        POSSIBLE_OVERKILL;

        static Quadrant of(boolean important, boolean performing) {
            if (important) {
                return performing ? KEEP_UP : CONCENTRATE_HERE;
            }
            return performing ? POSSIBLE_OVERKILL : LOW_PRIORITY;
        }
    }
}
