package org.paraml.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paraml.backend.BackendCheck;
import org.paraml.backend.BackendFailureException;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.PreparedMatrix;
import org.paraml.backend.ScalarBackend;
import org.paraml.backend.TestData;
import org.paraml.linalg.Matrix;

/**
 * What only the GPU backend has: slabs streamed on two streams, batch-independent values,
 * run-to-run determinism of the k-means sums, concurrent callers, device memory (close, cleaners,
 * running out), and a PTX the driver rejects. Runs when a GPU answers; skipped otherwise.
 */
class CudaDeviceTest {
    private final ScalarBackend ref = new ScalarBackend();
    private CudaBackend cuda;

    @BeforeEach
    void needsAGpu() {
        cuda = Gpu.backendOrSkip();
    }

    @Test
    void valuesDoNotDependOnTheBatchOrTheSlab() {
        // 120,000 columns of float64: 8 rows per 8 MiB slab, so 25 rows take 4 slabs on two streams
        Matrix a = TestData.uniform(1, 25, 3);
        Matrix b = TestData.uniform(2, 120_000, 3);
        PreparedMatrix pa = cuda.prepare(a);
        PreparedMatrix pb = cuda.prepare(b);
        for (KernelSpec k : new KernelSpec[]{KernelSpec.rbf(0.7), KernelSpec.poly(0.5, 1.0, 3)}) {
            double[] block = new double[25 * 120_000];
            cuda.kernelBlock(k, pa, pb, block, 0, 1);
            double[] one = new double[120_000];
            for (int i = 0; i < 25; i += 6) { // a batch of one row: the narrow kernel, one slab
                cuda.kernelBlock(k, cuda.prepare(a.rowRange(i, i + 1)), pb, one, 0, 1);
                assertArrayEquals(one, Arrays.copyOfRange(block, i * 120_000, (i + 1) * 120_000), k + " row " + i);
            }
            double[] want = new double[25 * 120_000];
            ref.kernelBlock(k, ref.prepare(a), ref.prepare(b), want, 0, 1);
            TestData.assertClose(k + " block", want, block);
        }
        // kernel rows: 20 rows (wide kernel) against row-by-row (narrow), float32 over 1,000,000 columns (3 slabs)
        Matrix x = TestData.uniform(3, 1_000_000, 2);
        PreparedMatrix px = cuda.prepare(x);
        int[] rows = {0, 999_999, 17, 5, 123_456, 42};
        float[] batch = new float[rows.length * 1_000_000];
        cuda.kernelRows(KernelSpec.rbf(1.5), px, rows, 1_000_000, batch, 0, 1_000_000, 1);
        for (int r = 0; r < rows.length; r++) {
            float[] single = new float[1_000_000];
            cuda.kernelRows(KernelSpec.rbf(1.5), px, new int[]{rows[r]}, 1_000_000, single, 0, 1_000_000, 1);
            assertArrayEquals(single, Arrays.copyOfRange(batch, r * 1_000_000, (r + 1) * 1_000_000), "row " + r);
            assertEquals(1.0f, single[rows[r]], 0.0f, "rbf of a row with itself is exactly 1");
        }
        int[] twenty = new int[20];
        Arrays.setAll(twenty, i -> 7 * i);
        double[] wide = new double[20 * 500];
        cuda.kernelRows(KernelSpec.sigmoid(0.3, -0.1), px, twenty, 500, wide, 0, 500, 1);
        for (int r = 0; r < 20; r++) {
            double[] narrow = new double[500];
            cuda.kernelRows(KernelSpec.sigmoid(0.3, -0.1), px, new int[]{twenty[r]}, 500, narrow, 0, 500, 1);
            assertArrayEquals(narrow, Arrays.copyOfRange(wide, r * 500, (r + 1) * 500), "row " + r);
        }
    }

