package vn.hailong.stats;

/** Adds one response's contributions to a stratum's arrays, following {@link Layout}. */
final class ResponseSums {

    private ResponseSums() {
    }

    static void add(Layout layout, int[] x, double w, long[] c, double[] s) {
        double w2 = w * w;
        c[0]++;
        s[0] += w;
        s[1] += w2;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0) {
                c[layout.levelCount(i, x[i])]++;
                s[layout.levelWeight(i, x[i])] += w;
                s[layout.levelWeightSquared(i, x[i])] += w2;
            }
        }
        addPairs(layout, x, w2, s);
        addCompleteCases(layout, x, c);
        addDrivers(layout, x, c);
    }

    private static void addPairs(Layout layout, int[] x, double w2, double[] s) {
        double[] value = layout.value;
        int[] idx = layout.indexCriteria;
        for (int p = 0; p < idx.length; p++) {
            int xp = x[idx[p]];
            if (xp == 0) {
                continue;
            }
            double yp = value[xp];
            for (int q = p + 1; q < idx.length; q++) {
                int xq = x[idx[q]];
                if (xq == 0) {
                    continue;
                }
                double yq = value[xq];
                int b = layout.pair(p, q);
                s[b] += w2;
                s[b + 1] += w2 * yp;
                s[b + 2] += w2 * yq;
                s[b + 3] += w2 * yp * yq;
            }
        }
    }

    // Cronbach's α uses complete cases only, so each element keeps its own sums over them.
    private static void addCompleteCases(Layout layout, int[] x, long[] c) {
        for (int j = 0; j < layout.elementCriteria.length; j++) {
            int[] members = layout.elementCriteria[j];
            boolean complete = true;
            for (int i : members) {
                complete &= x[i] > 0;
            }
            if (!complete) {
                continue;
            }
            int base = layout.cronbachBase[j];
            c[base]++;
            for (int a = 0; a < members.length; a++) {
                c[base + 1 + a] += x[members[a]];
                for (int b = a; b < members.length; b++) {
                    c[base + Layout.cronbachProduct(members.length, a, b)] += (long) x[members[a]] * x[members[b]];
                }
            }
        }
    }

    // Drivers use pairwise complete cases of each criterion with the overall question.
    private static void addDrivers(Layout layout, int[] x, long[] c) {
        if (layout.overall < 0 || x[layout.overall] == 0) {
            return;
        }
        long h = x[layout.overall];
        for (int i = 0; i < x.length; i++) {
            int base = layout.driverBase[i];
            if (base < 0 || x[i] == 0) {
                continue;
            }
            long xi = x[i];
            c[base]++;
            c[base + 1] += xi;
            c[base + 2] += h;
            c[base + 3] += xi * xi;
            c[base + 4] += h * h;
            c[base + 5] += xi * h;
        }
    }
}
