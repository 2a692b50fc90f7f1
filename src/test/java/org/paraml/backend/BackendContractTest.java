package org.paraml.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.paraml.linalg.Matrix;

/**
 * What every backend must do, whatever its speed: known values, ties, row views, thread-count
 * independence and the rejection of bad input. Subclasses name the backend.
 */
public abstract class BackendContractTest {
    /** The backend under test (a subclass may skip through an assumption). */
    protected abstract Backend backend();

    private static final double G = 0.5;

    /**
     * The k-means operations on translated rows give, bit for bit, what the plain operations give on a
     * translated copy: labels, distances (rows on a centre too, where the SIMD backend recomputes
     * directly), sums added to non-zero accumulators, counts, weights, the returned inertia and cost, on
     * row views, with feature counts on both sides of the SIMD backend's rows-in-lanes limit (64) and
     * row counts across its 4,096-row chunks.
     */
    @Test
    void translatedRowsGiveWhatATranslatedCopyGives() {
        Backend b = backend();
        SplittableRandom r = new SplittableRandom(11);
        for (int d : new int[] {1, 3, 20, 64, 65}) {
            for (int n : new int[] {1, 17, 4097, 9001}) {
                if (d == 65 && n > 4097) {
                    continue; // the scalar reference is slow there; 65 features take the copying path anyway
                }
                Matrix base = TestData.uniform(d * 1000L + n, n + 3, d);
                for (int i = 0; i < base.rows(); i++) {
                    for (int j = 0; j < d; j++) {
                        base.data()[base.offset(i) + j] = 1000.0 + j + 3 * base.data()[base.offset(i) + j];
                    }
                }
                Matrix x = base.rowRange(3, n + 3);
                double[] shift = new double[d];
                for (int j = 0; j < d; j++) {
                    shift[j] = 1000.0 + j + r.nextDouble(1, 2);
                }
                Matrix copy = translatedCopy(x, shift);
                int k = 5;
                Matrix centres = Matrix.zeros(k, d);
                for (int c = 0; c < k; c++) {
                    // two centres are rows of the translated data: distances there cancel to 0
                    double[] src = c < 2 ? copy.row(r.nextInt(n)) : TestData.uniform(c, 1, d).row(0);
                    System.arraycopy(src, 0, centres.data(), c * d, d);
                }
                PreparedMatrix pc = b.prepare(centres);
                double[] w = new double[n];
                for (int i = 0; i < n; i++) {
                    w[i] = r.nextDouble(0.5, 2);
                }
                for (double[] weights : new double[][] {null, w}) {
                    for (int threads : new int[] {1, 2}) {
                        String at = "d=" + d + " n=" + n + " weights=" + (weights != null) + " threads=" + threads;
                        int[] l1 = new int[n];
                        int[] l2 = new int[n];
                        double[] d1 = new double[n];
                        double[] d2 = new double[n];
                        double[] s1 = new double[k * d];
                        Arrays.fill(s1, 0.125);
                        double[] s2 = s1.clone();
                        double[] c1 = {1, 2, 3, 4, 5};
                        double[] c2 = c1.clone();
                        double i1 = b.lloydStep(copy, weights, pc, l1, d1, s1, c1, threads);
                        double i2 = b.lloydStep(x, shift, weights, pc, l2, d2, s2, c2, threads);
                        assertArrayEquals(l1, l2, "labels " + at);
                        assertArrayEquals(d1, d2, "distances " + at);
                        assertArrayEquals(s1, s2, "sums " + at);
                        assertArrayEquals(c1, c2, "counts " + at);
                        assertEquals(i1, i2, 0.0, "inertia " + at);
                        double[] d3 = new double[n];
                        int[] l3 = new int[n];
                        b.lloydStep(x, shift, weights, pc, l3, d3, null, null, threads);
                        assertArrayEquals(l1, l3, "labels without sums " + at);
                        assertArrayEquals(d1, d3, "distances without sums " + at);
                    }
                }
                double[] m1 = new double[n];
                for (int i = 0; i < n; i++) {
                    m1[i] = i % 3 == 0 ? Double.POSITIVE_INFINITY : r.nextDouble(0, 4.0 * d);
                }
                double[] m2 = m1.clone();
                int[] a1 = new int[n];
                Arrays.fill(a1, -1);
                int[] a2 = a1.clone();
                double cost1 = b.updateMinDistances(copy, pc, m1, a1, 7, 2);
                double cost2 = b.updateMinDistances(x, shift, pc, m2, a2, 7, 2);
                assertArrayEquals(m1, m2, "minimum distances d=" + d + " n=" + n);
                assertArrayEquals(a1, a2, "nearest d=" + d + " n=" + n);
                assertEquals(cost1, cost2, 0.0, "cost d=" + d + " n=" + n);
            }
        }
    }

