package vn.hailong.stats;

import java.util.Arrays;

/**
 * The sums of one stratum of a group, as two plain arrays laid out by the instrument (see {@code Layout}), so a
 * rollup table can store them as a {@code bigint[]} and a {@code double precision[]}.
 */
public final class StratumStatistics {

    // Read directly by the estimators in this package; never handed out without a copy.
    final long[] counts;
    final double[] sums;

    StratumStatistics(long[] counts, double[] sums) {
        this.counts = counts;
        this.sums = sums;
    }

    /** Reads back arrays written from {@link #counts()} and {@link #sums()} under the same instrument. */
    public static StratumStatistics of(Instrument instrument, long[] counts, double[] sums) {
        new Layout(instrument).requireFits(counts, sums);
        return new StratumStatistics(counts.clone(), sums.clone());
    }

    public long[] counts() {
        return counts.clone();
    }

    public double[] sums() {
        return sums.clone();
    }

    /** Responses in this stratum. */
    long n() {
        return counts[0];
    }

    long count(int offset) {
        return counts[offset];
    }

    double sum(int offset) {
        return sums[offset];
    }

    StratumStatistics plus(StratumStatistics other) {
        long[] c = counts.clone();
        double[] s = sums.clone();
        addInto(c, s, other);
        return new StratumStatistics(c, s);
    }

    static void addInto(long[] c, double[] s, StratumStatistics other) {
        for (int i = 0; i < c.length; i++) {
            c[i] += other.counts[i];
        }
        for (int i = 0; i < s.length; i++) {
            s[i] += other.sums[i];
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StratumStatistics other
                && Arrays.equals(counts, other.counts) && Arrays.equals(sums, other.sums);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(counts) + Arrays.hashCode(sums);
    }

    @Override
    public String toString() {
        return "StratumStatistics[n=" + counts[0] + ", Σw=" + sums[0] + "]";
    }
}
