package org.paraml.backend.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;
import org.paraml.backend.KernelSpec;

/**
 * The kernels of {@code native/*.cu} and their launch configurations: one method per kernel, each
 * enqueueing one launch on a stream. The constants mirror the tile shapes in the CUDA sources.
 */
final class CudaKernels {
    /** Threads per block of every kernel ({@code __launch_bounds__(256)}). */
    static final int THREADS = 256;
    /** kmat_narrow_*: tile of 8 rows x 128 columns, for batches of at most 8 rows. */
    static final int NARROW_ROWS = 8;
    static final int NARROW_COLS = 128;
    /** kmat_wide_*: tile of 64 rows x 64 columns. */
    static final int WIDE_ROWS = 64;
    static final int WIDE_COLS = 64;
    /** The shared memory every block may have without opting in (48 KiB on every CUDA device). */
    static final int DEFAULT_SHARED_BYTES = 48 << 10;
    /** The largest grid y dimension. */
    static final int MAX_GRID_Y = 65_535;

    private final CUfunction narrowF64;
    private final CUfunction narrowF32;
    private final CUfunction wideF64;
    private final CUfunction wideF32;
    private final CUfunction rowSqNorms;
    private final CUfunction lloyd;
    private final CUfunction updateMin;
    private final CUfunction reduceGroups;
    private final CUfunction lloydRows;
    private final CUfunction updateMinRows;
    /** The most dynamic shared memory a block of the one-row-per-thread k-means kernels may have, in bytes. */
    private final int rowsSharedBytes;

    /**
     * Looks the kernels up in the two loaded modules, and lets the one-row-per-thread k-means kernels
     * use up to {@code sharedOptIn} bytes of shared memory per block (the device's opt-in limit).
     */
    CudaKernels(CUmodule kernelMatrix, CUmodule kmeans, int sharedOptIn) {
        narrowF64 = function(kernelMatrix, "kmat_narrow_f64");
        narrowF32 = function(kernelMatrix, "kmat_narrow_f32");
        wideF64 = function(kernelMatrix, "kmat_wide_f64");
        wideF32 = function(kernelMatrix, "kmat_wide_f32");
        rowSqNorms = function(kernelMatrix, "row_sq_norms");
        lloyd = function(kmeans, "kmeans_lloyd");
        updateMin = function(kmeans, "kmeans_update_min");
        reduceGroups = function(kmeans, "kmeans_reduce_groups");
        lloydRows = function(kmeans, "kmeans_lloyd_rows");
        updateMinRows = function(kmeans, "kmeans_update_min_rows");
        int limit = Math.max(sharedOptIn, DEFAULT_SHARED_BYTES);
        for (CUfunction f : new CUfunction[]{lloydRows, updateMinRows}) {
            if (JCudaDriver.cuFuncSetAttribute(f, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                    limit) != CUresult.CUDA_SUCCESS) {
                limit = DEFAULT_SHARED_BYTES; // no opt-in: the kernels still run where their memory fits the default
            }
        }
        rowsSharedBytes = limit;
    }

    private static CUfunction function(CUmodule module, String name) {
        CUfunction f = new CUfunction();
        CudaCalls.check(JCudaDriver.cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + name + ")");
        return f;
    }

    /**
     * {@code out[r·ldo + c] = K(a_{row(r)}, b_c)} for {@code r < m, c < n}, with {@code row(r) =
     * aRows[r]} or r when {@code aRows} is null; float32 ({@code f32}) or float64 output.
     */
    void kernelMatrix(CUstream stream, boolean f32, KernelSpec kernel, CUdeviceptr a, CUdeviceptr aNorms,
                      CUdeviceptr aRows, int m, CUdeviceptr b, CUdeviceptr bNorms, int n, int d, CUdeviceptr out,
                      long ldo) {
        kernelMatrixLaunch(stream, f32, kernel, a, aNorms, aRows, m, b, bNorms, n, d, out, ldo).run();
    }

