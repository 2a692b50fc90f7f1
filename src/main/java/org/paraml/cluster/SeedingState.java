package org.paraml.cluster;

import org.paraml.data.Block;
import org.paraml.data.RandomState;
import org.paraml.linalg.Matrix;

/**
 * The data being seeded and, for every row, its squared distance {@code d²(x, C)} to the nearest centre
 * chosen so far (the "closest_dist_sq" of k-means++, the cost of k-means||), kept between passes by the
 * fit's {@link PassRunner} (next to the blocks) so that each new centre is compared with every row once.
 * Optional per-row weights (the candidate weights of k-means||, small in-memory data) multiply each row's
 * cost: the potential is {@code φ = Σ_i w_i·d²(x_i, C)}.
 */
final class SeedingState {
    private final FitContext ctx;
    private final double[] weights;
    /** Whether every row's cost is still +∞, as {@link PassRunner#resetCosts()} left it (no update or store since). */
    private boolean costsInfinite;

    /**
     * A new seeding: every row's cost is set to infinity.
     *
     * @param weights one weight per row (for small in-memory data), or null for unit weights
     */
    SeedingState(FitContext ctx, double[] weights) {
        this.ctx = ctx;
        this.weights = weights;
        ctx.runner.resetCosts();
        this.costsInfinite = true;
    }

    long size() {
        return ctx.rows;
    }

    FitContext context() {
        return ctx;
    }

    /** The given rows of the data, in that order (in the context's translated coordinates). */
    Matrix rows(long... rows) {
        return ctx.gather(rows);
    }

