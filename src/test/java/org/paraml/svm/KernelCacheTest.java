package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** libsvm's cache semantics: prefixes, LRU eviction within the budget, and position swaps. */
class KernelCacheTest {
    private static final int L = 10;

    /** A cache holding exactly two full columns (the floor of the budget). */
    private static KernelCache tiny() {
        KernelCache c = new KernelCache(L, 1e-9);
        assertEquals(2L * L, KernelCache.capacityFloats(L, 1e-9));
        return c;
    }

    /** A tiny cache holding full columns 0 and 1 (0 the older). */
    private static KernelCache tinyWithTwoColumns() {
        KernelCache c = tiny();
        c.request(0, L);
        fill(c, 0, 0, L);
        c.request(1, L);
        fill(c, 1, 0, L);
        return c;
    }

    private static void fill(KernelCache c, int a, int start, int len) {
        float[] d = c.data(a);
        for (int j = start; j < len; j++) {
            d[j] = a * 100 + j;
        }
    }

    @Test
    void budgetInMegabytes() {
        assertEquals(200L * (1 << 20) / 4 - 8L * 10000, KernelCache.capacityFloats(10000, 200));
        assertTrue(new KernelCache(1000, 200).holdsWholeMatrix());
        assertTrue(!new KernelCache(10000, 200).holdsWholeMatrix());
    }

    @Test
    void prefixesAreExtendedNotRecomputed() {
        KernelCache c = tiny();
        assertEquals(0, c.request(1, 4));
        fill(c, 1, 0, 4);
        assertEquals(4, c.request(1, 8), "only [4, 8) needs filling");
        fill(c, 1, 4, 8);
        assertEquals(103f, c.data(1)[3]);
        assertEquals(8, c.request(1, 8));
        assertEquals(5, c.request(1, 5), "a shorter request is a hit");
    }

    @Test
    void withTheWholeMatrixInBudgetAColumnGrowsInPlace() {
        KernelCache c = new KernelCache(L, 200);
        assertTrue(c.holdsWholeMatrix());
        assertEquals(0, c.request(2, 3));
        fill(c, 2, 0, 3);
        float[] first = c.data(2);
        assertEquals(3, c.request(2, L), "only [3, L) needs filling");
        assertSame(first, c.data(2), "the full-length array was given at once: growing copies nothing");
        assertEquals(202f, c.data(2)[2]);
    }

    @Test
    void leastRecentlyUsedIsEvicted() {
        KernelCache c = tinyWithTwoColumns();
        c.request(0, L); // touch 0: 1 is now the oldest
        assertEquals(0, c.request(2, L));
        assertNull(c.data(1), "column 1 was evicted");
        assertEquals(L, c.request(0, L), "column 0 stayed");
    }

    @Test
    void anEvictedColumnsArrayHoldsANewColumnOnlyAfterTheCallerLetsGo() {
        KernelCache c = tinyWithTwoColumns();
        float[] column0 = c.data(0);
        c.request(2, L); // evicts column 0, which a solver step may still be reading
        assertNotSame(column0, c.data(2));
        fill(c, 2, 0, L);
        assertEquals(5f, column0[5], "the evicted column's values are intact until the caller lets go");
        c.reuseLetGo();
        assertEquals(0, c.request(3, L)); // evicts column 1
        assertSame(column0, c.data(3), "the new column reuses the evicted array instead of a new zeroed one");
        assertNull(c.data(1));
    }

