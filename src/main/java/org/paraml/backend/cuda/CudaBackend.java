package org.paraml.backend.cuda;

import java.lang.ref.Reference;
import java.util.Objects;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.paraml.backend.Backend;
import org.paraml.backend.BackendArgs;
import org.paraml.backend.BackendFailureException;
import org.paraml.backend.BackendInfo;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.PreparedMatrix;
import org.paraml.linalg.Matrix;

/**
 * The GPU backend: CUDA kernels ({@code native/*.cu}, shipped as PTX) driven through JCuda's driver
 * API, in float64 throughout.
 *
 * <ul>
 *   <li><b>Device and context.</b> Device 0's primary context, probed and opened once per JVM
 *       ({@link #probe()}); each calling thread makes it current for itself.</li>
 *   <li><b>Data.</b> {@link #prepare} uploads a matrix once and keeps it on the device
 *       ({@link CudaPreparedMatrix}); kernel rows and blocks then move only row indices in and
 *       results out. k-means operations on a {@link Matrix} stream its rows in slabs through
 *       page-locked buffers on two streams, so that copies overlap kernels; on a prepared matrix
 *       they stream nothing in.</li>
 *   <li><b>Kernels.</b> Inner products are tiled matrix products through shared memory, with the
 *       squared norms precomputed on the device ({@code ‖x‖² + ‖y‖² − 2⟨x, y⟩} for rbf, clamped at
 *       0); k-means picks the nearest centre from {@code ‖c‖² − 2⟨x, c⟩} and recomputes the
 *       reported distance directly, rounded as {@link org.paraml.backend.ScalarBackend} rounds it.</li>
 *   <li><b>Threads.</b> The {@code threads} budget of each call is accepted and ignored: the GPU does
 *       the work, the calling thread drives it. Any number of threads may call at once; each call
 *       borrows its own streams and buffers, which are reused by later calls.</li>
 *   <li><b>Determinism.</b> Every output value depends only on its inputs, not on batch or slab
 *       sizes, and k-means sums are reduced in a fixed order (see {@link CudaKMeans}): the same call
 *       gives bit-identical results run after run. They agree with the scalar reference within
 *       {@link Backend#RELATIVE_TOLERANCE}.</li>
 *   <li><b>Failure.</b> Running out of device memory or a device error throws
 *       {@link BackendFailureException} (see there for what is left behind);
 *       {@link org.paraml.backend.FallbackBackend} retries on the CPU.</li>
 * </ul>
 *
 * <p>Needs an NVIDIA GPU of compute capability 7.5 or higher and a driver that accepts the shipped
 * PTX (ISA 9.0: branch r580 or newer). Construct it through {@link org.paraml.backend.Backends}.
 */
public final class CudaBackend implements Backend {
    /** The name used by {@code -Dparaml.backend=cuda}. */
    public static final String NAME = "cuda";

    private final CudaDevice device;

    /**
     * The backend on this JVM's GPU.
     *
     * @throws IllegalStateException when no GPU can be used; the message says why ({@link #probe()})
     */
    public CudaBackend() {
        CudaProbe.Outcome o = CudaProbe.outcome();
        if (!o.available()) {
            throw new IllegalStateException("the CUDA backend is not available: " + o.reason());
        }
        this.device = o.device();
    }

    /**
     * Whether the CUDA backend can run in this JVM, and why (not): the GPU in use, or the first
     * thing that failed (no driver, no device, the driver rejected the PTX, out of memory). Probes
     * once per JVM, on first call; never throws.
     */
    public static BackendInfo probe() {
        CudaProbe.Outcome o = CudaProbe.outcome();
        return new BackendInfo(NAME, o.available(), o.reason());
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Uploads {@code x} to the device (and computes its squared norms there and on the host).
     *
     * @throws BackendFailureException when the device has no room for it, even after unreachable
     *                                 prepared matrices were collected ({@code outOfMemory()} true)
     */
    @Override
    public CudaPreparedMatrix prepare(Matrix x) {
        Objects.requireNonNull(x, "x");
        int n = x.rows();
        int d = x.cols();
        long rowBytes = (long) n * d * Double.BYTES;
        long normsAt = Slabs.align(rowBytes);
        long bytes = normsAt + (long) n * Double.BYTES;
        if (n == 0) {
            return new CudaPreparedMatrix(x, new CudaPreparedMatrix.DeviceCopy(device, null, 0, 0));
        }
        return device.call(lane -> {
            CUdeviceptr base = device.allocate(bytes, "a prepared " + n + " x " + d + " matrix");
            try {
                int slabRows = Slabs.rows((long) d * Double.BYTES, n);
                int slabs = d == 0 ? 0 : (int) CudaKernels.ceilDiv(n, slabRows);
                SlabPipeline.run(lane, slabs, new SlabPipeline.Slab<>() {
                    @Override
                    public void enqueue(int s, Lane.Stage st) {
                        int from = s * slabRows;
                        int to = Math.min(n, from + slabRows);
                        long slabBytes = (long) (to - from) * d * Double.BYTES;
                        st.in.ensure(slabBytes);
                        Slabs.putRows(x, from, to, st.in.bytes(0, slabBytes).asDoubleBuffer());
                        CudaCalls.check(JCudaDriver.cuMemcpyHtoDAsync(base.withByteOffset((long) from * d * Double.BYTES),
                                st.in.at(0), slabBytes, st.stream), "cuMemcpyHtoDAsync");
                    }

                    @Override
                    public void consume(int s, Lane.Stage st) {
                    }
                });
                Lane.Stage st = lane.stage(0);
                device.kernels().rowSqNorms(st.stream, base, n, d, base.withByteOffset(normsAt));
                st.synchronize();
                return new CudaPreparedMatrix(x, new CudaPreparedMatrix.DeviceCopy(device, base, normsAt, bytes));
            } catch (RuntimeException | Error e) { // an Error too: the host norms of a large x can exhaust the heap
                device.free(base);
                throw e;
            }
        });
    }

    @Override
    public void kernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int len, float[] out, int outOffset,
                           int outStride, int threads) {
        CudaPreparedMatrix px = own(x, "x");
        BackendArgs.checkKernelRows(kernel, x, rows, len, out.length, outOffset, outStride, threads);
        CudaKernelMatrix.rows(device, kernel, px, rows, len, out, null, outOffset, outStride);
        Reference.reachabilityFence(px);
    }

