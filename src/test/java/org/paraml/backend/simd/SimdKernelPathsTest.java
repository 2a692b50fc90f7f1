package org.paraml.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.paraml.backend.Backend;
import org.paraml.backend.Backends;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.PreparedMatrix;
import org.paraml.backend.TestData;
import org.paraml.linalg.Matrix;

/**
 * The SIMD kernel's inner-product loops agree bit for bit: a block (four rows × two vectors of columns
 * per pass, then one row) gives every value the bits that a row asked for alone (one row, four vectors per
 * pass) gives it. An SVC search relies on this: its shared kernel matrices are
 * filled by blocks and a solve's kernel columns one row at a time, and both must give the model of a
 * plain fit.
 */
class SimdKernelPathsTest {
    @Test
    void aBlockHasTheBitsOfItsRowsComputedOneAtATime() {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        Backend simd = Backends.byName("simd");
        // 9 rows: two passes of four and one single row; 41 columns: on AVX2 six pairs of 4-lane vectors, the last
        // one mostly past the row's end (other widths cut them differently)
        for (int d : new int[]{1, 4, 20, 32}) {
            Matrix x = TestData.uniform(40L + d, 41, d);
            PreparedMatrix p = simd.prepare(x);
            Matrix firstRows = x.rowRange(0, 9);
            PreparedMatrix a = simd.prepare(firstRows);
            for (KernelSpec k : new KernelSpec[]{KernelSpec.linear(), KernelSpec.rbf(1.0 / d), KernelSpec.poly(0.5, 1.0, 3)}) {
                double[] block = new double[9 * 41];
                simd.kernelBlock(k, a, p, block, 0, 2);
                for (int r = 0; r < 9; r++) {
                    double[] row = new double[41];
                    simd.kernelRows(k, p, new int[]{r}, 41, row, 0, 41, 1);
                    for (int j = 0; j < 41; j++) {
                        assertEquals(Double.doubleToLongBits(row[j]), Double.doubleToLongBits(block[r * 41 + j]),
                                k + " d=" + d + " K(" + r + ", " + j + "): block " + block[r * 41 + j] + ", row " + row[j]);
                    }
                }
            }
        }
    }

    /**
     * Float32 rows of every width from 1 to 40, whole and as ranges: each value is its float64 value rounded, and
     * nothing outside the asked range is written. The loops compute whole passes of vectors past a row's last
     * column (into the panel's next feature or its slack) and the float conversion ends on a vector that overlaps
     * the one before: neither may reach a value of its own into the output.
     */
    @Test
    void floatRowsOfEveryWidthAreTheirDoubleRowsRounded() {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        Backend simd = Backends.byName("simd");
        for (int d : new int[]{3, 20}) {
            for (int n = 1; n <= 40; n++) {
                Matrix x = TestData.uniform(7L * n + d, n, d);
                PreparedMatrix p = simd.prepare(x);
                KernelSpec k = KernelSpec.rbf(1.0 / d);
                int[] rows = n >= 5 ? new int[]{0, n - 1, 1, 2, n / 2} : new int[]{n - 1};
                double[] wide = new double[rows.length * n];
                simd.kernelRows(k, p, rows, n, wide, 0, n, 1);
                for (int from : new int[]{0, n / 3, n - 1}) {
                    float[] got = new float[rows.length * (n + 2)];
                    java.util.Arrays.fill(got, Float.NaN);
                    simd.kernelRows(k, p, rows, from, n, got, 1, n + 2, 1);
                    for (int r = 0; r < rows.length; r++) {
                        for (int j = -1; j <= n; j++) {
                            int at = 1 + r * (n + 2) + j;
                            if (at >= got.length) {
                                continue;
                            }
                            String where = "d=" + d + " n=" + n + " from=" + from + " row " + rows[r] + " column " + j;
                            if (j < from || j == n) {
                                assertEquals(Float.floatToIntBits(Float.NaN), Float.floatToIntBits(got[at]), where);
                            } else {
                                assertEquals(Float.floatToIntBits((float) wide[r * n + j]), Float.floatToIntBits(got[at]),
                                        where);
                            }
                        }
                    }
                }
            }
        }
    }
}
