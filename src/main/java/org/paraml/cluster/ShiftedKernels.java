package org.paraml.cluster;

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
 * <p>The backend translates the rows ({@link Backend#lloydStep(Matrix, double[], double[], PreparedMatrix,
 * int[], double[], double[], double[], int)}): the SIMD backend while it transposes them, others through a
 * small buffer, so a pass still reads the data from memory once. Thread-safe.
 */
final class ShiftedKernels {
    private final Backend backend;
    private final double[] shift;
    private final int cols;

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

    /** Row {@code i} of {@code x} minus {@code s} into {@code out[offset ..]}, each value rounded once as the backends translate. */
    void translateRow(Matrix x, int i, double[] out, int offset) {
        double[] a = x.data();
        int o = x.offset(i);
        if (shift == null) {
            // the copy's intrinsic moves whole vectors; the loop ran one value at a time (a 20-value loop is too
            // short for C2's vectorised main loop): 20% of a pruned k-means|| round (bench/RESULTS.md, session 35)
            System.arraycopy(a, o, out, offset, cols);
            return;
        }
        for (int j = 0; j < cols; j++) {
            out[offset + j] = a[o + j] - shift[j];
        }
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
        backend.lloydStep(x, shift, null, centres, labels, dist, sums, counts, 1);
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
        backend.updateMinDistances(x, shift, centres, d2, nearest, base, 1);
    }
}
