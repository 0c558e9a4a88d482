package vn.hailong.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Groups ordered by index, with CI-overlap ties, the range of ranks each could hold, and their empirical-Bayes
 * shrunken index.
 */
public final class Rankings {

    private Rankings() {
    }

    /**
     * Ranks published indices by group key (e.g. agency code), highest first. A group whose 95% interval overlaps
     * its neighbour's is tied with it. Its rank is 1 + the number of groups above it whose interval it does not
     * overlap, i.e. that are clearly better: overlaps do not chain, so a long run of close groups does not all
     * collapse onto the first rank.
     *
     * <p>Its rank range is that rank (the best it could hold) to N − the number of groups below it whose interval it
     * does not overlap (the worst it could hold): a group is placed above another only where their 95% intervals are
     * apart, so "ranks 2–5" reads "clearly below one group, clearly above N − 5, not told apart from the rest".
     */
    public static List<Ranked> rank(Map<String, Estimate> indices) {
        List<Map.Entry<String, Estimate>> sorted = new ArrayList<>(indices.entrySet());
        sorted.sort(Comparator.comparingDouble((Map.Entry<String, Estimate> e) -> -e.getValue().value())
                .thenComparing(Map.Entry::getKey));
        Shrinkage shrinkage = Shrinkage.fit(indices.values());
        List<Ranked> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Estimate e = sorted.get(i).getValue();
            boolean tiedAbove = i > 0 && e.overlaps(sorted.get(i - 1).getValue());
            boolean tiedBelow = i + 1 < sorted.size() && e.overlaps(sorted.get(i + 1).getValue());
            int clearlyBetter = 0;
            int clearlyWorse = 0;
            for (int j = 0; j < sorted.size(); j++) {
                if (j != i && !e.overlaps(sorted.get(j).getValue())) {
                    if (j < i) {
                        clearlyBetter++;
                    } else {
                        clearlyWorse++;
                    }
                }
            }
            ranked.add(new Ranked(sorted.get(i).getKey(), e, 1 + clearlyBetter, sorted.size() - clearlyWorse,
                    tiedAbove || tiedBelow, shrinkage.shrink(e), shrinkage.factor(e)));
        }
        return ranked;
    }

    /**
     * One group's place: its index, its rank (the best it could hold) and the worst rank it could hold, whether it is
     * tied with a neighbour, and its shrunken index.
     */
    public record Ranked(String key, Estimate index, int rank, int worstRank, boolean tied, double shrunken,
                         double shrinkageFactor) {
    }
}
