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
    private volatile double[] tiles;
    private volatile double[] fusedNormsPadded;

    /** Rows per tile of {@link #tiles()}: two vectors. */
    static final int TILE_ROWS = 2 * SimdKernels.L;

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

    /**
     * {@code ‖x_i‖²} summed as the kernels sum an inner product (up to {@link SimdKernels#PANEL_MAX_FEATURES}
     * features, from the panel: {@code s = fma(x_if, x_if, s)} for f = 0, 1, …, from 0; beyond, along the
     * features in vectors); then {@code −∞} up to {@link #paddedRows()}, so that a padded lane's distance is clamped
     * to 0 (its value, never written out, is exp(0) = 1, and the rbf loop does not take it for an exponent below
     * −708 that needs redoing). With these norms the rbf distance
     * {@code ‖x‖² + ‖y‖² − 2⟨x, y⟩} of a row with itself is exactly 0, so {@code K(x, x) = 1} as in
     * libsvm (whose norms are its own inner products), however large γ or the values are; the plain
     * {@link #squaredNorms()} round differently from the fused inner products. Built on first call.
     */
    double[] fusedNormsPadded() {
        double[] n = fusedNormsPadded;
        if (n == null) {
            double[] data = matrix.data();
            int d = matrix.cols();
            n = new double[paddedRows];
            for (int i = 0; i < matrix.rows(); i++) {
                int o = matrix.offset(i);
                if (d > SimdKernels.PANEL_MAX_FEATURES) {
                    n[i] = SimdKernels.dotAlongFeatures(data, o, data, o, d); // as the kernels' inner products
                    continue;
                }
                double sum = 0.0;
                for (int f = 0; f < d; f++) {
                    sum = Math.fma(data[o + f], data[o + f], sum);
                }
                n[i] = sum;
            }
            Arrays.fill(n, matrix.rows(), paddedRows, Double.NEGATIVE_INFINITY);
            fusedNormsPadded = n;
        }
        return n;
    }

    /**
     * The transposed panel ({@code cols × paddedRows}, then {@link SimdKernels#PANEL_SLACK} zeros), built on first
     * call.
     */
    double[] panel() {
        double[] p = panel;
        if (p == null) {
            p = buildPanel();
            panel = p;
        }
        return p;
    }

    /**
     * The rows in tiles of {@link #TILE_ROWS}, each feature-major and followed by the rows' squared
     * norms: {@code tiles[(i − i%T)·(d+1) + f·T + i%T] = x_if} for {@code f < d} and
     * {@code ‖x_i‖² = fma(x_i,d−1, x_i,d−1, … fma(x_i0, x_i0, 0))} at {@code f = d}, with
     * {@code T = TILE_ROWS} (zeros past the last row); built on first call. One sequential stream that
     * gives, per feature, a vector of consecutive rows, and then their norms, which the k-means search
     * would otherwise recompute on every pass (d fused multiply-adds a row).
     */
    double[] tiles() {
        double[] t = tiles;
        if (t == null) {
            t = buildTiles();
            tiles = t;
        }
        return t;
    }

    private double[] buildTiles() {
        int n = matrix.rows();
        int d = matrix.cols();
        int block = TILE_ROWS;
        double[] data = matrix.data();
        double[] t = new double[Math.multiplyExact((n + block - 1) / block * block, d + 1)];
        for (int i = 0; i < n; i++) {
            int o = matrix.offset(i);
            int base = (i - i % block) * (d + 1) + i % block;
            double norm = 0.0;
            for (int f = 0; f < d; f++) {
                double v = data[o + f];
                t[base + f * block] = v;
                norm = Math.fma(v, v, norm);
            }
            t[base + d * block] = norm;
        }
        return t;
    }

    private double[] buildPanel() {
        int n = matrix.rows();
        int d = matrix.cols();
        double[] data = matrix.data();
        // PANEL_SLACK zeros after the last feature: a kernel pass over whole groups of vectors may read past it
        double[] p = new double[Math.addExact(Math.multiplyExact(d, paddedRows), SimdKernels.PANEL_SLACK)];
        for (int j = 0; j < n; j++) {
            int o = matrix.offset(j);
            for (int f = 0; f < d; f++) {
                p[f * paddedRows + j] = data[o + f];
            }
        }
        return p;
    }
}
