package org.paraml.backend.simd;

import org.paraml.backend.Backend;
import org.paraml.backend.BackendArgs;
import org.paraml.backend.KMeansChunks;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.PreparedMatrix;
import org.paraml.linalg.Matrix;

/**
 * The Vector API backend ({@code jdk.incubator.vector}), on the preferred double species of the
 * CPU (8 lanes with AVX-512, 4 with AVX2). This class links against the incubator module, so the
 * library never names it directly: {@link org.paraml.backend.Backends} loads it by name only when
 * the module is readable (the JVM was started with {@code --add-modules jdk.incubator.vector}).
 *
 * <p>Kernels: see {@link SimdKernels}; k-means: see {@link SimdKMeans}. Both vectorise across rows
 * (or centres) when there are few features and along features when there are many. Stateless and
 * thread-safe; work is split within each call's thread budget.
 */
public final class SimdBackend implements Backend {
    /** The name used by {@code -Dparaml.backend=simd}. */
    public static final String NAME = "simd";

    private final SimdKMeans kmeans = new SimdKMeans();

    /** Public no-argument constructor, for loading by name. */
    public SimdBackend() {
        if (SimdKernels.L < 2) {
            throw new UnsupportedOperationException("the CPU's preferred double vector has "
                    + SimdKernels.L + " lane(s); the SIMD backend needs at least 2");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The vector shape in use, e.g. "8 x float64 (512 bits)". */
    public static String vectorShape() {
        return SimdKernels.L + " x float64 (" + SimdKernels.S.vectorBitSize() + " bits)";
    }

    @Override
    public PreparedMatrix prepare(Matrix x) {
        return new SimdPreparedMatrix(x, SimdKernels.L);
    }

    @Override
    public void kernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int len, float[] out, int outOffset,
                           int outStride, int threads) {
        BackendArgs.checkOwner(x, this, "x");
        BackendArgs.checkKernelRows(kernel, x, rows, len, out.length, outOffset, outStride, threads);
        SimdPreparedMatrix p = (SimdPreparedMatrix) x;
        SimdKernels.rows(kernel, p, rows, rows.length, p, 0, len, null, out, outOffset, outStride, threads);
    }

    /** Its range form computes the range alone. */
    @Override
    public boolean computesRangesAlone() {
        return true;
    }

    @Override
    public void kernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int from, int len, float[] out,
                           int outOffset, int outStride, int threads) {
        BackendArgs.checkOwner(x, this, "x");
        BackendArgs.checkColumnRange(from, len);
        BackendArgs.checkKernelRows(kernel, x, rows, len, out.length, outOffset, outStride, threads);
        SimdPreparedMatrix p = (SimdPreparedMatrix) x;
        SimdKernels.rows(kernel, p, rows, rows.length, p, from, len, null, out, outOffset, outStride, threads);
    }