    /**
     * After shrinking, new columns are shorter than the spare arrays that full columns left: those spares (more
     * than twice too long to be reused) must make room, or the short arrays let go later are never kept.
     */
    @Test
    void spareArraysTooLongForTheNewColumnsMakeRoomForShorterOnes() {
        KernelCache c = tinyWithTwoColumns();
        c.request(2, L); // evicts 0
        c.request(3, L); // evicts 1
        c.reuseLetGo(); // two full-length spares: the cap of a cache this small
        for (int a = 4; a < 10; a++) {
            c.request(a, 3); // short columns, as after shrinking; the full ones 2 and 3 are evicted on the way
            c.reuseLetGo();
        }
        float[] shortColumn = c.data(4);
        assertEquals(3, shortColumn.length);
        c.request(0, 3); // evicts 4, the oldest
        assertNull(c.data(4));
        c.reuseLetGo();
        c.request(1, 3); // evicts 5
        assertSame(shortColumn, c.data(1), "the short array was kept and holds the new short column");
    }

    @Test
    void aGrownColumnsOldArrayIsReusedAfterTheCallerLetsGo() {
        KernelCache c = tiny(); // not the whole matrix: columns get arrays of the length asked for
        c.request(4, 3);
        fill(c, 4, 0, 3);
        float[] shortColumn = c.data(4);
        assertEquals(3, c.request(4, 6), "the prefix is kept when the column grows");
        assertEquals(402f, c.data(4)[2]);
        assertNotSame(shortColumn, c.data(4));
        assertEquals(402f, shortColumn[2], "the old array is intact until the caller lets go");
        c.reuseLetGo();
        assertEquals(0, c.request(5, 3));
        assertSame(shortColumn, c.data(5));
    }

    @Test
    void swapExchangesEntriesAndValuesAndDropsShortColumns() {
        KernelCache c = new KernelCache(L, 1);
        c.request(0, L);
        fill(c, 0, 0, L);
        c.request(2, 3);
        fill(c, 2, 0, 3);
        c.request(7, L);
        fill(c, 7, 0, L);
        c.swap(2, 7);
        // column 7's values now live at position 2, with rows 2 and 7 exchanged
        assertEquals(L, c.request(2, L));
        assertEquals(707f, c.data(2)[2]);
        assertEquals(702f, c.data(2)[7]);
        // column 0 keeps its entry, with rows 2 and 7 exchanged
        assertEquals(7f, c.data(0)[2]);
        assertEquals(2f, c.data(0)[7]);
        // the short column (length 3 covers row 2 but not row 7) moved to position 7 and was dropped
        assertNull(c.data(7));
        assertEquals(0, c.request(7, 3));
    }

    /**
     * Random requests and runs of swaps (as shrinking makes them): every value a column holds is the
     * value of its pair of points in the current order, as if each swap had been applied to every
     * cached column at once (libsvm's order), whatever the cache size.
     */
    @Test
    void lazySwapsGiveTheValuesOfTheCurrentOrder() {
        int n = 40;
        for (double mb : new double[] {1e-9, 2e-3, 1}) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(11);
            KernelCache c = new KernelCache(n, mb);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            int active = n;
            for (int step = 0; step < 3000; step++) {
                if (r.nextInt(50) == 0 && active > 2) {
                    // a run of swaps that shrinks the active set, then sometimes the whole set comes back
                    int runs = 1 + r.nextInt(5);
                    for (int k = 0; k < runs && active > 2; k++) {
                        int i = r.nextInt(active - 1);
                        active--;
                        c.swap(i, active);
                        int t = order[i];
                        order[i] = order[active];
                        order[active] = t;
                    }
                    if (r.nextInt(4) == 0) {
                        active = n;
                    }
                    continue;
                }
                int a = r.nextInt(active);
                int len = 1 + r.nextInt(active);
                int start = c.request(a, len);
                float[] d = c.data(a);
                for (int j = start; j < len; j++) {
                    d[j] = order[a] * 1000 + order[j];
                }
                for (int j = 0; j < len; j++) {
                    assertEquals(order[a] * 1000 + order[j], d[j], "column " + a + " row " + j + " at step " + step);
                }
                if (r.nextInt(3) == 0) {
                    c.reuseLetGo(); // evicted, dropped and grown columns' arrays now hold new columns
                }
            }
        }
    }
}
