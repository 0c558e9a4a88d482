package vn.hailong.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** When the folder folds: once a second under a steady flow, at once when the flow pauses, now and then when idle. */
class RollupFolderPaceTest {
    private static final long TICK = 100_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /**
     * The ticks (from 1) at which the pace folds, given the nudges counted at each tick. The clock starts below zero,
     * as System.nanoTime() may.
     */
    private static List<Integer> folds(long[] nudgesAtTick) {
        var pace = new RollupFolder.Pace(SECOND);
        var folds = new ArrayList<Integer>();
        long start = -2 * SECOND;
        for (int tick = 1; tick <= nudgesAtTick.length; tick++) {
            if (pace.due(nudgesAtTick[tick - 1], start + tick * TICK)) {
                folds.add(tick);
            }
        }
        return folds;
    }

    @Test
    void a_steady_flow_is_folded_once_a_second() {
        var nudges = new long[35];
        for (int i = 0; i < nudges.length; i++) {
            nudges[i] = 5L * (i + 1); // ratings every tick
        }
        assertThat(folds(nudges)).containsExactly(11, 22, 33);
    }

    @Test
    void a_pause_of_one_tick_folds_at_once() {
        // Ratings in ticks 1 to 3, then none.
        assertThat(folds(new long[] {1, 2, 3, 3, 3, 3})).containsExactly(4);
        // A single rating is folded a tick after it came.
        assertThat(folds(new long[] {0, 0, 1, 1, 1})).containsExactly(4);
    }

    @Test
    void without_ratings_it_looks_every_few_ticks() {
        assertThat(folds(new long[3 * RollupFolder.LOOK_EVERY])).containsExactly(RollupFolder.LOOK_EVERY,
                2 * RollupFolder.LOOK_EVERY, 3 * RollupFolder.LOOK_EVERY);
    }
}
