package vn.hailong.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import vn.hailong.stats.Instrument;
import vn.hailong.stats.Response;
import vn.hailong.stats.SufficientStatistics;

/** Packed statistics come back exactly as they went in, are small for a few ratings, and refuse broken bytes. */
class PackedStatisticsTest {

    @Test
    void every_number_comes_back_exactly_whatever_it_is() {
        long[] counts = {0, 1, -1, 63, 64, -64, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, (1L << 61) - 1, 1L << 61, 0, 0};
        double[] sums = {0.0, -0.0, 1.0, -3.0, 0.5, 1.0 / 3, 0x1p53, -0x1p53, 0x1p52 + 1, 1e300, Double.MIN_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0.0, 0.0, 7.0};
        var back = PackedStatistics.unpack(PackedStatistics.pack(counts, sums));
        assertThat(back.counts()).containsExactly(counts);
        assertThat(Arrays.stream(back.sums()).mapToLong(Double::doubleToRawLongBits).toArray())
                .as("the bits of each double, −0.0 and NaN included")
                .containsExactly(Arrays.stream(sums).mapToLong(Double::doubleToRawLongBits).toArray());
    }

    @Test
    void random_arrays_come_back_exactly() {
        var random = new SplittableRandom(7);
        for (int trial = 0; trial < 500; trial++) {
            var counts = new long[random.nextInt(300)];
            var sums = new double[random.nextInt(700)];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(100);
                    case 2 -> random.nextLong();
                    default -> -random.nextInt(1_000_000);
                };
            }
            for (int i = 0; i < sums.length; i++) {
                sums[i] = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(50);
                    case 2 -> random.nextDouble() * 1e6 - 5e5;
                    default -> Double.longBitsToDouble(random.nextLong());
                };
            }
            var back = PackedStatistics.unpack(PackedStatistics.pack(counts, sums));
            assertThat(back.counts()).containsExactly(counts);
            assertThat(Arrays.stream(back.sums()).mapToLong(Double::doubleToRawLongBits).toArray())
                    .containsExactly(Arrays.stream(sums).mapToLong(Double::doubleToRawLongBits).toArray());
        }
        var empty = PackedStatistics.unpack(PackedStatistics.pack(new long[0], new double[0]));
        assertThat(empty.counts()).isEmpty();
        assertThat(empty.sums()).isEmpty();
    }

    /** What a fold does with every row it reads: adding packed numbers in place is adding what unpacking gives. */
    @Test
    void adding_packed_numbers_is_adding_what_they_unpack_to() {
        var random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            var counts = new long[1 + random.nextInt(200)];
            var sums = new double[1 + random.nextInt(400)];
            var moreCounts = new long[counts.length];
            var moreSums = new double[sums.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = random.nextInt(1000);
                moreCounts[i] = random.nextBoolean() ? 0 : random.nextInt(50) - 10;
            }
            for (int i = 0; i < sums.length; i++) {
                sums[i] = random.nextInt(5000) / 4.0;
                moreSums[i] = random.nextBoolean() ? 0 : random.nextBoolean() ? random.nextInt(30) : random.nextDouble();
            }
            var expectedCounts = counts.clone();
            var expectedSums = sums.clone();
            for (int i = 0; i < counts.length; i++) {
                expectedCounts[i] += moreCounts[i];
            }
            for (int i = 0; i < sums.length; i++) {
                expectedSums[i] += moreSums[i];
            }
            PackedStatistics.addTo(PackedStatistics.pack(moreCounts, moreSums), counts, sums);
            assertThat(counts).containsExactly(expectedCounts);
            assertThat(sums).containsExactly(expectedSums);
        }
        long[] counts = {1, 2};
        double[] sums = {3};
        PackedStatistics.addTo(PackedStatistics.pack(new long[0], new double[0]), counts, sums);
        assertThat(counts).as("statistics of no numbers add nothing").containsExactly(1, 2);
        assertThatThrownBy(() -> PackedStatistics.addTo(PackedStatistics.pack(new long[] {1}, new double[] {1}),
                counts, sums)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 counts and 1 sums");
    }

    /** Under the 2 KB at which PostgreSQL would compress the row: what the packing is for. */
    @Test
    void a_few_sipas_ratings_pack_well_under_two_kilobytes() {
        var instrument = Instrument.sipas();
        var random = new SplittableRandom(3);
        var builder = SufficientStatistics.builder(instrument);
        int[] sizes = new int[9];
        for (int ratings = 1; ratings <= 8; ratings++) {
            var levels = new int[instrument.criteria().size()];
            for (int c = 0; c < levels.length; c++) {
                levels[c] = random.nextInt(6); // 0: not applicable
            }
            builder.add(new Response("", levels));
            var stratum = builder.build().strata().get("");
            sizes[ratings] = PackedStatistics.pack(stratum.counts(), stratum.sums()).length;
            var back = PackedStatistics.unpack(PackedStatistics.pack(stratum.counts(), stratum.sums()));
            assertThat(back.counts()).containsExactly(stratum.counts());
            assertThat(back.sums()).containsExactly(stratum.sums());
        }
        assertThat(sizes[1]).as("one rating").isLessThan(700);
        assertThat(sizes[8]).as("eight ratings").isLessThan(2_000);
    }

    @Test
    void broken_bytes_are_refused_with_a_reason() {
        var packed = PackedStatistics.pack(new long[] {1, 2, 3}, new double[] {0.5, 0, 4});
        assertThatThrownBy(() -> PackedStatistics.unpack(Arrays.copyOf(packed, packed.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> PackedStatistics.unpack(Arrays.copyOf(packed, packed.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes left");
        assertThatThrownBy(() -> PackedStatistics.unpack(new byte[] {1, 1, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown token kind");
        assertThatThrownBy(() -> PackedStatistics.unpack(new byte[] {1, 1, (byte) (3 << 2 | 1)}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zeros");
    }
}
