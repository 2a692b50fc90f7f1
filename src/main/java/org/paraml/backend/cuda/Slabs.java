package org.paraml.backend.cuda;

import java.nio.DoubleBuffer;
import org.paraml.linalg.Matrix;

/** How work is cut into slabs for the staging buffers, and how host rows are packed into them. */
final class Slabs {
    /** The target size of one staged input or output slab. */
    static final long BYTES = 8L << 20;
    /** Device allocations start on multiples of this (the driver aligns to at least 256 bytes). */
    static final long ALIGN = 256;

    private Slabs() {
    }

    /** Rows of {@code rowBytes} bytes each in one slab: at least 1, at most {@code limit}. */
    static int rows(long rowBytes, int limit) {
        long r = rowBytes <= 0 ? limit : BYTES / rowBytes;
        return (int) Math.max(1, Math.min(limit, r));
    }

    /** {@code bytes} rounded up to {@link #ALIGN}. */
    static long align(long bytes) {
        return (bytes + ALIGN - 1) / ALIGN * ALIGN;
    }

    /**
     * Copies rows {@code [from, to)} of {@code x} into {@code dst}, compact and row-major, each value
     * {@code x_ij − shift_j} (rounded once, as a translated copy of {@code x} holds it) when {@code shift}
     * is not null.
     */
    static void putRows(Matrix x, double[] shift, int from, int to, DoubleBuffer dst) {
        if (shift == null) {
            putRows(x, from, to, dst);
            return;
        }
        int d = x.cols();
        double[] a = x.data();
        // translated a few rows at a time through a small array: DoubleBuffer's bulk put is the fast path
        int batch = Math.max(1, Math.min(to - from, 4096 / Math.max(1, d)));
        double[] rows = new double[batch * d];
        for (int i = from; i < to; i += batch) {
            int count = Math.min(batch, to - i);
            for (int r = 0; r < count; r++) {
                int o = x.offset(i + r);
                int p = r * d;
                for (int j = 0; j < d; j++) {
                    rows[p + j] = a[o + j] - shift[j];
                }
            }
            dst.put(rows, 0, count * d);
        }
    }

    /** Copies rows {@code [from, to)} of {@code x} into {@code dst}, compact and row-major. */
    static void putRows(Matrix x, int from, int to, DoubleBuffer dst) {
        int d = x.cols();
        if (x.isContiguous()) {
            dst.put(x.data(), x.offset(from), (to - from) * d);
        } else {
            for (int i = from; i < to; i++) {
                dst.put(x.data(), x.offset(i), d);
            }
        }
    }
}
