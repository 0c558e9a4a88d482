package vn.hailong.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingsTest {

    private static Estimate index(double value, double se) {
        return Estimate.of(value, se);
    }

    @Test
    void a_rank_counts_the_groups_clearly_better_and_overlaps_do_not_chain() {
        Map<String, Estimate> indices = Map.of(
                "A", index(90, 1),   // 88.0–92.0
                "B", index(80, 1),   // 78.0–82.0, clear of A
                "C", index(78, 1),   // overlaps B
                "D", index(75, 1),   // overlaps C, not B: B is clearly better, so D ranks below it
                "E", index(60, 1));

        List<Rankings.Ranked> ranked = Rankings.rank(indices);

        assertThat(ranked).extracting(Rankings.Ranked::key).containsExactly("A", "B", "C", "D", "E");
        assertThat(ranked).extracting(Rankings.Ranked::rank).containsExactly(1, 2, 2, 3, 5);
        assertThat(ranked).extracting(Rankings.Ranked::tied).containsExactly(false, true, true, true, false);
    }

    /**
     * Worked by hand on the same five groups (95% intervals A 88–92, B 78–82, C 76–80, D 73–77, E 58–62) and F,
     * 70 ± 39.2 (30.8–100), which overlaps everyone. A group's worst rank is N − the groups clearly below it:
     * A is apart from B–E (below) and overlaps F: ranks 1–2. B: A above; D, E below: 2–4. C: A above; E below: 2–5.
     * D: A, B above; E below: 3–5. F: nobody apart: 1–6. E: A–D above: 5–6.
     */
    @Test
    void the_rank_range_runs_from_the_groups_clearly_above_to_those_clearly_below() {
        Map<String, Estimate> indices = Map.of(
                "A", index(90, 1), "B", index(80, 1), "C", index(78, 1), "D", index(75, 1), "E", index(60, 1),
                "F", index(70, 20));

        List<Rankings.Ranked> ranked = Rankings.rank(indices);

        assertThat(ranked).extracting(Rankings.Ranked::key).containsExactly("A", "B", "C", "D", "F", "E");
        assertThat(ranked).extracting(Rankings.Ranked::rank).containsExactly(1, 2, 2, 3, 1, 5);
        assertThat(ranked).extracting(Rankings.Ranked::worstRank).containsExactly(2, 4, 5, 5, 6, 6);
    }

    @Test
    void a_group_apart_from_every_other_has_one_rank() {
        List<Rankings.Ranked> ranked = Rankings.rank(Map.of("A", index(90, 1), "B", index(70, 1), "C", index(50, 1)));

        assertThat(ranked).extracting(Rankings.Ranked::rank).containsExactly(1, 2, 3);
        assertThat(ranked).extracting(Rankings.Ranked::worstRank).containsExactly(1, 2, 3);
    }

    @Test
    void equal_indices_are_ordered_by_key() {
        List<Rankings.Ranked> ranked = Rankings.rank(Map.of("Y", index(70, 2), "X", index(70, 2)));

        assertThat(ranked).extracting(Rankings.Ranked::key).containsExactly("X", "Y");
        assertThat(ranked).extracting(Rankings.Ranked::rank).containsExactly(1, 1);
        assertThat(ranked).extracting(Rankings.Ranked::worstRank).containsExactly(2, 2);
    }

    /**
     * Worked by hand: indices 60, 70, 80 with SE 5, 5, 10. Fixed-effect weights 1/25, 1/25, 1/100 give a mean of
     * 66.67 and Q = 4, so τ² = (4 − 2) / (0.09 − 0.0033/0.09) = 37.5; random-effect weights 1/62.5, 1/62.5, 1/137.5
     * give μ = 366/5.4 = 610/9. B = 0.6, 0.6, 3/11, so the shrunken indices are 568/9, 622/9 and 640/9.
     */
    @Test
    void shrinkage_matches_a_hand_worked_example() {
        Estimate a = index(60, 5);
        Estimate b = index(70, 5);
        Estimate c = index(80, 10);

        Shrinkage shrinkage = Shrinkage.fit(List.of(a, b, c));

        assertThat(shrinkage.tau2()).isCloseTo(37.5, within(1e-9));
        assertThat(shrinkage.mu()).isCloseTo(610.0 / 9, within(1e-9));
        assertThat(shrinkage.factor(a)).isCloseTo(0.6, within(1e-12));
        assertThat(shrinkage.factor(c)).isCloseTo(3.0 / 11, within(1e-12));
        assertThat(shrinkage.shrink(a)).isCloseTo(568.0 / 9, within(1e-9));
        assertThat(shrinkage.shrink(b)).isCloseTo(622.0 / 9, within(1e-9));
        assertThat(shrinkage.shrink(c)).isCloseTo(640.0 / 9, within(1e-9));

        List<Rankings.Ranked> ranked = Rankings.rank(Map.of("a", a, "b", b, "c", c));
        assertThat(ranked.get(0).shrunken()).isCloseTo(640.0 / 9, within(1e-9));
    }

    @Test
    void homogeneous_groups_shrink_all_the_way_to_the_mean() {
        // Q = 0.08 < df = 1, so τ² = 0 and B = 0.
        Shrinkage shrinkage = Shrinkage.fit(List.of(index(70, 5), index(72, 5)));

        assertThat(shrinkage.tau2()).isZero();
        assertThat(shrinkage.shrink(index(70, 5))).isCloseTo(71, within(1e-12));
    }

    @Test
    void groups_without_sampling_error_keep_their_index() {
        Estimate exact = index(100, 0);
        Shrinkage shrinkage = Shrinkage.fit(List.of(exact, index(60, 5), index(80, 5)));

        assertThat(shrinkage.shrink(exact)).isEqualTo(100);
        assertThat(Shrinkage.fit(List.of(exact)).shrink(exact)).isEqualTo(100);
        assertThat(Rankings.rank(Map.of())).isEmpty();
    }
}
