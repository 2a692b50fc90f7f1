package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares values derived from normal draws with numpy's.
 *
 * <p>numpy's legacy Gaussian calls glibc's {@code log}, which is not correctly rounded: on roughly
 * one input in 2,000 it returns the neighbour of the correctly rounded result. ParaML's log is
 * correctly rounded, so on those draws the two Gaussians of the pair differ by an ulp or two. The
 * stream itself (which uniforms are drawn, which pairs are rejected) never differs. The tolerance
 * here: every value equal, or within {@value #MAX_ULPS} ulps, and at most 1 in
 * {@value #MAX_MISMATCH_RATE_INVERSE} values (plus 2) not exactly equal.
 */
final class GaussianAgreement {
    static final int MAX_ULPS = 4;
    static final int MAX_MISMATCH_RATE_INVERSE = 200;

    private GaussianAgreement() {
    }

    static void assertMatches(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        int inexact = 0;
        for (int i = 0; i < expected.length; i++) {
            if (Double.compare(expected[i], actual[i]) == 0) {
                continue;
            }
            inexact++;
            double ulps = Math.abs(expected[i] - actual[i]) / Math.ulp(Math.max(Math.abs(expected[i]),
                    Math.abs(actual[i])));
            assertTrue(ulps <= MAX_ULPS, what + ": value " + i + " is " + actual[i] + ", numpy has " + expected[i]
                    + " (" + ulps + " ulps apart)");
        }
        assertTrue(inexact <= 2 + expected.length / MAX_MISMATCH_RATE_INVERSE,
                what + ": " + inexact + " of " + expected.length + " values differ in the last bits");
    }
}
