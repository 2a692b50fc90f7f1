package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paraml.backend.Backend;
import org.paraml.backend.Backends;
import org.paraml.data.Blocks;
import org.paraml.data.MakeBlobs;
import org.paraml.data.RandomState;
import org.paraml.linalg.Matrix;

/** The reduction of weighted k-means|| candidates: weighted k-means++ restarts refined by weighted Lloyd. */
class CandidateReductionTest {
    private static final Backend BACKEND = Backends.select();

    /** Σ_i w_i·min_j ‖p_i − c_j‖². */
    private static double weightedInertia(Matrix p, double[] w, Matrix c) {
        double total = 0;
        for (int i = 0; i < p.rows(); i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < c.rows(); j++) {
                double s = 0;
                for (int f = 0; f < p.cols(); f++) {
                    double t = p.get(i, f) - c.get(j, f);
                    s += t * t;
                }
                best = Math.min(best, s);
            }
            total += w[i] * best;
        }
        return total;
    }

    private static FitContext small(Matrix p) {
        return new FitContext(Blocks.of(p), 1, BACKEND, null, null);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 8, 13})
    void neverWorseThanTheSingleGreedyDrawItStartsFrom(int k) {
        for (long seed = 0; seed < 6; seed++) {
            Matrix p = new MakeBlobs().nSamples(240).centers(12).nFeatures(4).clusterStd(2.0).randomState(seed)
                    .generate().x();
            double[] w = new double[p.rows()];
            RandomState weights = new RandomState(seed + 100);
            for (int i = 0; i < w.length; i++) {
                w[i] = 1 + weights.randint(1000);
            }
            // the former reduction: one greedy weighted k-means++ draw, from the same random state
            Matrix greedy = KMeansPlusPlus.seed(new SeedingState(small(p), w), k, new RandomState(seed), "test");
            Matrix reduced = CandidateReduction.reduce(BACKEND, p, w, k, new RandomState(seed));
            assertEquals(k, reduced.rows());
            assertEquals(k, KMeansParallelTest.distinctRows(reduced), "k=" + k + " seed=" + seed);
            double was = weightedInertia(p, w, greedy);
            double now = weightedInertia(p, w, reduced);
            assertTrue(now <= was * (1 + 1e-12), "k=" + k + " seed=" + seed + ": " + now + " > " + was);
        }
    }

    @Test
    void refinedCentresAreTheWeightedMeansOfTheirCandidates() {
        Matrix p = new MakeBlobs().nSamples(300).centers(5).nFeatures(3).randomState(4).generate().x();
        double[] w = new double[p.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + (i * 7919) % 13;
        }
        Matrix c = CandidateReduction.reduce(BACKEND, p, w, 5, new RandomState(1));
        int[] labels = new int[p.rows()];
        BACKEND.lloydStep(p, w, BACKEND.prepare(c), labels, new double[p.rows()], null, null, 1);
        for (int j = 0; j < c.rows(); j++) {
            double[] sum = new double[p.cols()];
            double weight = 0;
            for (int i = 0; i < p.rows(); i++) {
                if (labels[i] == j) {
                    weight += w[i];
                    for (int f = 0; f < p.cols(); f++) {
                        sum[f] += w[i] * p.get(i, f);
                    }
                }
            }
            assertTrue(weight > 0, "cluster " + j + " is empty");
            for (int f = 0; f < p.cols(); f++) {
                assertEquals(sum[f] / weight, c.get(j, f), 1e-12 * Math.max(1, Math.abs(c.get(j, f))));
            }
        }
    }

    @Test
    void anEmptyClusterTakesTheFarthestCandidateWithItsWeight() {
        Matrix p = Matrix.of(new double[][] {{0}, {1}, {10}, {11}});
        double[] w = {1, 1, 1, 5};
        Matrix init = Matrix.of(new double[][] {{0.5}, {10.5}, {100}});
        CandidateReduction.Reduced r = CandidateReduction.refine(small(p), p, w, init);
        // centre 2 gets no candidate: it takes candidate 0 (all four are 0.25 from their centre; ties: the lowest)
        assertArrayEquals(new double[] {1, 65.0 / 6, 0}, r.centres().data(), 1e-12);
        assertEquals(Math.pow(10 - 65.0 / 6, 2) + 5 * Math.pow(11 - 65.0 / 6, 2), r.inertia(), 1e-12);
    }

    @Test
    void sameCandidatesAndSeedGiveTheSameCentres() {
        Matrix p = new MakeBlobs().nSamples(500).centers(9).nFeatures(6).randomState(2).generate().x();
        double[] w = new double[p.rows()];
        java.util.Arrays.fill(w, 3);
        Matrix a = CandidateReduction.reduce(BACKEND, p, w, 7, new RandomState(5));
        Matrix b = CandidateReduction.reduce(BACKEND, p, w, 7, new RandomState(5));
        assertTrue(a.contentEquals(b));
    }
}
