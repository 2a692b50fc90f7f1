package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.linalg.Matrix;

class BlocksPersistTest {
    @TempDir
    Path tmp;

    private List<Path> contents(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).toList();
        }
    }

    private static void assertSameBlocks(Blocks expected, Blocks actual) {
        assertEquals(expected.numBlocks(), actual.numBlocks());
        assertEquals(expected.rows(), actual.rows());
        List<Matrix> a = expected.pass(1).map(b -> b.rows().copy());
        List<Matrix> b = actual.pass(2).map(bl -> bl.rows().copy());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(expected.blockRows(i), actual.blockRows(i));
            assertTrue(a.get(i).contentEquals(b.get(i)), "block " + i);
        }
    }

    @Test
    void inMemoryBlocksPersistAsThemselves() {
        Blocks blocks = Blocks.of(Matrix.zeros(10, 2), 3);
        assertSame(blocks, blocks.persist(0, 2));
    }

    @Test
    void blocksThatFitAreKeptInMemory() {
        CountingSource src = new CountingSource(9, 11, 3);
        Blocks blocks = Blocks.from(src);
        try (Blocks kept = blocks.persist(blocks.bytes(), 2, tmp, BlockProgress.NONE)) {
            assertTrue(kept.inMemory());
            int reads = src.reads.get();
            assertSameBlocks(Blocks.from(new CountingSource(9, 11, 3)), kept);
            kept.pass(3).map(Block::index);
            assertEquals(reads, src.reads.get(), "later passes do not read the source again");
        }
        assertTrue(Files.exists(tmp));
    }

    @Test
    void blocksThatDoNotFitAreSpilledOnceAndTheFileRemovedOnClose() throws IOException {
        CountingSource src = new CountingSource(7, 13, 4);
        Blocks blocks = Blocks.from(src);
        int[] progress = new int[1];
        Blocks spilled = blocks.persist(blocks.bytes() - 1, 3, tmp, (phase, done, total) -> {
            assertEquals("persist", phase);
            progress[0] = done;
        });
        assertEquals(7, progress[0]);
        assertFalse(spilled.inMemory());
        List<Path> files = contents(tmp);
        assertEquals(2, files.size(), "one folder holding one .npy: " + files);
        assertTrue(files.stream().anyMatch(p -> p.toString().endsWith(".npy")));
        assertEquals(7, src.reads.get());
        assertSameBlocks(Blocks.from(new CountingSource(7, 13, 4)), spilled);
        assertEquals(7, src.reads.get(), "the spill file is read, the source is not");
        Matrix g = spilled.gatherRows(new long[] {90, 0, 14}, 1);
        assertEquals(CountingSource.value(6, 12), g.get(0, 3));
        assertEquals(CountingSource.value(1, 1), g.get(2, 0));
        spilled.close();
        assertEquals(List.of(), contents(tmp));
        spilled.close();
    }

    /** The spilled blocks read into the buffers the spilling pass wrote from, not into fresh memory. */
    @Test
    void spilledBlocksReadIntoTheBuffersOfTheSpillingPass() {
        Blocks blocks = Blocks.from(new CountingSource(7, 13, 4));
        try (Blocks spilled = blocks.persist(blocks.bytes() - 1, 3, tmp, BlockProgress.NONE)) {
            BufferPool written = blocks.pool(0);
            assertSame(written, spilled.pool(0));
            double[] idle = written.take();
            written.give(idle);
            assertSameBlocks(Blocks.from(new CountingSource(7, 13, 4)), spilled);
            boolean reused = false;
            for (int i = 0; i < 8; i++) {
                reused |= written.take() == idle;
            }
            assertTrue(reused, "the pass read into the spilling pass's buffer and gave it back to the shared pool");
        }
        // blocks of another shape keep their own pool
        Blocks other = Blocks.from(new CountingSource(3, 5, 4));
        other.pass(1).map(Block::index);
        Blocks sameShape = Blocks.from(new CountingSource(3, 5, 4));
        assertTrue(other.pool(0) != sameShape.pool(0));
    }

    @Test
    void aFailureWhileSpillingLeavesNoFile() throws IOException {
        CountingSource src = new CountingSource(12, 10, 2);
        src.failAt = 6;
        Blocks blocks = Blocks.from(src);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> blocks.persist(0, 2, tmp, BlockProgress.NONE));
        assertEquals(List.of(), contents(tmp));
        // an I/O error inside the pass (a full disk while writing, a block that cannot be read) says what
        // was being spilled where, not only the bare cause ("No space left on device")
        assertTrue(e.getMessage().startsWith("cannot spill ") && e.getMessage().contains(tmp.toString())
                && e.getMessage().endsWith("block 6 is unreadable (test)"), e.getMessage());
        assertTrue(e.getCause().getMessage().contains("block 6 is unreadable"), e.getCause().toString());
    }

    @Test
    void theSpillFileIsRemovedAfterAnExceptionInTheMiddleOfAPass() throws IOException {
        Blocks blocks = Blocks.from(new CountingSource(10, 10, 2));
        assertThrows(IllegalStateException.class, () -> {
            try (Blocks spilled = blocks.persist(0, 2, tmp, BlockProgress.NONE)) {
                assertEquals(2, contents(tmp).size());
                spilled.pass(2).run(b -> {
                    if (b.index() == 4) {
                        throw new IllegalStateException("failure in the middle of a pass");
                    }
                    return b.index();
                }, (i, r) -> {
                });
            }
        });
        assertEquals(List.of(), contents(tmp));
    }

    @Test
    void spilledBlocksKeepTheBoundariesOfTheirSource() throws IOException {
        Matrix x = Matrix.zeros(23, 2);
        for (int i = 0; i < 23; i++) {
            x.set(i, 0, i);
        }
        Blocks gen = Blocks.generated(3, 5, 2, (seed, rows, cols, scratch) -> {
            Matrix m = BlockSource.viewOf(scratch, rows, cols);
            for (int r = 0; r < rows; r++) {
                m.set(r, 0, seed * 5 + r);
                m.set(r, 1, -r);
            }
            return m;
        });
        try (Blocks spilled = gen.persist(1, 1, tmp, null)) {
            assertEquals(3, spilled.numBlocks());
            assertEquals(5, spilled.blockRows(2));
            assertEquals(List.of(0.0, 5.0, 10.0), spilled.pass(1).map(b -> b.rows().get(0, 0)));
        }
    }
}
