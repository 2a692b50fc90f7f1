package org.paraml.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.paraml.linalg.Matrix;

/**
 * Every operation of a backend against {@link ScalarBackend} on odd sizes (features and rows in 1,
 * 3, 4, 7, 8, 9, 63, 64, 65, 1021, and features 20 and 32 too: the tutorial's, and the largest that
 * the CUDA backend's one-row-per-thread k-means kernels take), on compact matrices and on row views, within
 * {@link Backend#RELATIVE_TOLERANCE} relative error with an absolute floor of
 * {@link Backend#ABSOLUTE_TOLERANCE} (data uniform in [−1, 1)): the differential test that every
 * backend other than the reference passes. Subclasses name the backend (and may skip through an
 * assumption when it is not available).
 */
public abstract class BackendAgreesWithScalarTest {
    private final ScalarBackend ref = new ScalarBackend();
    private Backend backend;

    /** The backend under test. */
    protected abstract Backend backend();

    @BeforeEach
    void makeTheBackend() {
        backend = backend();
    }

    static IntStream features() {
        return IntStream.concat(Arrays.stream(TestData.SIZES), IntStream.of(20, 32));
    }

    /** Row counts tested with d features: all sizes, but not 1021 × 1021 × a full Gram block. */
    private static int[] rowCounts(int d) {
        return d >= 63 ? new int[]{1, 7, 9, 64, 65, 1021} : TestData.SIZES;
    }

    private static KernelSpec[] kernels(int d) {
        double g = 1.0 / d;
        // every poly degree the SIMD backend writes out (1-4), and the rest (0, 5) it computes one value at a time
        return new KernelSpec[]{KernelSpec.linear(), KernelSpec.poly(g, 0.5, 3), KernelSpec.poly(2 * g, -1.0, 2),
                KernelSpec.poly(g, 0.2, 1), KernelSpec.poly(g, 0.5, 4), KernelSpec.poly(g, 1.0, 5),
                KernelSpec.poly(g, 0.5, 0), KernelSpec.rbf(g), KernelSpec.rbf(10.0), KernelSpec.sigmoid(g, 0.3)};
    }

