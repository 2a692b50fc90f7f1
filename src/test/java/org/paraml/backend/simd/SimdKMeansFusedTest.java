package org.paraml.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.paraml.backend.NearestCenterKernel;
import org.paraml.backend.PreparedMatrix;
import org.paraml.backend.TestData;
import org.paraml.linalg.Matrix;

/**
 * The fused k-means loops of {@link SimdKMeans} ({@code assign}: search, labels, distances, inertia,
 * sums and counts in one sweep; {@code lowerMin}) give bit for bit what the two separate steps give
 * ({@code nearest}, then {@code accumulate} or the minimum update, as {@link NearestCenterKernel}'s
 * defaults run them): on matrices, row views and prepared rows, with and without weights, for chunks
 * that start on a tile and chunks that do not, and for feature counts around the vector length.
 */
class SimdKMeansFusedTest {
    @BeforeEach
    void needsTheVectorModule() {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
    }

    static IntStream features() {
        return IntStream.of(1, 3, 4, 7, 8, 9, 12, 16, 20, 33, 64, 65);
    }

    /** The separate steps of {@code kernel}: its nearest and accumulate, with the interface's fused defaults. */
    private static NearestCenterKernel steps(SimdKMeans kernel) {
        return new NearestCenterKernel() {
            @Override
            public void nearest(Matrix x, int from, int to, PreparedMatrix centers, int[] labels, double[] distances,
                                int outOffset) {
                kernel.nearest(x, from, to, centers, labels, distances, outOffset);
            }

            @Override
            public void accumulate(Matrix x, int from, int to, double[] sampleWeight, int[] labels, int labelsOffset,
                                   double[] sums, double[] counts) {
                kernel.accumulate(x, from, to, sampleWeight, labels, labelsOffset, sums, counts);
            }
        };
    }

