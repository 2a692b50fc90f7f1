package org.paraml.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.paraml.backend.Backend;
import org.paraml.backend.Backends;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.PreparedMatrix;
import org.paraml.backend.TestData;
import org.paraml.linalg.Matrix;

/**
 * The SIMD sigmoid kernel's own {@code tanh} (fdlibm's branches on the Vector API's {@code EXPM1})
 * against {@code StrictMath.tanh}, on every branch: tiny arguments (returned as they are), below 1,
 * from 1 to 22, and from 22 on (exactly ±1), both signs. With one feature, γ = 1 and coef0 = 0,
 * {@code K(1, x) = tanh(x)} exactly.
 */
class SimdSigmoidTest {
    private static final int MAX_ULPS = 3;

    @Test
    void tanhIsWithinThreeUnitsInTheLastPlaceOfStrictMathOnEveryBranch() {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        double[] special = {1.0, 0.0, 1e-300, -3e-17, 0x1p-56, -0x1p-55, 0x1.0000000000001p-55, 0.5, -0.9999999999999999,
            1.0, -1.0, 1.0000000000000002, 2.5, -7.25, 19.06154746539849, 21.999999999999996, 22.0, -22.0, 22.5, 700.0,
            -1e300};
        SplittableRandom r = new SplittableRandom(11);
        int n = special.length + 2003; // an odd count: the vector loop's tail too
        double[] x = new double[n];
        System.arraycopy(special, 0, x, 0, special.length);
        for (int i = special.length; i < n; i++) {
            int scale = r.nextInt(4);
            x[i] = scale == 0 ? r.nextDouble(-1e-12, 1e-12) : scale == 1 ? r.nextDouble(-1, 1) : r.nextDouble(-25, 25);
        }
        Backend simd = Backends.byName("simd");
        PreparedMatrix p = simd.prepare(Matrix.wrap(x, n, 1));
        double[] out = new double[n];
        simd.kernelRows(KernelSpec.sigmoid(1.0, 0.0), p, new int[] {0}, n, out, 0, n, 1); // x[0] = 1
        for (int i = 0; i < n; i++) {
            double expected = StrictMath.tanh(x[i]);
            long ulps = Math.abs(Double.doubleToLongBits(expected) - Double.doubleToLongBits(out[i]));
            assertTrue(Math.signum(out[i]) == Math.signum(expected) && ulps <= MAX_ULPS,
                    "tanh(" + x[i] + "): " + out[i] + ", StrictMath " + expected + " (" + ulps + " ulps apart)");
            if (Math.abs(x[i]) >= 22 || Math.abs(x[i]) < 0x1p-55) {
                assertEquals(expected, out[i], 0.0, "tanh(" + x[i] + ") is exact on this branch");
            }
        }
    }
}