    @Override
    public void kernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int len, double[] out, int outOffset,
                           int outStride, int threads) {
        BackendArgs.checkOwner(x, this, "x");
        BackendArgs.checkKernelRows(kernel, x, rows, len, out.length, outOffset, outStride, threads);
        SimdPreparedMatrix p = (SimdPreparedMatrix) x;
        SimdKernels.rows(kernel, p, rows, rows.length, p, 0, len, out, null, outOffset, outStride, threads);
    }

    @Override
    public void kernelBlock(KernelSpec kernel, PreparedMatrix a, PreparedMatrix b, double[] out, int outOffset,
                            int threads) {
        BackendArgs.checkOwner(a, this, "a");
        BackendArgs.checkOwner(b, this, "b");
        BackendArgs.checkKernelBlock(kernel, a, b, out, outOffset, threads);
        SimdKernels.rows(kernel, (SimdPreparedMatrix) a, null, a.rows(), (SimdPreparedMatrix) b, 0, b.rows(), out, null,
                outOffset, b.rows(), threads);
    }

    @Override
    public double lloydStep(Matrix x, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                            double[] distances, double[] sums, double[] counts, int threads) {
        BackendArgs.checkOwner(centers, this, "centers");
        BackendArgs.checkLloyd(x, sampleWeight, centers, labels, distances, sums, counts, threads);
        ((SimdPreparedMatrix) centers).panel(); // build once here, not racing in the workers
        return KMeansChunks.lloyd(kmeans, x, sampleWeight, centers, labels, distances, sums, counts, threads);
    }

    @Override
    public double lloydStep(PreparedMatrix x, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                            double[] distances, double[] sums, double[] counts, int threads) {
        BackendArgs.checkOwner(x, this, "x");
        BackendArgs.checkOwner(centers, this, "centers");
        BackendArgs.checkLloyd(x.matrix(), sampleWeight, centers, labels, distances, sums, counts, threads);
        SimdKMeans kernel = prepareKMeans((SimdPreparedMatrix) x, (SimdPreparedMatrix) centers);
        return KMeansChunks.lloyd(kernel, x.matrix(), sampleWeight, centers, labels, distances, sums, counts, threads);
    }

    @Override
    public double updateMinDistances(PreparedMatrix x, PreparedMatrix centers, double[] minDistances, int[] argmin,
                                     int argminBase, int threads) {
        BackendArgs.checkOwner(x, this, "x");
        BackendArgs.checkOwner(centers, this, "centers");
        BackendArgs.checkMinDistances(x.matrix(), centers, minDistances, argmin, threads);
        SimdKMeans kernel = prepareKMeans((SimdPreparedMatrix) x, (SimdPreparedMatrix) centers);
        return KMeansChunks.updateMin(kernel, x.matrix(), centers, minDistances, argmin, argminBase, threads);
    }

    /** Builds the layouts the k-means kernel reads here, in the calling thread, not racing in the workers. */
    private static SimdKMeans prepareKMeans(SimdPreparedMatrix x, SimdPreparedMatrix centers) {
        centers.panel();
        if (x.cols() <= SimdKMeans.ACROSS_ROWS_MAX_FEATURES) {
            x.tiles();
        }
        return new SimdKMeans(x);
    }

    @Override
    public double updateMinDistances(Matrix x, PreparedMatrix centers, double[] minDistances, int[] argmin,
                                     int argminBase, int threads) {
        BackendArgs.checkOwner(centers, this, "centers");
        BackendArgs.checkMinDistances(x, centers, minDistances, argmin, threads);
        ((SimdPreparedMatrix) centers).panel();
        return KMeansChunks.updateMin(kmeans, x, centers, minDistances, argmin, argminBase, threads);
    }

    /** {@inheritDoc} Here without copies: the kernel's own row range. */
    @Override
    public void updateMinDistances(Matrix x, int from, int to, PreparedMatrix centers, double[] minDistances,
                                   int[] argmin, int argminBase) {
        BackendArgs.checkOwner(centers, this, "centers");
        BackendArgs.checkRowRange(x, from, to, centers, minDistances, argmin);
        ((SimdPreparedMatrix) centers).panel();
        kmeans.lowerMin(x, from, to, centers, minDistances, argmin, argminBase);
    }

    /** {@inheritDoc} With up to 64 features the rows are translated as they are transposed, without a copy. */
    @Override
    public double lloydStep(Matrix x, double[] shift, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                            double[] distances, double[] sums, double[] counts, int threads) {
        if (shift == null || !SimdKMeans.translatesWhileReading(x)) {
            return Backend.super.lloydStep(x, shift, sampleWeight, centers, labels, distances, sums, counts, threads);
        }
        BackendArgs.checkShift(x, shift);
        BackendArgs.checkOwner(centers, this, "centers");
        BackendArgs.checkLloyd(x, sampleWeight, centers, labels, distances, sums, counts, threads);
        ((SimdPreparedMatrix) centers).panel();
        return KMeansChunks.lloyd(SimdKMeans.translating(shift), x, sampleWeight, centers, labels, distances, sums, counts,
                threads);
    }

    /** {@inheritDoc} With up to 64 features the rows are translated as they are transposed, without a copy. */
    @Override
    public double updateMinDistances(Matrix x, double[] shift, PreparedMatrix centers, double[] minDistances,
                                     int[] argmin, int argminBase, int threads) {
        if (shift == null || !SimdKMeans.translatesWhileReading(x)) {
            return Backend.super.updateMinDistances(x, shift, centers, minDistances, argmin, argminBase, threads);
        }
        BackendArgs.checkShift(x, shift);
        BackendArgs.checkOwner(centers, this, "centers");
        BackendArgs.checkMinDistances(x, centers, minDistances, argmin, threads);
        ((SimdPreparedMatrix) centers).panel();
        return KMeansChunks.updateMin(SimdKMeans.translating(shift), x, centers, minDistances, argmin, argminBase, threads);
    }
}
