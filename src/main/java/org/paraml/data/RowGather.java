package org.paraml.data;

import java.io.IOException;
import java.util.Arrays;
import org.paraml.linalg.Matrix;

/** Copies chosen rows out of blocks: {@link Blocks#gatherRows(long[], int)}. */
final class RowGather {
    private RowGather() {
    }

    static Matrix gather(Blocks blocks, long[] rows, int threads) {
        int cols = blocks.cols();
        Matrix out = Matrix.zeros(rows.length, cols);
        if (rows.length == 0) {
            return out;
        }
        // positions sorted by global row, so that each block is visited once and in order
        int[] sorted = new int[rows.length];
        int[] blockOf = new int[rows.length];
        Integer[] byRow = new Integer[rows.length];
        for (int p = 0; p < rows.length; p++) {
            blockOf[p] = blocks.blockOf(rows[p]);
            byRow[p] = p;
        }
        Arrays.sort(byRow, (a, b) -> Long.compare(rows[a], rows[b]));
        for (int q = 0; q < rows.length; q++) {
            sorted[q] = byRow[q];
        }
        BlockSource source = blocks.source();
        if (source.randomAccess()) {
            double[] scratch = new double[cols];
            for (int p : sorted) {
                int b = blockOf[p];
                int local = (int) (rows[p] - blocks.firstRow(b));
                try {
                    Matrix r = source.readRows(b, local, local + 1, scratch);
                    System.arraycopy(r.data(), r.offset(0), out.data(), out.offset(p), cols);
                } catch (IOException e) {
                    BlockPipeline.rethrow(e);
                }
            }
            return out;
        }
        int[] distinct = Arrays.stream(blockOf).distinct().sorted().toArray();
        // first position (in sorted order) of each distinct block
        int[] firstAt = new int[distinct.length + 1];
        int d = 0;
        for (int q = 0; q < sorted.length; q++) {
            int b = blockOf[sorted[q]];
            if (q == 0 || b != blockOf[sorted[q - 1]]) {
                firstAt[d++] = q;
            }
        }
        firstAt[d] = sorted.length;
        blocks.pass(threads).only(distinct).progress("gather", BlockProgress.NONE).run(block -> {
            int slot = Arrays.binarySearch(distinct, block.index());
            Matrix m = block.rows();
            for (int q = firstAt[slot]; q < firstAt[slot + 1]; q++) {
                int p = sorted[q];
                int local = (int) (rows[p] - block.firstRow());
                System.arraycopy(m.data(), m.offset(local), out.data(), out.offset(p), cols);
            }
            return null;
        }, (i, r) -> {
        });
        return out;
    }
}
