package org.paraml.cluster;

import org.paraml.backend.Backend;
import org.paraml.backend.PreparedMatrix;
import org.paraml.linalg.Matrix;

/**
 * A k-means|| cost update of one block that skips the row–candidate pairs the triangle inequality rules
 * out, with exactly the costs and nearest candidates of the full update.
 *
 * <p><b>The rule.</b> Row x has cost {@code r² = d²(x, a)} to its nearest candidate a so far. A new
 * candidate c with {@code d(a, c) ≥ 2r} cannot be strictly nearer: {@code d(x, c) ≥ d(a, c) − d(x, a) ≥ r}.
 * Rows are grouped by their nearest candidate a; for the group's largest cost {@code R²}, the new
 * candidates with {@code d²(a, c) ≥ 4R²·(1 + MARGIN)} are skipped for the whole group. The margin (10⁻⁶
 * relative) covers the rounding of the computed distances, which agree with the exact ones to about 10⁻⁹
 * relative on every backend ({@link Backend#RELATIVE_TOLERANCE}): a skipped candidate's computed distance
 * is then never below the row's computed cost, so it could neither lower the cost nor tie with the candidate
 * that does (ties between new candidates go to the lowest index, and the kept ones keep their order).
 *
 * <p><b>Where it pays.</b> After the first round the candidates spread over the data's clusters and each
 * row's group keeps the few candidates near it: on the tutorial's blobs a round scores about a tenth of the
 * pairs. In the first round every row's nearest candidate is the first one, no candidate is skipped, and
 * the block takes the full update ({@link #WORTH}). The block is read in row order, a slab of
 * {@link #SLAB_ROWS} rows (at most {@link #SLAB_BYTES}) at a time, each row translated into its group's run of a buffer (gathering a
 * group's rows from across the block instead was slower than the full update: a cache miss per row), and
 * each run is scored against its group's candidates in one backend call. The groups of all blocks keep few distinct
 * sets of candidates (about 25 a round on the tutorial's blobs), each prepared once a round ({@link CandidateSubsets}).
 */
final class PrunedMinUpdate {
    /** Relative margin of the skipping rule (see the class comment). */
    static final double MARGIN = 1e-6;
    /** Groups are scored only when they need at most this fraction of the full update's row–candidate pairs. */
    static final double WORTH = 0.5;
    /**
     * The least fraction of the squared norms involved below which a group's largest cost counts as tight
     * (see {@link #tightFraction}); it decides below 10 features.
     */
    static final double TIGHT = 1e-8;
    /** The backends whose distance rules this class keeps bit for bit (tested); others take the full update. */
    static final java.util.Set<String> BACKENDS = java.util.Set.of("scalar", "simd");
    /** Rows regrouped at a time: the extra memory is a slab's translated copy, whatever the block size. */
    static final int SLAB_ROWS = 16384;
    /** At most this many bytes of translated rows per slab (fewer rows when there are many features). */
    static final long SLAB_BYTES = 8L << 20;

    private PrunedMinUpdate() {
    }

    /**
     * Squared distances between the earlier candidates (rows of {@code earlier}, {@code base × d}) and the
     * new ones ({@code fresh}, {@code k × d}), {@code out[a·k + c] = Σ_j (earlier_aj − fresh_cj)²}.
     */
    static double[] candidateDistances(double[] earlier, int base, double[] fresh, int k, int d) {
        double[] out = new double[base * k];
        for (int a = 0; a < base; a++) {
            for (int c = 0; c < k; c++) {
                double s = 0.0;
                for (int j = 0; j < d; j++) {
                    double t = earlier[a * d + j] - fresh[c * d + j];
                    s += t * t;
                }
                out[a * k + c] = s;
            }
        }
        return out;
    }

