package org.paraml.cluster;

import java.io.Serializable;
import org.paraml.backend.PreparedMatrix;
import org.paraml.data.Block;
import org.paraml.linalg.Matrix;

/**
 * The work one k-means pass does on one block — a Lloyd step, a k-means|| cost update, an E-step — as a
 * serializable value that a {@link PassRunner} runs wherever the block lives: on the fitting JVM's threads,
 * or on a Spark executor. A step holds only what it needs (centres as arrays, a few numbers); per-block
 * results come back to the fit, which merges them in block order, so a fit gives the same result wherever
 * its steps ran. The steps themselves are defined by the k-means implementation (this package); runners
 * only call {@link #apply}.
 *
 * <p><b>Per-row costs.</b> k-means|| and k-means++ keep, for every row, its squared distance to the nearest
 * centre chosen so far. A runner keeps these costs with the blocks (a Spark runner: in cached partitions)
 * and hands a step the costs of its block when {@link #costs()} asks for them; after a {@link Costs#WRITE}
 * step it keeps the changed array for later steps. During k-means|| seeding a runner also keeps one int per
 * row, the index of the row's nearest candidate so far ({@link Costs#WRITE_NEAREST}), so that the candidates'
 * weights come out of the cost updates without a pass of their own.
 *
 * @param <R> the per-block result (serializable, small: sums per centre, counts, a few rows)
 */
public abstract class BlockStep<R> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a step does with the per-row costs of its block. */
    public enum Costs {
        /** Does not use them. */
        NONE,
        /** Reads them. */
        READ,
        /** Reads them and changes them in place; the runner keeps the changed values. */
        WRITE,
        /**
         * As {@link #WRITE}, and also reads and changes each row's nearest-candidate index (−1 before any
         * candidate; see {@link PassRunner#resetCosts()}); the runner keeps both.
         */
        WRITE_NEAREST
    }

    /** What the step computes with: the fit's translation, the number of features and the backend. */
    final StepKernels kernels;
    /** What the step does with the per-row costs of its block. */
    private final Costs costs;
    /** Whether {@link #apply} checks its block for NaN and infinity (the first pass of a fit). */
    private boolean validate;
    private transient volatile PreparedMatrix[] preparedCache;

    BlockStep(StepKernels kernels, Costs costs) {
        this.kernels = kernels;
        this.costs = costs;
    }

    /** What the step does with the per-row costs. */
    public final Costs costs() {
        return costs;
    }

    /** Makes the step check its blocks for NaN and infinity (the first pass of a fit does). */
    final void validateBlocks(boolean v) {
        validate = v;
    }

    /**
     * Runs the step on one block.
     *
     * @param block the block (its rows are valid only during the call)
     * @param costs the block's per-row costs ({@code block.rows().rows()} values) when {@link #costs()} is
     *              not {@link Costs#NONE}, else null; a {@link Costs#WRITE} step changes them in place
     * @return the block's result, handed to the fit in block order
     * @throws IllegalArgumentException when the block holds NaN or infinity (first pass of a fit)
     */
    public final R apply(Block block, double[] costs) {
        return apply(block, costs, null);
    }

    /**
     * Runs the step on one block, with the block's nearest-candidate indices when {@link #costs()} is
     * {@link Costs#WRITE_NEAREST} (else null).
     *
     * @param nearest the block's per-row nearest-candidate indices ({@code block.rows().rows()} values,
     *                −1 where none yet), changed in place; null unless the step asks for them
     * @see #apply(Block, double[])
     */
    public final R apply(Block block, double[] costs, int[] nearest) {
        if (!validate) {
            return compute(block, costs, nearest);
        }
        if (!costsShowNonFiniteRows()) {
            checkFinite(block);
            return compute(block, costs, nearest);
        }
        // the block is read once, by the step; it is scanned only when some cost says a row may hold NaN or ±∞
        R result = compute(block, costs, nearest);
        if (!allFinite(costs, 0, block.rows().rows())) {
            checkFinite(block);
        }
        return result;
    }

    /**
     * Whether, after {@link #compute}, every row of the block that holds NaN or ±∞ has a cost that is not finite,
     * so that a first pass need not scan a block whose costs all are (a scan of its own reads the block from
     * memory once more: 29% of a k-means|| cost pass, bench/RESULTS.md, session 35). A step that lowers costs
     * from +∞ (the first update after {@link PassRunner#resetCosts()}) does: such a row's squared distances
     * are NaN or +∞, which lower nothing. False by default: the block is scanned before the step runs.
     */
    boolean costsShowNonFiniteRows() {
        return false;
    }

    /**
     * For a {@link Costs#WRITE_NEAREST} step: one more than the largest nearest-candidate index it may write
     * (the number of candidates so far), so that a runner can store the indices in fewer bytes while they fit;
     * {@link Integer#MAX_VALUE} (the default) when not known.
     */
    public int nearestBound() {
        return Integer.MAX_VALUE;
    }

    abstract R compute(Block block, double[] costs);

    /** {@link #compute(Block, double[])} of a {@link Costs#WRITE_NEAREST} step; such steps override it. */
    R compute(Block block, double[] costs, int[] nearest) {
        return compute(block, costs);
    }

    /**
     * {@code values} (a {@code rows × cols} row-major array) prepared for this JVM's backend, once per step
     * object and {@code slot} (a step object serves every block of a pass in the fitting JVM, and the
     * blocks of one task on an executor).
     */
    final PreparedMatrix prepared(int slot, int slots, double[] values, int rows) {
        PreparedMatrix[] cache = preparedCache;
        if (cache == null) {
            synchronized (this) {
                cache = preparedCache;
                if (cache == null) {
                    cache = new PreparedMatrix[slots];
                    preparedCache = cache;
                }
            }
        }
        synchronized (cache) {
            if (cache[slot] == null) {
                cache[slot] = kernels.kernels().backend().prepare(Matrix.wrap(values, rows, values.length / rows));
            }
            return cache[slot];
        }
    }

    private static void checkFinite(Block b) {
        Matrix x = b.rows();
        double[] a = x.data();
        if (allFinite(x)) {
            return;
        }
        for (int i = 0; i < x.rows(); i++) {
            int o = x.offset(i);
            for (int j = 0; j < x.cols(); j++) {
                double v = a[o + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Input X contains " + (Double.isNaN(v) ? "NaN" : "infinity")
                            + " (first at row " + (b.firstRow() + i) + ", column " + j + ", in block " + b.index()
                            + "); remove or impute non-finite values first");
                }
            }
        }
    }

    /**
     * Whether every value of {@code x} is finite, without a branch per value: {@code v − v} is +0.0 (no bits set)
     * for a finite v and NaN for NaN and ±∞, so the bits of all of them OR'ed together are 0 exactly when every
     * value is finite; C2 turns the OR into vector code (a branch per value ran at half the memory's speed).
     * False for a view whose rows have gaps (never a block's), which the row-by-row scan then checks.
     */
    private static boolean allFinite(Matrix x) {
        if (!x.isContiguous()) {
            return false;
        }
        int from = x.offset(0);
        return allFinite(x.data(), from, from + x.rows() * x.cols());
    }

    /** Whether {@code a[from..to)} are all finite ({@link #allFinite(Matrix)}'s test). */
    private static boolean allFinite(double[] a, int from, int to) {
        long bits = 0;
        for (int p = from; p < to; p++) {
            bits |= Double.doubleToRawLongBits(a[p] - a[p]);
        }
        return bits == 0;
    }
}
