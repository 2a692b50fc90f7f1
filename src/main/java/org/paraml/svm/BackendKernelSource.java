package org.paraml.svm;

import java.util.Arrays;
import org.paraml.backend.Backend;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.PreparedMatrix;
import org.paraml.linalg.Matrix;

/**
 * Feature kernels evaluated by a {@link Backend}.
 *
 * <p>The column provider keeps the solver's order of the points as a row view of the training
 * input ({@link Matrix#selectRows(int[])}) and a {@link PreparedMatrix} of that view (squared
 * norms and the backend's layout). A position swap only marks the prepared view stale; it is
 * prepared again (one pass over the points, the cost of one kernel column) before the next kernel
 * call, so that every request — one column per SMO step, or many columns in one call when the
 * solver rebuilds its gradient or fills the whole cache — is a single {@code kernelRows} call over
 * positions {@code [0, len)}.
 */
final class BackendKernelSource implements KernelSource {
    private final Backend backend;
    private final KernelSpec spec;
    private final Matrix x;
    private final int threads;

    BackendKernelSource(Backend backend, KernelSpec spec, Matrix x, int threads) {
        this.backend = backend;
        this.spec = spec;
        this.x = x;
        this.threads = threads;
    }

    @Override
    public ColumnProvider columns(int[] rows) {
        return new Columns(rows.clone());
    }

    @Override
    public KernelSource withThreads(int t) {
        return t == threads ? this : new BackendKernelSource(backend, spec, x, t);
    }

    @Override
    public void block(int[] a, int[] b, double[] out) {
        if (a.length == 0 || b.length == 0) {
            return;
        }
        backend.kernelBlock(spec, backend.prepare(x.selectRows(a)), backend.prepare(x.selectRows(b)), out, 0, threads);
    }

    /** {@code K(x, x)} from the squared norm {@code ‖x‖²}: the inner product, and a zero distance. */
    static double diagonal(KernelSpec spec, double squaredNorm) {
        return spec.value(squaredNorm, 0.0);
    }

    private final class Columns implements ColumnProvider {
        private final int[] order;
        private final double[] diag;
        private PreparedMatrix prepared;
        private float[] buffer = new float[0];

        Columns(int[] order) {
            this.order = order;
            this.prepared = backend.prepare(x.selectRows(order));
            double[] norms = prepared.squaredNorms();
            this.diag = new double[order.length];
            for (int a = 0; a < order.length; a++) {
                diag[a] = BackendKernelSource.diagonal(spec, norms[a]);
            }
        }

        @Override
        public int size() {
            return order.length;
        }

        @Override
        public double diagonal(int a) {
            return diag[a];
        }

        @Override
        public void swap(int a, int b) {
            int t = order[a];
            order[a] = order[b];
            order[b] = t;
            double d = diag[a];
            diag[a] = diag[b];
            diag[b] = d;
            prepared = null;
        }

        private final int[] one = new int[1];

        /**
         * Kernel rows over the prepared view are read-only, so two threads may fill disjoint ranges, when the
         * backend computes a range alone (a backend that computes the whole prefix for each range would do a
         * column's work many times over).
         */
        @Override
        public boolean splitsColumns() {
            return backend.computesRangesAlone();
        }

        @Override
        public void readyForRanges() {
            if (prepared == null) {
                prepared = backend.prepare(x.selectRows(order));
            }
        }

        @Override
        public void signedColumnRange(int position, int from, int to, float[] out, float sign, float[] signs) {
            if (to <= from) {
                return;
            }
            // one thread each: the range is the work of one of the solve's two threads
            backend.kernelRows(spec, prepared, new int[] {position}, from, to, out, 0, to, 1);
            ColumnProvider.applySigns(out, sign, signs, from, to);
        }

        @Override
        public int column(int position, int from, int len, float[] out) {
            if (len == from) {
                return from;
            }
            if (prepared == null) {
                prepared = backend.prepare(x.selectRows(order));
            }
            one[0] = position;
            // only the tail beyond a cached prefix, as libsvm's get_Q
            backend.kernelRows(spec, prepared, one, from, len, out, 0, len, threads);
            return from;
        }

        @Override
        public int columns(int[] positions, int count, int from, int len, float[][] out) {
            if (count == 0 || len == from) {
                return from;
            }
            if (prepared == null) {
                prepared = backend.prepare(x.selectRows(order));
            }
            int width = len - from;
            if (buffer.length < count * len) {
                buffer = new float[count * len];
            }
            int[] rows = positions.length == count ? positions : Arrays.copyOf(positions, count);
            backend.kernelRows(spec, prepared, rows, from, len, buffer, 0, len, threads);
            for (int r = 0; r < count; r++) {
                System.arraycopy(buffer, r * len + from, out[r], from, width);
            }
            return from;
        }

        @Override
        public void columns(int[] positions, int count, int len, float[][] out) {
            if (count == 0 || len == 0) {
                return;
            }
            if (prepared == null) {
                prepared = backend.prepare(x.selectRows(order));
            }
            if (count == 1) {
                // the common case, one column per SMO step: straight into the cache's array
                backend.kernelRows(spec, prepared, positions.length == 1 ? positions : new int[] {positions[0]}, len,
                        out[0], 0, len, threads);
                return;
            }
            int need = count * len;
            if (buffer.length < need) {
                buffer = new float[need];
            }
            int[] rows = positions.length == count ? positions : Arrays.copyOf(positions, count);
            backend.kernelRows(spec, prepared, rows, len, buffer, 0, len, threads);
            for (int r = 0; r < count; r++) {
                System.arraycopy(buffer, r * len, out[r], 0, len);
            }
        }
    }
}
