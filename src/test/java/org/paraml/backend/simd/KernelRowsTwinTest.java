package org.paraml.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.TestData;
import org.paraml.linalg.Matrix;

/**
 * The scalar twin of the SIMD kernel rows ({@code SimdKernels.Side.SCALAR}) gives the Vector API loops' bits
 * ({@code Side.VECTOR}), and so does the switching between them ({@code Side.WARMING}, whatever state this JVM's
 * switches are in): every kernel type, poly degrees 0 to 5, rbf exponents below −708 (the one-factor fix-up) and
 * at 0, sigmoid arguments in each of tanh's ranges and of both signs, float and double output, single rows and
 * groups, offsets into the columns, feature counts around the vector length.
 */
class KernelRowsTwinTest {
    @BeforeEach
    void needsTheVectorModule() {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
    }

    private static List<KernelSpec> kernels(int d) {
        List<KernelSpec> k = new ArrayList<>();
        k.add(KernelSpec.linear());
        for (int degree = 0; degree <= 5; degree++) {
            k.add(KernelSpec.poly(0.7 / d, 0.3, degree));
        }
        k.add(KernelSpec.rbf(1.0 / d));
        k.add(KernelSpec.rbf(3000.0)); // exponents far below −708 for most pairs, 0 on the diagonal
        k.add(KernelSpec.sigmoid(0.5 / d, -0.1)); // small arguments of both signs
        k.add(KernelSpec.sigmoid(40.0, 0.0)); // past 22
        k.add(KernelSpec.sigmoid(1e-20, 0.0)); // below 2^-55: tanh(x) = x
        return k;
    }

    /** Uniform rows in [−1, 1) scaled, with row 3 a copy of row 0 (a distance of exactly 0 off the diagonal). */
    private static Matrix data(long seed, int n, int d) {
        Matrix x = TestData.uniform(seed, n, d);
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < d; f++) {
                x.set(i, f, 2.0 * x.get(i, f) - 1.0);
            }
        }
        if (n > 3) {
            for (int f = 0; f < d; f++) {
                x.set(3, f, x.get(0, f));
            }
        }
        return x;
    }

    @Test
    void theScalarTwinGivesTheVectorLoopsBits() {
        SimdBackend backend = new SimdBackend();
        for (int d : new int[] {1, 4, 9, 20, 32}) {
            for (int n : new int[] {1, 7, 33, 300, 1100}) {
                Matrix x = data(31L * n + d, n, d);
                SimdPreparedMatrix p = (SimdPreparedMatrix) backend.prepare(x);
                int[][] rowSets = {{0}, {n - 1}, n >= 6 ? new int[] {0, 3, n - 1, 1, 2, n / 2} : new int[] {0},
                    allRows(Math.min(n, 21))};
                for (KernelSpec k : kernels(d)) {
                    for (int[] rows : rowSets) {
                        for (int from : new int[] {0, Math.min(5, n - 1), Math.min(37, n - 1)}) {
                            String what = k + " d=" + d + " n=" + n + " rows=" + Arrays.toString(rows) + " from=" + from;
                            double[] vector = doubles(SimdKernels.Side.VECTOR, k, p, rows, from, n);
                            assertSameBits(vector, doubles(SimdKernels.Side.SCALAR, k, p, rows, from, n), what);
                            assertSameBits(vector, doubles(SimdKernels.Side.WARMING, k, p, rows, from, n), what + " warming");
                            float[] vf = floats(SimdKernels.Side.VECTOR, k, p, rows, from, n);
                            float[] sf = floats(SimdKernels.Side.SCALAR, k, p, rows, from, n);
                            for (int i = 0; i < vf.length; i++) {
                                assertEquals(Float.floatToRawIntBits(vf[i]), Float.floatToRawIntBits(sf[i]),
                                        what + " float value " + i);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void theExtremeKernelsReachTheRangesTheyAreHereFor() {
        // guards the test above: these inputs must take the rbf fix-up and each sigmoid branch
        assertEquals(0.0, KernelRowsTwin.rbf(1.0, 5.0, 5.0, -3000.0), "exp below −708 rounds to 0");
        assertEquals(1.0, KernelRowsTwin.rbf(5.0, 5.0, 5.0, -3000.0), "the diagonal");
        assertEquals(1e-20, KernelRowsTwin.sigmoid(1.0, 1e-20, 0.0), "tanh(x) = x below 2^-55");
        assertEquals(-1.0, KernelRowsTwin.sigmoid(-1.0, 40.0, 0.0), "tanh is −1 from −22 down");
        assertEquals(StrictMath.tanh(0.3), KernelRowsTwin.sigmoid(1.0, 0.3, 0.0), 3 * Math.ulp(0.3));
        assertEquals(StrictMath.tanh(-2.5), KernelRowsTwin.sigmoid(-1.0, 2.5, 0.0), 3 * Math.ulp(1.0));
    }

    private static int[] allRows(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** Rows {@code rows} × columns {@code [from, n)} (the rest left NaN) as float64. */
    private static double[] doubles(SimdKernels.Side side, KernelSpec k, SimdPreparedMatrix p, int[] rows, int from, int n) {
        double[] out = new double[rows.length * n];
        Arrays.fill(out, Double.NaN);
        SimdKernels.rows(side, k, p, rows, rows.length, p, from, n, out, null, 0, n, 2);
        return out;
    }

    private static float[] floats(SimdKernels.Side side, KernelSpec k, SimdPreparedMatrix p, int[] rows, int from, int n) {
        float[] out = new float[rows.length * n];
        Arrays.fill(out, Float.NaN);
        SimdKernels.rows(side, k, p, rows, rows.length, p, from, n, null, out, 0, n, 1);
        return out;
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    what + " value " + i + ": " + expected[i] + " against " + actual[i]);
        }
    }
}
