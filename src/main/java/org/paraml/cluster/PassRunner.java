package org.paraml.cluster;

import org.paraml.data.BlockResultConsumer;
import org.paraml.data.Blocks;
import org.paraml.linalg.Matrix;

/**
 * Where the blocks of a k-means fit live and how a pass over them runs: the seam between the algorithm
 * (k-means||, k-means++, Lloyd, the final E-step: {@link KMeans}) and the machines it runs on. The fitting
 * JVM runs the algorithm; each pass is a {@link BlockStep} applied to every block by the runner, whose
 * per-block results come back <em>in block order</em>, so that every sum is formed in the same order
 * wherever the blocks live, and a fit on a runner gives the same centres as {@link KMeans#fit(Blocks)} on
 * the same blocks. {@link #local(Blocks, int)} runs passes on threads of this JVM; {@code org.paraml.spark}
 * runs them over the partitions of a Spark cluster.
 *
 * <p>A runner also keeps one double per row, the seeding costs (see {@link BlockStep.Costs}), next to the
 * blocks, and while k-means|| seeds, one int per row: the index of the row's nearest candidate
 * ({@link BlockStep.Costs#WRITE_NEAREST}). Runners are used by one fit at a time.
 */
public interface PassRunner extends AutoCloseable {
    /** Total number of rows. */
    long rows();

    /** Number of columns of every block. */
    int cols();

    /** Number of blocks. */
    int numBlocks();

    /** Global index of the first row of block {@code block}. */
    long firstRow(int block);

    /** The rows at the given global indices, in that order (repeats allowed), as a new matrix. */
    Matrix gatherRows(long[] rows);

    /**
     * Applies {@code step} to every block and hands the results to {@code consumer} in block order, on the
     * calling thread. A step's exception ends the pass and is thrown here (as it was thrown, where the
     * runner can; wrapped otherwise).
     *
     * @param phase a name for progress reports and logs, e.g. "lloyd iteration 3"
     */
    <R> void run(String phase, BlockStep<R> step, BlockResultConsumer<R> consumer);

    /**
     * Sets the cost of every row to positive infinity and its nearest-candidate index to −1 (a new
     * seeding). A runner may free the memory these take until a step next uses them: a fit calls this
     * when its seeding is done.
     */
    void resetCosts();

    /**
     * Hands the per-row costs to {@code scan} block by block, in row order, on the calling thread, until it
     * returns false.
     */
    void scanCosts(CostScan scan);

    /**
     * Hands every piece of the per-row costs to {@code visit}, possibly on several threads at once and in any
     * order (each piece's rows are consecutive, and every row is in exactly one piece). The default is
     * {@link #scanCosts} on the calling thread.
     */
    default void visitCosts(CostVisit visit) {
        scanCosts((firstRow, costs, length) -> {
            visit.accept(firstRow, costs, length);
            return true;
        });
    }

    /**
     * True when a few rows fetched by {@link #gatherRows} cost far less than a pass over the blocks: blocks
     * in a file (a spill file, {@code .npy}), read by row ranges. False for blocks in memory (a pass is as
     * cheap, and runs on every thread), for blocks made by a generator, and for remote blocks.
     */
    default boolean fetchesRowsCheaply() {
        return false;
    }

    /** Releases what the runner keeps (cached blocks, costs). The blocks' source is not closed. */
    @Override
    void close();

    /** Receives per-row costs in row order. */
    @FunctionalInterface
    interface CostScan {
        /**
         * @param firstRow the global index of {@code costs[0]}
         * @param costs    the costs of rows {@code firstRow ..}; do not keep or modify the array
         * @param length   how many entries of {@code costs} are rows
         * @return false to stop the scan
         */
        boolean accept(long firstRow, double[] costs, int length);
    }

    /** Receives one piece of the per-row costs ({@link #visitCosts}); may be called on several threads at once. */
    @FunctionalInterface
    interface CostVisit {
        /** As {@link CostScan#accept}, without a way to stop. */
        void accept(long firstRow, double[] costs, int length);
    }

    /**
     * A runner over {@code blocks} on {@code threads} compute threads of this JVM (plus a prefetch thread),
     * with the per-row costs in memory (8 bytes per row, and 4 more while k-means|| seeds).
     */
    static PassRunner local(Blocks blocks, int threads) {
        return new LocalPasses(blocks, threads, null);
    }
}