    /**
     * The launch of {@link #kernelMatrix} with its parameters built once: each run enqueues it again
     * (CudaKernelTimes times the launch alone this way).
     */
    Runnable kernelMatrixLaunch(CUstream stream, boolean f32, KernelSpec kernel, CUdeviceptr a, CUdeviceptr aNorms,
                                CUdeviceptr aRows, int m, CUdeviceptr b, CUdeviceptr bNorms, int n, int d,
                                CUdeviceptr out, long ldo) {
        boolean narrow = m <= NARROW_ROWS;
        int tileRows = narrow ? NARROW_ROWS : WIDE_ROWS;
        int tileCols = narrow ? NARROW_COLS : WIDE_COLS;
        CUfunction f = narrow ? (f32 ? narrowF32 : narrowF64) : (f32 ? wideF32 : wideF64);
        Pointer params = Pointer.to(Pointer.to(a), Pointer.to(aNorms), Pointer.to(orNull(aRows)), Pointer.to(new int[]{m}),
                Pointer.to(b), Pointer.to(bNorms), Pointer.to(new int[]{n}), Pointer.to(new int[]{d}), Pointer.to(out),
                Pointer.to(new long[]{ldo}), Pointer.to(new int[]{typeCode(kernel)}),
                Pointer.to(new double[]{kernel.gamma()}), Pointer.to(new double[]{kernel.coef0()}),
                Pointer.to(new double[]{kernel.degree()}));
        long gridX = ceilDiv(n, tileCols);
        long gridY = ceilDiv(m, tileRows);
        return () -> launch(f, gridX, gridY, stream, params, "kernel matrix");
    }

    /** {@code norms[i] = ‖x_i‖²} for {@code i < n} (x row-major with d features). */
    void rowSqNorms(CUstream stream, CUdeviceptr x, long n, int d, CUdeviceptr norms) {
        Pointer params = Pointer.to(Pointer.to(x), Pointer.to(new long[]{n}), Pointer.to(new int[]{d}), Pointer.to(norms));
        launch(rowSqNorms, ceilDiv(n, THREADS), 1, stream, params, "row_sq_norms");
    }

    /** kmeans_lloyd over rows {@code [0, n)} of x, ceil(n / rowsPerBlock) blocks (see kmeans.cu). */
    void lloyd(CUstream stream, CUdeviceptr x, long n, int d, CUdeviceptr weights, CUdeviceptr centers,
               CUdeviceptr centerNorms, int k, int rowsPerBlock, CUdeviceptr labels, CUdeviceptr distances,
               CUdeviceptr partials, boolean wantSums) {
        Pointer params = Pointer.to(Pointer.to(x), Pointer.to(new long[]{n}), Pointer.to(new int[]{d}),
                Pointer.to(orNull(weights)), Pointer.to(centers), Pointer.to(centerNorms), Pointer.to(new int[]{k}),
                Pointer.to(new int[]{rowsPerBlock}), Pointer.to(labels), Pointer.to(distances), Pointer.to(partials),
                Pointer.to(new int[]{wantSums ? 1 : 0}));
        launch(lloyd, ceilDiv(n, rowsPerBlock), 1, stream, params, "kmeans_lloyd");
    }

    /** kmeans_update_min over rows {@code [0, n)} of x (see kmeans.cu). */
    void updateMin(CUstream stream, CUdeviceptr x, long n, int d, CUdeviceptr centers, CUdeviceptr centerNorms, int k,
                   int rowsPerBlock, CUdeviceptr minDistances, CUdeviceptr improved, CUdeviceptr partials) {
        Pointer params = Pointer.to(Pointer.to(x), Pointer.to(new long[]{n}), Pointer.to(new int[]{d}),
                Pointer.to(centers), Pointer.to(centerNorms), Pointer.to(new int[]{k}), Pointer.to(new int[]{rowsPerBlock}),
                Pointer.to(minDistances), Pointer.to(improved), Pointer.to(partials));
        launch(updateMin, ceilDiv(n, rowsPerBlock), 1, stream, params, "kmeans_update_min");
    }

