package org.paraml.cluster;

/**
 * Receives cluster labels block by block, in block order (block 0 first), on the thread that started
 * the pass. The array is reused after the call returns: copy what must be kept.
 */
@FunctionalInterface
public interface BlockLabelsConsumer {
    /**
     * @param blockIndex the block's index
     * @param firstRow   the global index of the block's first row
     * @param labels     the label of each row of the block, in {@code [0, n_clusters)}
     * @param rows       how many entries of {@code labels} belong to the block
     */
    void accept(int blockIndex, long firstRow, int[] labels, int rows) throws Exception;
}