    @ParameterizedTest(name = "d = {0}")
    @MethodSource("features")
    void assignEqualsNearestThenAccumulate(int d) {
        SimdBackend backend = new SimdBackend();
        for (int n : new int[] {1, 7, 16, 17, 40, 1021}) {
            for (boolean view : new boolean[] {false, true}) {
                Matrix x = TestData.uniform(31L * n + d, n, d);
                if (view) {
                    x = TestData.asView(x, 3);
                }
                SimdPreparedMatrix px = (SimdPreparedMatrix) backend.prepare(x);
                px.tiles();
                double[] w = TestData.uniform(7L * n, n, 1).data().clone();
                for (int i = 0; i < n; i++) {
                    w[i] += 1.5;
                }
                for (int k : new int[] {1, 3, 8, 9, 17}) {
                    SimdPreparedMatrix c = (SimdPreparedMatrix) backend.prepare(TestData.uniform(11L * k + d, k, d));
                    c.panel();
                    for (SimdKMeans kernel : new SimdKMeans[] {new SimdKMeans(), new SimdKMeans(px)}) {
                        for (int from : new int[] {0, Math.min(5, n - 1)}) {
                            for (double[] weights : new double[][] {null, w}) {
                                for (int what = 0; what < 3; what++) {
                                    check(kernel, x, from, n, weights, c, what,
                                            "n=" + n + " d=" + d + " k=" + k + " view=" + view + " from=" + from + " weighted="
                                                    + (weights != null) + " accumulate=" + what);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code what}: 0 sums and counts, 1 counts only, 2 neither. */
    private static void check(SimdKMeans kernel, Matrix x, int from, int to, double[] weights, PreparedMatrix c,
                              int what, String message) {
        int k = c.rows();
        int d = x.cols();
        int m = to - from;
        int[] labels = new int[m + 3];
        int[] wantLabels = new int[m + 3];
        double[] dist = new double[m + 3];
        double[] wantDist = new double[m + 3];
        double[] sums = what == 0 ? new double[k * d] : null;
        double[] wantSums = what == 0 ? new double[k * d] : null;
        double[] counts = what <= 1 ? new double[k] : null;
        double[] wantCounts = what <= 1 ? new double[k] : null;
        if (sums != null) {
            Arrays.fill(sums, 0.25);
            Arrays.fill(wantSums, 0.25);
        }
        double got = kernel.assign(x, from, to, weights, c, labels, dist, 2, sums, counts);
        double want = steps(kernel).assign(x, from, to, weights, c, wantLabels, wantDist, 2, wantSums, wantCounts);
        assertArrayEquals(wantLabels, labels, message + ": labels");
        assertArrayEquals(wantDist, dist, 0.0, message + ": distances");
        assertEquals(want, got, 0.0, message + ": inertia");
        if (sums != null) {
            assertArrayEquals(wantSums, sums, 0.0, message + ": sums");
        }
        if (counts != null) {
            assertArrayEquals(wantCounts, counts, 0.0, message + ": counts");
        }
    }

    /**
     * The assignment alone (no weights, sums or counts), which writes each whole tile's labels and
     * distances straight from the search, gives bit for bit the labels, distances and inertia of a
     * Lloyd step with weights of 1, which goes row by row through the search's own arrays (the general
     * loop); some rows sit on a centre or next to one, so that the cancellation rule recomputes their
     * distances directly.
     */
    @ParameterizedTest(name = "d = {0}")
    @MethodSource("features")
    void theAssignmentAloneEqualsTheLloydStepsAssignment(int d) {
        SimdBackend backend = new SimdBackend();
        for (int n : new int[] {1, 7, 16, 17, 40, 1021}) {
            for (int k : new int[] {1, 3, 12, 17}) {
                Matrix centres = TestData.uniform(17L * k + d, k, d);
                Matrix x = TestData.uniform(29L * n + d, n, d);
                for (int i = 0; i < n; i += 5) {
                    for (int f = 0; f < d; f++) {
                        double c = centres.get(i % k, f);
                        x.set(i, f, i % 10 == 0 ? c : c + 1e-9 * (f + 1));
                    }
                }
                SimdPreparedMatrix px = (SimdPreparedMatrix) backend.prepare(x);
                px.tiles();
                SimdPreparedMatrix c = (SimdPreparedMatrix) backend.prepare(centres);
                c.panel();
                for (boolean prepared : new boolean[] {false, true}) {
                    SimdKMeans kernel = prepared ? new SimdKMeans(px) : new SimdKMeans();
                    for (int from : new int[] {0, Math.min(5, n - 1)}) {
                        int m = n - from;
                        int[] labels = new int[m];
                        double[] dist = new double[m];
                        int[] wantLabels = new int[m];
                        double[] wantDist = new double[m];
                        double got = kernel.assign(x, from, n, null, c, labels, dist, 0, null, null);
                        double[] ones = new double[n];
                        Arrays.fill(ones, 1.0);
                        double want = kernel.assign(x, from, n, ones, c, wantLabels, wantDist, 0, new double[k * d],
                                new double[k]);
                        String message = "n=" + n + " d=" + d + " k=" + k + " from=" + from + " prepared=" + prepared;
                        assertArrayEquals(wantLabels, labels, message + ": labels");
                        assertArrayEquals(wantDist, dist, 0.0, message + ": distances");
                        assertEquals(want, got, 0.0, message + ": inertia");
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "d = {0}")
    @MethodSource("features")
    void lowerMinEqualsNearestThenMinimum(int d) {
        SimdBackend backend = new SimdBackend();
        for (int n : new int[] {1, 7, 16, 17, 40, 1021}) {
            Matrix x = TestData.asView(TestData.uniform(37L * n + d, n, d), 5);
            SimdPreparedMatrix px = (SimdPreparedMatrix) backend.prepare(x);
            px.tiles();
            for (int k : new int[] {1, 4, 9}) {
                SimdPreparedMatrix c = (SimdPreparedMatrix) backend.prepare(TestData.uniform(13L * k + d, k, d));
                c.panel();
                for (SimdKMeans kernel : new SimdKMeans[] {new SimdKMeans(), new SimdKMeans(px)}) {
                    for (int from : new int[] {0, Math.min(3, n - 1)}) {
                        double[] min = new double[n];
                        for (int i = 0; i < n; i++) {
                            min[i] = i % 3 == 0 ? Double.POSITIVE_INFINITY : 0.5 * d * (i % 5) / 4.0;
                        }
                        double[] wantMin = min.clone();
                        int[] argmin = new int[n];
                        int[] wantArgmin = new int[n];
                        Arrays.fill(argmin, -1);
                        Arrays.fill(wantArgmin, -1);
                        double got = kernel.lowerMin(x, from, n, c, min, argmin, 10);
                        double want = steps(kernel).lowerMin(x, from, n, c, wantMin, wantArgmin, 10);
                        String message = "n=" + n + " d=" + d + " k=" + k + " from=" + from;
                        assertArrayEquals(wantMin, min, 0.0, message + ": minima");
                        assertArrayEquals(wantArgmin, argmin, message + ": argmin");
                        assertEquals(want, got, 0.0, message + ": cost");
                    }
                }
            }
        }
    }
}
