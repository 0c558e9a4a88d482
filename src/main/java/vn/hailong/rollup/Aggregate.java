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
 * <p>The rule for grains: a rollup row costs about three responses' time to read and five responses' bytes
 * (docs/rollups.md gives the measurements), so a grain is kept only where a busy province's rows sum far more
 * responses than that. A unit's day, whole or by channel, holds hundreds of a busy province's ratings; the same
 * day by stratum or procedure, or flagged apart, a handful: those cuts are kept by month and year only, and a
 * procedure by channel by year. A procedure's day holds dozens of a whole province's ratings, not of one of its
 * units': those rows are kept for top units only. A response's stratum is its procedure's field, so rows cut by
 * procedure or centre keep the stratum at almost no cost.
 */
public record Aggregate(short code, String name, Set<Cut> keeps, Set<Grain> grains, Reach reach) {

    /** What an aggregate may cut its rows by, beside unit, period and questionnaire version. */
    public enum Cut { SERVICE, CENTRE, CHANNEL, STRATUM, FLAGGED }

    /** Which units have rows: every unit, or only the top units (a province), for what is asked of a whole one. */
    public enum Reach { EVERY_UNIT, TOP_UNITS }

    private static final Set<Grain> MONTHS_AND_YEARS = EnumSet.of(Grain.MONTH, Grain.YEAR);

    public static final List<Aggregate> SET = List.of(
            new Aggregate((short) 1, "units", EnumSet.noneOf(Cut.class), EnumSet.allOf(Grain.class), Reach.EVERY_UNIT),
            new Aggregate((short) 2, "channels", EnumSet.of(Cut.CHANNEL), EnumSet.allOf(Grain.class), Reach.EVERY_UNIT),
            new Aggregate((short) 3, "strata", EnumSet.of(Cut.CHANNEL, Cut.STRATUM, Cut.FLAGGED), MONTHS_AND_YEARS,
                    Reach.EVERY_UNIT),
            new Aggregate((short) 4, "services", EnumSet.of(Cut.SERVICE, Cut.STRATUM, Cut.FLAGGED), MONTHS_AND_YEARS,
                    Reach.EVERY_UNIT),
            new Aggregate((short) 5, "service channels", EnumSet.of(Cut.SERVICE, Cut.CHANNEL, Cut.STRATUM, Cut.FLAGGED),
                    EnumSet.of(Grain.YEAR), Reach.EVERY_UNIT),
            new Aggregate((short) 6, "centres", EnumSet.of(Cut.CENTRE, Cut.CHANNEL, Cut.STRATUM, Cut.FLAGGED),
                    MONTHS_AND_YEARS, Reach.EVERY_UNIT),
            new Aggregate((short) 7, "service days", EnumSet.of(Cut.SERVICE), EnumSet.of(Grain.DAY), Reach.TOP_UNITS));

    public Aggregate {
        if (keeps.contains(Cut.SERVICE) && keeps.contains(Cut.CENTRE)) {
            throw new IllegalArgumentException("a row holds one value: a service or a centre, not both");
        }
        keeps = Set.copyOf(keeps);
        grains = Set.copyOf(grains);
    }

    /**
     * The aggregate whose rows of {@code grain} answer a question needing these cuts: one that keeps them all at that
     * grain, for the units asked about ({@code topUnits}: only top units' rows are read), and of those the one that
     * keeps least else (its rows are fewer and fuller); empty when none does.
     */
    static Optional<Aggregate> covering(Set<Cut> needed, Grain grain, boolean topUnits) {
        return SET.stream()
                .filter(a -> a.grains.contains(grain) && a.keeps.containsAll(needed)
                        && (a.reach == Reach.EVERY_UNIT || topUnits))
                .min(java.util.Comparator.comparingInt(a -> a.keeps.size()));
    }

    static Aggregate of(short code) {
        return SET.get(code - 1);
    }

    boolean keeps(Cut cut) {
        return keeps.contains(cut);
    }
}