    @ParameterizedTest(name = "d = {0}")
    @MethodSource("features")
    void kernelRowsAgree(int d) {
        for (int n : rowCounts(d)) {
            for (boolean view : new boolean[]{false, true}) {
                Matrix x = TestData.uniform(1000L * n + d, n, d);
                if (view) {
                    x = TestData.asView(x, 17);
                }
                PreparedMatrix px = backend.prepare(x);
                PreparedMatrix rx = ref.prepare(x);
                int[] rows = IntStream.of(0, n - 1, n / 2, n / 3, 1 % n, n - 1, 2 % n, n / 4, 3 % n)
                        .limit(Math.min(9, 2 * n)).toArray();
                for (int len : new int[]{n, Math.max(0, n - 1), Math.min(n, 5)}) {
                    for (KernelSpec k : kernels(d)) {
                        String what = k + " n=" + n + " d=" + d + " len=" + len + (view ? " view" : "");
                        int stride = len + 3;
                        double[] want = new double[rows.length * stride];
                        double[] got = new double[rows.length * stride];
                        ref.kernelRows(k, rx, rows, len, want, 0, stride, 1);
                        backend.kernelRows(k, px, rows, len, got, 0, stride, 2);
                        TestData.assertClose(what, want, got);
                        float[] wantF = new float[rows.length * stride + 1];
                        float[] gotF = new float[rows.length * stride + 1];
                        ref.kernelRows(k, rx, rows, len, wantF, 1, stride, 1);
                        backend.kernelRows(k, px, rows, len, gotF, 1, stride, 3);
                        TestData.assertClose(what + " float", wantF, gotF);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "d = {0}")
    @MethodSource("features")
    void kernelBlocksAgree(int d) {
        for (int n : rowCounts(d)) {
            Matrix b = TestData.asView(TestData.uniform(7L * n + d, n, d), 3);
            for (int m : new int[]{1, 9, 65}) {
                Matrix a = TestData.uniform(11L * m + d, m, d);
                PreparedMatrix pa = backend.prepare(a);
                PreparedMatrix pb = backend.prepare(b);
                PreparedMatrix ra = ref.prepare(a);
                PreparedMatrix rb = ref.prepare(b);
                for (KernelSpec k : kernels(d)) {
                    double[] want = new double[2 + m * n];
                    double[] got = new double[2 + m * n];
                    ref.kernelBlock(k, ra, rb, want, 2, 1);
                    backend.kernelBlock(k, pa, pb, got, 2, 2);
                    TestData.assertClose(k + " " + m + " x " + n + " d=" + d, want, got);
                }
            }
        }
    }

    @ParameterizedTest(name = "d = {0}")
    @MethodSource("features")
    void lloydStepsAgree(int d) {
        for (int n : TestData.SIZES) {
            for (int k : new int[]{1, 3, 8, 9, 17}) {
                Matrix x = TestData.asView(TestData.uniform(13L * n + d, n, d), 5);
                Matrix centers = TestData.uniform(19L * k + d, k, d);
                double[] w = TestData.uniform(23L * n, n, 1).data().clone();
                for (int i = 0; i < n; i++) {
                    w[i] = 1.5 + w[i];
                }
                for (double[] weights : new double[][]{null, w}) {
                    String what = "n=" + n + " d=" + d + " k=" + k + (weights == null ? "" : " weighted");
                    int[] lw = new int[n];
                    int[] lg = new int[n];
                    double[] dw = new double[n];
                    double[] dg = new double[n];
                    double[] sw = new double[k * d];
                    double[] sg = new double[k * d];
                    double[] cw = new double[k];
                    double[] cg = new double[k];
                    double iw = ref.lloydStep(x, weights, ref.prepare(centers), lw, dw, sw, cw, 1);
                    double ig = backend.lloydStep(x, weights, backend.prepare(centers), lg, dg, sg, cg, 2);
                    int ties = TestData.assertLabelsAgree(what, x, centers, lw, lg);
                    if (ties == 0) {
                        TestData.assertClose(what + " sums", sw, sg);
                        TestData.assertClose(what + " counts", cw, cg);
                    }
                    TestData.assertClose(what + " distances", dw, dg);
                    TestData.assertClose(what + " inertia", new double[]{iw}, new double[]{ig});
                }
            }
        }
    }

    @ParameterizedTest(name = "d = {0}")
    @MethodSource("features")
    void minDistanceUpdatesAgree(int d) {
        for (int n : TestData.SIZES) {
            Matrix x = TestData.uniform(29L * n + d, n, d);
            Matrix first = TestData.uniform(31L + d, 2, d);
            Matrix next = TestData.asView(TestData.uniform(37L + d, 11, d), 2);
            double[] mw = new double[n];
            Arrays.fill(mw, Double.POSITIVE_INFINITY);
            double[] mg = mw.clone();
            int[] aw = new int[n];
            int[] ag = new int[n];
            ref.updateMinDistances(x, ref.prepare(first), mw, aw, 0, 1);
            backend.updateMinDistances(x, backend.prepare(first), mg, ag, 0, 1);
            double cw = ref.updateMinDistances(x, ref.prepare(next), mw, aw, 2, 1);
            double cg = backend.updateMinDistances(x, backend.prepare(next), mg, ag, 2, 3);
            Matrix all = Matrix.zeros(13, d);
            for (int c = 0; c < 13; c++) {
                double[] row = c < 2 ? first.row(c) : next.row(c - 2);
                for (int j = 0; j < d; j++) {
                    all.set(c, j, row[j]);
                }
            }
            String what = "n=" + n + " d=" + d;
            TestData.assertLabelsAgree(what, x, all, aw, ag);
            TestData.assertClose(what + " min distances", mw, mg);
            TestData.assertClose(what + " cost", new double[]{cw}, new double[]{cg});
        }
    }

    @Test
    void reportedDistancesStayAccurateUnderCancellation() {
        // rows and centres far from the origin, close to each other: the norm form cancels 12 digits
        int n = 50;
        int d = 9;
        Matrix x = TestData.uniform(41, n, d);
        Matrix centers = TestData.uniform(43, 3, d);
        for (Matrix m : new Matrix[]{x, centers}) {
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < d; j++) {
                    m.set(i, j, 1e6 + 1e-3 * m.get(i, j));
                }
            }
        }
        double[] dw = new double[n];
        double[] dg = new double[n];
        int[] lw = new int[n];
        int[] lg = new int[n];
        ref.lloydStep(x, null, ref.prepare(centers), lw, dw, null, null, 1);
        backend.lloydStep(x, null, backend.prepare(centers), lg, dg, null, null, 1);
        for (int i = 0; i < n; i++) {
            double exact = dw[i];
            if (lw[i] == lg[i]) {
                assertEquals(exact, dg[i], 1e-12 * exact + 1e-30, "row " + i);
            }
            assertTrue(dg[i] >= 0);
        }
    }

    @Test
    void kernelRowsDoNotDependOnTheThreadCount() {
        Matrix x = TestData.uniform(3, 3000, 20);
        PreparedMatrix p = backend.prepare(x);
        int[] rows = {5, 2999, 0, 1500, 7};
        double[] first = null;
        for (int threads : new int[]{1, 2, 3, 8}) {
            double[] out = new double[rows.length * 3000];
            backend.kernelRows(KernelSpec.linear(), p, rows, 3000, out, 0, 3000, threads);
            if (first == null) {
                first = out;
            } else {
                assertArrayEquals(first, out, "threads " + threads);
            }
        }
    }
}
