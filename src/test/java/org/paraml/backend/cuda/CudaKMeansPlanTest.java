package org.paraml.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The GPU k-means chunking rule, without a GPU: blocks and groups depend only on (k, d), and slabs
 * of host rows and of prepared rows both start on group boundaries, which is what makes the two
 * forms give bit-identical sums.
 */
class CudaKMeansPlanTest {
    @Test
    void blocksAndGroupsDependOnKAndDOnly() {
        assertEquals(256, CudaKMeans.rowsPerBlock(1));
        assertEquals(256, CudaKMeans.rowsPerBlock(12));
        assertEquals(256, CudaKMeans.rowsPerBlock(254));
        assertEquals(320, CudaKMeans.rowsPerBlock(255), "about k rows, whole tiles of 64: partials no larger than rows");
        assertEquals(1024, CudaKMeans.rowsPerBlock(1000));
        assertEquals(204, CudaKMeans.groupBlocks(12, 20), "8 MiB / (256 rows x 20 x 8 bytes)");
        assertEquals(256, CudaKMeans.groupBlocks(12, 2), "at most 256 blocks");
        assertEquals(1, CudaKMeans.groupBlocks(1000, 5000), "at least one block");
    }

    @Test
    void theOneRowPerThreadKernelsTakeSmallDAndBlocksOf256Rows() {
        int h100 = 232_448; // the opt-in shared memory per block of an H100 / H200 (227 KiB)
        int turing = 65_536;
        assertEquals(61_216, CudaKMeans.rowsSharedBytes(12, 20, true), "12 x 20 + 12, and 8 x (32 x 21 + 253) doubles");
        assertEquals(45_088, CudaKMeans.rowsSharedBytes(12, 20, false), "12 x 20 + 12, and 8 x (32 x 21 + 1) doubles");
        assertTrue(CudaKMeans.rowsKernelsTake(12, 20, true, h100));
        assertTrue(CudaKMeans.rowsKernelsTake(12, 20, true, turing));
        assertTrue(CudaKMeans.rowsKernelsTake(1, 1, true, turing));
        assertTrue(CudaKMeans.rowsKernelsTake(5, 32, true, h100));
        assertFalse(CudaKMeans.rowsKernelsTake(5, 32, true, turing), "79,528 bytes: over a Turing's 64 KiB");
        assertFalse(CudaKMeans.rowsKernelsTake(5, 33, true, h100), "more features than registers for them");
        assertFalse(CudaKMeans.rowsKernelsTake(5, 0, true, h100));
        assertFalse(CudaKMeans.rowsKernelsTake(255, 2, false, h100), "blocks of 320 rows for k = 255");
        assertFalse(CudaKMeans.rowsKernelsTake(100, 32, true, h100), "26 KB of accumulators a warp: over the limit");
        assertTrue(CudaKMeans.rowsKernelsTake(100, 32, false, h100), "without sums only the centres and the staging");
        assertFalse(CudaKMeans.rowsKernelsTake(40, 20, true, turing), "within an H100's limit, not a Turing's");
        assertTrue(CudaKMeans.rowsKernelsTake(40, 20, true, h100));
    }

    @Test
    void slabsOfHostAndPreparedRowsStartOnTheSameGroupBoundaries() {
        int[][] cases = {{200_003, 2, 3}, {20_000_000, 20, 12}, {4_096, 20, 12}, {1, 1, 1}, {70_000, 784, 300},
                {1_000_000, 5000, 1000}};
        for (int[] c : cases) {
            int n = c[0];
            int d = c[1];
            int k = c[2];
            for (boolean sums : new boolean[]{true, false}) {
                long entries = sums ? (long) k * d + k + 1 : 1;
                CudaKMeans.Plan host = CudaKMeans.Plan.of(n, d, k, entries, false, 12);
                CudaKMeans.Plan prepared = CudaKMeans.Plan.of(n, d, k, entries, true, 12);
                long groupRows = (long) host.rowsPerBlock() * host.groupBlocks();
                assertEquals(groupRows, host.slabRows(), "one group per slab of host rows");
                assertEquals(0, prepared.slabRows() % groupRows, "whole groups per prepared slab");
                assertEquals(host.rowsPerBlock(), prepared.rowsPerBlock());
                assertEquals(host.groupBlocks(), prepared.groupBlocks());
                for (CudaKMeans.Plan p : new CudaKMeans.Plan[]{host, prepared}) {
                    long covered = 0;
                    long groups = 0;
                    for (int s = 0; s < p.slabs(); s++) {
                        assertEquals(covered, p.from(s), "slabs are contiguous");
                        assertTrue(p.rows(s) > 0);
                        assertTrue(p.blocks(s) <= Integer.MAX_VALUE && p.groups(s) <= CudaKernels.MAX_GRID_Y);
                        covered += p.rows(s);
                        groups += p.groups(s);
                    }
                    assertEquals(n, covered);
                    assertEquals(CudaKernels.ceilDiv(n, groupRows), groups, "the same groups, however slabbed");
                    assertTrue(p.slabRows() * d * 8 <= Math.max(Slabs.BYTES, (long) p.rowsPerBlock() * d * 8) || p == prepared,
                            "a staged slab fits the staging size (or is one block)");
                }
            }
        }
    }
}
