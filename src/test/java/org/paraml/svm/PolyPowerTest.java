package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.paraml.backend.KernelSpec;

/**
 * The poly kernel raises to the power as libsvm's {@code powi} does ({@link PlainKernelSource#powi}, libsvm's loop
 * written out), bit for bit: the float64 diagonal {@code Q_ii} enters every SMO step, and {@link Math#pow}'s single
 * rounding differs from those products for about a quarter of cubes. One such ulp once ended a calibration
 * training one ulp from a bound at another α than scikit-learn's, and moved its intercept by 0.04 (session 19;
 * {@code SvcSearchTest}'s neg_log_loss fixture checks that search).
 */
class PolyPowerTest {
    @Test
    void theKernelValueIsLibsvmsPowi() {
        SplittableRandom random = new SplittableRandom(19);
        int powDiffers = 0;
        for (int degree = 0; degree <= 6; degree++) {
            KernelSpec poly = KernelSpec.poly(0.37, 0.25, degree);
            for (int n = 0; n < 2000; n++) {
                double dot = random.nextDouble(-8, 8);
                double base = 0.37 * dot + 0.25;
                double want = PlainKernelSource.powi(base, degree);
                assertEquals(want, poly.value(dot, 0.0), 0.0, "degree " + degree + ", dot " + dot);
                assertEquals(want, KernelSpec.powi(base, degree), 0.0, "degree " + degree + ", base " + base);
                powDiffers += Math.pow(base, degree) != want ? 1 : 0;
            }
        }
        assertTrue(powDiffers > 1000, "Math.pow differs from powi in " + powDiffers + " of 14,000 values");
    }
}
