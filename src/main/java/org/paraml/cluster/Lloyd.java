package org.paraml.cluster;

import java.util.ArrayList;
import java.util.List;
import org.paraml.backend.PreparedMatrix;
import org.paraml.data.Block;
import org.paraml.linalg.Matrix;

/**
 * Lloyd's iterations over blocks, as scikit-learn's {@code _kmeans_single_lloyd} does them: each pass
 * assigns every row to its nearest centre and sums the rows per centre (block partials added in block
 * order), moves empty clusters to the rows farthest from their centres, and moves each centre to the
 * mean of its rows. It stops when no label changed (strict convergence), when the squared centre shift
 * {@code Σ_j ||c_j' − c_j||²} is at most {@code tol × mean feature variance}, or after {@code maxIter}
 * passes.
 */
final class Lloyd {
    private static final System.Logger LOG = System.getLogger(Lloyd.class.getName());

    /**
     * Centres after the last update, passes made, whether no label changed in the last one, and the E-step
     * against the final centres when the last pass already made it (else null).
     */
    record Result(Matrix centres, int nIter, boolean strictConvergence, FinalStep finalStep) {
    }

    /**
     * What {@link Assignment} would give against the final centres, taken from the last pass: its inertia
     * (each row's distance to its chosen centre, summed with compensation per block and over blocks in
     * block order, as {@link Assignment} sums them) and the number of distinct labels. Known only when the
     * last update left every centre bitwise where it was (labels unchanged and no empty cluster moved), so
     * that the last pass's labels and distances are those of the final centres.
     */
    record FinalStep(double inertia, int distinctLabels) {
    }

    /** One block's share of a pass; {@code distances} (per centre, its rows' squared distances) only when asked for. */
    private record Partial(double[] sums, double[] counts, long labelHash, List<FarthestRows.Far> far,
            double[] distances, CompensatedSum inertia) implements java.io.Serializable {
    }

    /** One block of a Lloyd pass: labels, per-centre sums and counts, the label hash, the farthest rows. */
    private static final class Step extends BlockStep<Partial> {
        private static final long serialVersionUID = 1L;
        private final double[] centres;
        private final int k;
        private final boolean wantStats;

        Step(StepKernels kernels, Matrix centres, boolean wantStats) {
            super(kernels, Costs.NONE);
            this.centres = centres.compact().data().clone();
            this.k = centres.rows();
            this.wantStats = wantStats;
        }

        @Override
        Partial compute(Block b, double[] costs) {
            return partial(kernels, b, prepared(0, 1, centres, k), k, wantStats);
        }
    }

    private Lloyd() {
    }

    static Result run(FitContext ctx, Matrix init, int maxIter, double tol) {
        int k = init.rows();
        int d = ctx.cols;
        int nBlocks = ctx.runner.numBlocks();
        Matrix centres = init.copy();
        long[] oldHashes = null;
        long[] hashes = new long[nBlocks];
        int iter = 0;
        boolean strict = false;
        FinalStep finalStep = null;
        while (iter < maxIter) {
            iter++;
            boolean wantStats = ctx.stats() == null;
            Matrix current = centres;
            double[] sums = new double[k * d];
            double[] counts = new double[k];
            double[] distances = wantStats ? new double[k] : null;
            List<FarthestRows.Far> far = new ArrayList<>();
            CompensatedSum inertia = new CompensatedSum();
            ctx.pass("lloyd iteration " + iter, new Step(ctx.stepKernels, current, wantStats), (i, p) -> {
                for (int t = 0; t < sums.length; t++) {
                    sums[t] += p.sums[t];
                }
                for (int j = 0; j < k; j++) {
                    counts[j] += p.counts[j];
                }
                hashes[i] = p.labelHash;
                far.addAll(p.far);
                if (far.size() > 2 * k) {
                    far.sort(FarthestRows.FARTHEST_FIRST);
                    far.subList(k, far.size()).clear();
                }
                if (distances != null) {
                    for (int j = 0; j < k; j++) {
                        distances[j] += p.distances[j];
                    }
                }
                inertia.add(p.inertia);
            });
            int distinct = 0;
            for (double c : counts) {
                if (c > 0) {
                    distinct++;
                }
            }
            if (distances != null) {
                ctx.stats(spread(ctx, sums, counts, distances, current));
            }
            relocateEmpty(sums, counts, far, d);
            double[] moved = average(sums, counts, d);
            atDataMean(moved, counts, ctx, d);
            Matrix next = Matrix.wrap(moved, k, d);
            double shift = Distances.squaredShift(current, next);
            centres = next;
            // the centres did not move at all: this pass was the E-step against the final centres
            finalStep = java.util.Arrays.equals(current.compact().data(), next.data())
                    ? new FinalStep(inertia.value(), distinct) : null;
            if (oldHashes != null && java.util.Arrays.equals(hashes, oldHashes)) {
                strict = true;
                LOG.log(System.Logger.Level.DEBUG, "converged at iteration {0}: strict convergence", iter);
                break;
            }
            double scaledTol = tol * ctx.stats().meanVariance();
            LOG.log(System.Logger.Level.DEBUG, "iteration {0}: centre shift {1}", iter, shift);
            if (shift <= scaledTol) {
                LOG.log(System.Logger.Level.DEBUG, "converged at iteration {0}: centre shift {1} within tolerance {2}",
                        iter, shift, scaledTol);
                break;
            }
            oldHashes = hashes.clone();
        }
        return new Result(centres, iter, strict, finalStep);
    }

