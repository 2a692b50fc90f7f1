package org.paraml.svm;

import org.paraml.linalg.Matrix;

/**
 * Kernel values read from a precomputed Gram matrix ({@code kernel='precomputed'}): training input
 * row i holds {@code K(x_i, x_j)} in column j.
 */
final class PrecomputedKernelSource implements KernelSource {
    private final Matrix gram;

    PrecomputedKernelSource(Matrix gram) {
        this.gram = gram;
    }

    @Override
    public ColumnProvider columns(int[] rows) {
        return new Columns(gram, rows.clone());
    }

    @Override
    public void block(int[] a, int[] b, double[] out) {
        double[] d = gram.data();
        for (int r = 0; r < a.length; r++) {
            int o = gram.offset(a[r]);
            for (int s = 0; s < b.length; s++) {
                out[r * b.length + s] = d[o + b[s]];
            }
        }
    }

    private static final class Columns implements ColumnProvider {
        private final Matrix gram;
        private final int[] order;

        Columns(Matrix gram, int[] order) {
            this.gram = gram;
            this.order = order;
        }

        @Override
        public int size() {
            return order.length;
        }

        @Override
        public double diagonal(int a) {
            return gram.data()[gram.offset(order[a]) + order[a]];
        }

        @Override
        public void swap(int a, int b) {
            int t = order[a];
            order[a] = order[b];
            order[b] = t;
        }

        @Override
        public void columns(int[] positions, int count, int len, float[][] out) {
            double[] d = gram.data();
            for (int r = 0; r < count; r++) {
                int o = gram.offset(order[positions[r]]);
                float[] col = out[r];
                for (int j = 0; j < len; j++) {
                    col[j] = (float) d[o + order[j]];
                }
            }
        }
    }
}
