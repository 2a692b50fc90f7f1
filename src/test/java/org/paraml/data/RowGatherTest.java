package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paraml.linalg.Matrix;

/** Rows gathered from a source with random access are read a run of consecutive rows at a time. */
class RowGatherTest {
    /** Blocks of 1,000 rows of a matrix, read by row ranges, each range read recorded. */
    private static final class RangeSource implements BlockSource {
        final Matrix x;
        final List<int[]> reads = new ArrayList<>();

        RangeSource(Matrix x) {
            this.x = x;
        }

        @Override
        public int numBlocks() {
            return (x.rows() + 999) / 1000;
        }

        @Override
        public int cols() {
            return x.cols();
        }

        @Override
        public int blockRows(int index) {
            return Math.min(1000, x.rows() - index * 1000);
        }

        @Override
        public Matrix read(int index, double[] scratch) {
            return readRows(index, 0, blockRows(index), scratch);
        }

        @Override
        public Matrix readRows(int index, int from, int to, double[] scratch) {
            reads.add(new int[] {index, from, to});
            Matrix m = BlockSource.viewOf(scratch, to - from, x.cols());
            for (int r = from; r < to; r++) {
                for (int c = 0; c < x.cols(); c++) {
                    m.set(r - from, c, x.get(index * 1000 + r, c));
                }
            }
            return m;
        }

        @Override
        public boolean randomAccess() {
            return true;
        }

        @Override
        public String describe() {
            return "a range-counting test source";
        }
    }

    @Test
    void consecutiveRowsOfABlockAreOneRead() {
        Matrix x = Matrix.zeros(2500, 3);
        for (int i = 0; i < x.rows(); i++) {
            for (int c = 0; c < 3; c++) {
                x.set(i, c, i * 10 + c);
            }
        }
        RangeSource source = new RangeSource(x);
        try (Blocks blocks = Blocks.from(source)) {
            // a fit's first rows: two blocks, two reads
            long[] head = new long[1500];
            for (int i = 0; i < head.length; i++) {
                head[i] = i;
            }
            Matrix got = blocks.gatherRows(head, 1);
            assertEquals(2, source.reads.size());
            assertTrue(x.rowRange(0, 1500).contentEquals(got));
            // scattered rows, a repeat, out of order: a read per run
            source.reads.clear();
            int[] ask = {2400, 7, 8, 8, 9, 999, 1000, 30};
            got = blocks.gatherRows(java.util.Arrays.stream(ask).asLongStream().toArray(), 1);
            assertTrue(x.selectRows(ask).contentEquals(got));
            assertEquals(List.of("0:7-10", "0:30-31", "0:999-1000", "1:0-1", "2:400-401"),
                    source.reads.stream().map(r -> r[0] + ":" + r[1] + "-" + r[2]).toList());
        }
    }
}
