package org.paraml.cluster;

import org.paraml.linalg.Matrix;

/** Small direct distance helpers for the estimator's own bookkeeping (centre shifts, single rows). */
final class Distances {
    private Distances() {
    }

    /** {@code Σ_j (a[ao + j] − b[bo + j])²}, from direct differences. */
    static double squared(double[] a, int ao, double[] b, int bo, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double t = a[ao + j] - b[bo + j];
            s += t * t;
        }
        return s;
    }

    /** {@code Σ_j ||a_j − b_j||²} over the rows of two matrices of one shape. */
    static double squaredShift(Matrix a, Matrix b) {
        double total = 0;
        for (int j = 0; j < a.rows(); j++) {
            total += squared(a.data(), a.offset(j), b.data(), b.offset(j), a.cols());
        }
        return total;
    }
}