    /**
     * Lowers {@code costs} and sets {@code nearest} (as {@code base + c}) for the rows of {@code x} against the
     * {@code k} new candidates {@code fresh}, as {@link ShiftedKernels#updateMin(Matrix, PreparedMatrix,
     * double[], int[], int)} would, skipping the pairs the rule rules out.
     *
     * @param between {@link #candidateDistances} of the {@code base} earlier candidates and the new ones
     * @param subsets the round's prepared subsets of {@code fresh}, which its blocks share
     * @return false, having changed nothing, when skipping would save too little ({@link #WORTH}): the
     *         caller then runs the full update
     * @throws IllegalArgumentException when {@code subsets} are of other candidates or another backend
     */
    static boolean update(ShiftedKernels kernels, Matrix x, double[] earlier, double[] fresh, int k, double[] between,
                          int base, double[] costs, int[] nearest, CandidateSubsets subsets) {
        if (!BACKENDS.contains(kernels.backend().name())) {
            return false;
        }
        if (!subsets.isFor(kernels.backend(), fresh)) {
            throw new IllegalArgumentException("the prepared subsets are of other candidates or another backend");
        }
        int[][] kept = plan(x, earlier, fresh, k, between, base, costs, nearest);
        if (kept == null) {
            return false;
        }
        score(kernels, x, base, kept, costs, nearest, subsets);
        return true;
    }

    /*
     * Why the loops below sit in methods of their own: update, score and scoreSlab call the backend. Left with
     * a loop over the rows, such a caller reached C2 early in a cold fit, which compiled it with the whole SIMD
     * kernel inlined (and again after each trap): SeedingState's block step and scoreSlab took 1.8 s of compiler
     * CPU in a cold 6M-row fit on two cores (bench/RESULTS.md, session 31). Without them, the callers run a few
     * times a block and stay out of C2, and the kernels are compiled once, on their own.
     */

    /**
     * The kept candidates of each group (rows by nearest candidate, group {@code base} for rows without one
     * yet), or null when skipping would save too little ({@link #WORTH}).
     */
    private static int[][] plan(Matrix x, double[] earlier, double[] fresh, int k, double[] between, int base,
                                double[] costs, int[] nearest) {
        int n = x.rows();
        int d = x.cols();
        int[] size = new int[base + 1];
        double[] radius2 = new double[base + 1];
        groupSizes(nearest, costs, n, base, size, radius2);
        double[] freshNorm2 = squaredNorms(fresh, k, d);
        double maxNorm2 = 0.0;
        for (double v : freshNorm2) {
            maxNorm2 = Math.max(maxNorm2, v);
        }
        // the candidates of largest norm, and any that a backend's own rounding of the norms might put first
        boolean[] widest = new boolean[k];
        for (int c = 0; c < k; c++) {
            widest[c] = freshNorm2[c] >= maxNorm2 * (1.0 - 1e-12);
        }
        int[][] kept = new int[base + 1][];
        long work = 0;
        for (int g = 0; g <= base; g++) {
            if (size[g] > 0) {
                double scale = g == base ? 0.0
                        : square(Math.sqrt(squaredNorm(earlier, g, d)) + Math.sqrt(radius2[g])) + maxNorm2;
                kept[g] = keptCandidates(g, base, k, between, radius2[g], scale * tightFraction(d), widest);
                work += (long) size[g] * kept[g].length;
            }
        }
        return work > WORTH * n * k ? null : kept;
    }

    /** Each group's row count and largest cost. */
    private static void groupSizes(int[] nearest, double[] costs, int n, int base, int[] size, double[] radius2) {
        for (int i = 0; i < n; i++) {
            int g = group(nearest[i], base);
            size[g]++;
            radius2[g] = Math.max(radius2[g], costs[i]);
        }
    }

    /**
     * Scores the block slab by slab against each group's kept candidates. Apart from {@link #update}'s planning:
     * the first round always returns before this point, and C2 compiled {@link #update} then without it, so
     * that its first use in round 2 made the compiled method trap and C2 compile it again (and OSR-compile its
     * loops) several times while the round ran in slower code.
     */
    private static void score(ShiftedKernels kernels, Matrix x, int base, int[][] kept, double[] costs, int[] nearest,
                              CandidateSubsets subsets) {
        int n = x.rows();
        int d = x.cols();
        PreparedMatrix[] centres = preparedGroups(subsets, base, kept);
        Slab buffers = Slab.take(d);
        try {
            int slab = Math.min(buffers.rows, n);
            int[] start = new int[base + 2];
            int[] fill = new int[base + 1];
            for (int s0 = 0; s0 < n; s0 += slab) {
                scoreSlab(kernels, x, s0, Math.min(n, s0 + slab), base, kept, centres, buffers, start, fill, costs,
                        nearest);
            }
        } finally {
            Slab.give(buffers);
        }
    }

