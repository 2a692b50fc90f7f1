package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.paraml.linalg.Matrix;

/** Element-wise comparison of a generated matrix with scikit-learn's. */
final class DatasetAgreement {
    private DatasetAgreement() {
    }

    /** How many elements differ at all, and the largest relative difference seen. */
    record Report(int inexact, double maxRelative) {
    }

    /**
     * Asserts {@code |actual − expected| ≤ relTol · max(|expected|, |actual|)} element-wise
     * (exact equality when {@code relTol} is 0) and returns how close they were.
     */
    static Report assertClose(Matrix expected, Matrix actual, double relTol, String what) {
        assertEquals(expected.rows(), actual.rows(), what + ": rows");
        assertEquals(expected.cols(), actual.cols(), what + ": cols");
        int inexact = 0;
        double maxRel = 0.0;
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.cols(); j++) {
                double e = expected.get(i, j);
                double a = actual.get(i, j);
                if (Double.compare(e, a) == 0) {
                    continue;
                }
                inexact++;
                double rel = Math.abs(a - e) / Math.max(Math.abs(e), Math.abs(a));
                maxRel = Math.max(maxRel, rel);
                if (!(rel <= relTol)) {
                    fail(what + ": X[" + i + ", " + j + "] is " + a + ", scikit-learn has " + e
                            + " (relative difference " + rel + " > " + relTol + ")");
                }
            }
        }
        return new Report(inexact, maxRel);
    }
}
