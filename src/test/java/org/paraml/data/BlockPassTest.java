package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paraml.linalg.Matrix;

class BlockPassTest {

    private static Matrix iota(int rows, int cols) {
        Matrix m = Matrix.zeros(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.set(i, j, i * cols + j);
            }
        }
        return m;
    }

    @Test
    void matrixBlocksAreViewsWithKnownShapes() {
        Matrix x = iota(10, 3);
        Blocks blocks = Blocks.of(x, 4);
        assertEquals(3, blocks.numBlocks());
        assertEquals(10, blocks.rows());
        assertEquals(3, blocks.cols());
        assertEquals(2, blocks.blockRows(2));
        assertEquals(8, blocks.firstRow(2));
        assertEquals(2, blocks.blockOf(9));
        assertEquals(0, blocks.blockOf(3));
        assertEquals(1, blocks.blockOf(4));
        assertTrue(blocks.inMemory());
        List<Matrix> seen = blocks.pass(1).map(Block::rows);
        for (Matrix m : seen) {
            assertSame(x.data(), m.data(), "a block of an in-memory matrix is a view");
        }
        assertEquals(x.get(9, 2), seen.get(2).get(1, 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5})
    void resultsArriveInBlockOrderWhateverTheThreads(int threads) {
        CountingSource src = new CountingSource(23, 5, 2);
        Blocks blocks = Blocks.from(src);
        List<Integer> order = new ArrayList<>();
        List<Double> firstValues = new ArrayList<>();
        blocks.pass(threads).run(b -> b.rows().get(0, 0), (i, v) -> {
            order.add(i);
            firstValues.add(v);
            src.released();
        });
        for (int i = 0; i < 23; i++) {
            assertEquals(i, order.get(i));
            assertEquals(CountingSource.value(i, 0), firstValues.get(i));
        }
        assertEquals(23, src.reads.get());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void prefetchKeepsBlocksAliveWithinTheBound(int threads) {
        CountingSource src = new CountingSource(40, 100, 4);
        long blockBytes = 100 * 4 * 8;
        Blocks blocks = Blocks.from(src).withPrefetch(2).withMaxResidentBytes(blockBytes * 3);
        int bound = blocks.maxAlive(threads);
        assertEquals(Math.min(3, threads + 2), bound);
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        blocks.pass(threads).run(b -> {
            threadNames.add(Thread.currentThread().getName());
            Thread.sleep(1);
            return b.index();
        }, (i, r) -> src.released());
        assertTrue(src.maxAlive.get() <= bound, "at most " + bound + " blocks alive, saw " + src.maxAlive.get());
        assertTrue(src.maxAlive.get() >= Math.min(2, bound), "the prefetch thread reads ahead");
        assertTrue(threadNames.size() <= threads);
    }

    @Test
    void aTinyBudgetStillHoldsOneBlock() {
        CountingSource src = new CountingSource(10, 50, 3);
        Blocks blocks = Blocks.from(src).withMaxResidentBytes(1);
        assertEquals(1, blocks.maxAlive(4));
        int[] count = new int[1];
        blocks.pass(4).run(b -> b.index(), (i, r) -> {
            count[0]++;
            src.released();
        });
        assertEquals(10, count[0]);
        assertEquals(1, src.maxAlive.get());
    }

    @Test
    void aFailingReadStopsThePassAndIsRethrown() {
        CountingSource src = new CountingSource(30, 10, 2);
        src.failAt = 7;
        Blocks blocks = Blocks.from(src);
        List<Integer> got = new ArrayList<>();
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> blocks.pass(2).run(Block::index, (i, r) -> got.add(i)));
        assertTrue(e.getMessage().contains("block 7"), e.getMessage());
        assertTrue(got.size() <= 7);
        assertTrue(src.reads.get() < 30, "no new block starts after the failure");
    }

    @Test
    void aFailingFunctionOrConsumerIsRethrown() {
        Blocks blocks = Blocks.of(iota(100, 2), 10);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> blocks.pass(3).run(b -> {
            if (b.index() == 4) {
                throw new IllegalStateException("boom");
            }
            return 1;
        }, (i, r) -> {
        }));
        assertEquals("boom", e.getMessage());
        assertThrows(ArithmeticException.class, () -> blocks.pass(2).run(b -> 1, (i, r) -> {
            if (i == 3) {
                throw new ArithmeticException("consumer");
            }
        }));
    }

    @Test
    void progressCountsBlocksInOrder() {
        Blocks blocks = Blocks.of(iota(50, 2), 7);
        List<String> events = new ArrayList<>();
        blocks.pass(2).progress("sum", (phase, done, total) -> events.add(phase + " " + done + "/" + total))
                .run(b -> 0, (i, r) -> {
                });
        assertEquals(9, events.size());
        assertEquals("sum 0/8", events.get(0));
        assertEquals("sum 8/8", events.get(8));
    }

    @Test
    void onlyVisitsTheChosenBlocks() {
        Blocks blocks = Blocks.of(iota(50, 2), 7);
        List<Integer> got = blocks.pass(2).only(new int[] {1, 4, 7}).map(Block::index);
        assertEquals(List.of(1, 4, 7), got);
        assertThrows(IllegalArgumentException.class, () -> blocks.pass(1).only(new int[] {3, 3}));
    }

    @Test
    void generatedBlocksComeFromTheirSeed() {
        BlockGenerator g = (seed, rows, cols, scratch) -> {
            Matrix m = BlockSource.viewOf(scratch, rows, cols);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    m.set(r, c, seed * 100 + r);
                }
            }
            return m;
        };
        Blocks blocks = Blocks.generated(6, 4, 3, g);
        assertFalse(blocks.inMemory());
        assertEquals(24, blocks.rows());
        double[] firsts = new double[6];
        blocks.pass(3).run(b -> b.rows().get(0, 0), (i, v) -> firsts[i] = v);
        assertArrayEquals(new double[] {0, 100, 200, 300, 400, 500}, firsts);
    }

    @Test
    void gatherRowsReadsTheRowsAsked() {
        Matrix x = iota(30, 2);
        long[] rows = {29, 0, 13, 13, 7};
        for (Blocks blocks : new Blocks[] {Blocks.of(x, 4), Blocks.from(new CountingSource(8, 4, 2))}) {
            Matrix g = blocks.gatherRows(rows, 2);
            assertEquals(5, g.rows());
            for (int p = 0; p < rows.length; p++) {
                int r = (int) rows[p];
                double expected = blocks.inMemory() ? x.get(r, 1) : CountingSource.value(r / 4, r % 4);
                assertEquals(expected, g.get(p, 1));
            }
        }
    }

    @Test
    void closedBlocksRefuseToRun() {
        CountingSource src = new CountingSource(3, 2, 2);
        Blocks blocks = Blocks.from(src);
        blocks.close();
        assertTrue(src.closed);
        assertThrows(IllegalStateException.class, () -> blocks.pass(1).map(Block::index));
        blocks.close();
    }
}
