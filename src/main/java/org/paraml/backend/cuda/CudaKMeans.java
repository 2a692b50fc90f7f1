package org.paraml.backend.cuda;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.paraml.linalg.Matrix;

/**
 * The host side of the k-means operations on the GPU ({@code native/kmeans.cu}).
 *
 * <p><b>Chunking rule</b> (the GPU's counterpart of {@link org.paraml.backend.KMeansChunks}): a CUDA
 * block owns {@link #rowsPerBlock(int)} consecutive rows and sums its partials over them in row
 * order; {@link #groupBlocks(int, int)} consecutive blocks form a group, summed on the device in
 * block order; the host sums the groups in group order and then adds the total to the caller's
 * accumulators. Both sizes depend only on (k, d), and every launch covers whole groups, so the
 * results are the same whether the rows come from a {@link Matrix} (streamed in slabs of one group)
 * or a {@link CudaPreparedMatrix} (already on the device, many groups per launch), and the same run
 * after run. They differ from the CPU backends' chunking in the last bits of the sums, within the
 * backend tolerance.
 *
 * <p><b>Streams.</b> Matrix rows are packed into pinned memory slab by slab and copied on two
 * streams, so that packing, copying and computing overlap. Only the outputs that the caller asked
 * for are copied back. A failure leaves the caller's {@code sums} and {@code counts} untouched.
 */
final class CudaKMeans {
    /** Rows per tile of kmeans.cu (KM_TM). */
    static final int TILE_ROWS = 64;
    /** The most blocks in a group. */
    static final int MAX_GROUP_BLOCKS = 256;
    /** Rows per block of the one-row-per-thread kernels (KR_ROWS of kmeans_rows.cuh): one per thread. */
    static final int ROWS_PER_BLOCK = 256;
    /** The most features the one-row-per-thread kernels take (KR_MAX_D). */
    static final int ROWS_MAX_D = 32;
    /** Warps per block of those kernels (KR_WARPS). */
    private static final int ROWS_WARPS = 8;
    /** Device memory for block partials per launch of the prepared form. */
    private static final long PARTIAL_BYTES = 32L << 20;

    private static final int SLOT_X = 0;
    private static final int SLOT_W = 1;
    private static final int SLOT_LABELS = 2;
    private static final int SLOT_DIST = 3;
    private static final int SLOT_PARTIALS = 4;
    private static final int SLOT_GROUPS = 5;

    private CudaKMeans() {
    }

    /** Rows per CUDA block for k centres: 256, or about k when k is larger (partials stay no larger than the rows). */
    static int rowsPerBlock(int k) {
        return Math.max(256, (k + 2 + TILE_ROWS - 1) / TILE_ROWS * TILE_ROWS);
    }

    /**
     * Whether the one-row-per-thread kernels take k centres of d features with at most
     * {@code sharedLimit} bytes of shared memory per block: they need d ≤ {@value #ROWS_MAX_D} and
     * blocks of exactly {@value #ROWS_PER_BLOCK} rows (so the same blocks, groups and slabs as the
     * tiled kernels; k ≤ 254), and {@link #rowsSharedBytes} within the limit. The choice depends on
     * (k, d) and the device only, so Matrix and prepared rows always take the same kernels.
     */
    static boolean rowsKernelsTake(int k, int d, boolean wantSums, long sharedLimit) {
        return d >= 1 && d <= ROWS_MAX_D && rowsPerBlock(k) == ROWS_PER_BLOCK && rowsSharedBytes(k, d, wantSums) <= sharedLimit;
    }

    /**
     * The dynamic shared memory of the one-row-per-thread kernels (kmeans_rows_shared_doubles): the
     * centres and their norms, and per warp 32 staged rows of an odd pitch and its accumulators.
     */
    static int rowsSharedBytes(int k, int d, boolean wantSums) {
        long entries = wantSums ? (long) k * d + k + 1 : 1;
        long doubles = (long) k * d + k + ROWS_WARPS * (32L * (d | 1) + entries);
        return (int) Math.min(Integer.MAX_VALUE, doubles * Double.BYTES);
    }

    /** Blocks per group: as many as fit {@link Slabs#BYTES} of rows, between 1 and {@link #MAX_GROUP_BLOCKS}. */
    static int groupBlocks(int k, int d) {
        long blockBytes = (long) rowsPerBlock(k) * Math.max(1, d) * Double.BYTES;
        return (int) Math.max(1, Math.min(MAX_GROUP_BLOCKS, Slabs.BYTES / blockBytes));
    }