    @Test
    void aTranslationOfTheWrongLengthIsRefused() {
        Backend b = backend();
        Matrix x = TestData.uniform(3, 10, 4);
        PreparedMatrix pc = b.prepare(TestData.uniform(4, 2, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.lloydStep(x, new double[3], null, pc, new int[10], new double[10], null, null, 1));
        assertTrue(e.getMessage().contains("shift"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> b.updateMinDistances(x, new double[5], pc, new double[10], null, 0, 1));
        assertTrue(e.getMessage().contains("shift"), e.getMessage());
    }

    private static Matrix translatedCopy(Matrix x, double[] shift) {
        Matrix out = Matrix.zeros(x.rows(), x.cols());
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                out.data()[i * x.cols() + j] = x.data()[x.offset(i) + j] - shift[j];
            }
        }
        return out;
    }

    @Test
    void kernelValuesMatchTheFormulas() {
        Backend b = backend();
        Matrix x = Matrix.of(new double[][]{{1, 2}, {3, -1}, {0, 0.5}});
        PreparedMatrix p = b.prepare(x);
        double[][] expect = new double[3][3];
        KernelSpec[] kernels = {KernelSpec.linear(), KernelSpec.poly(G, 1.5, 3), KernelSpec.rbf(G),
                KernelSpec.sigmoid(G, -0.25)};
        for (KernelSpec k : kernels) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double[] xi = x.row(i);
                    double[] xj = x.row(j);
                    double dot = xi[0] * xj[0] + xi[1] * xj[1];
                    double sq = (xi[0] - xj[0]) * (xi[0] - xj[0]) + (xi[1] - xj[1]) * (xi[1] - xj[1]);
                    expect[i][j] = switch (k.type()) {
                        case LINEAR -> dot;
                        case POLY -> Math.pow(G * dot + 1.5, 3);
                        case RBF -> Math.exp(-G * sq);
                        case SIGMOID -> Math.tanh(G * dot - 0.25);
                    };
                }
            }
            double[] out = new double[9];
            b.kernelRows(k, p, new int[]{0, 1, 2}, 3, out, 0, 3, 1);
            TestData.assertClose(k + " rows", flatten(expect), out);
            double[] block = new double[9];
            b.kernelBlock(k, p, p, block, 0, 2);
            TestData.assertClose(k + " block", flatten(expect), block);
            float[] f = new float[9];
            b.kernelRows(k, p, new int[]{0, 1, 2}, 3, f, 0, 3, 1);
            for (int e = 0; e < 9; e++) {
                assertEquals((float) out[e], f[e], Math.ulp((float) out[e]), k + " float element " + e);
            }
        }
    }

    @Test
    void polyDegreeZeroIsOne() {
        Backend b = backend();
        PreparedMatrix p = b.prepare(Matrix.of(new double[][]{{1, 2}, {-3, 4}}));
        double[] out = new double[4];
        b.kernelBlock(KernelSpec.poly(1.0, -5.0, 0), p, p, out, 0, 1);
        assertArrayEquals(new double[]{1, 1, 1, 1}, out);
    }

    @Test
    void kernelRowsHonourOffsetStrideAndLen() {
        Backend b = backend();
        Matrix x = TestData.uniform(1, 11, 5);
        PreparedMatrix p = b.prepare(x);
        double[] full = new double[2 * 11];
        b.kernelRows(KernelSpec.rbf(0.3), p, new int[]{4, 9}, 11, full, 0, 11, 1);
        double[] out = new double[3 + 2 * 20];
        Arrays.fill(out, -7.0);
        b.kernelRows(KernelSpec.rbf(0.3), p, new int[]{4, 9}, 6, out, 3, 20, 2);
        for (int i = 0; i < out.length; i++) {
            int r = (i - 3) / 20;
            int j = (i - 3) % 20;
            boolean written = i >= 3 && j < 6;
            assertEquals(written ? full[r * 11 + j] : -7.0, out[i], 0.0, "element " + i);
        }
    }

    @Test
    void aColumnRangeGivesTheValuesOfTheWholeRowsAndTouchesNothingElse() {
        Backend b = backend();
        for (int n : new int[] {1, 7, 8, 9, 17, 65, 1021, 2100}) {
            for (int d : new int[] {3, 40}) {
                PreparedMatrix p = b.prepare(TestData.uniform(n * 31L + d, n, d));
                for (KernelSpec k : new KernelSpec[] {KernelSpec.linear(), KernelSpec.poly(0.2, 1.0, 3), KernelSpec.rbf(0.3),
                    KernelSpec.sigmoid(0.1, -0.5)}) {
                    int[] rows = n > 2 ? new int[] {n - 1, 0, n / 2} : new int[] {0};
                    float[] full = new float[rows.length * n];
                    b.kernelRows(k, p, rows, n, full, 0, n, 1);
                    for (int from : new int[] {0, 1, n / 3, n - 1, n}) {
                        for (int threads : new int[] {1, 3}) {
                            float[] out = new float[rows.length * (n + 5) + 2];
                            java.util.Arrays.fill(out, -7f);
                            b.kernelRows(k, p, rows, from, n, out, 2, n + 5, threads);
                            for (int r = 0; r < rows.length; r++) {
                                for (int j = 0; j < n + 5; j++) {
                                    float want = j >= from && j < n ? full[r * n + j] : -7f;
                                    assertEquals(want, out[2 + r * (n + 5) + j], 0f, "n=" + n + " d=" + d + " " + k
                                            + " from=" + from + " row " + r + " col " + j);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> b.kernelRows(KernelSpec.linear(), b.prepare(TestData.uniform(1, 4, 2)), new int[] {0}, 3, 2,
                        new float[4], 0, 4, 1));
    }

    @Test
    void rowViewsGiveTheSameValuesAsCopies() {
        Backend b = backend();
        for (int d : new int[]{3, 40}) {
            Matrix x = TestData.uniform(2, 37, d);
            Matrix view = TestData.asView(x, 3);
            for (KernelSpec k : new KernelSpec[]{KernelSpec.linear(), KernelSpec.rbf(0.2)}) {
                double[] a = new double[37 * 37];
                double[] v = new double[37 * 37];
                b.kernelBlock(k, b.prepare(x), b.prepare(x), a, 0, 1);
                b.kernelBlock(k, b.prepare(view), b.prepare(view), v, 0, 3);
                TestData.assertClose("view " + k + " d=" + d, a, v);
            }
            Matrix centers = x.rowRange(0, 4).copy();
            int[] la = new int[37];
            int[] lv = new int[37];
            double[] da = new double[37];
            double[] dv = new double[37];
            double[] sa = new double[4 * d];
            double[] sv = new double[4 * d];
            double ia = b.lloydStep(x, null, b.prepare(centers), la, da, sa, new double[4], 1);
            double iv = b.lloydStep(view, null, b.prepare(TestData.asView(centers, 4)), lv, dv, sv, new double[4], 1);
            assertArrayEquals(la, lv);
            assertArrayEquals(da, dv);
            assertArrayEquals(sa, sv);
            assertEquals(ia, iv);
        }
    }

    @Test
    void preparedRowsGiveTheSameKMeansResultsAsTheMatrix() {
        Backend b = backend();
        for (int d : new int[]{2, 20, 70}) {
            int n = KMeansChunks.MIN_CHUNK_ROWS + 37;
            Matrix x = TestData.asView(TestData.uniform(8, n, d), 9);
            PreparedMatrix c = b.prepare(TestData.uniform(10, 6, d));
            PreparedMatrix px = b.prepare(x);
            int[] l1 = new int[n];
            int[] l2 = new int[n];
            double[] d1 = new double[n];
            double[] d2 = new double[n];
            double[] s1 = new double[6 * d];
            double[] s2 = new double[6 * d];
            double i1 = b.lloydStep(x, null, c, l1, d1, s1, new double[6], 2);
            double i2 = b.lloydStep(px, null, c, l2, d2, s2, new double[6], 3);
            assertArrayEquals(l1, l2);
            assertArrayEquals(d1, d2);
            assertArrayEquals(s1, s2);
            assertEquals(i1, i2, 0.0);
            double[] m1 = new double[n];
            Arrays.fill(m1, 0.3 * d);
            double[] m2 = m1.clone();
            assertEquals(b.updateMinDistances(x, c, m1, l1, 5, 1), b.updateMinDistances(px, c, m2, l2, 5, 2), 0.0);
            assertArrayEquals(m1, m2);
            assertArrayEquals(l1, l2);
        }
    }

    /**
     * The row-range form of the cost update (one buffer, many runs) gives, bit for bit, what the full form
     * gives on the run as a row view, touches nothing outside the run, and refuses a range or arrays that do
     * not fit.
     */
    @Test
    void aRowRangeUpdateEqualsTheFullFormOnTheRun() {
        Backend b = backend();
        SplittableRandom r = new SplittableRandom(29);
        for (int d : new int[] {3, 20, 65}) {
            int n = 100;
            Matrix x = TestData.uniform(d + 500L, n, d);
            PreparedMatrix c = b.prepare(TestData.uniform(d + 600L, 7, d));
            double[] minD = new double[n];
            int[] arg = new int[n];
            for (int i = 0; i < n; i++) {
                minD[i] = i % 5 == 0 ? Double.POSITIVE_INFINITY : r.nextDouble(0, d / 4.0);
                arg[i] = -1 - i;
            }
            for (int[] run : new int[][] {{0, n}, {13, 77}, {40, 41}, {50, 50}}) {
                int from = run[0];
                int to = run[1];
                double[] ranged = minD.clone();
                int[] rangedArg = arg.clone();
                b.updateMinDistances(x, from, to, c, ranged, rangedArg, 3);
                double[] full = Arrays.copyOfRange(minD, from, to);
                int[] fullArg = Arrays.copyOfRange(arg, from, to);
                if (to > from) {
                    b.updateMinDistances(x.rowRange(from, to), c, full, fullArg, 3, 1);
                }
                String what = "d=" + d + " rows [" + from + ", " + to + ")";
                assertArrayEquals(full, Arrays.copyOfRange(ranged, from, to), what);
                assertArrayEquals(fullArg, Arrays.copyOfRange(rangedArg, from, to), what);
                assertArrayEquals(Arrays.copyOfRange(minD, 0, from), Arrays.copyOfRange(ranged, 0, from), what);
                assertArrayEquals(Arrays.copyOfRange(minD, to, n), Arrays.copyOfRange(ranged, to, n), what);
                assertArrayEquals(Arrays.copyOfRange(arg, to, n), Arrays.copyOfRange(rangedArg, to, n), what);
            }
            // the range's own update is a real one: some row of a full run found a nearer centre
            double[] once = minD.clone();
            b.updateMinDistances(x, 0, n, c, once, null, 0);
            assertTrue(!Arrays.equals(minD, once), "no row's minimum went down at d=" + d);
        }
        Matrix m = TestData.uniform(2, 6, 3);
        PreparedMatrix c3 = b.prepare(TestData.uniform(3, 2, 3));
        assertMessage(IllegalArgumentException.class, "rows [4, 2) are not within the 6 rows of x",
                () -> b.updateMinDistances(m, 4, 2, c3, new double[6], null, 0));
        assertMessage(IllegalArgumentException.class, "rows [0, 7) are not within the 6 rows of x",
                () -> b.updateMinDistances(m, 0, 7, c3, new double[7], null, 0));
        assertMessage(IllegalArgumentException.class, "must hold at least 5 entries (rows [1, 5)), got 4",
                () -> b.updateMinDistances(m, 1, 5, c3, new double[4], null, 0));
        assertMessage(IllegalArgumentException.class, "got 6 and 3",
                () -> b.updateMinDistances(m, 1, 5, c3, new double[6], new int[3], 0));
        assertMessage(IllegalArgumentException.class, "centers have 4 columns",
                () -> b.updateMinDistances(m, 0, 6, b.prepare(TestData.uniform(3, 2, 4)), new double[6], null, 0));
    }

    @Test
    void tiesGoToTheLowestCentre() {
        Backend b = backend();
        Matrix x = Matrix.of(new double[][]{{0, 0}, {1, 1}, {3, 3}});
        // centre 0 and 2 are the same point; the origin is equally far from centres 0, 1, 2 and 3
        Matrix centers = Matrix.of(new double[][]{{1, 0}, {0, 1}, {1, 0}, {-1, 0}, {3, 3}, {3, 3}});
        int[] labels = new int[3];
        double[] dist = new double[3];
        b.lloydStep(x, null, b.prepare(centers), labels, dist, null, null, 1);
        assertArrayEquals(new int[]{0, 0, 4}, labels);
        assertArrayEquals(new double[]{1, 1, 0}, dist);
        double[] minD = {1.0, Double.POSITIVE_INFINITY, 0.5};
        int[] arg = {7, 7, 7};
        b.updateMinDistances(x, b.prepare(centers), minD, arg, 10, 1);
        assertArrayEquals(new int[]{7, 10, 14}, arg, "an equal distance does not replace the current minimum");
        assertArrayEquals(new double[]{1, 1, 0}, minD);
    }

    @Test
    void lloydStepAddsWeightedSumsAndCounts() {
        Backend b = backend();
        Matrix x = Matrix.of(new double[][]{{0, 0}, {0.2, 0}, {5, 5}, {5, 6}});
        Matrix centers = Matrix.of(new double[][]{{0, 0}, {5, 5}});
        double[] w = {1, 3, 2, 0.5};
        double[] sums = {100, 0, 0, 0};
        double[] counts = {10, 0};
        int[] labels = new int[4];
        double[] dist = new double[4];
        double inertia = b.lloydStep(x, w, b.prepare(centers), labels, dist, sums, counts, 2);
        assertArrayEquals(new int[]{0, 0, 1, 1}, labels);
        assertArrayEquals(new double[]{100 + 0.6, 0, 10 + 2.5, 10 + 3}, sums, 1e-12);
        assertArrayEquals(new double[]{14, 2.5}, counts, 1e-12);
        assertEquals(3 * 0.04 + 0.5 * 1, inertia, 1e-12);
        assertArrayEquals(new double[]{0, 0.04, 0, 1}, dist, 1e-15);
    }

    @Test
    void aLloydStepWithoutSumsGivesTheSameLabelsDistancesAndInertia() {
        Backend b = backend();
        int n = 3 * KMeansChunks.MIN_CHUNK_ROWS + 17;
        for (int[] shape : new int[][]{{20, 12}, {7, 5}, {40, 300}}) { // d, k: CUDA's rows kernels and tiled ones
            int d = shape[0];
            int k = shape[1];
            Matrix x = TestData.uniform(8, n, d);
            double[] w = TestData.uniform(9, 1, n).row(0).clone();
            for (int i = 0; i < n; i++) {
                w[i] += 1.5;
            }
            PreparedMatrix c = b.prepare(TestData.uniform(10, k, d));
            int[] labels = new int[n];
            double[] dist = new double[n];
            double inertia = b.lloydStep(x, w, c, labels, dist, new double[k * d], new double[k], 2);
            int[] labels2 = new int[n];
            double[] dist2 = new double[n];
            double inertia2 = b.lloydStep(x, w, c, labels2, dist2, null, null, 2);
            assertArrayEquals(labels, labels2, "d = " + d + ", k = " + k);
            assertArrayEquals(dist, dist2, 0.0, "d = " + d + ", k = " + k);
            assertEquals(inertia, inertia2, 0.0, "the inertia to the last bit, d = " + d + ", k = " + k);
        }
    }

    @Test
    void kmeansResultsDoNotDependOnTheThreadCount() {
        Backend b = backend();
        int n = 3 * KMeansChunks.MIN_CHUNK_ROWS + 17;
        int d = 7;
        int k = 5;
        Matrix x = TestData.uniform(5, n, d);
        double[] w = new double[n];
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < n; i++) {
            w[i] = r.nextDouble(0.1, 3.0);
        }
        PreparedMatrix c = b.prepare(TestData.uniform(7, k, d));
        double[] firstSums = null;
        double[] firstCounts = null;
        double firstInertia = 0;
        double firstCost = 0;
        double[] firstMin = null;
        for (int threads : new int[]{1, 2, 3, 8}) {
            double[] sums = new double[k * d];
            double[] counts = new double[k];
            int[] labels = new int[n];
            double inertia = b.lloydStep(x, w, c, labels, new double[n], sums, counts, threads);
            double[] minD = new double[n];
            Arrays.fill(minD, 0.5);
            double cost = b.updateMinDistances(x, c, minD, null, 0, threads);
            if (firstSums == null) {
                firstSums = sums;
                firstCounts = counts;
                firstInertia = inertia;
                firstCost = cost;
                firstMin = minD;
            } else {
                assertArrayEquals(firstSums, sums, "sums with " + threads + " threads");
                assertArrayEquals(firstCounts, counts, "counts with " + threads + " threads");
                assertEquals(firstInertia, inertia, 0.0, "inertia with " + threads + " threads");
                assertEquals(firstCost, cost, 0.0, "cost with " + threads + " threads");
                assertArrayEquals(firstMin, minD);
            }
        }
    }

    /**
     * The rbf value of a row with itself is exactly 1, as in libsvm (whose squared norms are its own
     * inner products, so the distance {@code ‖x‖² + ‖x‖² − 2⟨x, x⟩} is exactly 0), even where the
     * expansion cancels badly: values around 1000 and γ = 1e10.
     */
    @Test
    void rbfOfARowWithItselfIsExactlyOne() {
        Backend b = backend();
        for (int d : new int[]{1, 4, 20, 40}) {
            Matrix x = TestData.uniform(90 + d, 37, d);
            for (int i = 0; i < x.data().length; i++) {
                x.data()[i] = 1000 + 3 * x.data()[i];
            }
            PreparedMatrix p = b.prepare(x);
            KernelSpec rbf = KernelSpec.rbf(1e10);
            int n = x.rows();
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            double[] rows = new double[n * n];
            b.kernelRows(rbf, p, all, n, rows, 0, n, 2);
            float[] floats = new float[n * n];
            b.kernelRows(rbf, p, all, n, floats, 0, n, 1);
            double[] block = new double[n * n];
            b.kernelBlock(rbf, p, b.prepare(x.copy()), block, 0, 2);
            for (int i = 0; i < n; i++) {
                assertEquals(1.0, rows[i * n + i], 0.0, "d = " + d + ": row " + i + " of kernelRows");
                assertEquals(1.0f, floats[i * n + i], 0.0f, "d = " + d + ": row " + i + " of the float32 kernelRows");
                assertEquals(1.0, block[i * n + i], 0.0, "d = " + d + ": row " + i + " of kernelBlock");
            }
        }
    }

    /**
     * {@code lloydStep} on prepared rows gives the bits of the {@link Matrix} form, as {@link Backend}
     * promises: sizes around the SIMD tiles (16 rows) and the groups in which prepared rows' sums are
     * added (256 rows), centres that repeat runs of rows, sums that start non-zero, 1 to 3 threads.
     */
    @Test
    void lloydStepOnPreparedRowsGivesTheMatrixFormsBits() {
        Backend b = backend();
        int[][] shapes = {{1, 1, 1}, {17, 3, 2}, {255, 20, 12}, {257, 20, 12}, {1000, 9, 5}, {4099, 20, 12},
                {600, 33, 7}, {300, 1, 3}};
        for (int[] shape : shapes) {
            int n = shape[0];
            int d = shape[1];
            int k = shape[2];
            Matrix x = TestData.uniform(40 + n, n, d);
            Matrix centres = TestData.uniform(41 + n, k, d);
            // rows equal to centres and runs of equal rows, so that centres get runs of rows
            for (int i = 0; i < n; i += 5) {
                System.arraycopy(centres.data(), centres.offset(i % k), x.data(), x.offset(i), d);
            }
            PreparedMatrix c = b.prepare(centres);
            PreparedMatrix px = b.prepare(x);
            for (int threads = 1; threads <= 3; threads++) {
                String what = n + " x " + d + ", k = " + k + ", " + threads + " thread(s): ";
                int[] labels = new int[n];
                double[] distances = new double[n];
                double[] sums = new double[k * d];
                Arrays.fill(sums, 0.125);
                double[] counts = new double[k];
                double inertia = b.lloydStep(x, null, c, labels, distances, sums, counts, threads);
                int[] labelsP = new int[n];
                double[] distancesP = new double[n];
                double[] sumsP = new double[k * d];
                Arrays.fill(sumsP, 0.125);
                double[] countsP = new double[k];
                double inertiaP = b.lloydStep(px, null, c, labelsP, distancesP, sumsP, countsP, threads);
                assertArrayEquals(labels, labelsP, what + "labels");
                assertArrayEquals(distances, distancesP, what + "distances");
                assertArrayEquals(sums, sumsP, what + "sums");
                assertArrayEquals(counts, countsP, what + "counts");
                assertEquals(inertia, inertiaP, 0.0, what + "inertia");
            }
        }
    }

    @Test
    void emptyInputsDoNothing() {
        Backend b = backend();
        Matrix x = Matrix.zeros(0, 3);
        PreparedMatrix p = b.prepare(x);
        b.kernelRows(KernelSpec.linear(), p, new int[0], 0, new double[0], 0, 0, 2);
        PreparedMatrix c = b.prepare(Matrix.of(new double[][]{{1, 2, 3}}));
        double[] sums = new double[3];
        assertEquals(0.0, b.lloydStep(x, null, c, new int[0], new double[0], sums, new double[1], 2));
        assertEquals(0.0, b.updateMinDistances(x, c, new double[0], null, 0, 2));
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        Backend b = backend();
        PreparedMatrix x3 = b.prepare(TestData.uniform(1, 5, 3));
        PreparedMatrix x4 = b.prepare(TestData.uniform(1, 5, 4));
        KernelSpec rbf = KernelSpec.rbf(1);
        assertMessage(IllegalArgumentException.class, "a has 3 columns but b has 4",
                () -> b.kernelBlock(rbf, x3, x4, new double[25], 0, 1));
        assertMessage(IllegalArgumentException.class, "out has 24 elements",
                () -> b.kernelBlock(rbf, x3, x3, new double[24], 0, 1));
        assertMessage(IllegalArgumentException.class, "out has 9 elements",
                () -> b.kernelRows(rbf, x3, new int[]{0, 1}, 5, new double[9], 0, 5, 1));
        assertMessage(IllegalArgumentException.class, "out has 9 elements",
                () -> b.kernelRows(rbf, x3, new int[]{0, 1}, 5, new float[9], 0, 5, 1));
        assertMessage(IndexOutOfBoundsException.class, "rows[1] = 5 is outside [0, 5)",
                () -> b.kernelRows(rbf, x3, new int[]{0, 5}, 5, new double[10], 0, 5, 1));
        assertMessage(IllegalArgumentException.class, "len must be in [0, 5]",
                () -> b.kernelRows(rbf, x3, new int[]{0}, 6, new double[10], 0, 6, 1));
        assertMessage(IllegalArgumentException.class, "outStride must be >= len",
                () -> b.kernelRows(rbf, x3, new int[]{0, 1}, 5, new double[10], 0, 4, 1));
        assertMessage(IllegalArgumentException.class, "threads must be >= 1, got 0",
                () -> b.kernelRows(rbf, x3, new int[]{0}, 5, new double[10], 0, 5, 0));

        Matrix m = TestData.uniform(2, 6, 3);
        PreparedMatrix c4 = b.prepare(TestData.uniform(3, 2, 4));
        PreparedMatrix c3 = b.prepare(TestData.uniform(3, 2, 3));
        assertMessage(IllegalArgumentException.class, "centers have 4 columns but x has 3",
                () -> b.lloydStep(m, null, c4, null, null, null, null, 1));
        assertMessage(IllegalArgumentException.class, "labels has length 5 but x has 6 rows",
                () -> b.lloydStep(m, null, c3, new int[5], null, null, null, 1));
        assertMessage(IllegalArgumentException.class, "sums (k x d = 2 x 3) has length 5",
                () -> b.lloydStep(m, null, c3, null, null, new double[5], null, 1));
        assertMessage(IllegalArgumentException.class, "sampleWeight has length 2",
                () -> b.lloydStep(m, new double[2], c3, null, null, null, null, 1));
        assertMessage(IllegalArgumentException.class, "minDistances has length 7",
                () -> b.updateMinDistances(m, c3, new double[7], null, 0, 1));
        assertMessage(IllegalArgumentException.class, "centers have 4 columns",
                () -> b.updateMinDistances(m, c4, new double[6], null, 0, 1));

        Backend other = b instanceof ScalarBackend ? new ForeignBackend() : new ScalarBackend();
        PreparedMatrix foreign = other.prepare(TestData.uniform(1, 5, 3));
        assertMessage(IllegalArgumentException.class, "was prepared by the " + other.name() + " backend",
                () -> b.kernelBlock(rbf, foreign, x3, new double[25], 0, 1));
    }

    public static <T extends Throwable> void assertMessage(Class<T> type, String part, org.junit.jupiter.api.function.Executable call) {
        T e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
    }

    private static double[] flatten(double[][] a) {
        return Arrays.stream(a).flatMapToDouble(Arrays::stream).toArray();
    }

    /** A backend name that is not the scalar one, to test the owner check of ScalarBackend. */
    private static final class ForeignBackend implements Backend {
        public String name() {
            return "foreign";
        }

        public PreparedMatrix prepare(Matrix x) {
            double[] norms = RowNorms.squared(x);
            return new PreparedMatrix() {
                public Matrix matrix() {
                    return x;
                }

                public double[] squaredNorms() {
                    return norms;
                }

                public String backendName() {
                    return "foreign";
                }
            };
        }

        public void kernelRows(KernelSpec k, PreparedMatrix x, int[] r, int len, float[] o, int off, int s, int t) {
            throw new UnsupportedOperationException();
        }

        public void kernelRows(KernelSpec k, PreparedMatrix x, int[] r, int len, double[] o, int off, int s, int t) {
            throw new UnsupportedOperationException();
        }

        public void kernelBlock(KernelSpec k, PreparedMatrix a, PreparedMatrix b, double[] o, int off, int t) {
            throw new UnsupportedOperationException();
        }

        public double lloydStep(Matrix x, double[] w, PreparedMatrix c, int[] l, double[] d, double[] s, double[] n,
                                int t) {
            throw new UnsupportedOperationException();
        }

        public double updateMinDistances(Matrix x, PreparedMatrix c, double[] m, int[] a, int base, int t) {
            throw new UnsupportedOperationException();
        }
    }
}
