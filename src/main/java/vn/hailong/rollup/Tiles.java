package vn.hailong.rollup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How the days of a question are answered: as few rollup periods as cover them (whole years, then whole months,
 * then days, each from the grains the aggregate keeps), and the days no kept grain covers read from the responses.
 * Days are Vietnam's; every range here starts on its first day and ends before its last.
 *
 * @param periods the rollup periods: a grain and the first days of its periods from {@code start} to before {@code
 *                end}
 * @param raw     the days to read from the responses themselves
 */
record Tiles(List<Tile> periods, List<Range> raw) {

    /** The first and last days a question may name (see Requests.date): no rating lies outside them. */
    static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
    static final LocalDate END = LocalDate.of(10000, 1, 1);

    /** Days from {@code start} to the day before {@code end}. */
    record Range(LocalDate start, LocalDate end) {
    }

    /** The rows of one grain whose periods begin from {@code start} to the day before {@code end}. */
    record Tile(Grain grain, LocalDate start, LocalDate end) {
    }

    /**
     * Tiles the days from {@code from} to {@code to} (either null: no bound) with the grains kept; years only where
     * {@code years} (a question split by quarter or month needs its years by month).
     */
    static Tiles of(LocalDate from, LocalDate to, Set<Grain> kept, boolean years) {
        var tiles = new Tiles(new ArrayList<>(), new ArrayList<>());
        tiles.cover(from == null ? FIRST : from, to == null ? END : to.plusDays(1),
                years ? Grain.YEAR : Grain.MONTH, kept);
        return tiles;
    }

    /** Covers [start, end) with whole periods of {@code grain} if kept, and what is left at either end finer. */
    private void cover(LocalDate start, LocalDate end, Grain grain, Set<Grain> kept) {
        if (!start.isBefore(end)) {
            return;
        }
        if (grain == null) {
            raw.add(new Range(start, end));
            return;
        }
        var finer = grain.finer();
        if (!kept.contains(grain)) {
            cover(start, end, finer, kept);
            return;
        }
        var first = grain.start(start).equals(start) ? start : grain.next(grain.start(start));
        var last = grain.start(end);
        if (!first.isBefore(last)) {
            cover(start, end, finer, kept);
            return;
        }
        cover(start, first, finer, kept);
        periods.add(new Tile(grain, first, last));
        cover(last, end, finer, kept);
    }
}
