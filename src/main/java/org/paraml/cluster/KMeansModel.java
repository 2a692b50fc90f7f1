package org.paraml.cluster;

import org.paraml.estimator.Model;
import java.util.Objects;
import org.paraml.backend.Backend;
import org.paraml.data.Blocks;
import org.paraml.data.Validation;
import org.paraml.linalg.Matrix;

/**
 * A fitted k-means model: immutable and thread-safe. Accessors mirror scikit-learn's fitted attributes
 * ({@code cluster_centers_}, {@code inertia_}, {@code n_iter_}, {@code labels_}). Distances are
 * Euclidean, in the units of X; inertia and scores are sums of squared distances, in squared units.
 */
public final class KMeansModel implements Model {
    private final Matrix centres;
    private final double inertia;
    private final int nIter;
    private final ClusterLabels labels;
    private final Backend backend;
    private final int threads;
    private final double[] shift;

    /**
     * @param shift the translation the backend computes in (the mean of the first training rows, see
     *              {@link ShiftedKernels}), or null
     */
    KMeansModel(Matrix centres, double inertia, int nIter, ClusterLabels labels, Backend backend, int threads,
            double[] shift) {
        this.shift = shift == null ? null : shift.clone();
        this.centres = centres.copy();
        this.inertia = inertia;
        this.nIter = nIter;
        this.labels = labels;
        this.backend = backend;
        this.threads = threads;
    }

    /** {@code cluster_centers_}: the k centres, {@code n_clusters × n_features} (a copy). */
    public Matrix clusterCenters() {
        return centres.copy();
    }

    /**
     * {@code inertia_}: {@code Σ_i ||x_i − c_{label(i)}||²} over the training rows, against the final
     * centres, each term from direct differences.
     */
    public double inertia() {
        return inertia;
    }

    /** {@code n_iter_}: Lloyd iterations of the kept run. */
    public int nIter() {
        return nIter;
    }

    /** {@code labels_}: the nearest final centre of each training row (streamed for blocks). */
    public ClusterLabels labels() {
        return labels;
    }

    /** Number of centres, k. */
    public int nClusters() {
        return centres.rows();
    }

    /** {@code n_features_in_}. */
    public int nFeaturesIn() {
        return centres.cols();
    }

    /** The index of the nearest centre of each row of {@code x} (ties: the lowest index). */
    public int[] predict(Matrix x) {
        check(x);
        int[] out = new int[x.rows()];
        streamed(Blocks.of(x, KMeans.DEFAULT_BLOCK_ROWS)).forEachBlock((b, first, l, rows) ->
                System.arraycopy(l, 0, out, (int) first, rows));
        return out;
    }

    /**
     * The labels of the rows of {@code x}, computed block by block each time they are read (the blocks
     * must stay open); each read checks the blocks for NaN and infinity.
     */
    public ClusterLabels predict(Blocks x) {
        checkFeatures(x);
        return new StreamedLabels(x, centres, backend, threads, shift, true);
    }

    /**
     * {@code transform}: the Euclidean distance {@code ||x_i − c_j||} of each row to each centre, an
     * {@code n_samples × n_clusters} matrix, from direct differences.
     */
    public Matrix transform(Matrix x) {
        check(x);
        int k = centres.rows();
        int d = centres.cols();
        Matrix out = Matrix.zeros(x.rows(), k);
        Blocks.of(x, KMeans.DEFAULT_BLOCK_ROWS).pass(threads).run(b -> {
            Matrix rows = b.rows();
            for (int i = 0; i < rows.rows(); i++) {
                int o = out.offset((int) b.firstRow() + i);
                for (int j = 0; j < k; j++) {
                    out.data()[o + j] = Math.sqrt(Distances.squared(rows.data(), rows.offset(i), centres.data(),
                            centres.offset(j), d));
                }
            }
            return null;
        }, (i, r) -> {
        });
        return out;
    }

    /** The {@link Model} form of {@link #score(Matrix)}: {@code y} is ignored. */
    @Override
    public double score(Matrix x, int[] y) {
        return score(x);
    }

    /** {@code score}: minus the inertia of {@code x} against these centres (higher is better). */
    public double score(Matrix x) {
        check(x);
        return score(Blocks.of(x, KMeans.DEFAULT_BLOCK_ROWS));
    }

    /** {@code score} of blocks: minus their inertia against these centres, in one pass. */
    public double score(Blocks x) {
        checkFeatures(x);
        FitContext ctx = new FitContext(x, threads, backend, null, shift);
        return -Assignment.run(ctx, ctx.kernels.toShifted(centres), "score", null).inertia();
    }

    private StreamedLabels streamed(Blocks x) {
        return new StreamedLabels(x, centres, backend, threads, shift, false);
    }

    private void checkFeatures(Blocks x) {
        Objects.requireNonNull(x, "X");
        if (x.cols() != nFeaturesIn()) {
            throw new IllegalArgumentException("X has " + x.cols() + " features, but KMeans is expecting "
                    + nFeaturesIn() + " features as input.");
        }
    }

    private void check(Matrix x) {
        Objects.requireNonNull(x, "X");
        Validation.checkShape(x, "KMeans", 1, 1);
        Validation.checkSameFeatures(x, nFeaturesIn(), "KMeans");
        Validation.checkFinite(x, "X");
    }

    @Override
    public String toString() {
        return "KMeansModel[n_clusters=" + nClusters() + ", n_features=" + nFeaturesIn() + ", inertia=" + inertia
                + ", n_iter=" + nIter + "]";
    }
}
