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
 * per pass, then one vector, then one row) gives every value the bits that a row asked for alone (one
 * row, four vectors per pass) gives it. An SVC search relies on this: its shared kernel matrices are
 * filled by blocks and a solve's kernel columns one row at a time, and both must give the model of a
 * plain fit.
 */
class SimdKernelPathsTest {
    @Test
    void aBlockHasTheBitsOfItsRowsComputedOneAtATime() {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        Backend simd = Backends.byName("simd");
        // 9 rows: two passes of four and one single row; 41 columns: on AVX2 five pairs of 4-lane vectors
        // and a partial vector (other widths cut them differently)
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
}
