package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pair decision values of many points at once against libsvm's one-point sums. */
class OneVsOneTest {
    @ParameterizedTest
    @CsvSource({"2, 0", "2, 1", "2, 3", "2, 4", "2, 9", "3, 5", "4, 8", "5, 13"})
    void manyPointsAtOnceAreTheOnePointSumsBitForBit(int k, int rows) {
        SplittableRandom rng = new SplittableRandom(31L * k + rows);
        int[] nSupport = new int[k];
        int nsv = 0;
        for (int c = 0; c < k; c++) {
            nSupport[c] = c == 1 ? 0 : 1 + rng.nextInt(40); // one class without support vectors
            nsv += nSupport[c];
        }
        double[][] svCoef = new double[k - 1][nsv];
        for (double[] coef : svCoef) {
            for (int s = 0; s < nsv; s++) {
                coef[s] = rng.nextDouble(-10, 10);
            }
        }
        int pairs = OneVsOne.pairs(k);
        double[] rho = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            rho[p] = rng.nextDouble(-1, 1);
        }
        double[] kv = new double[rows * nsv];
        for (int i = 0; i < kv.length; i++) {
            kv[i] = rng.nextDouble(); // values whose sums round differently in another order
        }
        int offset = 3;
        double[] many = new double[offset + rows * pairs];
        OneVsOne.decisionValues(kv, rows, nsv, nSupport, svCoef, rho, many, offset);

        double[] one = new double[offset + rows * pairs];
        double[] row = new double[nsv];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(kv, r * nsv, row, 0, nsv); // each point's values alone, as libsvm sees them
            OneVsOne.decisionValues(row, 0, nSupport, svCoef, rho, one, offset + r * pairs);
        }
        assertArrayEquals(one, many, 0.0);
        for (int i = 0; i < offset; i++) {
            assertEquals(0.0, many[i], 0.0, "nothing written before the offset");
        }
    }
}
