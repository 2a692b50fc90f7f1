package org.paraml.cluster;

import java.util.ArrayList;
import java.util.List;
import org.paraml.data.Block;
import org.paraml.data.RandomState;
import org.paraml.linalg.Matrix;

/**
 * k-means|| seeding, Algorithm 2 of Bahmani, Moseley, Vattani, Kumar and Vassilvitskii, "Scalable
 * K-Means++" (VLDB 2012), over blocks:
 * <ol>
 *   <li>the first candidate is a row drawn uniformly at random; {@code ψ = φ_X(C)} is the cost
 *       {@code Σ_x d²(x, C)} against it (one pass);</li>
 *   <li>for {@code r} rounds, every row is sampled independently with probability
 *       {@code min(1, ℓ·d²(x, C)/φ_X(C))}, {@code ℓ = oversampling_factor × n_clusters} (so about
 *       ℓ rows per round); the sampled rows join the candidates, and {@code d²(x, C)} is lowered
 *       against the new candidates only (one pass per round), which also records, for every row, which
 *       candidate is nearest to it so far;</li>
 *   <li>each candidate is weighted by the number of rows nearest to it (counted in the last cost
 *       update: no pass of its own), and the weighted candidates are reduced to k centres by the best of
 *       several weighted k-means++ draws each refined by weighted Lloyd iterations on the candidates
 *       ({@link CandidateReduction});</li>
 *   <li>with fewer than k distinct candidates, the missing centres are k-means++ draws from the data
 *       ({@code P(x) = d²(x, C)/φ_X(C)}, one pass each), never uniform rows.</li>
 * </ol>
 * The per-row draw of round r is {@code CounterRandom.uniform(key_r, row)}, a fixed function of the
 * global row index, so the candidates do not depend on block size or thread count. The number of
 * rounds is {@code max(1, round(ln ψ))} (Dask-ML's default), capped by {@code init_max_iter} when set.
 * Memory: one double per row for {@code d²(x, C)} and one int per row for the nearest candidate, kept by
 * the {@link PassRunner} next to the blocks while the seeding runs (12 bytes per row).
 */
final class KMeansParallel {
    private static final System.Logger LOG = System.getLogger(KMeansParallel.class.getName());

    private KMeansParallel() {
    }

    /** The default number of rounds for an initial cost ψ: {@code max(1, round(ln ψ))}, 0 when ψ = 0. */
    static int defaultRounds(double psi) {
        if (!(psi > 0)) {
            return 0;
        }
        return (int) Math.max(1, Math.round(Math.log(psi)));
    }

