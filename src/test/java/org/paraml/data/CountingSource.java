package org.paraml.data;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.paraml.linalg.Matrix;

/**
 * A test source whose block i holds the value {@code i * 1000 + row} in every column, made slowly, and
 * that counts reads and the blocks alive at once (read but not yet released by the test's consumer).
 */
final class CountingSource implements BlockSource {
    final int numBlocks;
    final int rows;
    final int cols;
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger alive = new AtomicInteger();
    final AtomicInteger maxAlive = new AtomicInteger();
    volatile int failAt = -1;
    volatile long sleepMs = 2;
    volatile boolean closed;

    CountingSource(int numBlocks, int rows, int cols) {
        this.numBlocks = numBlocks;
        this.rows = rows;
        this.cols = cols;
    }

    static double value(int block, int row) {
        return block * 1000.0 + row;
    }

    @Override
    public int numBlocks() {
        return numBlocks;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public int blockRows(int index) {
        return rows;
    }

    @Override
    public Matrix read(int index, double[] scratch) throws IOException {
        if (index == failAt) {
            throw new IOException("block " + index + " is unreadable (test)");
        }
        int now = alive.incrementAndGet();
        maxAlive.accumulateAndGet(now, Math::max);
        reads.incrementAndGet();
        try {
            Thread.sleep(sleepMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Matrix m = BlockSource.viewOf(scratch, rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m.set(r, c, value(index, r));
            }
        }
        return m;
    }

    /** Called by the test when it is done with a block. */
    void released() {
        alive.decrementAndGet();
    }

    @Override
    public String describe() {
        return "counting test source";
    }

    @Override
    public void close() {
        closed = true;
    }
}
