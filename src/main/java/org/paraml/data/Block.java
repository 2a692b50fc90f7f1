package org.paraml.data;

import org.paraml.linalg.Matrix;

/**
 * One block of rows handed to a pass or an iterator.
 *
 * @param index    the block's index in its {@link Blocks}
 * @param firstRow the global index of the block's first row (rows of earlier blocks come first)
 * @param rows     the block's rows; valid only while the function or loop body that received it runs
 *                 (its memory is reused for a later block), so copy what must outlive it
 */
public record Block(int index, long firstRow, Matrix rows) {
}