    /**
     * Whether the one-row-per-thread k-means kernels ({@code native/kmeans_rows.cuh}) take k centres of
     * d features: d ≤ {@value CudaKMeans#ROWS_MAX_D}, blocks of {@value CudaKMeans#ROWS_PER_BLOCK} rows,
     * and their shared memory within this device's limit.
     */
    boolean rowsKernelsTake(int k, int d, boolean wantSums) {
        return CudaKMeans.rowsKernelsTake(k, d, wantSums, rowsSharedBytes);
    }

    /** kmeans_lloyd_rows over rows {@code [0, n)} of x: kmeans_lloyd with blocks of 256 rows, one row per thread. */
    void lloydRows(CUstream stream, CUdeviceptr x, long n, int d, CUdeviceptr weights, CUdeviceptr centers,
                   CUdeviceptr centerNorms, int k, CUdeviceptr labels, CUdeviceptr distances, CUdeviceptr partials,
                   boolean wantSums) {
        Pointer params = Pointer.to(Pointer.to(x), Pointer.to(new long[]{n}), Pointer.to(new int[]{d}),
                Pointer.to(orNull(weights)), Pointer.to(centers), Pointer.to(centerNorms), Pointer.to(new int[]{k}),
                Pointer.to(labels), Pointer.to(distances), Pointer.to(partials), Pointer.to(new int[]{wantSums ? 1 : 0}));
        launch(lloydRows, ceilDiv(n, CudaKMeans.ROWS_PER_BLOCK), 1, CudaKMeans.rowsSharedBytes(k, d, wantSums), stream,
                params, "kmeans_lloyd_rows");
    }

    /** kmeans_update_min_rows over rows {@code [0, n)} of x: kmeans_update_min with blocks of 256 rows, one row per thread. */
    void updateMinRows(CUstream stream, CUdeviceptr x, long n, int d, CUdeviceptr centers, CUdeviceptr centerNorms, int k,
                       CUdeviceptr minDistances, CUdeviceptr improved, CUdeviceptr partials) {
        Pointer params = Pointer.to(Pointer.to(x), Pointer.to(new long[]{n}), Pointer.to(new int[]{d}),
                Pointer.to(centers), Pointer.to(centerNorms), Pointer.to(new int[]{k}), Pointer.to(minDistances),
                Pointer.to(improved), Pointer.to(partials));
        launch(updateMinRows, ceilDiv(n, CudaKMeans.ROWS_PER_BLOCK), 1, CudaKMeans.rowsSharedBytes(k, d, false), stream,
                params, "kmeans_update_min_rows");
    }

    /** Sums {@code blocks} partials of {@code entries} values in groups of {@code groupBlocks}, in block order. */
    void reduceGroups(CUstream stream, CUdeviceptr partials, int blocks, long entries, int groupBlocks,
                      CUdeviceptr groups) {
        Pointer params = Pointer.to(Pointer.to(partials), Pointer.to(new int[]{blocks}), Pointer.to(new long[]{entries}),
                Pointer.to(new int[]{groupBlocks}), Pointer.to(groups));
        launch(reduceGroups, ceilDiv(entries, THREADS), ceilDiv(blocks, groupBlocks), stream, params,
                "kmeans_reduce_groups");
    }

    private static void launch(CUfunction f, long gridX, long gridY, CUstream stream, Pointer params, String name) {
        launch(f, gridX, gridY, 0, stream, params, name);
    }

    private static void launch(CUfunction f, long gridX, long gridY, int sharedBytes, CUstream stream, Pointer params,
                               String name) {
        if (gridX > Integer.MAX_VALUE || gridY > MAX_GRID_Y) {
            throw new IllegalStateException(name + ": grid " + gridX + " x " + gridY + " is too large");
        }
        CudaCalls.check(JCudaDriver.cuLaunchKernel(f, (int) gridX, (int) gridY, 1, THREADS, 1, 1, sharedBytes, stream,
                params, null), "cuLaunchKernel(" + name + ")");
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static CUdeviceptr orNull(CUdeviceptr p) {
        return p != null ? p : new CUdeviceptr();
    }

    /** The codes of native/kernel_function.cuh. */
    private static int typeCode(KernelSpec kernel) {
        return switch (kernel.type()) {
            case LINEAR -> 0;
            case POLY -> 1;
            case RBF -> 2;
            case SIGMOID -> 3;
        };
    }
}
