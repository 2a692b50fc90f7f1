package org.paraml.backend.simd;

import java.util.Arrays;
import org.paraml.backend.PreparedMatrix;
import org.paraml.backend.RowNorms;
import org.paraml.linalg.Matrix;

/**
 * What {@link SimdBackend#prepare} makes: the matrix, its squared row norms, the norms padded to a
 * whole number of vectors ({@code +∞} in the padding, so a padded lane never wins a minimum and an
 * rbf value there is 0), and on first use a transposed <em>panel</em>
 * {@code panel[f·paddedRows + j] = x_jf} (zeros in the padding), which lets the kernels vectorise
 * across rows when there are few features. Immutable once built; the panel is built at most once
 * per thread that races for it, and published through a volatile field.
 */
final class SimdPreparedMatrix implements PreparedMatrix {
    private final Matrix matrix;
    private final double[] norms;
    private final double[] normsPadded;
    private final int paddedRows;
    private volatile double[] panel;

    SimdPreparedMatrix(Matrix matrix, int lanes) {
        this.matrix = matrix;
        this.norms = RowNorms.squared(matrix);
        this.paddedRows = (matrix.rows() + lanes - 1) / lanes * lanes;
        this.normsPadded = Arrays.copyOf(norms, paddedRows);
        Arrays.fill(normsPadded, matrix.rows(), paddedRows, Double.POSITIVE_INFINITY);
    }

    @Override
    public Matrix matrix() {
        return matrix;
    }

    @Override
    public double[] squaredNorms() {
        return norms;
    }

    @Override
    public String backendName() {
        return SimdBackend.NAME;
    }

    /** Rows rounded up to a multiple of the vector length. */
    int paddedRows() {
        return paddedRows;
    }

    /** {@link #squaredNorms()} followed by {@code +∞} up to {@link #paddedRows()}. */
    double[] normsPadded() {
        return normsPadded;
    }

    /** The transposed panel ({@code cols × paddedRows}), built on first call. */
    double[] panel() {
        double[] p = panel;
        if (p == null) {
            p = buildPanel();
            panel = p;
        }
        return p;
    }

    private double[] buildPanel() {
        int n = matrix.rows();
        int d = matrix.cols();
        double[] data = matrix.data();
        double[] p = new double[Math.multiplyExact(d, paddedRows)];
        for (int j = 0; j < n; j++) {
            int o = matrix.offset(j);
            for (int f = 0; f < d; f++) {
                p[f * paddedRows + j] = data[o + f];
            }
        }
        return p;
    }
}