    /**
     * The rows of x: on the host (translated by {@code shift} as they are packed for the device, when it
     * is not null) or already on the device.
     */
    record Rows(Matrix host, double[] shift, CudaPreparedMatrix prepared) {
        /** Host rows {@code x_i − shift} ({@code shift} null: {@code x_i}). */
        static Rows host(Matrix x, double[] shift) {
            return new Rows(x, shift, null);
        }

        /** Rows already on the device. */
        static Rows prepared(CudaPreparedMatrix x) {
            return new Rows(null, null, x);
        }

        int n() {
            return host != null ? host.rows() : prepared.rows();
        }

        int d() {
            return host != null ? host.cols() : prepared.cols();
        }
    }

    /**
     * How one call is cut: blocks of {@code rowsPerBlock} rows, groups of {@code groupBlocks} blocks,
     * and slabs of whole groups: one group per slab for host rows (each slab is staged), as many as
     * the partials and outputs allow for prepared rows.
     *
     * @param entries the partial values per block
     */
    record Plan(long n, int d, int k, int rowsPerBlock, int groupBlocks, long slabRows, int slabs, long entries) {
        /** The plan for n rows of d features, k centres, {@code entries} partials per block. */
        static Plan of(int n, int d, int k, long entries, boolean prepared, int outBytesPerRow) {
            int rpb = CudaKMeans.rowsPerBlock(k);
            int gb = CudaKMeans.groupBlocks(k, d);
            long groupRows = (long) rpb * gb;
            long groups = 1;
            if (prepared) { // no rows to stage: as many groups as the partials and outputs allow
                long byPartials = PARTIAL_BYTES / Math.max(1, (long) gb * entries * Double.BYTES);
                long byOutputs = Slabs.BYTES / Math.max(1, groupRows * outBytesPerRow);
                groups = Math.max(1, Math.min(Math.min(byPartials, byOutputs), CudaKernels.MAX_GRID_Y));
            }
            long slabRows = groupRows * groups;
            int slabs = (int) CudaKernels.ceilDiv(n, slabRows);
            return new Plan(n, d, k, rpb, gb, slabRows, slabs, entries);
        }

        /** The first row of slab s. */
        long from(int slab) {
            return slab * slabRows;
        }

        /** The rows of slab s. */
        int rows(int slab) {
            return (int) Math.min(slabRows, n - from(slab));
        }

        /** The CUDA blocks of slab s. */
        int blocks(int slab) {
            return (int) CudaKernels.ceilDiv(rows(slab), rowsPerBlock);
        }

        /** The groups of slab s. */
        int groups(int slab) {
            return (int) CudaKernels.ceilDiv(blocks(slab), groupBlocks);
        }
    }

    /** Sums group partials in the order they are added: the first group is copied, later ones added. */
    private static final class GroupTotal {
        final double[] total;
        boolean empty = true;

        GroupTotal(long entries) {
            total = new double[Math.toIntExact(entries)];
        }

        void add(DoubleBuffer groups, int count) {
            for (int g = 0; g < count; g++) {
                for (int e = 0; e < total.length; e++) {
                    double v = groups.get();
                    total[e] = empty ? v : total[e] + v;
                }
                empty = false;
            }
        }
    }