    private static Partial partial(StepKernels sk, Block b, PreparedMatrix centres, int k, boolean wantStats) {
        Matrix x = b.rows();
        int rows = x.rows();
        int d = x.cols();
        ShiftedKernels kernels = sk.kernels();
        StepKernels.Scratch s = sk.takeScratch(x.rows());
        try {
            double[] sums = new double[k * d];
            double[] counts = new double[k];
            kernels.lloyd(x, centres, s.labels, s.dist, sums, counts);
            long hash = LabelHash.of(s.labels, rows);
            List<FarthestRows.Far> far = k > 1 ? FarthestRows.of(x, b.firstRow(), s.labels, s.dist, k - 1, kernels)
                    : List.of();
            CompensatedSum inertia = new CompensatedSum();
            double[] byCentre = wantStats ? new double[k] : null;
            for (int i = 0; i < rows; i++) {
                inertia.add(s.dist[i]);
            }
            if (byCentre != null) {
                for (int i = 0; i < rows; i++) {
                    byCentre[s.labels[i]] += s.dist[i];
                }
            }
            return new Partial(sums, counts, hash, far, byCentre, inertia);
        } finally {
            sk.giveScratch(s);
        }
    }

    /**
     * The data's mean and variance from the first pass's clusters ({@link DataSpread#fromClusters}), or, when their
     * rounding bound is too wide, measured by a pass of its own.
     */
    private static DataSpread spread(FitContext ctx, double[] sums, double[] counts, double[] distances,
                                     Matrix centres) {
        PassRunner runner = ctx.runner;
        long longest = 0;
        for (int b = 0; b < runner.numBlocks(); b++) {
            long end = b + 1 < runner.numBlocks() ? runner.firstRow(b + 1) : runner.rows();
            longest = Math.max(longest, end - runner.firstRow(b));
        }
        long terms = longest + runner.numBlocks();
        DataSpread fromClusters = DataSpread.fromClusters(sums, counts, distances, centres.compact(),
                ctx.kernels.shift(), terms);
        if (fromClusters != null) {
            return fromClusters;
        }
        LOG.log(System.Logger.Level.DEBUG, "the first pass's clusters do not give the variance to 1e-6: measuring it");
        FeatureStats stats = new FeatureStats(ctx.cols);
        ctx.pass("feature statistics", new Measure(ctx.stepKernels), (i, s) -> stats.merge(s));
        return DataSpread.of(stats);
    }

    /** One block's {@link FeatureStats}. */
    private static final class Measure extends BlockStep<FeatureStats> {
        private static final long serialVersionUID = 1L;

        Measure(StepKernels kernels) {
            super(kernels, Costs.NONE);
        }

        @Override
        FeatureStats compute(Block b, double[] costs) {
            return FeatureStats.ofPieces(b.rows());
        }
    }

    /**
     * scikit-learn's {@code _relocate_empty_clusters}: the j-th empty cluster (in index order) takes the
     * j-th farthest row (farthest from its own centre first), which leaves the cluster it was in. Works
     * on the unnormalised sums and counts.
     */
    static void relocateEmpty(double[] sums, double[] counts, List<FarthestRows.Far> far, int d) {
        relocateEmpty(sums, counts, far, d, null);
    }

    /**
     * {@link #relocateEmpty(double[], double[], List, int)} with row weights: row i counts {@code w_i}
     * ({@code weights[i]}, indexed by global row; 1 when {@code weights} is null) in the sums and counts.
     */
    static void relocateEmpty(double[] sums, double[] counts, List<FarthestRows.Far> far, int d, double[] weights) {
        int[] empty = java.util.stream.IntStream.range(0, counts.length).filter(j -> counts[j] == 0).toArray();
        if (empty.length == 0) {
            return;
        }
        far.sort(FarthestRows.FARTHEST_FIRST);
        int n = Math.min(empty.length, far.size());
        for (int e = 0; e < n; e++) {
            FarthestRows.Far f = far.get(e);
            int to = empty[e];
            int from = f.label();
            double w = weights == null ? 1.0 : weights[(int) f.row()];
            for (int j = 0; j < d; j++) {
                sums[from * d + j] -= w * f.x()[j];
                sums[to * d + j] = w * f.x()[j];
            }
            counts[from] -= w;
            counts[to] = w;
            LOG.log(System.Logger.Level.DEBUG, "empty cluster {0} moved to row {1} (from cluster {2})", to, f.row(), from);
        }
    }

    /**
     * A cluster left without rows once the empty ones have taken the farthest rows (every row it had was
     * moved) keeps its unnormalised sum, a residue near 0 (exactly 0 when it had one row). scikit-learn
     * computes that sum on X minus its mean, so its centre lands at the mean of X; here it is placed at the
     * same point, the residue plus the mean of X in the fit's translated frame, not at the frame's origin.
     */
    private static void atDataMean(double[] centres, double[] counts, FitContext ctx, int d) {
        double[] mean = null;
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] == 0) {
                if (mean == null) {
                    mean = ctx.stats().mean();
                    double[] s = ctx.kernels.shift();
                    for (int f = 0; s != null && f < d; f++) {
                        mean[f] -= s[f];
                    }
                }
                for (int f = 0; f < d; f++) {
                    centres[j * d + f] += mean[f];
                }
            }
        }
    }

    /** Sums divided by counts; a cluster still without rows keeps its (unnormalised) sum, as in scikit-learn. */
    static double[] average(double[] sums, double[] counts, int d) {
        double[] out = sums.clone();
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] > 0) {
                double inv = 1.0 / counts[j];
                for (int f = 0; f < d; f++) {
                    out[j * d + f] *= inv;
                }
            }
        }
        return out;
    }
}
