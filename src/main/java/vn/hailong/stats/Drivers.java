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

    /** The drivers of a group; empty when the instrument has no overall question. */
    public static List<Driver> of(SufficientStatistics statistics) {
        Instrument instrument = statistics.instrument();
        Layout layout = statistics.layout();
        Estimates estimates = Estimates.of(statistics);
        List<Driver> drivers = new ArrayList<>();
        for (int i = 0; i < layout.criteria; i++) {
            if (layout.driverBase[i] < 0) {
                continue;
            }
            String code = instrument.criteria().get(i);
            Optional<CriterionEstimate> figure = estimates.criterion(code);
            correlation(statistics, layout.driverBase[i]).ifPresent(r -> drivers.add(
                    new Driver(code, r.n, r.r, figure.map(f -> f.figure().value()).orElse(0.0))));
        }
        return drivers;
    }

    /** Each driver's quadrant against the mean importance and mean performance of the group's drivers. */
    public static List<Quadrant> quadrants(List<Driver> drivers) {
        double meanR = drivers.stream().mapToDouble(Driver::r).average().orElse(0);
        double meanPerformance = drivers.stream().mapToDouble(Driver::performance).average().orElse(0);
        return drivers.stream().map(d -> d.r() >= meanR
                ? (d.performance() >= meanPerformance ? Quadrant.KEEP_UP : Quadrant.CONCENTRATE_HERE)
                : (d.performance() >= meanPerformance ? Quadrant.POSSIBLE_OVERKILL : Quadrant.LOW_PRIORITY))
                .toList();
    }

    private static Optional<Correlation> correlation(SufficientStatistics statistics, int base) {
        long[] s = new long[Layout.DRIVER_WIDTH];
        for (StratumStatistics st : statistics.strata().values()) {
            for (int o = 0; o < s.length; o++) {
                s[o] += st.count(base + o);
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

    /** A criterion's importance (r with the overall question, over n pairs) and performance (its figure, 0–100). */
    public record Driver(String criterion, long n, double r, double performance) {
    }

    /** Where a criterion falls in the importance–performance view. */
    public enum Quadrant { CONCENTRATE_HERE, KEEP_UP, LOW_PRIORITY, POSSIBLE_OVERKILL }
}
