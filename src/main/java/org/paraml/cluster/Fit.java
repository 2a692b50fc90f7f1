package org.paraml.cluster;

import org.paraml.backend.Backend;
import org.paraml.data.Blocks;
import org.paraml.data.RandomState;
import org.paraml.linalg.Matrix;

/**
 * One call of {@link KMeans#fit}: validation, {@code n_init} runs of initialisation + Lloyd + final
 * E-step, and the choice of the best run as scikit-learn makes it (lower inertia, unless it is the same
 * partition as the best so far).
 */
final class Fit {
    private final KMeans params;
    private final PassRunner data;
    private final boolean alreadyValidated;
    private final BlockLabelsConsumer labelsOut;
    /** Whether the fit keeps its warnings to itself (a {@link KMeansRehearsal}'s). */
    private boolean quiet;
    private Backend backend;
    private double[] shift;
    private Matrix centres;
    private double inertia;
    private int nIter;

    Fit(KMeans params, Blocks data, boolean alreadyValidated, BlockLabelsConsumer labelsOut) {
        this(params, new LocalPasses(data, params.threads(), params.progress()), alreadyValidated, labelsOut);
    }

    /** A fit whose passes {@code data} runs (wherever its blocks live). */
    Fit(KMeans params, PassRunner data, boolean alreadyValidated, BlockLabelsConsumer labelsOut) {
        this.params = params;
        this.data = data;
        this.alreadyValidated = alreadyValidated;
        this.labelsOut = labelsOut;
    }

    /** This fit logs no warnings: its model is not the user's. */
    Fit quiet() {
        quiet = true;
        return this;
    }

    void run() {
        int k = params.nClusters();
        long n = data.rows();
        int d = data.cols();
        if (n == 0) {
            throw new IllegalArgumentException("Found array with 0 sample(s) (shape=(0, " + d
                    + ")) while a minimum of 1 is required by KMeans.");
        }
        if (n < k) {
            throw new IllegalArgumentException("n_samples=" + n + " should be >= n_clusters=" + k + ".");
        }
        Matrix given = params.initCentres();
        if (given != null) {
            if (given.rows() != k) {
                throw new IllegalArgumentException("The shape of the initial centers (" + given.rows() + ", "
                        + given.cols() + ") does not match the number of clusters " + k + ".");
            }
            if (given.cols() != d) {
                throw new IllegalArgumentException("The shape of the initial centers (" + given.rows() + ", "
                        + given.cols() + ") does not match the number of features of the data " + d + ".");
            }
        }
        backend = params.resolvedBackend();
        if (!quiet) {
            KMeansRehearsal.beforeFit(params, data, backend);
        }
        shift = FitContext.translationFor(data);
        FitContext ctx = new FitContext(data, params.threads(), backend, shift);
        if (alreadyValidated) {
            ctx.validated();
        }
        RandomState rng = params.randomState() == null ? RandomState.fromEntropy()
                : new RandomState(params.randomState());
        String method = params.initMethod();
        int runs = method.equals(KMeans.K_MEANS_PLUS_PLUS) || method.equals(KMeans.RANDOM) ? params.nInit() : 1;
        long bestPartition = 0;
        int bestDistinct = 0;
        boolean streamed = false;
        for (int run = 0; run < runs; run++) {
            Matrix start = switch (method) {
                case "array" -> ctx.kernels.toShifted(given);
                case KMeans.RANDOM -> RandomInit.centres(ctx, k, rng);
                case KMeans.K_MEANS_PLUS_PLUS -> KMeansPlusPlus.seed(new SeedingState(ctx, null), k, rng, "k-means++");
                default -> KMeansParallel.centres(ctx, k, params.oversamplingFactor(), params.initMaxIter(), rng);
            };
            data.resetCosts(); // the seeding's per-row state is not needed by Lloyd: free it
            Lloyd.Result r = Lloyd.run(ctx, start, params.maxIter(), params.tol());
            BlockLabelsConsumer out = runs == 1 ? labelsOut : null;
            Assignment.Result a;
            if (runs == 1 && out == null && r.finalStep() != null) {
                // the last Lloyd pass was the E-step against these centres; with one run the partition's
                // fingerprint (which compares runs) is not needed
                a = new Assignment.Result(r.finalStep().inertia(), 0L, r.finalStep().distinctLabels());
            } else {
                a = Assignment.run(ctx, r.centres(), "labels", out);
            }
            streamed = out != null;
            KMeans.log().log(System.Logger.Level.DEBUG, "run {0} of {1}: {2} iteration(s), inertia {3}", run + 1, runs,
                    r.nIter(), a.inertia());
            if (centres == null || (a.inertia() < inertia && a.partitionHash() != bestPartition)) {
                centres = r.centres();
                inertia = a.inertia();
                nIter = r.nIter();
                bestPartition = a.partitionHash();
                bestDistinct = a.distinctLabels();
            }
        }
        if (labelsOut != null && !streamed) {
            Assignment.run(ctx, centres, "labels", labelsOut);
        }
        centres = ctx.kernels.fromShifted(centres);
        if (bestDistinct < k && !quiet) {
            KMeans.log().log(System.Logger.Level.WARNING, "Number of distinct clusters ({0}) found smaller than "
                    + "n_clusters ({1}). Possibly due to duplicate points in X.", bestDistinct, k);
        }
    }

    /** The fitted model, with the given training labels. */
    KMeansModel model(ClusterLabels labels) {
        return new KMeansModel(centres, inertia, nIter, labels, backend, params.threads(), shift);
    }

    /** Training labels computed again from {@code blocks} when read. */
    ClusterLabels streamedLabels(Blocks blocks) {
        return new StreamedLabels(blocks, centres, backend, params.threads(), shift, false);
    }

    /** Training labels computed again by {@code runner}'s passes when read. */
    ClusterLabels streamedLabels(PassRunner runner) {
        return new StreamedLabels(runner, centres, backend, params.threads(), shift);
    }
}
