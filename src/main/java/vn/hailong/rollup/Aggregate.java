package vn.hailong.rollup;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One of the pre-summed aggregates the rollup store keeps: for every unit, the statistics of its whole subtree, cut
 * by what the aggregate keeps, per period of each of its grains. {@link #SET} is the whole declaration; a question no
 * aggregate covers is answered from the responses themselves (see {@link RollupReader}).
 *
 * <p>The rule for grains: a rollup row is read and merged at about the cost of reading some dozens of raw responses
 * (docs/rollups.md gives the measurement), so a grain is kept only where a busy province's rows hold more responses
 * than that. Days are kept for the subtree as a whole, and by channel and stratum, which a province fills with
 * hundreds of ratings a day; a day of one procedure or one centre holds a few, and the responses answer it. A
 * response's stratum is its procedure's field, so the rows cut by service or centre keep it at almost no cost.
 */
public record Aggregate(short code, String name, Set<Cut> keeps, Set<Grain> grains) {

    /** What an aggregate may cut its rows by, beside unit, period, questionnaire version and flagged or not. */
    public enum Cut { SERVICE, CENTRE, CHANNEL, STRATUM }

    public static final List<Aggregate> SET = List.of(
            new Aggregate((short) 1, "units", EnumSet.noneOf(Cut.class), EnumSet.allOf(Grain.class)),
            new Aggregate((short) 2, "channels", EnumSet.of(Cut.CHANNEL, Cut.STRATUM), EnumSet.allOf(Grain.class)),
            new Aggregate((short) 3, "services", EnumSet.of(Cut.SERVICE, Cut.CHANNEL, Cut.STRATUM),
                    EnumSet.of(Grain.MONTH, Grain.YEAR)),
            new Aggregate((short) 4, "centres", EnumSet.of(Cut.CENTRE, Cut.CHANNEL, Cut.STRATUM),
                    EnumSet.of(Grain.MONTH, Grain.YEAR)));

    public Aggregate {
        if (keeps.contains(Cut.SERVICE) && keeps.contains(Cut.CENTRE)) {
            throw new IllegalArgumentException("a row holds one value: a service or a centre, not both");
        }
        keeps = Set.copyOf(keeps);
        grains = Set.copyOf(grains);
    }

    /**
     * The aggregate that answers a question needing these cuts: one that keeps them all, and of those the one that
     * keeps least else (its rows are fewer and fuller); empty when none keeps them all.
     */
    static Optional<Aggregate> covering(Set<Cut> needed) {
        return SET.stream()
                .filter(a -> a.keeps.containsAll(needed))
                .min(java.util.Comparator.comparingInt(a -> a.keeps.size()));
    }

    boolean keeps(Cut cut) {
        return keeps.contains(cut);
    }
}
