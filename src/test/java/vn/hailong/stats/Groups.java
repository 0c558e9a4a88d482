package vn.hailong.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random groups of responses for property tests, drawn from a seeded {@link SplittableRandom} so that every case can
 * be replayed from its seed (see {@link Cases}).
 *
 * <p>Half the groups are drawn plainly: each answer uniform over N/A (0) and the levels (N/A about one answer in six
 * on five levels, as in the reference data), each response in stratum A or B with a random weight. The other half
 * get a shape that plain draws rarely produce: no N/A at all, mostly or only N/A, blank responses, criteria or a whole
 * element nobody answered, every answer to a criterion on one level, a single stratum or a lopsided split, one weight
 * for everyone. Sizes favour the edges: the minimum (often empty), one above it, and the maximum.
 */
final class Groups {

    static final Instrument SIPAS = Instrument.sipas();

    /** Small dyadic numbers, so sums of weights are exact in any order. */
    private static final double[] WEIGHTS = {0.5, 1.0, 1.5, 2.0, 4.0};

    private Groups() {
    }

    /** 0 to {@code maxSize} responses in strata A and B, with weights. */
    static List<Response> responses(SplittableRandom random, Instrument instrument, int maxSize) {
        return group(random, instrument, 0, maxSize, true);
    }

    /** {@code minSize} to {@code maxSize} responses in strata A and B, with weights. */
    static List<Response> responses(SplittableRandom random, Instrument instrument, int minSize, int maxSize) {
        return group(random, instrument, minSize, maxSize, true);
    }

    /** Like {@link #responses} but with at least {@code minSize} responses and both strata present. */
    static List<Response> bothStrata(SplittableRandom random, Instrument instrument, int minSize, int maxSize) {
        List<Response> responses;
        do {
            responses = group(random, instrument, Math.max(minSize, 2), maxSize, true);
        } while (responses.stream().map(Response::stratum).distinct().count() < 2);
        return responses;
    }

    /** {@code minSize} to {@code maxSize} responses, all of weight 1. */
    static List<Response> unweighted(SplittableRandom random, Instrument instrument, int minSize, int maxSize) {
        return group(random, instrument, minSize, maxSize, false);
    }

    private static List<Response> group(SplittableRandom random, Instrument instrument, int minSize, int maxSize,
                                        boolean weighted) {
        int size = size(random, minSize, maxSize);
        int m = instrument.criteria().size();
        int levels = instrument.levels();
        boolean shaped = random.nextBoolean();

        // Chance that an answer is N/A; plain draws are uniform over 0..levels.
        double na = 1.0 / (levels + 1);
        double blank = 0;
        boolean[] unanswered = new boolean[m];
        int[] onlyLevel = new int[m];
        double shareA = 0.5;
        double fixedWeight = 0;
        if (shaped) {
            na = switch (random.nextInt(6)) {
                case 0 -> 0;
                case 1 -> 0.5;
                case 2 -> 0.9;
                case 3 -> 1;
                default -> na;
            };
            if (random.nextInt(4) == 0) {
                blank = 0.2;
            }
            switch (random.nextInt(4)) {
                case 0 -> {
                    for (int i = 0; i < m; i++) {
                        unanswered[i] = random.nextInt(3) == 0;
                    }
                }
                case 1 -> {
                    Element element = instrument.elements().get(random.nextInt(instrument.elements().size()));
                    element.criteria().forEach(code -> unanswered[instrument.indexOf(code)] = true);
                }
                default -> {
                }
            }
            switch (random.nextInt(4)) {
                case 0 -> Arrays.fill(onlyLevel, 1 + random.nextInt(levels));
                case 1 -> {
                    for (int i = 0; i < m; i++) {
                        onlyLevel[i] = random.nextBoolean() ? 1 + random.nextInt(levels) : 0;
                    }
                }
                default -> {
                }
            }
            shareA = switch (random.nextInt(5)) {
                case 0 -> 1;
                case 1 -> 0;
                case 2 -> 0.9;
                case 3 -> 0.1;
                default -> 0.5;
            };
            if (random.nextInt(4) == 0) {
                fixedWeight = WEIGHTS[random.nextInt(WEIGHTS.length)];
            }
        }

        List<Response> responses = new ArrayList<>(size);
        for (int r = 0; r < size; r++) {
            boolean isBlank = random.nextDouble() < blank;
            int[] x = new int[m];
            for (int i = 0; i < m; i++) {
                if (isBlank || unanswered[i] || random.nextDouble() < na) {
                    x[i] = 0;
                } else {
                    x[i] = onlyLevel[i] > 0 ? onlyLevel[i] : 1 + random.nextInt(levels);
                }
            }
            String stratum = random.nextDouble() < shareA ? "A" : "B";
            double weight = !weighted ? 1 : fixedWeight > 0 ? fixedWeight : WEIGHTS[random.nextInt(WEIGHTS.length)];
            responses.add(new Response(stratum, weight, x));
        }
        return responses;
    }

    /** A size in [min, max], the minimum, one above it and the maximum each one time in ten. */
    private static int size(SplittableRandom random, int min, int max) {
        return switch (random.nextInt(10)) {
            case 0 -> min;
            case 1 -> Math.min(min + 1, max);
            case 2 -> max;
            default -> random.nextInt(min, max + 1);
        };
    }

    static SufficientStatistics statistics(Instrument instrument, List<Response> responses) {
        SufficientStatistics.Builder builder = SufficientStatistics.builder(instrument);
        responses.forEach(builder::add);
        return builder.build();
    }
}
