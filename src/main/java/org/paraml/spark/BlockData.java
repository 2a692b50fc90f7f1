package org.paraml.spark;

import java.io.Serializable;
import org.paraml.data.Block;
import org.paraml.linalg.Matrix;

/** One block of a Spark-resident dataset: its index, its first global row and its values (row-major). */
final class BlockData implements Serializable {
    private static final long serialVersionUID = 1L;

    final int index;
    final long firstRow;
    final int rows;
    final int cols;
    final double[] values;

    BlockData(int index, long firstRow, Matrix m) {
        Matrix c = m.compact();
        this.index = index;
        this.firstRow = firstRow;
        this.rows = c.rows();
        this.cols = c.cols();
        this.values = c.data();
    }

    /** The block as a step sees it (a view of {@link #values}, not a copy). */
    Block block() {
        return new Block(index, firstRow, Matrix.wrap(values, rows, cols));
    }
}