    static Matrix centres(FitContext ctx, int k, double oversamplingFactor, Integer initMaxIter, RandomState rng) {
        SeedingState state = new SeedingState(ctx, null);
        Candidates found = candidates(state, k, oversamplingFactor, initMaxIter, rng);
        Matrix candidates = found.points();
        double[] weights = found.weights();
        int distinct = 0;
        for (double w : weights) {
            if (w > 0) {
                distinct++;
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "k-means||: {0} candidates, {1} with rows nearest to them",
                candidates.rows(), distinct);
        if (distinct >= k) {
            return CandidateReduction.reduce(ctx.kernels.backend(), candidates, weights, k, rng);
        }
        return topUp(state, candidates, weights, k, rng);
    }

    /**
     * The candidates of k-means|| and their weights: {@code weights[c]} is the number of rows whose nearest
     * candidate is c (ties: the earlier candidate).
     */
    record Candidates(Matrix points, double[] weights) {
    }

    /**
     * Steps 1–3: the first candidate, the rounds, and the weights. Each row's nearest candidate is kept
     * through the cost updates ({@link SeedingState#updateNearest}), so the weights are the counts of the
     * last update: no pass of their own, and the last round's pass scores only that round's candidates.
     */
    static Candidates candidates(SeedingState state, int k, double oversamplingFactor, Integer initMaxIter,
                                 RandomState rng) {
        return candidates(state, k, oversamplingFactor, initMaxIter, rng, true);
    }

    /**
     * {@link #candidates(SeedingState, int, double, Integer, RandomState)}, with {@code prune} false scoring
     * every row against every new candidate instead of skipping the pairs the triangle inequality rules out
     * ({@link PrunedMinUpdate}): the same candidates, weights and costs either way.
     */
    static Candidates candidates(SeedingState state, int k, double oversamplingFactor, Integer initMaxIter,
                                 RandomState rng, boolean prune) {
        FitContext ctx = state.context();
        long n = ctx.rows;
        double ell = oversamplingFactor * k;
        long first = rng.randint(n);
        long key = (rng.randint(1L << 32) << 32) | rng.randint(1L << 32);
        Matrix newest = state.rows(first);
        List<Matrix> candidateParts = new ArrayList<>();
        candidateParts.add(newest);
        double[] counts = new double[1];
        double phi = state.updateNearest(newest, 0, counts, "k-means|| cost");
        if (!Double.isFinite(phi)) {
            // the values are finite (the pass checked), so their squared distances overflow float64
            throw new IllegalArgumentException("the squared distances between the rows overflow float64 (the k-means|| "
                    + "cost is " + phi + "): the values are too large (beyond about 1e150); scale the data, e.g. "
                    + "divide it by its largest absolute value");
        }
        int total = 1;
        int rounds = defaultRounds(phi);
        if (initMaxIter != null) {
            rounds = Math.min(rounds, initMaxIter);
        }
        LOG.log(System.Logger.Level.DEBUG, "k-means||: initial cost {0}, {1} round(s) of about {2} samples", phi, rounds,
                ell);
        for (int r = 1; r <= rounds && phi > 0; r++) {
            Sampled sampled = sampleRows(state, phi, ell, CounterRandom.key(key, r));
            LOG.log(System.Logger.Level.DEBUG, "k-means|| round {0}: {1} rows sampled", r, sampled.rows().length);
            if (sampled.rows().length == 0) {
                continue;
            }
            newest = ctx.kernels.toShifted(sampled.values());
            candidateParts.add(newest);
            counts = new double[total + newest.rows()];
            Matrix earlier = prune ? stack(candidateParts.subList(0, candidateParts.size() - 1), ctx.cols) : null;
            phi = state.updateNearest(newest, total, counts, earlier, "k-means|| round " + r + " of " + rounds);
            total += newest.rows();
        }
        return new Candidates(stack(candidateParts, ctx.cols), counts);
    }

    /** Rows sampled in one round: row x with probability {@code min(1, ℓ·d²(x)/φ)}, ascending. */
    static long[] sample(SeedingState state, double phi, double ell, long key) {
        return sampleRows(state, phi, ell, key).rows();
    }

    /** The rows sampled in a round (ascending global indices) and their values, as the blocks hold them. */
    record Sampled(long[] rows, Matrix values) {
    }

    /**
     * Rows sampled in one round with their values, taken from the blocks in the same pass (no second pass
     * to fetch them: for generated or remote blocks a fetch would read every block again).
     */
    static Sampled sampleRows(SeedingState state, double phi, double ell, long key) {
        FitContext ctx = state.context();
        if (ctx.runner.fetchesRowsCheaply()) {
            return sampleFromCosts(ctx, ell / phi, key);
        }
        int nBlocks = ctx.runner.numBlocks();
        long[][] rows = new long[nBlocks][];
        double[][] values = new double[nBlocks][];
        ctx.pass("k-means|| sample", new Sample(ctx.stepKernels, ell / phi, key), (i, part) -> {
            rows[i] = part.rows;
            values[i] = part.values;
        });
        int count = 0;
        for (long[] p : rows) {
            count += p.length;
        }
        long[] out = new long[count];
        Matrix m = Matrix.zeros(count, ctx.cols);
        int at = 0;
        for (int b = 0; b < nBlocks; b++) {
            System.arraycopy(rows[b], 0, out, at, rows[b].length);
            System.arraycopy(values[b], 0, m.data(), at * ctx.cols, values[b].length);
            at += rows[b].length;
        }
        return new Sampled(out, m);
    }

    /**
     * {@link #sampleRows} for blocks in a file: the rows are picked from the costs the runner keeps in
     * memory, by the same rule as {@link Sample}, and only they are read (a pass would read the whole file).
     */
    private static Sampled sampleFromCosts(FitContext ctx, double scale, long key) {
        // pieces of the costs are scanned on the runner's threads (a hash a row), their rows put back in row order
        java.util.concurrent.ConcurrentSkipListMap<Long, long[]> pieces = new java.util.concurrent.ConcurrentSkipListMap<>();
        ctx.runner.visitCosts((first, costs, length) -> pieces.put(first, sampledRows(costs, length, first, scale, key)));
        int count = 0;
        for (long[] p : pieces.values()) {
            count += p.length;
        }
        long[] rows = new long[count];
        int at = 0;
        for (long[] p : pieces.values()) {
            System.arraycopy(p, 0, rows, at, p.length);
            at += p.length;
        }
        return new Sampled(rows, ctx.runner.gatherRows(rows));
    }

    /** The rows {@code first + i}, {@code i < length}, that the round samples, ascending. */
    private static long[] sampledRows(double[] costs, int length, long first, double scale, long key) {
        long[] picked = new long[16];
        int count = 0;
        for (int i = 0; i < length; i++) {
            if (sampled(costs[i], scale, key, first + i)) {
                if (count == picked.length) {
                    picked = java.util.Arrays.copyOf(picked, 2 * count);
                }
                picked[count++] = first + i;
            }
        }
        return java.util.Arrays.copyOf(picked, count);
    }

    /** The sampling rule of a round: row {@code row} with cost {@code v} is taken when {@code uniform(key, row) < v·scale}. */
    private static boolean sampled(double v, double scale, long key, long row) {
        return v > 0 && CounterRandom.uniform(key, row) < v * scale;
    }

    /** One block's sampled rows and their values (row-major, as the block holds them). */
    private record BlockSample(long[] rows, double[] values) implements java.io.Serializable {
    }

    /** The rows of one block sampled in a round: {@code d² > 0} and {@code uniform(key, row) < d²·scale}. */
    private static final class Sample extends BlockStep<BlockSample> {
        private static final long serialVersionUID = 1L;
        private final double scale;
        private final long key;

        Sample(StepKernels kernels, double scale, long key) {
            super(kernels, Costs.READ);
            this.scale = scale;
            this.key = key;
        }

        @Override
        BlockSample compute(Block b, double[] costs) {
            Matrix x = b.rows();
            long[] rows = sampledRows(costs, x.rows(), b.firstRow(), scale, key);
            int d = x.cols();
            double[] values = new double[rows.length * d];
            for (int j = 0; j < rows.length; j++) {
                System.arraycopy(x.data(), x.offset((int) (rows[j] - b.firstRow())), values, j * d, d);
            }
            return new BlockSample(rows, values);
        }
    }

    /** Fewer distinct candidates than k: the rest are k-means++ draws from the data (one pass each). */
    private static Matrix topUp(SeedingState state, Matrix candidates, double[] weights, int k, RandomState rng) {
        FitContext ctx = state.context();
        Matrix centres = Matrix.zeros(k, ctx.cols);
        int c = 0;
        for (int i = 0; i < weights.length && c < k; i++) {
            if (weights[i] > 0) {
                KMeansPlusPlus.copyRow(candidates, i, centres, c++);
            }
        }
        int found = c;
        double phi = state.totalCost();
        while (c < k) {
            if (!(phi > 0)) {
                LOG.log(System.Logger.Level.WARNING, "k-means|| found only {0} distinct point(s) for n_clusters={1}: "
                        + "the data have fewer distinct points than clusters; repeating centres", c, k);
                for (; c < k; c++) {
                    KMeansPlusPlus.copyRow(centres, c % Math.max(1, found), centres, c);
                }
                break;
            }
            long row = state.search(new double[] {rng.randomSample() * phi})[0];
            Matrix drawn = state.rows(row);
            KMeansPlusPlus.copyRow(drawn, 0, centres, c++);
            if (c < k) {
                phi = state.update(drawn, "k-means|| extra centre " + c + " of " + k);
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "k-means|| found {0} distinct candidate(s) for n_clusters={1}; "
                + "the other {2} are k-means++ draws", found, k, k - found);
        return centres;
    }

    private static Matrix stack(List<Matrix> parts, int cols) {
        int rows = 0;
        for (Matrix p : parts) {
            rows += p.rows();
        }
        Matrix out = Matrix.zeros(rows, cols);
        int r = 0;
        for (Matrix p : parts) {
            for (int i = 0; i < p.rows(); i++) {
                KMeansPlusPlus.copyRow(p, i, out, r++);
            }
        }
        return out;
    }
}
