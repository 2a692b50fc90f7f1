package org.paraml.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;

/** Converts raw {@code .npy} elements (a buffer whose byte order is already set) to Java values. */
final class NpyDecode {
    private NpyDecode() {
    }

    /**
     * Writes the {@code n} elements of {@code dtype} at the start of {@code src} (from its position) into
     * {@code dst[off .. off + n)} as doubles. int64 values beyond 2^53 round to the nearest double; bool
     * becomes 0 or 1. {@code src} is not modified.
     */
    static void toDoubles(ByteBuffer src, NpyDtype dtype, double[] dst, int off, int n) {
        int p = src.position();
        switch (dtype) {
            case FLOAT64 -> src.asDoubleBuffer().get(dst, off, n); // one bulk copy (swapped if big-endian)
            case FLOAT32 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.getFloat(p + 4 * i);
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.getLong(p + 8 * i);
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.getInt(p + 4 * i);
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.get(p + i) != 0 ? 1 : 0;
                }
            }
        }
    }

    /**
     * Writes the {@code n} elements at the start of {@code src} into {@code dst[off .. off + n)} as ints.
     * Throws, naming {@code file} and the element index {@code off + i}, when a value does not fit in an
     * int or (for float dtypes) is not an integer.
     */
    static void toInts(ByteBuffer src, NpyDtype dtype, int[] dst, int off, int n, Path file)
            throws NpyFormatException {
        int p = src.position();
        for (int i = 0; i < n; i++) {
            int at = p + i * dtype.itemSize();
            switch (dtype) {
                case INT32 -> dst[off + i] = src.getInt(at);
                case BOOL -> dst[off + i] = src.get(at) != 0 ? 1 : 0;
                case INT64 -> {
                    long v = src.getLong(at);
                    if (v != (int) v) {
                        throw new NpyFormatException(file, "value " + v + " at index " + (off + i)
                                + " does not fit in a Java int (allowed: " + Integer.MIN_VALUE + " to "
                                + Integer.MAX_VALUE + ")");
                    }
                    dst[off + i] = (int) v;
                }
                case FLOAT64, FLOAT32 -> {
                    double v = dtype == NpyDtype.FLOAT64 ? src.getDouble(at) : src.getFloat(at);
                    if (v != Math.rint(v) || Double.isInfinite(v)) {
                        throw new NpyFormatException(file, "value " + v + " at index " + (off + i) + " of this "
                                + dtype.name().toLowerCase(Locale.ROOT) + " file is not an integer; integer labels"
                                + " are expected (store them as an integer dtype, or round them first)");
                    }
                    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                        throw new NpyFormatException(file, "value " + v + " at index " + (off + i)
                                + " does not fit in a Java int (allowed: " + Integer.MIN_VALUE + " to "
                                + Integer.MAX_VALUE + ")");
                    }
                    dst[off + i] = (int) v;
                }
            }
        }
    }
}
