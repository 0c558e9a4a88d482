package vn.hailong.stats;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.LongStream;

/**
 * Checks a property over many generated cases: case k draws from {@code new SplittableRandom(k)}, so the seed in a
 * failure's message reproduces it. {@code -Dcases.seed=k} runs only that case, e.g. in a debugger.
 */
final class Cases {

    private Cases() {
    }

    static void check(int count, Consumer<SplittableRandom> property) {
        String only = System.getProperty("cases.seed");
        long[] seeds = only == null ? LongStream.range(0, count).toArray() : new long[] {Long.parseLong(only)};
        for (long seed : seeds) {
            try {
                property.accept(new SplittableRandom(seed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("fails for seed " + seed + " (replay with -Dcases.seed=" + seed + "): "
                        + e.getMessage(), e);
            }
        }
    }
}