    /** {@link org.paraml.backend.Backend#lloydStep}; arguments checked. Rows from {@code host} or {@code prepared}. */
    static double lloyd(CudaDevice device, Rows x, double[] weights, CudaPreparedMatrix centers, int[] labels,
                        double[] distances, double[] sums, double[] counts) {
        CudaPreparedMatrix prepared = x.prepared();
        int k = centers.rows();
        int d = x.d();
        boolean wantSums = sums != null || counts != null;
        long kd = (long) k * d;
        long entries = wantSums ? kd + k + 1 : 1;
        if (x.n() == 0) {
            return 0.0;
        }
        Plan plan = Plan.of(x.n(), d, k, entries, prepared != null, Integer.BYTES + Double.BYTES);
        GroupTotal total = new GroupTotal(entries);
        CUdeviceptr c = centers.deviceRows();
        CUdeviceptr cn = centers.deviceNorms();
        device.call(lane -> {
            SlabPipeline.run(lane, plan.slabs(), new SlabPipeline.Slab<>() {
                @Override
                public void enqueue(int s, Lane.Stage st) {
                    int rows = plan.rows(s);
                    long from = plan.from(s);
                    long xBytes = (long) rows * d * Double.BYTES;
                    long wBytes = weights == null ? 0 : (long) rows * Double.BYTES;
                    long wAt = Slabs.align(x.prepared() == null ? xBytes : 0);
                    st.in.ensure(wAt + wBytes);
                    CUdeviceptr dx = stageRows(x, from, rows, st, 0);
                    CUdeviceptr dw = null;
                    if (weights != null) {
                        st.in.bytes(wAt, wBytes).asDoubleBuffer().put(weights, (int) from, rows);
                        dw = st.scratch(SLOT_W, wBytes, "k-means weights");
                        CudaCalls.check(JCudaDriver.cuMemcpyHtoDAsync(dw, st.in.at(wAt), wBytes, st.stream), "cuMemcpyHtoDAsync");
                    }
                    CUdeviceptr dLabels = st.scratch(SLOT_LABELS, (long) rows * Integer.BYTES, "k-means labels");
                    CUdeviceptr dDist = st.scratch(SLOT_DIST, (long) rows * Double.BYTES, "k-means distances");
                    int blocks = plan.blocks(s);
                    int groups = plan.groups(s);
                    CUdeviceptr dPartials = st.scratch(SLOT_PARTIALS, (long) blocks * entries * Double.BYTES, "k-means partial sums");
                    CUdeviceptr dGroups = st.scratch(SLOT_GROUPS, (long) groups * entries * Double.BYTES, "k-means group sums");
                    // chosen as for a step with sums either way, so that a step without sums uses the same kernel and
                    // gives the same inertia to the last bit
                    if (device.kernels().rowsKernelsTake(k, d, true)) {
                        device.kernels().lloydRows(st.stream, dx, rows, d, dw, c, cn, k, dLabels, dDist, dPartials, wantSums);
                    } else {
                        device.kernels().lloyd(st.stream, dx, rows, d, dw, c, cn, k, plan.rowsPerBlock(), dLabels, dDist,
                                dPartials, wantSums);
                    }
                    device.kernels().reduceGroups(st.stream, dPartials, blocks, entries, plan.groupBlocks(), dGroups);
                    Outputs out = Outputs.of(rows, labels != null, distances != null, (long) groups * entries);
                    st.out.ensure(out.bytes);
                    if (labels != null) {
                        download(st, out.labelsAt, dLabels, (long) rows * Integer.BYTES);
                    }
                    if (distances != null) {
                        download(st, out.doublesAt, dDist, (long) rows * Double.BYTES);
                    }
                    download(st, out.groupsAt, dGroups, (long) groups * entries * Double.BYTES);
                }

                @Override
                public void consume(int s, Lane.Stage st) {
                    int rows = plan.rows(s);
                    int from = (int) plan.from(s);
                    int groups = plan.groups(s);
                    Outputs out = Outputs.of(rows, labels != null, distances != null, (long) groups * entries);
                    if (labels != null) {
                        st.out.bytes(out.labelsAt, (long) rows * Integer.BYTES).asIntBuffer().get(labels, from, rows);
                    }
                    if (distances != null) {
                        st.out.bytes(out.doublesAt, (long) rows * Double.BYTES).asDoubleBuffer().get(distances, from, rows);
                    }
                    total.add(st.out.bytes(out.groupsAt, (long) groups * entries * Double.BYTES).asDoubleBuffer(), groups);
                }
            });
            return null;
        });
        double[] t = total.total;
        if (sums != null) {
            for (int e = 0; e < kd; e++) {
                sums[e] += t[e];
            }
        }
        if (counts != null) {
            for (int c2 = 0; c2 < k; c2++) {
                counts[c2] += t[(int) kd + c2];
            }
        }
        return t[t.length - 1];
    }

