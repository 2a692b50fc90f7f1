package org.paraml.cluster;

import java.util.Arrays;
import java.util.List;
import org.paraml.backend.Backend;
import org.paraml.data.Blocks;
import org.paraml.data.RandomState;
import org.paraml.linalg.Matrix;

/**
 * Step 8 of k-means|| ("recluster the weighted points in C into k clusters"): the m weighted candidates
 * p_i (weights w_i &gt; 0, the rows nearest to each) become k centres by the best of {@value #RESTARTS}
 * restarts of
 * <ol>
 *   <li>greedy weighted k-means++ ({@link KMeansPlusPlus}: first centre with probability ∝ w, then
 *       {@code 2 + ⌊ln k⌋} trials per centre drawn ∝ {@code w·d²}, keeping the one that lowers
 *       {@code Σ w·d²} most), then</li>
 *   <li>weighted Lloyd iterations on the candidates: {@code l_i = argmin_j ‖p_i − c_j‖²} (ties: the lowest j),
 *       {@code c_j = Σ_{l_i = j} w_i·p_i / Σ_{l_i = j} w_i}; an empty cluster takes the candidate farthest
 *       from its centre (as {@link Lloyd}); until no label changes or {@value #MAX_ITER} iterations,</li>
 * </ol>
 * keeping the restart of lowest weighted inertia {@code Σ_i w_i·‖p_i − c_{l_i}‖²} (ties: the earlier). This
 * is what Bahmani et al. (and Spark MLlib's {@code LocalKMeans}: k-means++ then Lloyd on the weighted
 * candidates) do; restarts are cheap because m is about {@code 1 + rounds × ℓ} (hundreds), not n. The
 * restarts draw one after another from the fit's {@link RandomState}, so the result depends only on it
 * and on the candidates (which do not depend on block size or thread count).
 */
final class CandidateReduction {
    /**
     * k-means++ draws refined by Lloyd; the one of lowest weighted inertia is kept. Each costs a few
     * Lloyd iterations over a few hundred points, so fifty are cheap next to one pass over the data;
     * with ten, the tutorial's blobs at 2M rows (12 blobs, k = 8, several local optima) ended in a
     * local optimum 9% above scikit-learn's best of ten full runs for some seeds; with fifty, seeds
     * 0–3 all reach it.
     */
    static final int RESTARTS = 50;
    /** Lloyd iterations per restart at most (they stop earlier when no label changes). */
    static final int MAX_ITER = 100;

    private static final System.Logger LOG = System.getLogger(CandidateReduction.class.getName());

    private CandidateReduction() {
    }

    /** A restart's centres and their weighted inertia on the candidates. */
    record Reduced(Matrix centres, double inertia, int iterations) {
    }

    /**
     * k centres from the candidates of positive weight (at least k of them, distinct), in the candidates'
     * coordinates.
     */
    static Matrix reduce(Backend backend, Matrix candidates, double[] weights, int k, RandomState rng) {
        int m = 0;
        for (double w : weights) {
            if (w > 0) {
                m++;
            }
        }
        Matrix points = Matrix.zeros(m, candidates.cols());
        double[] w = new double[m];
        int j = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                KMeansPlusPlus.copyRow(candidates, i, points, j);
                w[j++] = weights[i];
            }
        }
        FitContext small = new FitContext(Blocks.of(points), 1, backend, null, null);
        Reduced best = null;
        for (int r = 0; r < RESTARTS; r++) {
            Matrix seeded = KMeansPlusPlus.seed(new SeedingState(small, w), k, rng, "k-means|| reduce");
            Reduced got = refine(small, points, w, seeded);
            LOG.log(System.Logger.Level.DEBUG, "k-means|| reduce, restart {0}: weighted inertia {1} after {2} "
                    + "Lloyd iteration(s)", r + 1, got.inertia(), got.iterations());
            if (best == null || got.inertia() < best.inertia()) {
                best = got;
            }
        }
        return best.centres();
    }

    /** Weighted Lloyd on the candidates from {@code init} (see the class comment). */
    static Reduced refine(FitContext small, Matrix points, double[] w, Matrix init) {
        Backend b = small.kernels.backend();
        int m = points.rows();
        int k = init.rows();
        int d = points.cols();
        Matrix centres = init;
        int[] labels = new int[m];
        int[] previous = null;
        double[] dist = new double[m];
        int iter = 0;
        while (iter < MAX_ITER) {
            iter++;
            double[] sums = new double[k * d];
            double[] counts = new double[k];
            b.lloydStep(points, w, b.prepare(centres), labels, dist, sums, counts, 1);
            if (Arrays.equals(labels, previous)) {
                break; // the centres are already the means of these labels
            }
            List<FarthestRows.Far> far = FarthestRows.of(points, 0, labels, dist, k - 1, small.kernels);
            Lloyd.relocateEmpty(sums, counts, far, d, w);
            centres = Matrix.wrap(Lloyd.average(sums, counts, d), k, d);
            previous = labels.clone();
        }
        double inertia = b.lloydStep(points, w, b.prepare(centres), labels, dist, null, null, 1);
        return new Reduced(centres, inertia, iter);
    }
}
