package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class BlockIteratorTest {

    @Test
    void walksEveryBlockInOrderAndReadsAheadWithinTheBound() {
        CountingSource src = new CountingSource(25, 10, 3);
        Blocks blocks = Blocks.from(src).withPrefetch(2);
        int seen = 0;
        try (BlockIterator it = blocks.iterator()) {
            while (it.hasNext()) {
                Block b = it.next();
                assertEquals(seen, b.index());
                assertEquals(seen * 10L, b.firstRow());
                assertEquals(CountingSource.value(seen, 9), b.rows().get(9, 2));
                seen++;
                src.released();
            }
        }
        assertEquals(25, seen);
        assertTrue(src.maxAlive.get() <= 3, "prefetch 2 + the current block, saw " + src.maxAlive.get());
    }

    @Test
    void closingEarlyStopsTheReader() {
        CountingSource src = new CountingSource(100, 10, 3);
        Blocks blocks = Blocks.from(src);
        try (BlockIterator it = blocks.iterator()) {
            it.next();
            it.next();
        }
        int reads = src.reads.get();
        assertTrue(reads < 100);
    }

    @Test
    void aReadErrorSurfacesInNext() {
        CountingSource src = new CountingSource(10, 10, 3);
        src.failAt = 3;
        try (BlockIterator it = Blocks.from(src).iterator()) {
            it.next();
            it.next();
            it.next();
            assertThrows(UncheckedIOException.class, it::next);
            assertFalse(it.hasNext());
        }
    }
}