    @Test
    void kmeansSumsAreTheSameRunAfterRunAndForMatrixAndPreparedRows() {
        // 200,003 rows of 2 features: 4 streamed slabs of 65,536 rows as a Matrix, one launch when prepared
        int n = 200_003;
        int k = 3;
        Matrix x = TestData.asView(TestData.uniform(4, n, 2), 7);
        Matrix c = TestData.uniform(5, k, 2);
        double[] w = new double[n];
        Arrays.setAll(w, i -> 0.5 + (i % 7) * 0.25);
        PreparedMatrix pc = cuda.prepare(c);
        PreparedMatrix px = cuda.prepare(x);
        Lloyd first = Lloyd.run(cuda, x, null, w, pc, n, k);
        Lloyd again = Lloyd.run(cuda, x, null, w, pc, n, k);
        Lloyd prepared = Lloyd.run(cuda, null, px, w, pc, n, k);
        for (Lloyd other : List.of(again, prepared)) {
            assertArrayEquals(first.labels, other.labels);
            assertArrayEquals(first.dist, other.dist);
            assertArrayEquals(first.sums, other.sums);
            assertArrayEquals(first.counts, other.counts);
            assertEquals(first.inertia, other.inertia, 0.0);
        }
        Lloyd want = Lloyd.run(ref, x, null, w, ref.prepare(c), n, k);
        int ties = TestData.assertLabelsAgree("labels", x, c, want.labels, first.labels);
        TestData.assertClose("distances", want.dist, first.dist);
        if (ties == 0) {
            TestData.assertClose("sums", want.sums, first.sums);
            TestData.assertClose("counts", want.counts, first.counts);
        }
        TestData.assertClose("inertia", new double[]{want.inertia}, new double[]{first.inertia});

        double[] m1 = new double[n];
        Arrays.fill(m1, 0.2);
        double[] m2 = m1.clone();
        double[] m3 = m1.clone();
        int[] a1 = new int[n];
        int[] a2 = new int[n];
        int[] a3 = new int[n];
        double c1 = cuda.updateMinDistances(x, pc, m1, a1, 10, 1);
        double c2 = cuda.updateMinDistances(px, pc, m2, a2, 10, 1);
        double c3 = ref.updateMinDistances(x, ref.prepare(c), m3, a3, 10, 1);
        assertEquals(c1, c2, 0.0);
        assertArrayEquals(m1, m2);
        assertArrayEquals(a1, a2);
        TestData.assertClose("min distances", m3, m1);
        TestData.assertClose("cost", new double[]{c3}, new double[]{c1});
    }

    /** The outputs of one Lloyd step. */
    private record Lloyd(int[] labels, double[] dist, double[] sums, double[] counts, double inertia) {
        static Lloyd run(org.paraml.backend.Backend b, Matrix x, PreparedMatrix px, double[] w, PreparedMatrix c, int n,
                         int k) {
            int[] labels = new int[n];
            double[] dist = new double[n];
            double[] sums = new double[k * c.cols()];
            double[] counts = new double[k];
            double inertia = px != null ? b.lloydStep(px, w, c, labels, dist, sums, counts, 1)
                    : b.lloydStep(x, w, c, labels, dist, sums, counts, 1);
            return new Lloyd(labels, dist, sums, counts, inertia);
        }
    }

