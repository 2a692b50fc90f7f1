package org.paraml.data;

import java.io.IOException;
import java.util.Arrays;
import org.paraml.linalg.Matrix;

/** Copies chosen rows out of blocks: {@link Blocks#gatherRows(long[], int)}. */
final class RowGather {
    private RowGather() {
    }

    /** Rows of one read at most: 4 MB of doubles. */
    private static final int RUN_DOUBLES = 1 << 19;

    /**
     * Reads the rows from a source with random access, one read per run of consecutive rows of a block (a fit's
     * first rows are one run): a read per row cost a system call and a buffer's handling each, 0.15 s for a fit's
     * first 4,096 rows from a spill file (bench/RESULTS.md, session 29).
     */
    private static void readRuns(Blocks blocks, BlockSource source, long[] rows, int[] sorted, int[] blockOf,
                                 Matrix out) {
        int cols = blocks.cols();
        int maxRun = Math.max(1, RUN_DOUBLES / Math.max(1, cols));
        double[] scratch = null;
        for (int q = 0; q < sorted.length; ) {
            int b = blockOf[sorted[q]];
            long first = rows[sorted[q]];
            long last = first;
            int end = q + 1;
            while (end < sorted.length && blockOf[sorted[end]] == b && rows[sorted[end]] <= last + 1
                    && rows[sorted[end]] - first < maxRun) {
                last = rows[sorted[end++]];
            }
            int count = (int) (last - first + 1);
            if (scratch == null || scratch.length < count * cols) {
                scratch = new double[Math.max(cols, count * cols)];
            }
            int local = (int) (first - blocks.firstRow(b));
            try {
                Matrix r = source.readRows(b, local, local + count, scratch);
                for (int t = q; t < end; t++) {
                    int p = sorted[t];
                    System.arraycopy(r.data(), r.offset((int) (rows[p] - first)), out.data(), out.offset(p), cols);
                }
            } catch (IOException e) {
                BlockPipeline.rethrow(e);
            }
            q = end;
        }
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
            readRuns(blocks, source, rows, sorted, blockOf, out);
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
