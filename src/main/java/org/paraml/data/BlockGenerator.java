package org.paraml.data;

import org.paraml.linalg.Matrix;

/**
 * Makes one block of rows from a seed, as {@code dask.delayed(make_blobs)(random_state=i)} makes
 * block i: the same seed must always give the same block, whatever thread calls it and how often.
 * Implementations must be thread-safe (several blocks are made at once).
 */
@FunctionalInterface
public interface BlockGenerator {
    /**
     * Makes a {@code rows × cols} block.
     *
     * @param seed    the block's seed (the block index, plus the source's seed offset)
     * @param rows    number of rows to make
     * @param cols    number of columns to make
     * @param scratch an array of at least {@code rows × cols} doubles the generator may fill and return
     *                a view of ({@link BlockSource#viewOf}); it may as well return a new matrix. Null
     *                when the source was made with {@code usesScratch = false}
     */
    Matrix generate(long seed, int rows, int cols, double[] scratch);
}
