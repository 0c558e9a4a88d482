package vn.hailong.rollup;

import java.util.Arrays;

/**
 * A pending rollup row's counts and sums (see {@link Rollups}) in a few hundred bytes, so that PostgreSQL stores
 * it as it comes. As two arrays a SIPAS row is 889 numbers, 7 KB: over the 2 KB at which PostgreSQL compresses a
 * row, and pglz took most of the time of inserting one. The numbers of a few ratings are mostly zeros and small
 * whole numbers, each of which takes a byte or two here; every number comes back exactly as it went in.
 *
 * <p>The format: the two lengths, then the counts and the sums in order, each number one token, a run of zeros
 * one token. A token is an unsigned LEB128 varint {@code u} whose two low bits say what it is:
 * <ul>
 *   <li>0: the whole number {@code zigzag(u >>> 2)} (a sum: exactly that double);</li>
 *   <li>1: {@code u >>> 2} zeros (a sum: +0.0);</li>
 *   <li>2: the next 8 bytes hold the number's bits, big-endian (a count: the long; a sum: the IEEE double) —
 *       for what the two others cannot hold exactly, such as a fraction or −0.0.</li>
 * </ul>
 */
public final class PackedStatistics {
    private static final int WHOLE = 0;
    private static final int ZEROS = 1;
    private static final int BITS = 2;
    /** Whole doubles up to this magnitude are exactly longs. */
    private static final double EXACT = 0x1p53;

    private PackedStatistics() {
    }

    /** A row's counts and sums, unpacked. */
    public record Unpacked(long[] counts, double[] sums) {
    }

    static byte[] pack(long[] counts, double[] sums) {
        var out = new Writer(20 + 9 * (counts.length + sums.length));
        out.varint(counts.length);
        out.varint(sums.length);
        int zeros = 0;
        for (long v : counts) {
            if (v == 0) {
                zeros++;
                continue;
            }
            zeros = out.zeros(zeros);
            out.whole(v);
        }
        for (double v : sums) {
            long bits = Double.doubleToRawLongBits(v);
            if (bits == 0) { // +0.0
                zeros++;
                continue;
            }
            zeros = out.zeros(zeros);
            if (v == Math.rint(v) && Math.abs(v) < EXACT && v != 0) { // −0.0 keeps its bits
                out.whole((long) v);
            } else {
                out.bits(bits);
            }
        }
        out.zeros(zeros);
        return out.bytes();
    }

    public static Unpacked unpack(byte[] packed) {
        var in = new Reader(packed);
        var counts = new long[in.length()];
        var sums = new double[in.length()];
        decode(in, counts, sums, 0);
        return new Unpacked(counts, sums);
    }

    /**
     * Adds the packed counts and sums to {@code counts} and {@code sums}, as adding what {@link #unpack} gives would,
     * without making the arrays: runs of zeros are skipped. Statistics of no numbers at all add nothing.
     */
    static void addTo(byte[] packed, long[] counts, double[] sums) {
        addTo(packed, counts, sums, 1);
    }

    /**
     * Adds ({@code sign} 1) or subtracts (−1) the packed counts and sums: every number is a sum over responses, so a
     * subtree's rows less its branches' are the sums of the responses of its root alone, exactly (whole numbers stay
     * whole numbers).
     */
    static void addTo(byte[] packed, long[] counts, double[] sums, int sign) {
        var in = new Reader(packed);
        int countsLength = in.length();
        int sumsLength = in.length();
        if (countsLength == 0 && sumsLength == 0 && in.atEnd()) {
            return;
        }
        if (countsLength != counts.length || sumsLength != sums.length) {
            throw new IllegalArgumentException("packed statistics: " + countsLength + " counts and " + sumsLength
                    + " sums, added to " + counts.length + " and " + sums.length);
        }
        decode(in, counts, sums, sign);
    }

    /**
     * Reads the numbers after the two lengths and adds them, times {@code sign}, to what the arrays hold; {@code sign}
     * 0 puts them in as they are, bit for bit (−0.0 stays −0.0).
     */
    private static void decode(Reader in, long[] counts, double[] sums, int sign) {
        int countsLength = counts.length;
        int i = 0;
        int total = countsLength + sums.length;
        while (i < total) {
            long token = in.varint();
            int kind = (int) (token & 3);
            if (kind == ZEROS) {
                long run = token >>> 2;
                if (run == 0 || run > total - i) {
                    throw new IllegalArgumentException("packed statistics: a run of " + run + " zeros at " + i
                            + " of " + total);
                }
                i += (int) run; // adds nothing; unpacked arrays start at zero
                continue;
            }
            long value;
            if (kind == WHOLE) {
                long zigzag = token >>> 2;
                value = (zigzag >>> 1) ^ -(zigzag & 1);
            } else if (kind == BITS) {
                value = in.long8();
            } else {
                throw new IllegalArgumentException("packed statistics: unknown token kind " + kind + " at " + i);
            }
            if (i < countsLength) {
                counts[i] = sign == 0 ? value : counts[i] + sign * value;
            } else {
                double v = kind == WHOLE ? (double) value : Double.longBitsToDouble(value);
                sums[i - countsLength] = sign == 0 ? v : sums[i - countsLength] + sign * v;
            }
            i++;
        }
        if (!in.atEnd()) {
            throw new IllegalArgumentException("packed statistics: bytes left after " + total + " numbers");
        }
    }

    private static final class Writer {
        private byte[] buffer;
        private int size;

        Writer(int capacity) {
            buffer = new byte[capacity];
        }

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                buffer[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buffer[size++] = (byte) v;
        }

        /** Writes a run of zeros if there is one; returns 0, the run now written. */
        int zeros(int run) {
            if (run > 0) {
                varint(((long) run << 2) | ZEROS);
            }
            return 0;
        }

        void whole(long v) {
            long zigzag = (v << 1) ^ (v >> 63);
            if (zigzag >>> 62 == 0) {
                varint((zigzag << 2) | WHOLE);
            } else {
                bits(v);
            }
        }

        void bits(long bits) {
            varint(BITS);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (bits >>> shift);
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, size);
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = next();
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("packed statistics: a varint longer than 10 bytes at " + position);
        }

        int length() {
            long v = varint();
            if (v > 1_000_000) {
                throw new IllegalArgumentException("packed statistics: an array of " + v + " numbers");
            }
            return (int) v;
        }

        long long8() {
            long v = 0;
            for (int k = 0; k < 8; k++) {
                v = (v << 8) | (next() & 0xFF);
            }
            return v;
        }

        private byte next() {
            if (position >= bytes.length) {
                throw new IllegalArgumentException("packed statistics: cut short at byte " + position);
            }
            return bytes[position++];
        }

        boolean atEnd() {
            return position == bytes.length;
        }
    }
}
