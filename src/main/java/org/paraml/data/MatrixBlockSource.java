package org.paraml.data;

import org.paraml.linalg.Matrix;

/** An in-memory matrix cut into consecutive blocks of {@code blockRows} rows; every block is a view. */
final class MatrixBlockSource implements BlockSource {
    private final Matrix x;
    private final int blockRows;
    private final int numBlocks;

    MatrixBlockSource(Matrix x, int blockRows) {
        if (blockRows <= 0) {
            throw new IllegalArgumentException("blockRows must be >= 1, got " + blockRows);
        }
        this.x = x;
        this.blockRows = blockRows;
        this.numBlocks = (int) (((long) x.rows() + blockRows - 1) / blockRows);
    }

    @Override
    public int numBlocks() {
        return numBlocks;
    }

    @Override
    public int cols() {
        return x.cols();
    }

    @Override
    public int blockRows(int index) {
        long from = (long) index * blockRows;
        return (int) Math.min(blockRows, x.rows() - from);
    }

    @Override
    public Matrix read(int index, double[] scratch) {
        int from = index * blockRows;
        return x.rowRange(from, from + blockRows(index));
    }

    @Override
    public Matrix readRows(int index, int from, int to, double[] scratch) {
        int start = index * blockRows;
        return x.rowRange(start + from, start + to);
    }

    @Override
    public boolean inMemory() {
        return true;
    }

    @Override
    public String describe() {
        return "a " + x.rows() + " x " + x.cols() + " matrix in " + numBlocks + " block(s) of " + blockRows + " rows";
    }
}
