package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The per-row stores of the seeding: reads and writes that cross a chunk boundary, and a short last chunk. */
class RowChunksTest {
    private static final int CHUNK = RowChunks.CHUNK;

    @Test
    void doublesCrossChunkBoundariesAndKeepTheShortLastChunk() {
        long size = 2L * CHUNK + 7;
        RowDoubles store = new RowDoubles(size, Double.POSITIVE_INFINITY, 2);
        assertEquals(3, store.chunkCount());
        assertEquals(7, store.chunk(2).length, "the last chunk holds only the rows past the last full chunk");
        for (int c = 0; c < store.chunkCount(); c++) {
            for (double v : store.chunk(c)) {
                assertEquals(Double.POSITIVE_INFINITY, v, 0.0, "chunk " + c + ", made on one of two threads");
            }
        }

        double[] src = new double[CHUNK + 15];
        for (int i = 0; i < src.length; i++) {
            src[i] = i + 0.5;
        }
        long from = CHUNK - 10; // the last ten rows of chunk 0, all of chunk 1, five rows of chunk 2
        store.write(from, src, src.length);
        for (int i = 0; i < src.length; i++) {
            assertEquals(i + 0.5, store.get(from + i), 0.0, "row " + (from + i));
        }
        assertEquals(Double.POSITIVE_INFINITY, store.get(from - 1), 0.0, "the row before the write is untouched");
        assertEquals(Double.POSITIVE_INFINITY, store.get(from + src.length), 0.0, "the row after it too");

        double[] back = new double[src.length];
        store.read(from, back, back.length);
        assertArrayEquals(src, back, 0.0);
        assertEquals(size, store.size());
    }

    @Test
    void intsCrossChunkBoundaries() {
        RowInts store = new RowInts(CHUNK + 3L);
        store.fill(-1);
        int[] src = {10, 11, 12, 13, 14, 15};
        store.write(CHUNK - 3, src, src.length);
        int[] back = new int[8];
        store.read(CHUNK - 4, back, back.length - 1);
        assertArrayEquals(new int[] {-1, 10, 11, 12, 13, 14, 15, 0}, back);
        assertEquals(3, store.chunk(1).length);
    }
}
