package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paraml.backend.ScalarBackend;
import org.paraml.data.Block;
import org.paraml.data.Blocks;
import org.paraml.linalg.Matrix;

/**
 * The nearest-candidate store: two bytes a row while the indices fit (−1 in a new store, the largest index that
 * fits, runs across a chunk boundary), four from the pass that may need more (the values kept), and a runner that
 * widens it before a step whose candidates do not fit two bytes.
 */
class RowNearestTest {
    private static final int CHUNK = RowChunks.CHUNK;

    @Test
    void narrowStoreStartsAtMinusOneAndKeepsIndicesUpToItsLimit() {
        RowNearest store = new RowNearest(CHUNK + 5L);
        assertFalse(store.wide());
        int[] src = {0, 1, RowNearest.NARROW_LIMIT - 1, -1, 7, 65_000};
        store.write(CHUNK - 2, src, src.length);
        int[] back = new int[8];
        store.read(CHUNK - 3, back, back.length);
        assertArrayEquals(new int[] {-1, 0, 1, RowNearest.NARROW_LIMIT - 1, -1, 7, 65_000, -1}, back);
        assertThrows(IllegalStateException.class, () -> store.write(0, new int[] {RowNearest.NARROW_LIMIT}, 1),
                "an index past two bytes without allow() is an error, not a wrapped value");
    }

    @Test
    void allowWidensOnlyWhenNeededAndKeepsTheValues() {
        RowNearest store = new RowNearest(CHUNK + 5L);
        store.write(CHUNK - 1, new int[] {3, 4}, 2);
        store.allow(RowNearest.NARROW_LIMIT);
        assertFalse(store.wide(), "indices below the limit still fit");
        store.allow(RowNearest.NARROW_LIMIT + 1);
        assertTrue(store.wide());
        store.write(0, new int[] {70_000}, 1);
        int[] back = new int[4];
        store.read(CHUNK - 2, back, back.length);
        assertArrayEquals(new int[] {-1, 3, 4, -1}, back);
        int[] first = new int[1];
        store.read(0, first, 1);
        assertArrayEquals(new int[] {70_000}, first);
    }

    /** Writes {@code index + row} as each row's nearest candidate, and records what it found there before. */
    private static final class Mark extends BlockStep<int[]> {
        private final int index;
        private final int bound;

        Mark(int index, int bound) {
            super(new StepKernels(new ScalarBackend(), null, 2), Costs.WRITE_NEAREST);
            this.index = index;
            this.bound = bound;
        }

        @Override
        public int nearestBound() {
            return bound;
        }

        @Override
        int[] compute(Block block, double[] costs) {
            throw new AssertionError("a WRITE_NEAREST step is called with the indices");
        }

        @Override
        int[] compute(Block block, double[] costs, int[] nearest) {
            int[] before = nearest.clone();
            for (int i = 0; i < nearest.length; i++) {
                nearest[i] = index + (int) block.firstRow() + i;
            }
            return before;
        }
    }

    @Test
    void theRunnerWidensBeforeAStepWithMoreCandidatesThanTwoBytesHold() {
        try (Blocks data = Blocks.of(Matrix.zeros(10, 2), 4)) {
            LocalPasses runner = new LocalPasses(data, 2, null);
            List<int[]> first = new ArrayList<>();
            runner.run("narrow", new Mark(5, 100), (i, r) -> first.add(r));
            List<int[]> second = new ArrayList<>();
            runner.run("wide", new Mark(70_000, 70_100), (i, r) -> second.add(r));
            List<int[]> third = new ArrayList<>();
            runner.run("read back", new Mark(0, Integer.MAX_VALUE), (i, r) -> third.add(r));
            assertArrayEquals(new int[] {-1, -1, -1, -1}, first.get(0), "a new store holds −1");
            assertArrayEquals(new int[] {5, 6, 7, 8}, second.get(0), "the narrow pass's indices, kept");
            assertArrayEquals(new int[] {70_008, 70_009}, third.get(2), "indices past two bytes, kept");
            runner.close();
        }
    }
}
