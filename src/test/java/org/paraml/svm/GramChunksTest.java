package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.paraml.backend.Backend;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.ScalarBackend;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;

/**
 * A search's whole kernel matrices are kept in chunks that the next search in the JVM fills again
 * ({@link GramChunks}): the next search's models are still exactly the unshared ones (a reused chunk's old
 * values are never read), and a matrix closed while a reader still holds its rows keeps its chunks out of
 * the pool, so those rows are not overwritten.
 */
class GramChunksTest {
    /** 1,100 rows: the first chunk holds 953 rows (full size, pooled), the second 147 (small, not pooled). */
    private static final int N = 1_100;

    @Test
    void theNextSearchFillsTheChunksTheLastOneLeftAndFitsTheUnsharedModels() {
        TestData.Points first = TestData.blobs(N, 4, 2, 1.5, 31);
        TestData.Points second = TestData.blobs(N, 4, 2, 1.5, 32);
        SVC svc = new SVC().backend(new ScalarBackend()).kernel("poly").gamma(0.5).coef0(1).C(1).randomState(0L);
        int[] rows = SharedKernelTest.fold(N, 3, 0);
        GramChunks pool = GramChunks.processWide();

        try (SharedWork work = SharedWork.open(first.x(), 64L << 20)) {
            svc.sharing(work).fit(first.x().selectRows(rows), SharedKernelTest.labels(first.y(), rows));
        }
        int kept = pool.size();
        assertTrue(kept >= 1, "the closed search's full-size chunk is kept");

        Matrix x = second.x().selectRows(rows);
        int[] y = SharedKernelTest.labels(second.y(), rows);
        SVCModel alone = svc.sharing(SharedWork.none()).fit(x, y);
        try (SharedWork work = SharedWork.open(second.x(), 64L << 20)) {
            SVCModel shared = svc.sharing(work).fit(x, y);
            assertEquals(kept - 1, pool.size(), "the second search took the kept chunk");
            SharedKernelTest.assertSameModel(alone, shared, "a search on a reused chunk");
            assertArrayEquals(alone.predict(second.x()), shared.predict(second.x()));
        }
    }

    @Test
    void aMatrixClosedWithAReaderInsideKeepsItsChunksOutOfThePool() {
        Backend backend = new ScalarBackend();
        KernelSpec spec = KernelSpec.rbf(0.25);
        GramChunks pool = GramChunks.processWide();
        TestData.Points first = TestData.blobs(N, 4, 2, 1.5, 33);
        SharedWork work = SharedWork.open(first.x(), 64L << 20);
        SharedGram gram = SharedGram.of(work, backend, spec);
        assertTrue(gram.wholeMatrix());
        gram.enter();
        int[] offsets = new int[1];
        float[] row = gram.rows(new int[] {5}, 1, 1, offsets)[0];
        float[] before = java.util.Arrays.copyOfRange(row, offsets[0], offsets[0] + N);
        int kept = pool.size();
        work.close();
        assertEquals(kept, pool.size(), "a matrix closed with a reader inside gives no chunk to the pool");

        // another search fills whatever the pool holds; the reader's row must not change
        TestData.Points second = TestData.blobs(N, 4, 2, 1.5, 34);
        try (SharedWork other = SharedWork.open(second.x(), 64L << 20)) {
            SharedGram g2 = SharedGram.of(other, backend, spec);
            g2.enter();
            int[] all = new int[N];
            for (int i = 0; i < N; i++) {
                all[i] = i;
            }
            for (int from = 0; from < N; from += SharedGram.BATCH_ROWS) {
                int count = Math.min(SharedGram.BATCH_ROWS, N - from);
                float[][] got = g2.rows(java.util.Arrays.copyOfRange(all, from, from + count), count, 1, new int[count]);
                for (float[] r : got) {
                    assertNotSame(row, r, "the closed matrix's chunk was handed to another search");
                }
            }
            g2.leave();
        }
        assertArrayEquals(before, java.util.Arrays.copyOfRange(row, offsets[0], offsets[0] + N));
        gram.leave();
    }

    @Test
    void thePoolKeepsFullSizeChunksUpToItsLimitAndHandsThemOutLastInFirst() {
        GramChunks pool = new GramChunks(2);
        float[] a = pool.take();
        assertEquals(SharedGram.CHUNK_FLOATS, a.length, "a new chunk has the pooled length");
        float[] b = new float[(int) SharedGram.CHUNK_FLOATS];
        float[] c = new float[(int) SharedGram.CHUNK_FLOATS];
        pool.give(new float[10]);
        assertEquals(0, pool.size(), "a chunk of another length is not kept");
        pool.give(a);
        pool.give(b);
        pool.give(c);
        assertEquals(2, pool.size(), "at most the limit is kept");
        assertSame(b, pool.take());
        assertSame(a, pool.take());
        assertEquals(0, pool.size());
        assertNotSame(a, pool.take(), "an empty pool makes a new chunk");
    }
}