    /** Each group's kept candidates as the backend prepares them (once a round); null for a group that keeps none. */
    private static PreparedMatrix[] preparedGroups(CandidateSubsets subsets, int base, int[][] kept) {
        PreparedMatrix[] centres = new PreparedMatrix[base + 1];
        for (int g = 0; g <= base; g++) {
            if (kept[g] != null && kept[g].length > 0) {
                centres[g] = subsets.of(kept[g]);
            }
        }
        return centres;
    }

    /** Rows {@code [s0, s1)}: translated into group order in the slab buffer, each group scored in one backend call. */
    private static void scoreSlab(ShiftedKernels kernels, Matrix x, int s0, int s1, int base, int[][] kept,
                                  PreparedMatrix[] centres, Slab buffers, int[] start, int[] fill, double[] costs,
                                  int[] nearest) {
        inGroupOrder(kernels, x, s0, s1, base, buffers, start, fill, costs, nearest);
        Backend backend = kernels.backend();
        for (int g = 0; g <= base; g++) {
            if (start[g] < start[g + 1] && centres[g] != null) {
                backend.updateMinDistances(buffers.matrix, start[g], start[g + 1], centres[g], buffers.dist,
                        buffers.arg, 0);
            }
        }
        lowered(s1 - s0, base, kept, start, buffers, costs, nearest);
    }

    /**
     * The slab's rows in group order, translated, read in row order with each group written as a run
     * ({@code start[g]} to {@code start[g + 1]}); each run position's origin row, current cost, and no
     * candidate yet.
     */
    private static void inGroupOrder(ShiftedKernels kernels, Matrix x, int s0, int s1, int base, Slab buffers,
                                     int[] start, int[] fill, double[] costs, int[] nearest) {
        int d = x.cols();
        double[] rows = buffers.values;
        int[] origin = buffers.origin;
        java.util.Arrays.fill(start, 0);
        for (int i = s0; i < s1; i++) {
            start[group(nearest[i], base) + 1]++;
        }
        for (int g = 0; g <= base; g++) {
            start[g + 1] += start[g];
        }
        System.arraycopy(start, 0, fill, 0, base + 1);
        for (int i = s0; i < s1; i++) {
            int j = fill[group(nearest[i], base)]++;
            kernels.translateRow(x, i, rows, j * d);
            origin[j] = i;
            buffers.dist[j] = costs[i];
            buffers.arg[j] = -1;
        }
    }

    /** The lowered costs and new nearest candidates of the slab's {@code count} run positions, back to their rows. */
    private static void lowered(int count, int base, int[][] kept, int[] start, Slab buffers, double[] costs,
                                int[] nearest) {
        int[] origin = buffers.origin;
        int g = 0;
        for (int j = 0; j < count; j++) {
            while (j >= start[g + 1]) {
                g++;
            }
            int c = buffers.arg[j];
            if (c >= 0) {
                int i = origin[j];
                costs[i] = buffers.dist[j];
                nearest[i] = base + kept[g][c];
            }
        }
    }

    /**
     * Slab buffers, kept between blocks and passes: a slab of 20 features is 2.6 MB, which G1 allocates as a
     * humongous object, and one per block made the 100M-row fit with a 2 GB heap 8% slower. The groups' costs
     * and nearest candidates go through {@link #dist} and {@link #arg} at the rows of their runs: arrays of
     * their own for every group of every slab were 0.6 GB of a 20M-row fit's allocation (bench/RESULTS.md,
     * session 29). Idle ones wait in a small shared pool, not in thread-locals: every pass over blocks runs on new
     * threads, so thread-local slabs were made again each round (21 MB of fresh memory a 20M-row fit, session 33).
     * The pool holds them softly, so that a JVM short of memory may drop them between fits.
     */
    private static final class Slab {
        /** Idle slabs kept at most (one per compute thread of a four-core machine's passes). */
        private static final int KEPT = 4;
        private static final java.util.concurrent.ConcurrentLinkedDeque<java.lang.ref.SoftReference<Slab>> IDLE =
                new java.util.concurrent.ConcurrentLinkedDeque<>();
        final int d;
        final int rows;
        final double[] values;
        /** {@link #values} as a matrix of {@link #rows} rows, the runs being row ranges of it. */
        final Matrix matrix;
        final int[] origin;
        final double[] dist;
        final int[] arg;

