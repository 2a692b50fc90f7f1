package org.paraml.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.paraml.backend.TestData;
import org.paraml.linalg.Matrix;

/**
 * The scalar twin of the SIMD k-means search ({@code SimdKMeans.Side.SCALAR}) gives the Vector API
 * search's bits ({@code Side.VECTOR}) in every loop that switches between them while the JIT warms up
 * ({@code lowerMin}, {@code assign} without sums, the Lloyd pass from tiles and from rows, the general loop
 * with weights or counts that are not whole), and so does
 * the switching itself ({@code Side.WARMING}, whatever state this JVM's switches are in): labels, argmin,
 * distances, the running cost or inertia, sums and counts. Rows placed on centres make the cancellation
 * rule recompute distances directly; a repeated centre makes exact ties; chunks start on a tile and off it; feature counts go around the
 * vector length.
 */
class SimdKMeansTwinTest {
    @BeforeEach
    void needsTheVectorModule() {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
    }

    static IntStream features() {
        return IntStream.of(1, 3, 4, 7, 8, 9, 16, 20, 33, 64);
    }

    /** Uniform rows, with every fifth row a copy of a centre plus a tiny offset (near-zero distances). */
    private static Matrix rowsNearCentres(long seed, int n, Matrix centres) {
        Matrix x = TestData.uniform(seed, n, centres.cols());
        for (int i = 0; i < n; i += 5) {
            int c = (i / 5) % centres.rows();
            for (int f = 0; f < centres.cols(); f++) {
                x.set(i, f, centres.get(c, f) + (f == 0 ? 1e-9 * i : 0.0));
            }
        }
        return x;
    }

    @ParameterizedTest(name = "d = {0}")
    @MethodSource("features")
    void theScalarTwinGivesTheVectorSearchsBits(int d) {
        SimdBackend backend = new SimdBackend();
        for (int k : new int[] {1, 3, 4, 5, 8, 12, 17, 80}) {
            Matrix centres = TestData.uniform(13L * k + d, k, d);
            for (int n : new int[] {1, 15, 16, 17, 100, 1021}) {
                Matrix x = rowsNearCentres(17L * n + d, n, centres);
                SimdPreparedMatrix px = (SimdPreparedMatrix) backend.prepare(x);
                px.tiles();
                double[] shift = TestData.uniform(5L + d, 1, d).data().clone();
                for (int form = 0; form < 3; form++) {
                    for (int from : new int[] {0, Math.min(5, n - 1), Math.min(16, n - 1)}) {
                        String what = "d=" + d + " k=" + k + " n=" + n + " form=" + form + " from=" + from;
                        Result want = run(kernel(SimdKMeans.Side.VECTOR, form, px, shift), x, from, n, k);
                        assertSame(what + " scalar", want, run(kernel(SimdKMeans.Side.SCALAR, form, px, shift), x, from,
                                n, k));
                        assertSame(what + " warming", want, run(kernel(SimdKMeans.Side.WARMING, form, px, shift), x,
                                from, n, k));
                    }
                }
            }
        }
    }