    @Override
    public void kernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int len, double[] out, int outOffset,
                           int outStride, int threads) {
        CudaPreparedMatrix px = own(x, "x");
        BackendArgs.checkKernelRows(kernel, x, rows, len, out.length, outOffset, outStride, threads);
        CudaKernelMatrix.rows(device, kernel, px, rows, len, null, out, outOffset, outStride);
        Reference.reachabilityFence(px);
    }

    @Override
    public void kernelBlock(KernelSpec kernel, PreparedMatrix a, PreparedMatrix b, double[] out, int outOffset,
                            int threads) {
        CudaPreparedMatrix pa = own(a, "a");
        CudaPreparedMatrix pb = own(b, "b");
        BackendArgs.checkKernelBlock(kernel, a, b, out, outOffset, threads);
        CudaKernelMatrix.block(device, kernel, pa, pb, out, outOffset);
        Reference.reachabilityFence(pa);
        Reference.reachabilityFence(pb);
    }

    @Override
    public double lloydStep(Matrix x, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                            double[] distances, double[] sums, double[] counts, int threads) {
        return lloydStep(x, null, sampleWeight, centers, labels, distances, sums, counts, threads);
    }

    /**
     * {@inheritDoc} The shift is subtracted as the rows are packed for the device, so the device
     * computes on exactly the values of a translated copy, in the same slabs and groups as one call on
     * that copy: every output equals that call's to the last bit (the CPU backends' buffered pieces
     * would cut the device's groups differently and change the sums' rounding).
     */
    @Override
    public double lloydStep(Matrix x, double[] shift, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                            double[] distances, double[] sums, double[] counts, int threads) {
        CudaPreparedMatrix pc = own(centers, "centers");
        BackendArgs.checkLloyd(x, sampleWeight, centers, labels, distances, sums, counts, threads);
        if (shift != null) {
            BackendArgs.checkShift(x, shift);
        }
        double inertia = CudaKMeans.lloyd(device, CudaKMeans.Rows.host(x, shift), sampleWeight, pc, labels, distances,
                sums, counts);
        Reference.reachabilityFence(pc);
        return inertia;
    }

    /** {@inheritDoc} The rows are read on the device, where {@link #prepare} left them: nothing is copied in. */
    @Override
    public double lloydStep(PreparedMatrix x, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                            double[] distances, double[] sums, double[] counts, int threads) {
        CudaPreparedMatrix px = own(x, "x");
        CudaPreparedMatrix pc = own(centers, "centers");
        BackendArgs.checkLloyd(x.matrix(), sampleWeight, centers, labels, distances, sums, counts, threads);
        double inertia = CudaKMeans.lloyd(device, CudaKMeans.Rows.prepared(px), sampleWeight, pc, labels, distances,
                sums, counts);
        Reference.reachabilityFence(px);
        Reference.reachabilityFence(pc);
        return inertia;
    }

    @Override
    public double updateMinDistances(Matrix x, PreparedMatrix centers, double[] minDistances, int[] argmin,
                                     int argminBase, int threads) {
        return updateMinDistances(x, null, centers, minDistances, argmin, argminBase, threads);
    }

    /** {@inheritDoc} The shift is subtracted as the rows are packed for the device (as for {@link #lloydStep}). */
    @Override
    public double updateMinDistances(Matrix x, double[] shift, PreparedMatrix centers, double[] minDistances,
                                     int[] argmin, int argminBase, int threads) {
        CudaPreparedMatrix pc = own(centers, "centers");
        BackendArgs.checkMinDistances(x, centers, minDistances, argmin, threads);
        if (shift != null) {
            BackendArgs.checkShift(x, shift);
        }
        double cost = CudaKMeans.updateMin(device, CudaKMeans.Rows.host(x, shift), pc, minDistances, argmin, argminBase);
        Reference.reachabilityFence(pc);
        return cost;
    }

    /** {@inheritDoc} The rows are read on the device, where {@link #prepare} left them: nothing is copied in. */
    @Override
    public double updateMinDistances(PreparedMatrix x, PreparedMatrix centers, double[] minDistances, int[] argmin,
                                     int argminBase, int threads) {
        CudaPreparedMatrix px = own(x, "x");
        CudaPreparedMatrix pc = own(centers, "centers");
        BackendArgs.checkMinDistances(x.matrix(), centers, minDistances, argmin, threads);
        double cost = CudaKMeans.updateMin(device, CudaKMeans.Rows.prepared(px), pc, minDistances, argmin, argminBase);
        Reference.reachabilityFence(px);
        Reference.reachabilityFence(pc);
        return cost;
    }

    private CudaPreparedMatrix own(PreparedMatrix p, String name) {
        BackendArgs.checkOwner(p, this, name);
        if (p instanceof CudaPreparedMatrix c) {
            return c;
        }
        throw new IllegalArgumentException(name + " was prepared by another backend named cuda ("
                + p.getClass().getSimpleName() + "); this backend needs a matrix from its own prepare(Matrix)");
    }
}
