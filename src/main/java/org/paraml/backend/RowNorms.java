package org.paraml.backend;

import org.paraml.linalg.Matrix;

/** Squared Euclidean row norms, the one precomputation every backend's {@code prepare} makes. */
public final class RowNorms {
    private RowNorms() {
    }

    /** A new array with {@code ‖x_i‖² = Σ_j x_ij²} at index i, summed in column order; x is not modified. */
    public static double[] squared(Matrix x) {
        double[] data = x.data();
        int d = x.cols();
        double[] norms = new double[x.rows()];
        for (int i = 0; i < norms.length; i++) {
            int o = x.offset(i);
            double s = 0.0;
            for (int j = 0; j < d; j++) {
                double v = data[o + j];
                s += v * v;
            }
            norms[i] = s;
        }
        return norms;
    }
}
