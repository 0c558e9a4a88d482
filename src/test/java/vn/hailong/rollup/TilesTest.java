package vn.hailong.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** How the days of a question are tiled by the grains an aggregate keeps. */
class TilesTest {
    static final EnumSet<Grain> ALL = EnumSet.allOf(Grain.class);
    static final EnumSet<Grain> MONTHS_AND_YEARS = EnumSet.of(Grain.MONTH, Grain.YEAR);

    @Test
    void a_whole_year_is_one_year_row_and_no_bounds_are_all_years() {
        assertThat(Tiles.of(day("2025-01-01"), day("2025-12-31"), ALL, true)).isEqualTo(new Tiles(
                List.of(tile(Grain.YEAR, "2025-01-01", "2026-01-01")), List.of()));
        assertThat(Tiles.of(null, null, ALL, true)).isEqualTo(new Tiles(
                List.of(new Tiles.Tile(Grain.YEAR, Tiles.FIRST, Tiles.END)), List.of()));
    }

    @Test
    void days_that_cut_a_month_come_from_day_rows_or_else_from_the_responses() {
        assertThat(Tiles.of(day("2025-03-15"), day("2025-06-14"), ALL, true)).isEqualTo(new Tiles(List.of(
                tile(Grain.DAY, "2025-03-15", "2025-04-01"),
                tile(Grain.MONTH, "2025-04-01", "2025-06-01"),
                tile(Grain.DAY, "2025-06-01", "2025-06-15")), List.of()));
        assertThat(Tiles.of(day("2025-03-15"), day("2025-06-14"), MONTHS_AND_YEARS, true)).isEqualTo(new Tiles(
                List.of(tile(Grain.MONTH, "2025-04-01", "2025-06-01")),
                List.of(range("2025-03-15", "2025-04-01"), range("2025-06-01", "2025-06-15"))));
        assertThat(Tiles.of(day("2025-06-03"), day("2025-06-19"), MONTHS_AND_YEARS, true)).isEqualTo(new Tiles(
                List.of(), List.of(range("2025-06-03", "2025-06-20"))));
    }

    @Test
    void years_around_months_around_days_and_months_only_when_split_by_month_or_quarter() {
        assertThat(Tiles.of(day("2023-11-20"), day("2026-02-10"), ALL, true)).isEqualTo(new Tiles(List.of(
                tile(Grain.DAY, "2023-11-20", "2023-12-01"),
                tile(Grain.MONTH, "2023-12-01", "2024-01-01"),
                tile(Grain.YEAR, "2024-01-01", "2026-01-01"),
                tile(Grain.MONTH, "2026-01-01", "2026-02-01"),
                tile(Grain.DAY, "2026-02-01", "2026-02-11")), List.of()));
        assertThat(Tiles.of(day("2024-01-01"), day("2025-12-31"), ALL, false)).isEqualTo(new Tiles(
                List.of(tile(Grain.MONTH, "2024-01-01", "2026-01-01")), List.of()));
        assertThat(Tiles.of(day("2024-04-01"), null, ALL, true)).isEqualTo(new Tiles(List.of(
                tile(Grain.MONTH, "2024-04-01", "2025-01-01"),
                new Tiles.Tile(Grain.YEAR, day("2025-01-01"), Tiles.END)), List.of()));
    }

    /** Whatever the days and grains, every day is covered exactly once, and a tile holds whole periods only. */
    @Test
    void every_day_is_covered_once_by_whole_periods() {
        var random = new SplittableRandom(23);
        var grainSets = List.of(ALL, MONTHS_AND_YEARS, EnumSet.of(Grain.YEAR), EnumSet.of(Grain.DAY),
                EnumSet.noneOf(Grain.class));
        for (int i = 0; i < 2_000; i++) {
            var from = day("2022-01-01").plusDays(random.nextInt(1_500));
            var to = from.plusDays(random.nextInt(900));
            var kept = grainSets.get(random.nextInt(grainSets.size()));
            boolean years = random.nextBoolean();
            var tiles = Tiles.of(from, to, kept, years);
            var pieces = new ArrayList<Tiles.Range>(tiles.raw());
            for (var tile : tiles.periods()) {
                assertThat(kept).contains(tile.grain());
                assertThat(years || tile.grain() != Grain.YEAR).isTrue();
                assertThat(tile.grain().start(tile.start())).isEqualTo(tile.start());
                assertThat(tile.grain().start(tile.end())).isEqualTo(tile.end());
                pieces.add(new Tiles.Range(tile.start(), tile.end()));
            }
            pieces.sort(Comparator.comparing(Tiles.Range::start));
            var next = from;
            for (var piece : pieces) {
                assertThat(piece.start()).as("%s to %s by %s: %s", from, to, kept, tiles).isEqualTo(next);
                assertThat(piece.end()).isAfter(piece.start());
                next = piece.end();
            }
            assertThat(next).isEqualTo(to.plusDays(1));
        }
    }

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    private static Tiles.Tile tile(Grain grain, String start, String end) {
        return new Tiles.Tile(grain, day(start), day(end));
    }

    private static Tiles.Range range(String start, String end) {
        return new Tiles.Range(day(start), day(end));
    }
}
