package vn.hailong.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Benjamini–Hochberg adjusted p-values, as R's {@code p.adjust(p, "BH")}: significant where adjusted ≤ q. */
final class BenjaminiHochberg {

    private BenjaminiHochberg() {
    }

    static double[] adjust(double[] p) {
        int n = p.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[n];
        double running = 1;
        // From the largest p down, keeping the minimum of n/rank · p so adjusted values stay monotone.
        for (int rank = n; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, p[i] * n / rank);
            adjusted[i] = running;
        }
        return adjusted;
    }

    static boolean[] significant(double[] p, double q) {
        double[] adjusted = adjust(p);
        boolean[] flags = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            flags[i] = adjusted[i] <= q;
        }
        return flags;
    }
}
