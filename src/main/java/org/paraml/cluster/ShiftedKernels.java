package org.paraml.cluster;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.paraml.backend.Backend;
import org.paraml.backend.PreparedMatrix;
import org.paraml.linalg.Matrix;

/**
 * The backend's k-means block operations applied to the rows translated by a fixed vector {@code s}
 * ({@code x − s}), as scikit-learn subtracts the mean of X before fitting: a backend may pick the nearest
 * centre from {@code ||c||² − 2⟨x, c⟩}, whose rounding error grows with {@code ||x||·||c||}, so data far
 * from the origin (all rows near 10⁸, say) would get wrong labels. Translating by the mean of the first
 * rows ({@link FitContext#translationFor}) keeps the norms at the scale of the data's spread. Distances are translation-invariant; sums and
 * centres are in translated coordinates.
 *
 * <p>Rows are translated {@value #CHUNK} at a time into a small per-thread buffer (it stays in cache), so
 * a pass still reads the data from memory once. With no translation the backend gets the block as is.
 * Thread-safe: buffers are pooled.
 */
final class ShiftedKernels {
    /** Rows translated per backend call. */
    static final int CHUNK = 4096;

    private static final class Buffers {
        final double[] x;
        final int[] labels = new int[CHUNK];
        final double[] dist = new double[CHUNK];

        Buffers(int cols) {
            x = new double[CHUNK * cols];
        }
    }

    private final Backend backend;
    private final double[] shift;
    private final int cols;
    private final ConcurrentLinkedQueue<Buffers> pool = new ConcurrentLinkedQueue<>();

    /** @param shift the translation {@code s}, or null for none */
    ShiftedKernels(Backend backend, double[] shift, int cols) {
        this.backend = backend;
        this.shift = shift == null || isZero(shift) ? null : shift.clone();
        this.cols = cols;
    }

    private static boolean isZero(double[] v) {
        for (double d : v) {
            if (d != 0) {
                return false;
            }
        }
        return true;
    }

    Backend backend() {
        return backend;
    }

    /** The translation, or null. */
    double[] shift() {
        return shift == null ? null : shift.clone();
    }

    /** A copy of {@code raw} translated by {@code −s}. */
    Matrix toShifted(Matrix raw) {
        return add(raw, -1);
    }

    /** A copy of {@code m} translated back by {@code +s}. */
    Matrix fromShifted(Matrix m) {
        return add(m, +1);
    }

    private Matrix add(Matrix m, int sign) {
        Matrix out = m.copy();
        if (shift != null) {
            for (int i = 0; i < out.rows(); i++) {
                int o = out.offset(i);
                for (int j = 0; j < cols; j++) {
                    out.data()[o + j] += sign * shift[j];
                }
            }
        }
        return out;
    }

    /** {@code row − s} for a row stored at {@code data[offset ..]}, as a new array. */
    double[] shiftedRow(double[] data, int offset) {
        double[] out = new double[cols];
        for (int j = 0; j < cols; j++) {
            out[j] = data[offset + j] - (shift == null ? 0 : shift[j]);
        }
        return out;
    }

    /**
     * {@link Backend#lloydStep} on {@code x − s} (centres prepared in translated coordinates): writes
     * {@code labels} and {@code dist}, adds into {@code sums} (translated) and {@code counts} when not null.
     */
    void lloyd(Matrix x, PreparedMatrix centres, int[] labels, double[] dist, double[] sums, double[] counts) {
        if (shift == null) {
            backend.lloydStep(x, null, centres, labels, dist, sums, counts, 1);
            return;
        }
        Buffers b = take();
        try {
            for (int from = 0; from < x.rows(); from += CHUNK) {
                int to = Math.min(x.rows(), from + CHUNK);
                int n = to - from;
                Matrix chunk = translate(x, from, to, b.x);
                int[] lab = n == CHUNK ? b.labels : new int[n];
                double[] dst = n == CHUNK ? b.dist : new double[n];
                backend.lloydStep(chunk, null, centres, lab, dst, sums, counts, 1);
                System.arraycopy(lab, 0, labels, from, n);
                System.arraycopy(dst, 0, dist, from, n);
            }
        } finally {
            pool.offer(b);
        }
    }

    /** {@link Backend#updateMinDistances} on {@code x − s}: lowers {@code d2[i]} against {@code centres}. */
    void updateMin(Matrix x, PreparedMatrix centres, double[] d2) {
        updateMin(x, centres, d2, null, 0);
    }

    /**
     * {@link Backend#updateMinDistances} on {@code x − s}: lowers {@code d2[i]} against {@code centres}, and
     * where it lowers it sets {@code nearest[i] = base + c} (c the new centre that gave the minimum; ties: the
     * lowest c, and a centre no closer than {@code d2[i]} does not replace the old nearest).
     *
     * @param nearest per-row nearest-centre indices, modified; or null
     */
    void updateMin(Matrix x, PreparedMatrix centres, double[] d2, int[] nearest, int base) {
        if (shift == null) {
            backend.updateMinDistances(x, centres, d2, nearest, base, 1);
            return;
        }
        Buffers b = take();
        try {
            for (int from = 0; from < x.rows(); from += CHUNK) {
                int to = Math.min(x.rows(), from + CHUNK);
                int n = to - from;
                Matrix chunk = translate(x, from, to, b.x);
                double[] dst = n == CHUNK ? b.dist : new double[n];
                int[] arg = nearest == null ? null : n == CHUNK ? b.labels : new int[n];
                System.arraycopy(d2, from, dst, 0, n);
                if (arg != null) {
                    System.arraycopy(nearest, from, arg, 0, n);
                }
                backend.updateMinDistances(chunk, centres, dst, arg, base, 1);
                System.arraycopy(dst, 0, d2, from, n);
                if (arg != null) {
                    System.arraycopy(arg, 0, nearest, from, n);
                }
            }
        } finally {
            pool.offer(b);
        }
    }

    private Buffers take() {
        Buffers b = pool.poll();
        return b != null ? b : new Buffers(cols);
    }

    /** Rows {@code [from, to)} of {@code x} minus {@code s}, into {@code buf}, as a view of it. */
    private Matrix translate(Matrix x, int from, int to, double[] buf) {
        double[] a = x.data();
        int n = to - from;
        for (int i = 0; i < n; i++) {
            int o = x.offset(from + i);
            int p = i * cols;
            for (int j = 0; j < cols; j++) {
                buf[p + j] = a[o + j] - shift[j];
            }
        }
        return Matrix.wrap(buf, CHUNK, cols).rowRange(0, n);
    }
}
