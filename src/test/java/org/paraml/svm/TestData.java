package org.paraml.svm;

import java.util.Random;
import org.paraml.linalg.Matrix;

/** Small deterministic data sets for the SVC tests (java.util.Random; no Python needed). */
final class TestData {
    private TestData() {
    }

    /** Labelled points: {@code x} and integer labels {@code y}. */
    record Points(Matrix x, int[] y) {
        double[][] rows() {
            return x.toArray();
        }
    }

    /**
     * The dual problem an SMO solver is given for two-class points (labels 0 and 1): all rows, labels ±1 (0 → −1),
     * the upper bound of each variable, and the linear term {@code p = −1}.
     */
    record BinaryDual(int[] rows, byte[] y, double[] c, double[] p) {
        static BinaryDual of(Points points, java.util.function.IntToDoubleFunction bound) {
            int l = points.y().length;
            int[] rows = new int[l];
            byte[] y = new byte[l];
            double[] c = new double[l];
            double[] p = new double[l];
            for (int i = 0; i < l; i++) {
                rows[i] = i;
                y[i] = (byte) (points.y()[i] == 0 ? -1 : 1);
                c[i] = bound.applyAsDouble(i);
                p[i] = -1;
            }
            return new BinaryDual(rows, y, c, p);
        }
    }

    /**
     * {@code k} Gaussian blobs in {@code d} dimensions, {@code n} points dealt round-robin to the
     * classes (labels {@code 0 .. k-1}), centres on a grid of spacing {@code spread}, unit noise.
     */
    static Points blobs(int n, int d, int k, double spread, long seed) {
        Random r = new Random(seed);
        double[][] centres = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centres[c][j] = spread * r.nextGaussian();
            }
        }
        double[] data = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = (i * 7 + (int) (seed % 3)) % k;
            y[i] = c;
            for (int j = 0; j < d; j++) {
                data[i * d + j] = centres[c][j] + r.nextGaussian();
            }
        }
        return new Points(Matrix.wrap(data, n, d), y);
    }

    /** The points sorted by label, stably (so libsvm's first-appearance class order is the sorted order). */
    static Points sortedByLabel(Points p) {
        int n = p.y().length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Integer.compare(p.y()[a], p.y()[b]));
        int[] order = new int[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = idx[i];
            y[i] = p.y()[idx[i]];
        }
        return new Points(p.x().selectRows(order).copy(), y);
    }
}
