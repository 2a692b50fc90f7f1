package org.paraml.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SimdExp}'s exp and expm1 against {@code StrictMath} (fdlibm): within one unit in the last place for exp
 * over its whole range, subnormal results included, and two for expm1; exact at the special values; and the
 * float32 kernel-cache entries an rbf kernel gives equal to those of a correctly rounding exp (libsvm's) for
 * every sampled argument, as the Vector API's SVML routine gave them.
 */
class SimdExpTest {
    private static final int SAMPLES = 200_000;

    private static long ulps(double a, double b) {
        return Math.abs(Double.doubleToLongBits(a) - Double.doubleToLongBits(b));
    }

    @Test
    void expIsWithinOneUnitInTheLastPlaceOverItsRange() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] ranges = {{-746, 0}, {-0.35, 0.35}, {-1e-9, 1e-9}, {-745.2, -708}, {0, 709.78}};
        for (double[] range : ranges) {
            for (int i = 0; i < SAMPLES; i++) {
                double x = r.nextDouble(range[0], range[1]);
                double expected = StrictMath.exp(x);
                assertTrue(ulps(SimdExp.exp(x), expected) <= 1, "exp(" + x + "): " + SimdExp.exp(x) + ", StrictMath "
                        + expected);
            }
        }
    }

    @Test
    void expIsExactAtTheSpecialValues() {
        double[] special = {0.0, -0.0, -1e-300, Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1000.0, -746.0, -745.14,
            -745.1332191019411, -745.13, -744.44, -708.4, 709.78};
        for (double x : special) {
            assertEquals(StrictMath.exp(x), SimdExp.exp(x), 0.0, "exp(" + x + ")");
        }
        assertTrue(Double.isNaN(SimdExp.exp(Double.NaN)));
    }

    @Test
    void expm1IsWithinTwoUnitsInTheLastPlaceAndKeepsSmallArgumentsAccurate() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] ranges = {{-2, 0}, {-0.5, 0.5}, {-1e-7, 1e-7}, {2, 44}, {-50, 700}};
        for (double[] range : ranges) {
            for (int i = 0; i < SAMPLES; i++) {
                double x = r.nextDouble(range[0], range[1]);
                double expected = StrictMath.expm1(x);
                assertTrue(ulps(SimdExp.expm1(x), expected) <= 2, "expm1(" + x + "): " + SimdExp.expm1(x)
                        + ", StrictMath " + expected);
            }
        }
        for (double x : new double[] {0.0, 1e-300, -1e-300, 0x1p-60, -50.0, -1e6, Double.NEGATIVE_INFINITY, 44.0}) {
            assertEquals(StrictMath.expm1(x), SimdExp.expm1(x), 0.0, "expm1(" + x + ")");
        }
        assertTrue(Double.isNaN(SimdExp.expm1(Double.NaN)));
    }

    @Test
    void rbfCacheEntriesInFloat32AreThoseOfACorrectlyRoundedExp() {
        // Math.exp (HotSpot's intrinsic, within 0.51 ulp) stands in for libsvm's glibc exp: an argument where the
        // two float64 values straddle a float32 rounding boundary would give a different cache entry
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 5 * SAMPLES; i++) {
            double x = r.nextDouble(-120, 0);
            assertEquals((float) Math.exp(x), (float) SimdExp.exp(x), 0.0f, "exp(" + x + ") in float32");
        }
    }
}