    /** {@link org.paraml.backend.Backend#updateMinDistances}; arguments checked. */
    static double updateMin(CudaDevice device, Rows x, CudaPreparedMatrix centers, double[] minDistances, int[] argmin,
                            int argminBase) {
        CudaPreparedMatrix prepared = x.prepared();
        int k = centers.rows();
        int d = x.d();
        if (x.n() == 0) {
            return 0.0;
        }
        Plan plan = Plan.of(x.n(), d, k, 1, prepared != null, Integer.BYTES + Double.BYTES);
        GroupTotal total = new GroupTotal(1);
        CUdeviceptr c = centers.deviceRows();
        CUdeviceptr cn = centers.deviceNorms();
        device.call(lane -> {
            SlabPipeline.run(lane, plan.slabs(), new SlabPipeline.Slab<>() {
                @Override
                public void enqueue(int s, Lane.Stage st) {
                    int rows = plan.rows(s);
                    long from = plan.from(s);
                    long xBytes = (long) rows * d * Double.BYTES;
                    long mBytes = (long) rows * Double.BYTES;
                    long mAt = Slabs.align(x.prepared() == null ? xBytes : 0);
                    st.in.ensure(mAt + mBytes);
                    CUdeviceptr dx = stageRows(x, from, rows, st, 0);
                    st.in.bytes(mAt, mBytes).asDoubleBuffer().put(minDistances, (int) from, rows);
                    CUdeviceptr dMin = st.scratch(SLOT_DIST, mBytes, "k-means minimum distances");
                    CudaCalls.check(JCudaDriver.cuMemcpyHtoDAsync(dMin, st.in.at(mAt), mBytes, st.stream), "cuMemcpyHtoDAsync");
                    CUdeviceptr dImproved = st.scratch(SLOT_LABELS, (long) rows * Integer.BYTES, "k-means nearest new centres");
                    int blocks = plan.blocks(s);
                    int groups = plan.groups(s);
                    CUdeviceptr dPartials = st.scratch(SLOT_PARTIALS, (long) blocks * Double.BYTES, "k-means partial costs");
                    CUdeviceptr dGroups = st.scratch(SLOT_GROUPS, (long) groups * Double.BYTES, "k-means group costs");
                    if (device.kernels().rowsKernelsTake(k, d, false)) {
                        device.kernels().updateMinRows(st.stream, dx, rows, d, c, cn, k, dMin, dImproved, dPartials);
                    } else {
                        device.kernels().updateMin(st.stream, dx, rows, d, c, cn, k, plan.rowsPerBlock(), dMin, dImproved,
                                dPartials);
                    }
                    device.kernels().reduceGroups(st.stream, dPartials, blocks, 1, plan.groupBlocks(), dGroups);
                    Outputs out = Outputs.of(rows, argmin != null, true, groups);
                    st.out.ensure(out.bytes);
                    if (argmin != null) {
                        download(st, out.labelsAt, dImproved, (long) rows * Integer.BYTES);
                    }
                    download(st, out.doublesAt, dMin, mBytes);
                    download(st, out.groupsAt, dGroups, (long) groups * Double.BYTES);
                }

                @Override
                public void consume(int s, Lane.Stage st) {
                    int rows = plan.rows(s);
                    int from = (int) plan.from(s);
                    int groups = plan.groups(s);
                    Outputs out = Outputs.of(rows, argmin != null, true, groups);
                    st.out.bytes(out.doublesAt, (long) rows * Double.BYTES).asDoubleBuffer().get(minDistances, from, rows);
                    if (argmin != null) {
                        IntBuffer improved = st.out.bytes(out.labelsAt, (long) rows * Integer.BYTES).asIntBuffer();
                        for (int i = 0; i < rows; i++) {
                            int c2 = improved.get(i);
                            if (c2 >= 0) {
                                argmin[from + i] = argminBase + c2;
                            }
                        }
                    }
                    total.add(st.out.bytes(out.groupsAt, (long) groups * Double.BYTES).asDoubleBuffer(), groups);
                }
            });
            return null;
        });
        return total.total[0];
    }

    /** Where a slab's outputs lie in the pinned output buffer. */
    private record Outputs(long labelsAt, long doublesAt, long groupsAt, long bytes) {
        static Outputs of(int rows, boolean ints, boolean doubles, long groupValues) {
            long labelsAt = 0;
            long doublesAt = Slabs.align(ints ? (long) rows * Integer.BYTES : 0);
            long groupsAt = doublesAt + Slabs.align(doubles ? (long) rows * Double.BYTES : 0);
            return new Outputs(labelsAt, doublesAt, groupsAt, groupsAt + groupValues * Double.BYTES);
        }
    }

    /**
     * The device rows of a slab: for host rows, packs them at {@code inAt} of the stage's pinned
     * input (already large enough) and enqueues the copy; for prepared rows, a pointer into them.
     */
    private static CUdeviceptr stageRows(Rows x, long from, int rows, Lane.Stage st, long inAt) {
        int d = x.d();
        if (x.prepared() != null) {
            return x.prepared().deviceRows().withByteOffset(from * d * Double.BYTES);
        }
        long bytes = (long) rows * d * Double.BYTES;
        CUdeviceptr dx = st.scratch(SLOT_X, bytes, "a block of k-means rows");
        if (bytes > 0) {
            ByteBuffer b = st.in.bytes(inAt, bytes);
            Slabs.putRows(x.host(), x.shift(), (int) from, (int) from + rows, b.asDoubleBuffer());
            CudaCalls.check(JCudaDriver.cuMemcpyHtoDAsync(dx, st.in.at(inAt), bytes, st.stream), "cuMemcpyHtoDAsync");
        }
        return dx;
    }

    private static void download(Lane.Stage st, long at, CUdeviceptr from, long bytes) {
        if (bytes > 0) {
            CudaCalls.check(JCudaDriver.cuMemcpyDtoHAsync(st.out.at(at), from, bytes, st.stream), "cuMemcpyDtoHAsync");
        }
    }
}
