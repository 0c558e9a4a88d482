package vn.hailong.stats;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the estimators need about a group of responses, as sums per stratum that add across responses:
 * the statistics of a union of groups are the {@link #merge merge} of theirs, so one kiosk, one agency-year and a
 * whole country are computed the same way, from raw responses or from stored rollups.
 */
public final class SufficientStatistics {

    private final Instrument instrument;
    private final Layout layout;
    private final SortedMap<String, StratumStatistics> strata;

    SufficientStatistics(Instrument instrument, Layout layout, SortedMap<String, StratumStatistics> strata) {
        this.instrument = instrument;
        this.layout = layout;
        this.strata = Collections.unmodifiableSortedMap(strata);
    }

    /** Statistics of no responses. */
    public static SufficientStatistics empty(Instrument instrument) {
        return new SufficientStatistics(instrument, new Layout(instrument), new TreeMap<>());
    }

    /** Reads back statistics stored per stratum, e.g. rows of a rollup table. */
    static SufficientStatistics of(Instrument instrument, Map<String, StratumStatistics> strata) {
        Layout layout = new Layout(instrument);
        strata.values().forEach(s -> layout.requireFits(s.counts, s.sums));
        return new SufficientStatistics(instrument, layout, new TreeMap<>(strata));
    }

    public static Builder builder(Instrument instrument) {
        return new Builder(instrument);
    }

    /** The statistics of the union of the two groups' responses. */
    static SufficientStatistics merge(SufficientStatistics a, SufficientStatistics b) {
        return a.merge(b);
    }

    public SufficientStatistics merge(SufficientStatistics other) {
        requireSameInstrument(other);
        SortedMap<String, StratumStatistics> union = new TreeMap<>(strata);
        other.strata.forEach((name, s) -> union.merge(name, s, StratumStatistics::plus));
        return new SufficientStatistics(instrument, layout, union);
    }

    /**
     * These statistics under {@code sub}, a restriction of this instrument such as one from
     * {@link Instrument#restrictedTo}, so that two questionnaire versions compare over the criteria they share. Every
     * stratum holds what {@code builder(sub)} would have summed from the same responses without the dropped criteria,
     * except for an element that lost criteria: its complete cases for Cronbach's α are not among our sums, so its
     * block is left zero (no complete cases) and its α is absent.
     *
     * @throws IllegalArgumentException if {@code sub} is not a restriction: another methodology or scale, a criterion
     *     we do not have, an element that is not part of ours of the same code in the same order, or another overall
     *     question (none is fine)
     */
    public SufficientStatistics restrictedTo(Instrument sub) {
        Restriction restriction = new Restriction(instrument, sub);
        SortedMap<String, StratumStatistics> restricted = new TreeMap<>();
        strata.forEach((name, s) -> restricted.put(name, restriction.apply(s)));
        return new SufficientStatistics(sub, restriction.to, restricted);
    }

    /**
     * These statistics as if every response's weight were multiplied by {@code factor}: what {@code builder} would
     * have summed from the same responses so weighted. Counts are unweighted and do not change; sums of weights scale
     * by the factor, sums of squared weights by its square. Used for a share of a unit's ratings (a split's estimate).
     */
    public SufficientStatistics weightedBy(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("a weight factor must be positive and finite: " + factor);
        }
        int squaredFrom = 2 + layout.criteria * layout.levels;
        SortedMap<String, StratumStatistics> scaled = new TreeMap<>();
        strata.forEach((name, st) -> {
            double[] sums = st.sums.clone();
            for (int i = 0; i < sums.length; i++) {
                boolean squared = i == 1 || i >= squaredFrom;
                sums[i] *= squared ? factor * factor : factor;
            }
            scaled.put(name, new StratumStatistics(st.counts.clone(), sums));
        });
        return new SufficientStatistics(instrument, layout, scaled);
    }

    public Instrument instrument() {
        return instrument;
    }

    /** Per stratum name (the empty name when the group is not stratified). */
    public SortedMap<String, StratumStatistics> strata() {
        return strata;
    }

    /** Responses in the group. */
    public long n() {
        long n = 0;
        for (StratumStatistics s : strata.values()) {
            n += s.n();
        }
        return n;
    }

    /** How many answered each level 1..k of a criterion (unweighted, over all strata); N/A is not counted. */
    public long[] levelCounts(String criterion) {
        int c = instrument.indexOf(criterion);
        long[] counts = new long[instrument.levels()];
        for (StratumStatistics s : strata.values()) {
            for (int level = 1; level <= counts.length; level++) {
                counts[level - 1] += s.counts()[layout.levelCount(c, level)];
            }
        }
        return counts;
    }

    Layout layout() {
        return layout;
    }

    private void requireSameInstrument(SufficientStatistics other) {
        if (!instrument.equals(other.instrument)) {
            throw new IllegalArgumentException("cannot merge statistics of different instruments");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SufficientStatistics other
                && instrument.equals(other.instrument) && strata.equals(other.strata);
    }

    @Override
    public int hashCode() {
        return strata.hashCode();
    }

    @Override
    public String toString() {
        return "SufficientStatistics[n=" + n() + ", strata=" + strata.keySet() + "]";
    }

    /** Accumulates responses or other statistics in place; the way to merge many rollup rows quickly. */
    public static final class Builder {

        private final Instrument instrument;
        private final Layout layout;
        private final Map<String, long[]> counts = new TreeMap<>();
        private final Map<String, double[]> sums = new TreeMap<>();

        private Builder(Instrument instrument) {
            this.instrument = instrument;
            this.layout = new Layout(instrument);
        }

        public Builder add(Response response) {
            int[] x = response.levels();
            if (x.length != layout.criteria) {
                throw new IllegalArgumentException("a response needs " + layout.criteria + " answers, got " + x.length);
            }
            for (int level : x) {
                if (level < 0 || level > layout.levels) {
                    throw new IllegalArgumentException("level " + level + " is outside 0.." + layout.levels);
                }
            }
            long[] c = counts.computeIfAbsent(response.stratum(), k -> new long[layout.countsLength]);
            double[] s = sums.computeIfAbsent(response.stratum(), k -> new double[layout.sumsLength]);
            ResponseSums.add(layout, x, response.weight(), c, s);
            return this;
        }

        public Builder add(SufficientStatistics statistics) {
            if (instrument != statistics.instrument && !instrument.equals(statistics.instrument)) {
                throw new IllegalArgumentException("cannot merge statistics of different instruments");
            }
            statistics.strata.forEach(this::add);
            return this;
        }

        /** Adds one stratum's sums, e.g. one rollup row, to the named stratum. */
        public Builder add(String stratum, StratumStatistics statistics) {
            layout.requireFits(statistics.counts, statistics.sums);
            long[] c = counts.computeIfAbsent(stratum, k -> new long[layout.countsLength]);
            double[] s = sums.computeIfAbsent(stratum, k -> new double[layout.sumsLength]);
            StratumStatistics.addInto(c, s, statistics);
            return this;
        }

        public SufficientStatistics build() {
            SortedMap<String, StratumStatistics> strata = new TreeMap<>();
            counts.forEach((name, c) -> strata.put(name, new StratumStatistics(c.clone(), sums.get(name).clone())));
            return new SufficientStatistics(instrument, layout, strata);
        }
    }
}