    /**
     * One centre is searched by scalar code of its own ({@code Search.single}), whichever side runs: its distances
     * and labels are those of the narrow search, the tile search and the twin, bit for bit, for whole and short
     * tiles, rows on the centre (the cancellation rule) and rows translated as they are read; so are the narrow
     * search's for up to one vector of centres. Rows holding NaN or ±∞ get a distance that is not finite in every form.
     */
    @ParameterizedTest(name = "d = {0}")
    @MethodSource("features")
    void everySearchFormGivesTheSameBits(int d) {
        SimdBackend backend = new SimdBackend();
        for (int k : new int[] {1, 2, 8}) {
            Matrix centres = TestData.uniform(31L * k + d, k, d);
            SimdPreparedMatrix c = (SimdPreparedMatrix) backend.prepare(centres);
            c.panel();
            Matrix x = rowsNearCentres(7L * d + k, 40, centres);
            x.set(11, d - 1, Double.NaN);
            x.set(13, 0, Double.POSITIVE_INFINITY);
            x.set(14, d / 2, Double.NEGATIVE_INFINITY);
            for (double[] shift : new double[][] {null, TestData.uniform(9L + d, 1, d).data().clone()}) {
                for (int i0 : new int[] {0, 8, 10}) {
                    for (int rows : new int[] {8, 5, 1}) {
                        java.util.List<double[]> forms = SimdKMeans.everySearchForm(x, i0, rows, c, shift);
                        assertEquals(k == 1 ? 4 : k <= 8 ? 3 : 2, forms.size());
                        String what = "d=" + d + " k=" + k + " shift=" + (shift != null) + " i0=" + i0 + " rows="
                                + rows;
                        for (int f = 0; f < forms.size(); f++) {
                            double[] want = forms.get(0);
                            double[] got = forms.get(f);
                            for (int j = 0; j < rows; j++) {
                                if (!finiteRow(x, i0 + j)) {
                                    // the cost pass finds such rows by their distances: never finite, in any form
                                    // (+∞ or NaN: the forms differ there, as a NaN lane does not win a comparison)
                                    assertEquals(false, Double.isFinite(got[j]), what + " form " + f + " row " + j);
                                    continue;
                                }
                                for (int at : new int[] {j, rows + j}) {
                                    assertEquals(Double.doubleToRawLongBits(want[at]), Double.doubleToRawLongBits(got[at]),
                                            what + " form " + f + " value " + at + ": " + want[at] + " vs " + got[at]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static boolean finiteRow(Matrix x, int i) {
        for (int f = 0; f < x.cols(); f++) {
            if (!Double.isFinite(x.get(i, f))) {
                return false;
            }
        }
        return true;
    }

    /** Form 0: plain rows; 1: prepared rows; 2: rows translated while they are read. */
    private static SimdKMeans kernel(SimdKMeans.Side side, int form, SimdPreparedMatrix px, double[] shift) {
        return SimdKMeans.on(side, form == 1 ? px : null, form == 2 ? shift : null);
    }

    private record Result(double[] values, int[] ints) {
    }

    /** Every switching loop on rows [from, n): their outputs and sums concatenated. */
    private static Result run(SimdKMeans kernel, Matrix x, int from, int n, int k) {
        SimdBackend backend = new SimdBackend();
        Matrix centres = TestData.uniform(13L * k + x.cols(), k, x.cols());
        if (k >= 2) {
            // the last centre repeats the first: exact ties, which go to the lower index
            for (int f = 0; f < x.cols(); f++) {
                centres.set(k - 1, f, centres.get(0, f));
            }
        }
        SimdPreparedMatrix c = (SimdPreparedMatrix) backend.prepare(centres);
        c.panel();
        int m = n - from;
        double[] values = new double[0];
        int[] ints = new int[0];
        // the minimum update, from minima of which some are already below the new distances
        double[] min = new double[n];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i += 3) {
            min[i] = 1e-3 * i;
        }
        int[] argmin = new int[n];
        double cost = kernel.lowerMin(x, from, n, c, min, argmin, 7);
        values = concat(values, min, new double[] {cost});
        ints = concat(ints, argmin);
        // the search alone, then the Lloyd pass (sums and integral counts)
        int[] labels = new int[m + 3];
        double[] dist = new double[m + 3];
        kernel.nearest(x, from, n, c, labels, dist, 3);
        values = concat(values, dist);
        ints = concat(ints, labels);
        double[] sums = new double[k * x.cols()];
        double[] counts = new double[k];
        Arrays.fill(counts, 2.0);
        double inertia = kernel.assign(x, from, n, null, c, labels, dist, 3, sums, counts);
        values = concat(values, dist, sums, counts, new double[] {inertia});
        ints = concat(ints, labels);
        // the general loop: weights, then counts that are not whole (rows added one by one)
        double[] w = TestData.uniform(3L * n, n, 1).data().clone();
        for (int i = 0; i < n; i++) {
            w[i] += 0.25;
        }
        for (double[] weights : new double[][] {w, null}) {
            Arrays.fill(sums, 0.5);
            Arrays.fill(counts, 0.5);
            inertia = kernel.assign(x, from, n, weights, c, labels, dist, 3, sums, counts);
            values = concat(values, dist, sums, counts, new double[] {inertia});
            ints = concat(ints, labels);
        }
        return new Result(values, ints);
    }

    private static void assertSame(String what, Result want, Result got) {
        assertEquals(want.values().length, got.values().length, what);
        for (int i = 0; i < want.values().length; i++) {
            assertEquals(Double.doubleToRawLongBits(want.values()[i]), Double.doubleToRawLongBits(got.values()[i]),
                    what + ": value " + i + " " + want.values()[i] + " vs " + got.values()[i]);
        }
        assertArrayEquals(want.ints(), got.ints(), what + ": labels");
    }

    private static double[] concat(double[] a, double[]... more) {
        double[] out = a;
        for (double[] b : more) {
            double[] c = Arrays.copyOf(out, out.length + b.length);
            System.arraycopy(b, 0, c, out.length, b.length);
            out = c;
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
