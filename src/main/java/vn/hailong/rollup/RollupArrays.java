package vn.hailong.rollup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A rollup row's counts ({@code bigint[]}) and sums ({@code double precision[]}), as rollups were kept until V16,
 * as primitive arrays, from the bytes PostgreSQL sent: what the migrations that pack them read ({@link PackRollups}).
 * The driver's own arrays box each of a SIPAS row's 889 numbers. Reads PostgreSQL's binary array format
 * (array_send: dimensions, a null flag, the element type, each dimension's length and lower bound, then each
 * element's length and value), and its text format ({@code {1,2,3}}) should the driver have asked for text.
 */
public final class RollupArrays {
    private RollupArrays() {
    }

    public static long[] longs(byte[] raw) {
        if (isText(raw)) {
            var items = items(raw);
            var out = new long[items.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Long.parseLong(items[i]);
            }
            return out;
        }
        var buffer = elements(raw);
        var out = new long[buffer.remaining() / 12];
        for (int i = 0; i < out.length; i++) {
            buffer.getInt(); // the element's length: 8
            out[i] = buffer.getLong();
        }
        return out;
    }

    public static double[] doubles(byte[] raw) {
        if (isText(raw)) {
            var items = items(raw);
            var out = new double[items.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Double.parseDouble(items[i]);
            }
            return out;
        }
        var buffer = elements(raw);
        var out = new double[buffer.remaining() / 12];
        for (int i = 0; i < out.length; i++) {
            buffer.getInt(); // the element's length: 8
            out[i] = buffer.getDouble();
        }
        return out;
    }

    private static boolean isText(byte[] raw) {
        return raw.length > 0 && raw[0] == '{';
    }

    private static String[] items(byte[] raw) {
        var text = new String(raw, StandardCharsets.US_ASCII).trim();
        var inner = text.substring(1, text.length() - 1);
        return inner.isEmpty() ? new String[0] : inner.split(",");
    }

    /** The buffer at the first element, after checking the array is one-dimensional and without nulls. */
    private static ByteBuffer elements(byte[] raw) {
        var buffer = ByteBuffer.wrap(raw); // big-endian, as PostgreSQL sends
        int dimensions = buffer.getInt();
        int hasNulls = buffer.getInt();
        buffer.getInt(); // element type
        if (dimensions == 0) {
            return buffer.limit(buffer.position());
        }
        if (dimensions != 1 || hasNulls != 0) {
            throw new IllegalStateException("a rollup array has " + dimensions + " dimensions"
                    + (hasNulls != 0 ? " and nulls" : ""));
        }
        buffer.getInt(); // length
        buffer.getInt(); // lower bound
        return buffer;
    }
}
