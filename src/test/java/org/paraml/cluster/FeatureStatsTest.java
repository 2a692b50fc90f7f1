package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paraml.backend.TestData;
import org.paraml.linalg.Matrix;

/**
 * {@link FeatureStats#of}, whose loops take rows four at a time, gives the bits of the plain two-pass loops (one row
 * at a time, each feature's sum in row order), on contiguous rows and on a view whose rows lie anywhere; and
 * {@link FeatureStats#ofPieces} and {@link FeatureStats#merge} agree with it up to rounding.
 */
class FeatureStatsTest {
    /** The definition: per feature, the sum in row order divided by n, then the squares in row order. */
    private static double[][] plain(Matrix x) {
        int n = x.rows();
        int d = x.cols();
        double[] mean = new double[d];
        double[] m2 = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x.data()[x.offset(i) + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double t = x.data()[x.offset(i) + j] - mean[j];
                m2[j] += t * t;
            }
        }
        return new double[][] {mean, m2};
    }

    /** Values spread over several binades around an offset, so that the order of additions shows in the bits. */
    private static Matrix rows(long seed, int n, int d) {
        Matrix x = TestData.uniform(seed, n, d);
        double[] a = x.data();
        for (int i = 0; i < a.length; i++) {
            a[i] = 1e3 + a[i] * Math.scalb(1.0, (i * 7) % 23 - 11);
        }
        return x;
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "3, 5", "4, 20", "7, 20", "2049, 3", "4099, 20", "513, 33"})
    void sameBitsAsOneRowAtATime(int n, int d) {
        Matrix x = rows(11 + n, n, d);
        for (Matrix m : new Matrix[] {x, TestData.asView(x, 5)}) {
            double[][] want = plain(m);
            FeatureStats got = FeatureStats.of(m);
            assertEquals(n, got.count());
            double[] mean = got.mean();
            double variance = 0;
            for (int j = 0; j < d; j++) {
                assertEquals(Double.doubleToRawLongBits(want[0][j]), Double.doubleToRawLongBits(mean[j]),
                        "mean of feature " + j + " (n=" + n + ", d=" + d + ")");
                variance += want[1][j] / n;
            }
            assertEquals(Double.doubleToRawLongBits(variance / d), Double.doubleToRawLongBits(got.meanVariance()),
                    "mean variance (n=" + n + ", d=" + d + ")");
        }
    }

    @ParameterizedTest
    @CsvSource({"5000, 20", "4097, 4"})
    void piecesMergeToTheWholeUpToRounding(int n, int d) {
        Matrix x = rows(3, n, d);
        FeatureStats whole = FeatureStats.of(x);
        FeatureStats pieces = FeatureStats.ofPieces(x);
        assertEquals(whole.count(), pieces.count());
        assertEquals(whole.meanVariance(), pieces.meanVariance(), 1e-12 * whole.meanVariance());
        double[] a = whole.mean();
        double[] b = pieces.mean();
        for (int j = 0; j < d; j++) {
            assertEquals(a[j], b[j], 1e-12 * Math.abs(a[j]));
        }
    }
}
