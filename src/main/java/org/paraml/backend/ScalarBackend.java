package org.paraml.backend;

import org.paraml.linalg.Matrix;

/**
 * The reference backend: plain Java loops that apply the textbook formulas directly, one element at
 * a time, with no algebraic shortcuts ({@code ‖x − y‖²} is summed as {@code Σ (x_j − y_j)²}, never
 * from norms). Every other backend is tested against this one. Stateless and thread-safe.
 */
public final class ScalarBackend implements Backend, NearestCenterKernel {
    /** The name used by {@code -Dparaml.backend=scalar}. */
    public static final String NAME = "scalar";

    /** Columns per task when a kernel call is split between threads. */
    private static final int COLUMN_CHUNK = 4096;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreparedMatrix prepare(Matrix x) {
        return new ScalarPreparedMatrix(x, RowNorms.squared(x));
    }

    @Override
    public void kernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int len,
                           float[] out, int outOffset, int outStride, int threads) {
        BackendArgs.checkOwner(x, this, "x");
        BackendArgs.checkKernelRows(kernel, x, rows, len, out.length, outOffset, outStride, threads);
        Matrix m = x.matrix();
        forEachBlock(rows.length, len, threads, (r, from, to) -> {
            int o = outOffset + r * outStride;
            for (int j = from; j < to; j++) {
                out[o + j] = (float) value(kernel, m, rows[r], m, j);
            }
        });
    }

    /** Its range form computes the range alone. */
    @Override
    public boolean computesRangesAlone() {
        return true;
    }

    @Override
    public void kernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int from, int len,
                           float[] out, int outOffset, int outStride, int threads) {
        BackendArgs.checkOwner(x, this, "x");
        BackendArgs.checkColumnRange(from, len);
        BackendArgs.checkKernelRows(kernel, x, rows, len, out.length, outOffset, outStride, threads);
        Matrix m = x.matrix();
        forEachBlock(rows.length, len - from, threads, (r, c0, c1) -> {
            int o = outOffset + r * outStride + from;
            for (int j = c0; j < c1; j++) {
                out[o + j] = (float) value(kernel, m, rows[r], m, from + j);
            }
        });
    }

    @Override
    public void kernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int len,
                           double[] out, int outOffset, int outStride, int threads) {
        BackendArgs.checkOwner(x, this, "x");
        BackendArgs.checkKernelRows(kernel, x, rows, len, out.length, outOffset, outStride, threads);
        Matrix m = x.matrix();
        forEachBlock(rows.length, len, threads, (r, from, to) -> {
            int o = outOffset + r * outStride;
            for (int j = from; j < to; j++) {
                out[o + j] = value(kernel, m, rows[r], m, j);
            }
        });
    }

    @Override
    public void kernelBlock(KernelSpec kernel, PreparedMatrix a, PreparedMatrix b, double[] out, int outOffset,
                            int threads) {
        BackendArgs.checkOwner(a, this, "a");
        BackendArgs.checkOwner(b, this, "b");
        BackendArgs.checkKernelBlock(kernel, a, b, out, outOffset, threads);
        Matrix ma = a.matrix();
        Matrix mb = b.matrix();
        int nb = mb.rows();
        forEachBlock(ma.rows(), nb, threads, (i, from, to) -> {
            int o = outOffset + i * nb;
            for (int j = from; j < to; j++) {
                out[o + j] = value(kernel, ma, i, mb, j);
            }
        });
    }

    @Override
    public double lloydStep(Matrix x, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                            double[] distances, double[] sums, double[] counts, int threads) {
        BackendArgs.checkOwner(centers, this, "centers");
        BackendArgs.checkLloyd(x, sampleWeight, centers, labels, distances, sums, counts, threads);
        return KMeansChunks.lloyd(this, x, sampleWeight, centers, labels, distances, sums, counts, threads);
    }

    @Override
    public double updateMinDistances(Matrix x, PreparedMatrix centers, double[] minDistances, int[] argmin,
                                     int argminBase, int threads) {
        BackendArgs.checkOwner(centers, this, "centers");
        BackendArgs.checkMinDistances(x, centers, minDistances, argmin, threads);
        return KMeansChunks.updateMin(this, x, centers, minDistances, argmin, argminBase, threads);
    }

    /** {@inheritDoc} Here without copies: the kernel's own row range. */
    @Override
    public void updateMinDistances(Matrix x, int from, int to, PreparedMatrix centers, double[] minDistances,
                                   int[] argmin, int argminBase) {
        BackendArgs.checkOwner(centers, this, "centers");
        BackendArgs.checkRowRange(x, from, to, centers, minDistances, argmin);
        lowerMin(x, from, to, centers, minDistances, argmin, argminBase);
    }

    /** {@inheritDoc} Direct: every distance is {@code Σ (x_j − c_j)²}; the first strictly smaller one wins. */
    @Override
    public void nearest(Matrix x, int from, int to, PreparedMatrix centers, int[] labels, double[] distances,
                        int outOffset) {
        Matrix c = centers.matrix();
        int k = c.rows();
        for (int i = from; i < to; i++) {
            int best = 0;
            double bestDistance = squaredDistance(x, i, c, 0);
            for (int l = 1; l < k; l++) {
                double dist = squaredDistance(x, i, c, l);
                if (dist < bestDistance) {
                    bestDistance = dist;
                    best = l;
                }
            }
            labels[outOffset + i - from] = best;
            distances[outOffset + i - from] = bestDistance;
        }
    }

    /** {@code K(a_i, b_j)} from the definition in {@link KernelSpec}. */
    static double value(KernelSpec kernel, Matrix a, int i, Matrix b, int j) {
        if (kernel.type() == KernelType.RBF) {
            return kernel.value(0.0, squaredDistance(a, i, b, j));
        }
        return kernel.value(dot(a, i, b, j), 0.0);
    }

    /** {@code Σ_f a_if·b_jf}, in column order. */
    static double dot(Matrix a, int i, Matrix b, int j) {
        double[] da = a.data();
        double[] db = b.data();
        int oa = a.offset(i);
        int ob = b.offset(j);
        double s = 0.0;
        for (int f = 0; f < a.cols(); f++) {
            s += da[oa + f] * db[ob + f];
        }
        return s;
    }

    /** {@code Σ_f (a_if − b_jf)²}, in column order. */
    static double squaredDistance(Matrix a, int i, Matrix b, int j) {
        double[] da = a.data();
        double[] db = b.data();
        int oa = a.offset(i);
        int ob = b.offset(j);
        double s = 0.0;
        for (int f = 0; f < a.cols(); f++) {
            double t = da[oa + f] - db[ob + f];
            s += t * t;
        }
        return s;
    }

    /** A piece of work: output row r, columns [from, to). */
    private interface BlockBody {
        void run(int r, int from, int to);
    }

    /** Splits {@code rows × cols} outputs into (row, column chunk) tasks and runs them within the budget. */
    private static void forEachBlock(int rows, int cols, int threads, BlockBody body) {
        int chunks = Math.max(1, (cols + COLUMN_CHUNK - 1) / COLUMN_CHUNK);
        Parallel.forEach(rows * chunks, threads, t -> {
            int r = t / chunks;
            int from = (t % chunks) * COLUMN_CHUNK;
            body.run(r, from, Math.min(cols, from + COLUMN_CHUNK));
        });
    }
}
