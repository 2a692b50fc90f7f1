package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.paraml.data.Blocks;
import org.paraml.data.MakeBlobs;
import org.paraml.linalg.Matrix;

/**
 * The data's mean and variance from one Lloyd pass's clusters equal those measured from the rows (to rounding), in
 * the fit's translated frame too and with clusters left empty; and a centre far outside its rows, whose distances
 * would drown the rows' own spread in rounding, gives none (the fit then measures the rows).
 */
class DataSpreadTest {

    /** Sums, counts and per-centre distances of rows labelled by their nearest centre, in the frame {@code x − shift}. */
    private static DataSpread fromPass(Matrix x, Matrix centres, double[] shift) {
        int k = centres.rows();
        int d = x.cols();
        double[] sums = new double[k * d];
        double[] counts = new double[k];
        double[] distances = new double[k];
        for (int i = 0; i < x.rows(); i++) {
            int best = 0;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int f = 0; f < d; f++) {
                    double t = x.get(i, f) - (shift == null ? 0 : shift[f]) - centres.get(c, f);
                    s += t * t;
                }
                if (s < bestDist) {
                    bestDist = s;
                    best = c;
                }
            }
            counts[best]++;
            distances[best] += bestDist;
            for (int f = 0; f < d; f++) {
                sums[best * d + f] += x.get(i, f) - (shift == null ? 0 : shift[f]);
            }
        }
        return DataSpread.fromClusters(sums, counts, distances, centres, shift, x.rows());
    }

    @Test
    void theClustersGiveTheMeanAndVarianceOfTheRows() {
        Random rnd = new Random(4);
        for (int d : new int[] {1, 2, 20, 50}) {
            for (int k : new int[] {1, 3, 8}) {
                for (double offset : new double[] {0, 1e4}) {
                    Matrix x = new MakeBlobs().nSamples(3001).centers(5).nFeatures(d).randomState(d + k).generate().x();
                    for (int i = 0; i < x.data().length; i++) {
                        x.data()[i] += offset;
                    }
                    double[] shift = offset == 0 ? null : x.row(0).clone();
                    Matrix centres = Matrix.zeros(k + 1, d);
                    for (int c = 0; c < k; c++) {
                        for (int f = 0; f < d; f++) {
                            // rows' values less the shift, a little off: centres that are not their clusters' means
                            centres.set(c, f, x.get(97 * c, f) - (shift == null ? 0 : shift[f]) + rnd.nextGaussian());
                        }
                    }
                    for (int f = 0; f < d; f++) {
                        centres.set(k, f, 1e3); // a centre no row is nearest to: an empty cluster
                    }
                    DataSpread spread = fromPass(x, centres, shift);
                    FeatureStats direct = FeatureStats.of(x);
                    String what = "d=" + d + " k=" + k + " offset=" + offset;
                    assertNotNull(spread, what);
                    assertEquals(direct.meanVariance(), spread.meanVariance(), 1e-9 * direct.meanVariance(), what);
                    double[] mean = direct.mean();
                    for (int f = 0; f < d; f++) {
                        assertEquals(mean[f], spread.mean()[f], 1e-12 * Math.max(1, Math.abs(mean[f])), what);
                    }
                }
            }
        }
    }

    @Test
    void aCentreFarOutsideItsRowsGivesNone() {
        Matrix x = new MakeBlobs().nSamples(500).centers(1).nFeatures(3).clusterStd(1e-3).randomState(2).generate().x();
        Matrix far = Matrix.zeros(1, 3);
        far.set(0, 0, 1e9);
        assertNull(fromPass(x, far, null), "I_c is 1e18 against a spread of 1e-6 a row");
        Matrix near = x.rowRange(0, 1).copy();
        assertNotNull(fromPass(x, near, null));
    }

    /**
     * One centre 1e9 away from rows of spread 1e-3: the first pass cannot give the variance, so the fit measures
     * it by a pass of its own (the blocks' {@link FeatureStats} merged in order, bit for bit); from a centre
     * among the rows it comes from the clusters.
     */
    @Test
    void aFitWhoseFirstPassCannotGiveTheVarianceMeasuresIt() {
        Matrix x = new MakeBlobs().nSamples(2000).centers(1).nFeatures(3).clusterStd(1e-3).randomState(3).generate().x();
        Blocks blocks = Blocks.of(x, 300);
        FeatureStats merged = new FeatureStats(3);
        blocks.pass(1).run(b -> FeatureStats.ofPieces(b.rows()), (i, s) -> merged.merge(s));
        for (org.paraml.backend.Backend backend : KMeansParallelWeightsTest.backends()) {
            Matrix far = x.rowRange(0, 1).copy();
            far.set(0, 0, 1e9);
            FitContext measured = new FitContext(blocks, 2, backend, null, null);
            Lloyd.run(measured, far, 10, 1e-4);
            assertEquals(merged.meanVariance(), measured.stats().meanVariance(), 0.0, backend.name());
            assertEquals(java.util.Arrays.toString(merged.mean()), java.util.Arrays.toString(measured.stats().mean()));

            FitContext clusters = new FitContext(blocks, 2, backend, null, null);
            Lloyd.run(clusters, x.rowRange(5, 6).copy(), 10, 1e-4);
            assertEquals(merged.meanVariance(), clusters.stats().meanVariance(), 1e-9 * merged.meanVariance());
        }
    }
}
