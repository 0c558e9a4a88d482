package vn.hailong.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where each sum of statistics kept under an instrument is found for a restriction of it, a subset of its criteria. */
final class Restriction {

    final Layout to;
    /** Per offset of the restricted arrays, the offset in the original ones it is copied from, or −1 for zero. */
    private final int[] countsFrom;
    private final int[] sumsFrom;

    /** @throws IllegalArgumentException if {@code sub} is not a restriction of {@code instrument} */
    Restriction(Instrument instrument, Instrument sub) {
        requireRestriction(instrument, sub);
        Layout from = new Layout(instrument);
        to = new Layout(sub);
        countsFrom = new int[to.countsLength];
        sumsFrom = new int[to.sumsLength];
        Arrays.fill(countsFrom, -1);
        Arrays.fill(sumsFrom, -1);

        // Per criterion of sub, its position in the original instrument.
        int[] origin = sub.criteria().stream().mapToInt(instrument::indexOf).toArray();

        countsFrom[0] = 0;
        sumsFrom[0] = 0;
        sumsFrom[1] = 1;
        for (int i = 0; i < origin.length; i++) {
            for (int l = 1; l <= to.levels; l++) {
                countsFrom[to.levelCount(i, l)] = from.levelCount(origin[i], l);
                sumsFrom[to.levelWeight(i, l)] = from.levelWeight(origin[i], l);
                sumsFrom[to.levelWeightSquared(i, l)] = from.levelWeightSquared(origin[i], l);
            }
            // A driver block pairs a criterion with the overall question only, so it survives any restriction that
            // keeps the overall question.
            if (to.driverBase[i] >= 0) {
                copy(countsFrom, to.driverBase[i], from.driverBase[origin[i]], Layout.DRIVER_WIDTH);
            }
        }

        // An element's complete cases depend on all its criteria: its Cronbach block is only known when it kept them
        // all (then in the same order). Otherwise it stays zero.
        List<Element> elements = instrument.elements();
        for (int j = 0; j < to.elementCriteria.length; j++) {
            int size = to.elementCriteria[j].length;
            int original = indexOf(elements, sub.elements().get(j).code());
            if (size == from.elementCriteria[original].length) {
                copy(countsFrom, to.cronbachBase[j], from.cronbachBase[original], Layout.cronbachWidth(size));
            }
        }

        // Pairs are stored for p < q; if sub lists the elements in another order a pair may come reversed, and then
        // the sums weighted by y_p and by y_q trade places.
        // Per index criterion of sub, its position among the original's index criteria.
        int[] indexOrigin = Arrays.stream(to.indexCriteria).map(i -> position(from.indexCriteria, origin[i])).toArray();
        for (int p = 0; p < indexOrigin.length; p++) {
            for (int q = p + 1; q < indexOrigin.length; q++) {
                int a = indexOrigin[p];
                int b = indexOrigin[q];
                boolean reversed = a > b;
                int target = to.pair(p, q);
                int source = from.pair(Math.min(a, b), Math.max(a, b));
                sumsFrom[target] = source;
                sumsFrom[target + 1] = source + (reversed ? 2 : 1);
                sumsFrom[target + 2] = source + (reversed ? 1 : 2);
                sumsFrom[target + 3] = source + 3;
            }
        }
    }

    /** One stratum's sums laid out for the restriction. */
    StratumStatistics apply(StratumStatistics statistics) {
        long[] counts = new long[countsFrom.length];
        for (int o = 0; o < counts.length; o++) {
            counts[o] = countsFrom[o] < 0 ? 0 : statistics.counts[countsFrom[o]];
        }
        double[] sums = new double[sumsFrom.length];
        for (int o = 0; o < sums.length; o++) {
            sums[o] = sumsFrom[o] < 0 ? 0 : statistics.sums[sumsFrom[o]];
        }
        return new StratumStatistics(counts, sums);
    }

    /**
     * A restriction keeps the methodology and scale, takes only known criteria, keeps each element's criteria under
     * its code and in its order, and keeps the overall question or has none: what the sums can be re-read under.
     */
    private static void requireRestriction(Instrument instrument, Instrument sub) {
        if (sub.methodology() != instrument.methodology() || sub.levels() != instrument.levels()) {
            throw new IllegalArgumentException("a restriction keeps the methodology and scale: " + sub.methodology()
                    + " on " + sub.levels() + " levels is not " + instrument.methodology() + " on "
                    + instrument.levels());
        }
        for (String c : sub.criteria()) {
            if (!instrument.criteria().contains(c)) {
                throw new IllegalArgumentException("criterion " + c + " is not in the instrument restricted");
            }
        }
        for (Element e : sub.elements()) {
            int j = indexOf(instrument.elements(), e.code());
            List<String> original = j < 0 ? List.of() : instrument.elements().get(j).criteria();
            int last = -1;
            for (String c : e.criteria()) {
                int at = original.indexOf(c);
                if (at <= last) {
                    throw new IllegalArgumentException("element " + e.code() + " of a restriction must keep criteria"
                            + " of element " + e.code() + " of the instrument, in their order: " + e.criteria()
                            + " against " + original);
                }
                last = at;
            }
        }
        Optional<String> overall = sub.overall();
        if (overall.isPresent() && !overall.equals(instrument.overall())) {
            throw new IllegalArgumentException("a restriction keeps the overall question "
                    + instrument.overall().orElse("(none)") + " or has none, not " + overall.get());
        }
    }

    private static int indexOf(List<Element> elements, String code) {
        for (int j = 0; j < elements.size(); j++) {
            if (elements.get(j).code().equals(code)) {
                return j;
            }
        }
        return -1;
    }

    private static int position(int[] values, int value) {
        for (int p = 0; p < values.length; p++) {
            if (values[p] == value) {
                return p;
            }
        }
        throw new IllegalStateException("criterion " + value + " is not an index criterion");
    }

    private static void copy(int[] map, int target, int source, int width) {
        for (int o = 0; o < width; o++) {
            map[target + o] = source + o;
        }
    }
}