    @Test
    void concurrentCallersGetWhatTheyWouldGetAlone() throws Exception {
        Matrix x = TestData.uniform(6, 5_000, 12);
        PreparedMatrix px = cuda.prepare(x);
        PreparedMatrix pc = cuda.prepare(TestData.uniform(7, 9, 12));
        int[] rows = {1, 2, 3, 4999};
        double[] rowsAlone = new double[4 * 5_000];
        cuda.kernelRows(KernelSpec.rbf(0.1), px, rows, 5_000, rowsAlone, 0, 5_000, 1);
        Lloyd alone = Lloyd.run(cuda, x, null, null, pc, 5_000, 9);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        if ((i + thread) % 2 == 0) {
                            double[] out = new double[4 * 5_000];
                            cuda.kernelRows(KernelSpec.rbf(0.1), px, rows, 5_000, out, 0, 5_000, 1);
                            assertArrayEquals(rowsAlone, out);
                        } else {
                            Lloyd l = Lloyd.run(cuda, x, null, null, pc, 5_000, 9);
                            assertArrayEquals(alone.sums, l.sums);
                            assertArrayEquals(alone.labels, l.labels);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closedMatricesFreeTheirMemoryAndAreRejected() {
        CudaPreparedMatrix p = cuda.prepare(TestData.uniform(8, 100, 4));
        assertEquals(Slabs.align(100 * 4 * 8) + 100 * 8, p.deviceBytes(), "rows, padding, norms");
        p.close();
        p.close();
        assertTrue(p.isClosed());
        assertEquals(0, p.deviceBytes());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cuda.kernelRows(KernelSpec.linear(), p, new int[]{0}, 100, new double[100], 0, 100, 1));
        assertTrue(e.getMessage().contains("was closed"), e.getMessage());
    }

    @Test
    void unreachablePreparedMatricesAreFreedWhenTheDeviceFillsUp() {
        // ballast leaves 2 GiB free; then 12 matrices of 512 MiB (a view of one 1 MiB row repeated 512 times),
        // each dropped at once, must never run out of memory: allocation collects and lets the cleaners free
        CudaDevice device = CudaProbe.outcome().device();
        device.makeCurrent();
        long[] free = new long[1];
        long[] total = new long[1];
        JCudaDriver.cuMemGetInfo(free, total);
        long ballastBytes = free[0] - (2L << 30);
        org.junit.jupiter.api.Assumptions.assumeTrue(ballastBytes > 0, "less than 2 GiB free");
        CUdeviceptr ballast = device.allocate(ballastBytes, "test ballast");
        try {
            Matrix view = TestData.uniform(9, 1, 1 << 17).selectRows(new int[512]);
            for (int i = 0; i < 12; i++) {
                assertEquals(512, cuda.prepare(view).rows());
            }
        } finally {
            device.free(ballast);
        }
    }

    @Test
    void runningOutOfDeviceMemoryIsAFailureThatLeavesTheBackendUsable() {
        long[] free = new long[1];
        long[] total = new long[1];
        CudaProbe.outcome().device().makeCurrent();
        JCudaDriver.cuMemGetInfo(free, total);
        int d = 1 << 17; // 1 MiB rows
        int n = (int) (total[0] / (1L << 20)) + 1024;
        Matrix huge = TestData.uniform(10, 1, d).selectRows(new int[n]);
        BackendFailureException e = assertThrows(BackendFailureException.class, () -> cuda.prepare(huge));
        assertTrue(e.outOfMemory());
        assertEquals("cuda", e.backend());
        assertTrue(e.getMessage().startsWith("CUDA device out of memory: a prepared " + n + " x " + d + " matrix needs "),
                e.getMessage());
        PreparedMatrix small = cuda.prepare(TestData.uniform(11, 10, 3));
        double[] out = new double[10];
        cuda.kernelRows(KernelSpec.linear(), small, new int[]{0}, 10, out, 0, 10, 1);
        assertTrue(out[0] > 0);
    }

    @Test
    void aPtxTheDriverRejectsGivesAClearMessage() {
        CudaDevice device = CudaProbe.outcome().device();
        device.makeCurrent();
        byte[] junk = "this is not PTX\0".getBytes(StandardCharsets.US_ASCII);
        BackendFailureException e = assertThrows(BackendFailureException.class, () -> Ptx.load(junk, "junk", 13000));
        assertTrue(e.getMessage().startsWith("the driver rejected the PTX of module junk (CUDA_ERROR_"), e.getMessage());
        // the shipped PTX with a future ISA version: what an old driver says about ours
        String ptx = new String(Ptx.resource("kmeans"), StandardCharsets.US_ASCII).replace(".version 9.0", ".version 99.0");
        int[] driver = new int[1];
        JCudaDriver.cuDriverGetVersion(driver);
        BackendFailureException old = assertThrows(BackendFailureException.class,
                () -> Ptx.load(ptx.getBytes(StandardCharsets.US_ASCII), "kmeans", driver[0]));
        assertTrue(old.getMessage().contains("it is PTX ISA 99.0") && old.getMessage().endsWith("update the NVIDIA driver"),
                old.getMessage());
    }

    @Test
    void theSelfCheckPasses() {
        BackendCheck.Result r = BackendCheck.run(cuda, new BackendCheck.Options(1, 0.0, 7L, 100, 4, 100, 4, 3));
        assertTrue(r.passed(), r.failures().toString());
        assertFalse(r.maxRelError() > 1e-9);
    }
}
