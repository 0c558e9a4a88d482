package vn.hailong.rollup;

/**
 * A rollup row's numbers being added up: how many responses, and the statistics core's counts and sums (see
 * {@link PackedStatistics}). Rows subtract too: every number is a sum over responses, so a subtree less one of its
 * branches is the rows' difference. Empty arrays stand for statistics not yet seen (or of a version the core does
 * not score).
 */
final class RollupSum {
    long responses;
    long[] counts = new long[0];
    double[] sums = new double[0];

    void add(long moreResponses, long[] moreCounts, double[] moreSums) {
        responses += moreResponses;
        counts = plus(counts, moreCounts, 1);
        sums = plus(sums, moreSums, 1);
    }

    void add(RollupSum more) {
        add(more.responses, more.counts, more.sums);
    }

    void subtract(RollupSum less) {
        responses -= less.responses;
        counts = plus(counts, less.counts, -1);
        sums = plus(sums, less.sums, -1);
    }

    /** Adds a stored row: its number of responses and its packed counts and sums. */
    void add(long moreResponses, byte[] packed) {
        add(moreResponses, packed, 1);
    }

    /** Adds ({@code sign} 1) or subtracts (−1) a stored row. */
    void add(long moreResponses, byte[] packed, int sign) {
        responses += sign * moreResponses;
        if (counts.length == 0 && sums.length == 0) {
            var more = PackedStatistics.unpack(packed);
            counts = more.counts();
            sums = more.sums();
            if (sign < 0) {
                counts = plus(new long[counts.length], counts, -1);
                sums = plus(new double[sums.length], sums, -1);
            }
        } else {
            PackedStatistics.addTo(packed, counts, sums, sign);
        }
    }

    byte[] packed() {
        return PackedStatistics.pack(counts, sums);
    }

    private static long[] plus(long[] a, long[] b, int sign) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            a = new long[b.length];
        }
        for (int i = 0; i < b.length; i++) {
            a[i] += sign * b[i];
        }
        return a;
    }

    private static double[] plus(double[] a, double[] b, int sign) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            a = new double[b.length];
        }
        for (int i = 0; i < b.length; i++) {
            a[i] += sign * b[i];
        }
        return a;
    }
}
