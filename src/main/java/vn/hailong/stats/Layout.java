package vn.hailong.stats;

import java.util.Arrays;
import java.util.List;

/**
 * Where each sum of one stratum's statistics sits in its two arrays, derived from the instrument alone.
 *
 * <p>For a response: x its level (1..k) on a criterion, a = 1 if it answered (not N/A), w its weight and y the
 * methodology's value of x (for SIPAS 1 at levels 4–5, else 0). Pairs are listed row by row of the upper triangle.
 *
 * <p>{@code counts} (long, exact, unweighted):
 * <ol>
 *   <li>[0] responses n;</li>
 *   <li>per criterion i, level l: answers at that level, at {@code 1 + i·k + (l−1)};</li>
 *   <li>per element, over its complete cases (Cronbach's α): n, Σx per criterion, Σx·x' per pair p ≤ q
 *       (diagonal included);</li>
 *   <li>per criterion other than the overall question, over cases answering both it and the overall
 *       question (drivers): n, Σx, Σh, Σx², Σh², Σx·h.</li>
 * </ol>
 * {@code sums} (double, weighted):
 * <ol>
 *   <li>[0] Σw, [1] Σw²;</li>
 *   <li>per criterion and level: Σw at {@code 2 + i·k + (l−1)}, then Σw² in the same order;</li>
 *   <li>per pair p &lt; q of index criteria (those in elements, element order):
 *       Σw²·a_p·a_q, Σw²·a_p·a_q·y_p, Σw²·a_p·a_q·y_q, Σw²·a_p·a_q·y_p·y_q — the composite variance.</li>
 * </ol>
 */
final class Layout {

    static final int DRIVER_WIDTH = 6;
    static final int PAIR_WIDTH = 4;

    final int criteria;
    final int levels;
    /** Per level 1..k (index 0 unused), the value y the methodology gives an answer there. */
    final double[] value;
    /** Positions in {@link Instrument#criteria()} of the index criteria, in element order. */
    final int[] indexCriteria;
    /** Per element, positions in {@link Instrument#criteria()} of its criteria. */
    final int[][] elementCriteria;
    final int[] cronbachBase;
    /** Per criterion, start of its driver block, or −1 (the overall question itself, or no overall question). */
    final int[] driverBase;
    final int overall;
    final int countsLength;
    final int pairBase;
    final int sumsLength;

    Layout(Instrument instrument) {
        List<String> codes = instrument.criteria();
        criteria = codes.size();
        levels = instrument.levels();
        value = new double[levels + 1];
        for (int l = 1; l <= levels; l++) {
            value[l] = instrument.value(l);
        }
        elementCriteria = instrument.elements().stream()
                .map(e -> e.criteria().stream().mapToInt(codes::indexOf).toArray())
                .toArray(int[][]::new);
        indexCriteria = Arrays.stream(elementCriteria).flatMapToInt(Arrays::stream).toArray();
        overall = instrument.overall().map(codes::indexOf).orElse(-1);

        int next = 1 + criteria * levels;
        cronbachBase = new int[elementCriteria.length];
        for (int j = 0; j < elementCriteria.length; j++) {
            int size = elementCriteria[j].length;
            cronbachBase[j] = next;
            next += cronbachWidth(size);
        }
        driverBase = new int[criteria];
        for (int i = 0; i < criteria; i++) {
            boolean driven = overall >= 0 && i != overall;
            driverBase[i] = driven ? next : -1;
            next += driven ? DRIVER_WIDTH : 0;
        }
        countsLength = next;

        pairBase = 2 + 2 * criteria * levels;
        int p = indexCriteria.length;
        sumsLength = pairBase + PAIR_WIDTH * (p * (p - 1) / 2);
    }

    void requireFits(long[] counts, double[] sums) {
        if (counts.length != countsLength || sums.length != sumsLength) {
            throw new IllegalArgumentException("arrays of length " + counts.length + "/" + sums.length
                    + " do not fit the instrument, which needs " + countsLength + "/" + sumsLength);
        }
    }

    int levelCount(int criterion, int level) {
        return 1 + criterion * levels + level - 1;
    }

    int levelWeight(int criterion, int level) {
        return 2 + criterion * levels + level - 1;
    }

    int levelWeightSquared(int criterion, int level) {
        return 2 + criteria * levels + criterion * levels + level - 1;
    }

    /** Start of the four pair sums of index criteria at positions p &lt; q of {@link #indexCriteria}. */
    int pair(int p, int q) {
        int n = indexCriteria.length;
        // Row-major upper triangle without the diagonal.
        int before = p * n - p * (p + 1) / 2;
        return pairBase + PAIR_WIDTH * (before + q - p - 1);
    }

    /** Length of the Cronbach block of an element of {@code size} criteria: n, Σx per criterion, Σx·x' per pair. */
    static int cronbachWidth(int size) {
        return 1 + size + size * (size + 1) / 2;
    }

    /** Offset, inside element j's Cronbach block, of Σx·x' for its criteria a ≤ b. */
    static int cronbachProduct(int size, int a, int b) {
        int before = a * size - a * (a - 1) / 2;
        return 1 + size + before + (b - a);
    }
}