        private Slab(int d) {
            this.d = d;
            this.rows = (int) Math.max(64, Math.min(SLAB_ROWS, SLAB_BYTES / (8L * Math.max(1, d))));
            this.values = new double[rows * d];
            this.matrix = Matrix.wrap(values, rows, d);
            this.origin = new int[rows];
            this.dist = new double[rows];
            this.arg = new int[rows];
        }

        /** An idle slab for d features, or a new one; {@link #give} it back when done. */
        static Slab take(int d) {
            for (java.lang.ref.SoftReference<Slab> ref : IDLE) {
                Slab s = ref.get();
                if ((s == null || s.d == d) && IDLE.removeFirstOccurrence(ref) && s != null) {
                    return s;
                }
            }
            return new Slab(d);
        }

        /** Returns a slab taken with {@link #take}, kept for the next block; the least recently given goes beyond {@link #KEPT}. */
        static void give(Slab s) {
            IDLE.addFirst(new java.lang.ref.SoftReference<>(s));
            while (IDLE.size() > KEPT) {
                IDLE.pollLast();
            }
        }
    }

    /**
     * The fraction of the squared norms involved below which a group's largest cost {@code R²} is too tight to
     * skip anything: the backends' scores {@code ‖c‖² − 2⟨x, c⟩} carry a rounding error of up to about
     * {@code (d + 2)·2⁻⁵³} of those norms, and two of them (a skipped candidate's and the row's cost) must stay
     * below the margin's {@code MARGIN·R²}: {@code R² ≥ 2·(d + 2)·2⁻⁵³/MARGIN} of the norms, taken four times
     * over, and never below {@link #TIGHT}. Growing with d, it covers the worst case at any width (a fixed
     * {@code 1e-8} stopped covering it above ~45 features).
     */
    static double tightFraction(int d) {
        return Math.max(TIGHT, 8.0 * (d + 2) * 0x1p-53 / MARGIN);
    }

    private static int group(int nearestCandidate, int base) {
        return nearestCandidate < 0 || nearestCandidate >= base ? base : nearestCandidate;
    }

    /**
     * The new candidates group g keeps, ascending: all of them for rows without a nearest candidate, and for
     * a group so tight ({@code R² < tight}, {@link #tightFraction} of a bound on the squared norms involved)
     * that the rounding of the backend's scores could exceed the margin; none when no candidate can lower a
     * cost; else the candidates the rule keeps and those of largest norm ({@code widest}), whose norm some
     * backends use to decide when a distance is recomputed directly (the SIMD backend's cancellation rule), so
     * that every distance of the group comes out as in the full update.
     */
    private static int[] keptCandidates(int g, int base, int k, double[] between, double radius2, double tight,
                                        boolean[] widest) {
        if (g == base || !(radius2 < Double.POSITIVE_INFINITY) || radius2 < tight) {
            int[] all = new int[k];
            for (int c = 0; c < k; c++) {
                all[c] = c;
            }
            return all;
        }
        double limit = 4.0 * radius2 * (1.0 + MARGIN);
        int count = 0;
        for (int c = 0; c < k; c++) {
            if (between[g * k + c] < limit) {
                count++;
            }
        }
        if (count == 0) {
            return new int[0];
        }
        int[] keep = new int[k];
        int t = 0;
        for (int c = 0; c < k; c++) {
            if (between[g * k + c] < limit || widest[c]) {
                keep[t++] = c;
            }
        }
        return java.util.Arrays.copyOf(keep, t);
    }

    private static double square(double v) {
        return v * v;
    }

    private static double squaredNorm(double[] rows, int i, int d) {
        double s = 0.0;
        for (int j = 0; j < d; j++) {
            s += rows[i * d + j] * rows[i * d + j];
        }
        return s;
    }

    private static double[] squaredNorms(double[] rows, int count, int d) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = squaredNorm(rows, i, d);
        }
        return out;
    }

}
