package vn.hailong.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Driver strength of each criterion, Pearson's r between its 1..k answer and the overall question over pairwise
 * complete cases, set against the criterion's figure in the importance–performance view.
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
            double performance = estimates.criterion(code).map(c -> c.figure().value()).orElse(0.0);
            correlation(statistics, layout.driverBase[i])
                    .ifPresent(r -> unplaced.add(new Driver(code, r.n(), r.r(), performance, null)));
        }
        // Quadrants split at the mean importance and the mean performance of the group's drivers.
        double meanR = unplaced.stream().mapToDouble(Driver::r).average().orElse(0);
        double meanPerformance = unplaced.stream().mapToDouble(Driver::performance).average().orElse(0);
        return unplaced.stream()
                .map(d -> new Driver(d.criterion(), d.n(), d.r(), d.performance(),
                        Quadrant.of(d.r() >= meanR, d.performance() >= meanPerformance)))
                .toList();
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
     * A criterion's importance (r with the overall question, over n pairs), performance (its figure, 0–100) and
     * quadrant in the importance–performance view.
     */
    public record Driver(String criterion, long n, double r, double performance, Quadrant quadrant) {
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
