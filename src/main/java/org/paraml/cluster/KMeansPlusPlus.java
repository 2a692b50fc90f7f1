package org.paraml.cluster;

import org.paraml.data.RandomState;
import org.paraml.linalg.Matrix;

/**
 * Greedy k-means++ seeding (Arthur and Vassilvitskii 2007), as scikit-learn 1.2's
 * {@code _kmeans_plusplus} does it: the first centre uniformly at random (or in proportion to weight);
 * then for each next centre {@code 2 + ⌊ln k⌋} candidates drawn with probability
 * {@code w·d²(x, C) / φ}, and the one that lowers the potential {@code φ = Σ w·d²(x, C)} most is kept.
 * The random draws are those of scikit-learn ({@code randint(n)}, then {@code uniform(size=trials)·φ}
 * per centre), so a numpy-compatible {@link RandomState} reproduces its choices on the same data.
 *
 * <p>Over blocks each centre costs two passes: the candidates' potentials, then the update of
 * {@code d²} with the chosen one.
 */
final class KMeansPlusPlus {
    private KMeansPlusPlus() {
    }

    /** Number of local trials per centre: {@code 2 + ⌊ln k⌋}. */
    static int localTrials(int k) {
        return 2 + (int) Math.log(k);
    }

    /** {@code k} centres seeded from {@code state}'s rows; {@code state}'s distances are updated. */
    static Matrix seed(SeedingState state, int k, RandomState rng, String phase) {
        int d = state.context().cols;
        Matrix centres = Matrix.zeros(k, d);
        int trials = localTrials(k);
        long first = state.firstCentre(rng);
        Matrix c0 = state.rows(first);
        copyRow(c0, 0, centres, 0);
        double pot = state.update(c0, phase + " centre 1 of " + k);
        for (int c = 1; c < k; c++) {
            double[] targets = new double[trials];
            for (int t = 0; t < trials; t++) {
                targets[t] = rng.randomSample() * pot;
            }
            long[] ids = state.search(targets);
            Matrix candidates = state.rows(ids);
            double[] pots = state.potentials(candidates, phase + " centre " + (c + 1) + " of " + k);
            int best = 0;
            for (int t = 1; t < trials; t++) {
                if (pots[t] < pots[best]) {
                    best = t;
                }
            }
            copyRow(candidates, best, centres, c);
            if (c + 1 < k) {
                pot = state.update(candidates.rowRange(best, best + 1), phase + " centre " + (c + 1) + " of " + k);
            }
        }
        return centres;
    }

    static void copyRow(Matrix from, int i, Matrix to, int j) {
        System.arraycopy(from.data(), from.offset(i), to.data(), to.offset(j), from.cols());
    }
}
