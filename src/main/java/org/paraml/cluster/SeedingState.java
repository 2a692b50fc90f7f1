package org.paraml.cluster;

import org.paraml.backend.PreparedMatrix;
import org.paraml.data.Block;
import org.paraml.data.RandomState;
import org.paraml.linalg.Matrix;

/**
 * The data being seeded and, for every row, its squared distance {@code d²(x, C)} to the nearest centre
 * chosen so far (the "closest_dist_sq" of k-means++, the cost of k-means||), kept between passes so that
 * each new centre is compared with every row once. Optional per-row weights (the candidate weights of
 * k-means||) multiply each row's cost: the potential is {@code φ = Σ_i w_i·d²(x_i, C)}.
 */
final class SeedingState {
    private final FitContext ctx;
    private final double[] weights;
    private final RowDoubles d2;

    /**
     * @param weights one weight per row (for small in-memory data), or null for unit weights
     */
    SeedingState(FitContext ctx, double[] weights) {
        this.ctx = ctx;
        this.weights = weights;
        this.d2 = new RowDoubles(ctx.rows);
        d2.fill(Double.POSITIVE_INFINITY);
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
     * Lowers each row's {@code d²} against {@code centres} (one pass) and returns the potential
     * {@code Σ_i w_i·d²_i} afterwards, summed with compensation in row order of blocks.
     */
    double update(Matrix centres, String phase) {
        PreparedMatrix prepared = ctx.prepare(centres);
        CompensatedSum total = new CompensatedSum();
        ctx.pass(phase, b -> updateBlock(b, prepared), (i, s) -> total.add(s));
        return total.value();
    }

    private CompensatedSum updateBlock(Block b, PreparedMatrix centres) {
        Matrix x = b.rows();
        int rows = x.rows();
        FitContext.Scratch s = ctx.takeScratch(x.rows());
        try {
            d2.read(b.firstRow(), s.dist, rows);
            ctx.kernels.updateMin(x, centres, s.dist);
            d2.write(b.firstRow(), s.dist, rows);
            return weightedSum(s.dist, b.firstRow(), rows);
        } finally {
            ctx.giveScratch(s);
        }
    }

    /**
     * For each trial centre t (a row of {@code trials}), the potential the rows would have if t were
     * added: {@code Σ_i w_i·min(d²_i, ||x_i − t||²)} (one pass; {@code d²} is not modified).
     */
    double[] potentials(Matrix trials, String phase) {
        int n = trials.rows();
        PreparedMatrix[] prepared = new PreparedMatrix[n];
        for (int t = 0; t < n; t++) {
            prepared[t] = ctx.prepare(trials.rowRange(t, t + 1));
        }
        CompensatedSum[] totals = new CompensatedSum[n];
        for (int t = 0; t < n; t++) {
            totals[t] = new CompensatedSum();
        }
        ctx.pass(phase, b -> {
            Matrix x = b.rows();
            int rows = x.rows();
            CompensatedSum[] out = new CompensatedSum[n];
            FitContext.Scratch s = ctx.takeScratch(x.rows());
            FitContext.Scratch tmp = ctx.takeScratch(x.rows());
            try {
                d2.read(b.firstRow(), s.dist, rows);
                for (int t = 0; t < n; t++) {
                    System.arraycopy(s.dist, 0, tmp.dist, 0, rows);
                    ctx.kernels.updateMin(x, prepared[t], tmp.dist);
                    out[t] = weightedSum(tmp.dist, b.firstRow(), rows);
                }
            } finally {
                ctx.giveScratch(tmp);
                ctx.giveScratch(s);
            }
            return out;
        }, (i, out) -> {
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

    private CompensatedSum weightedSum(double[] dist, long firstRow, int rows) {
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
        int next = 0;
        double cum = 0;
        long lastPositive = -1;
        long row = 0;
        for (int c = 0; c < d2.chunkCount() && next < m; c++) {
            double[] chunk = d2.chunk(c);
            for (int i = 0; i < chunk.length && next < m; i++, row++) {
                double mass = weights == null ? chunk[i] : weights[(int) row] * chunk[i];
                if (mass > 0) {
                    cum += mass;
                    lastPositive = row;
                    while (next < m && cum > targets[order[next]]) {
                        out[order[next++]] = row;
                    }
                }
            }
        }
        while (next < m) {
            // no mass at all (every row is a centre already): row 0, as searchsorted over zeros gives
            out[order[next++]] = Math.max(0, lastPositive);
        }
        return out;
    }

    /** The stored {@code d²} of row {@code row}. */
    double d2(long row) {
        return d2.get(row);
    }

    /** Stores {@code dist[0..rows)} as the {@code d²} of rows {@code [firstRow, firstRow + rows)}. */
    void store(long firstRow, double[] dist, int rows) {
        d2.write(firstRow, dist, rows);
    }

    /** A sequential scan of every row's {@code d²}, chunk by chunk, for sampling. */
    RowDoubles distances() {
        return d2;
    }
}