    /**
     * The first centre: uniform over rows ({@code random_state.randint(n)}, as scikit-learn 1.2's
     * {@code _kmeans_plusplus}) when unweighted, else drawn with probability proportional to weight.
     */
    long firstCentre(RandomState rng) {
        if (weights == null) {
            return rng.randint(ctx.rows);
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double target = rng.randomSample() * total;
        double cum = 0;
        long last = -1;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                cum += weights[i];
                last = i;
                if (cum > target) {
                    return i;
                }
            }
        }
        return last;
    }

    /**
     * A block's potential after its costs were lowered and, when the step keeps each row's nearest centre,
     * the number of the block's rows nearest to each centre so far (else null).
     */
    record Lowered(CompensatedSum potential, double[] counts) implements java.io.Serializable {
    }

    /**
     * Lowers each block's costs against some centres and returns the block's potential; with {@code total >
     * 0}, also keeps each row's nearest centre (the new centres are numbered from {@code base}) and counts
     * the rows nearest to each of the {@code total} centres so far.
     */
    private static final class Update extends BlockStep<Lowered> {
        private static final long serialVersionUID = 1L;
        private final double[] centres;
        private final int k;
        private final double[] weights;
        private final int base;
        private final int total;
        /** The {@code base} candidates before these ({@code base × d}, translated), for the pruned update; or null. */
        private final double[] earlier;
        private transient volatile double[] between;
        /** The new candidates' subsets that the pruned update searches, prepared once per step object. */
        private transient volatile CandidateSubsets subsets;
        /** Whether every cost is +∞ before this step (the seeding's first update). */
        private final boolean fromInfinity;

        Update(StepKernels kernels, Matrix centres, double[] weights, int base, int total, Matrix earlier,
               boolean fromInfinity) {
            super(kernels, total > 0 ? Costs.WRITE_NEAREST : Costs.WRITE);
            this.centres = centres.compact().data().clone();
            this.k = centres.rows();
            this.weights = weights;
            this.base = base;
            this.total = total;
            this.earlier = earlier == null || base == 0 ? null : earlier.compact().data().clone();
            this.fromInfinity = fromInfinity;
        }

        /** The first update lowers costs from +∞: a row holding NaN or ±∞ keeps +∞ (its distances lower nothing). */
        @Override
        boolean costsShowNonFiniteRows() {
            return fromInfinity;
        }

        /** The candidates so far: the nearest-candidate indices this step writes are below it. */
        @Override
        public int nearestBound() {
            return total;
        }

        /** {@link PrunedMinUpdate#candidateDistances} of the earlier and the new candidates, once per step object. */
        private double[] between() {
            double[] b = between;
            if (b == null) {
                b = PrunedMinUpdate.candidateDistances(earlier, base, centres, k, centres.length / k);
                between = b;
            }
            return b;
        }

        /** The step's {@link CandidateSubsets}, made once per step object (and backend). */
        private CandidateSubsets subsets() {
            CandidateSubsets s = subsets;
            if (s == null || !s.isFor(kernels.kernels().backend(), centres)) {
                s = new CandidateSubsets(kernels.kernels().backend(), centres, centres.length / k);
                subsets = s;
            }
            return s;
        }

        @Override
        Lowered compute(Block b, double[] costs) {
            return compute(b, costs, null);
        }

        @Override
        Lowered compute(Block b, double[] costs, int[] nearest) {
            int rows = b.rows().rows();
            boolean pruned = nearest != null && earlier != null
                    && PrunedMinUpdate.update(kernels.kernels(), b.rows(), earlier, centres, k, between(), base, costs,
                    nearest, subsets());
            if (!pruned) {
                kernels.kernels().updateMin(b.rows(), prepared(0, 1, centres, k), costs, nearest, base);
            }
            double[] counts = nearest == null ? null : countNearest(nearest, rows, total);
            return new Lowered(weightedSum(weights, costs, b.firstRow(), rows), counts);
        }

        /**
         * How many of the first {@code rows} rows have each candidate nearest. A method of its own so that
         * {@link #compute} has no loop: called once a block, it then stays out of C2, which otherwise
         * compiled it (four times in a cold fit, 1.1 s of compiler CPU) with the whole kernel inlined.
         */
        private static double[] countNearest(int[] nearest, int rows, int total) {
            // four tallies, one for each row modulo 4: rows nearest to the same candidate (all of them in the cost
            // pass) then add to different counters, not each to the one the row before has just stored (a chain
            // through memory that was 10% of the cost pass, bench/RESULTS.md, session 35); integers, so the sums
            // are exact and the counts the same
            int[] tally = new int[4 * total];
            int i = 0;
            for (; i + 4 <= rows; i += 4) {
                // −1 only where every distance overflowed to +∞: counted for the first centre
                tally[4 * Math.max(0, nearest[i])]++;
                tally[4 * Math.max(0, nearest[i + 1]) + 1]++;
                tally[4 * Math.max(0, nearest[i + 2]) + 2]++;
                tally[4 * Math.max(0, nearest[i + 3]) + 3]++;
            }
            for (; i < rows; i++) {
                tally[4 * Math.max(0, nearest[i])]++;
            }
            double[] counts = new double[total];
            for (int c = 0; c < total; c++) {
                counts[c] = (double) tally[4 * c] + tally[4 * c + 1] + tally[4 * c + 2] + tally[4 * c + 3];
            }
            return counts;
        }
    }

    /** For each trial centre, the potential of a block if it were added (the costs are not changed). */
    private static final class Potentials extends BlockStep<CompensatedSum[]> {
        private static final long serialVersionUID = 1L;
        private final double[] trials;
        private final int n;
        private final double[] weights;

        Potentials(StepKernels kernels, Matrix trials, double[] weights) {
            super(kernels, Costs.READ);
            this.trials = trials.compact().data().clone();
            this.n = trials.rows();
            this.weights = weights;
        }

        @Override
        CompensatedSum[] compute(Block b, double[] costs) {
            Matrix x = b.rows();
            int rows = x.rows();
            int d = trials.length / n;
            CompensatedSum[] out = new CompensatedSum[n];
            StepKernels.Scratch tmp = kernels.takeScratch(rows);
            try {
                for (int t = 0; t < n; t++) {
                    System.arraycopy(costs, 0, tmp.dist, 0, rows);
                    double[] trial = java.util.Arrays.copyOfRange(trials, t * d, (t + 1) * d);
                    kernels.kernels().updateMin(x, prepared(t, n, trial, 1), tmp.dist);
                    out[t] = weightedSum(weights, tmp.dist, b.firstRow(), rows);
                }
            } finally {
                kernels.giveScratch(tmp);
            }
            return out;
        }
    }

    /**
     * Lowers each row's {@code d²} against {@code centres} (one pass) and returns the potential
     * {@code Σ_i w_i·d²_i} afterwards, summed with compensation in row order of blocks.
     */
    double update(Matrix centres, String phase) {
        return update(centres, 0, 0, null, null, phase);
    }

    /**
     * {@link #update(Matrix, String)} that also keeps, for every row, the index of its nearest centre: the
     * rows of {@code centres} are centres {@code base, base + 1, …} of {@code base + centres.rows()} so far;
     * a row's index changes only when one of them is strictly closer than its current {@code d²} (ties
     * between them: the lowest index), so the index is the one a search over all the centres so far would
     * give (ties: the earliest centre). Every row's index starts at −1 after {@link PassRunner#resetCosts()}.
     *
     * @param counts out: {@code counts[c]} becomes the number of rows nearest to centre c, for each of the
     *               {@code base + centres.rows()} centres (length at least that)
     */
    double updateNearest(Matrix centres, int base, double[] counts, String phase) {
        return updateNearest(centres, base, counts, null, phase);
    }

    /**
     * {@link #updateNearest(Matrix, int, double[], String)} that skips the rows and new centres the triangle
     * inequality rules out ({@link PrunedMinUpdate}; the same costs and indices), given the {@code base}
     * centres so far as {@code earlier} (null: score every pair).
     */
    double updateNearest(Matrix centres, int base, double[] counts, Matrix earlier, String phase) {
        return update(centres, base, base + centres.rows(), counts, earlier, phase);
    }

    private double update(Matrix centres, int base, int total, double[] counts, Matrix earlier, String phase) {
        CompensatedSum potential = new CompensatedSum();
        if (counts != null) {
            java.util.Arrays.fill(counts, 0, total, 0.0);
        }
        Update step = new Update(ctx.stepKernels, centres, weights, base, total, earlier, costsInfinite);
        costsInfinite = false;
        ctx.pass(phase, step, (i, s) -> {
            potential.add(s.potential());
            if (counts != null) {
                for (int c = 0; c < total; c++) {
                    counts[c] += s.counts()[c];
                }
            }
        });
        return potential.value();
    }

    /**
     * For each trial centre t (a row of {@code trials}), the potential the rows would have if t were
     * added: {@code Σ_i w_i·min(d²_i, ||x_i − t||²)} (one pass; {@code d²} is not modified).
     */
    double[] potentials(Matrix trials, String phase) {
        int n = trials.rows();
        CompensatedSum[] totals = new CompensatedSum[n];
        for (int t = 0; t < n; t++) {
            totals[t] = new CompensatedSum();
        }
        ctx.pass(phase, new Potentials(ctx.stepKernels, trials, weights), (i, out) -> {
            for (int t = 0; t < n; t++) {
                totals[t].add(out[t]);
            }
        });
        double[] pots = new double[n];
        for (int t = 0; t < n; t++) {
            pots[t] = totals[t].value();
        }
        return pots;
    }

    private static CompensatedSum weightedSum(double[] weights, double[] dist, long firstRow, int rows) {
        CompensatedSum sum = new CompensatedSum();
        if (weights == null) {
            for (int i = 0; i < rows; i++) {
                sum.add(dist[i]);
            }
        } else {
            int base = (int) firstRow;
            for (int i = 0; i < rows; i++) {
                sum.add(weights[base + i] * dist[i]);
            }
        }
        return sum;
    }

    /**
     * D² sampling, as {@code np.searchsorted(np.cumsum(w·d²), targets)}: for each target (in any order),
     * the first row whose running sum of {@code w_i·d²_i} (in row order) exceeds it. A row of zero mass
     * is never returned; a target at or above the total (rounding) gives the last row of positive mass, and
     * row 0 when no row has mass.
     * One sequential scan of the stored distances.
     */
    long[] search(double[] targets) {
        int m = targets.length;
        Integer[] order = new Integer[m];
        for (int t = 0; t < m; t++) {
            order[t] = t;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(targets[a], targets[b]));
        long[] out = new long[m];
        java.util.Arrays.fill(out, -1);
        int[] next = {0};
        double[] cum = {0};
        long[] lastPositive = {-1};
        ctx.runner.scanCosts((first, costs, len) -> {
            for (int i = 0; i < len && next[0] < m; i++) {
                long row = first + i;
                double mass = weights == null ? costs[i] : weights[(int) row] * costs[i];
                if (mass > 0) {
                    cum[0] += mass;
                    lastPositive[0] = row;
                    while (next[0] < m && cum[0] > targets[order[next[0]]]) {
                        out[order[next[0]++]] = row;
                    }
                }
            }
            return next[0] < m;
        });
        while (next[0] < m) {
            // no mass at all (every row is a centre already): row 0, as searchsorted over zeros gives
            out[order[next[0]++]] = Math.max(0, lastPositive[0]);
        }
        return out;
    }

    /** {@code Σ_i d²_i} in row order, plainly summed (the rows' costs are not weighted). */
    double totalCost() {
        double[] phi = {0};
        ctx.runner.scanCosts((first, costs, len) -> {
            for (int i = 0; i < len; i++) {
                phi[0] += costs[i];
            }
            return true;
        });
        return phi[0];
    }

    /**
     * Stores {@code dist[0..rows)} as the {@code d²} of rows {@code [firstRow, firstRow + rows)} (runners of
     * this JVM only).
     */
    void store(long firstRow, double[] dist, int rows) {
        if (!(ctx.runner instanceof LocalPasses local)) {
            throw new UnsupportedOperationException("costs are stored directly only in memory");
        }
        costsInfinite = false;
        local.storeCosts(firstRow, dist, rows);
    }
}
