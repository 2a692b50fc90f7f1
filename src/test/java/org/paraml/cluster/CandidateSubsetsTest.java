package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.paraml.backend.Backend;
import org.paraml.backend.PreparedMatrix;
import org.paraml.data.Blocks;
import org.paraml.linalg.Matrix;

/** A round's prepared candidate subsets: the right rows, prepared once per distinct subset, shared by threads. */
class CandidateSubsetsTest {
    private static final int D = 3;
    private static final double[] FRESH = {
        0, 1, 2,
        10, 11, 12,
        20, 21, 22,
        30, 31, 32,
    };

    @Test
    void aSubsetHoldsTheChosenRowsInOrder() {
        for (Backend backend : KMeansParallelWeightsTest.backends()) {
            PreparedMatrix p = new CandidateSubsets(backend, FRESH, D).of(new int[] {1, 3});
            assertEquals(backend.name(), p.backendName());
            assertArrayEquals(new double[] {10, 11, 12, 30, 31, 32}, p.matrix().compact().data());
            assertArrayEquals(backend.prepare(Matrix.wrap(new double[] {10, 11, 12, 30, 31, 32}, 2, D))
                    .squaredNorms(), p.squaredNorms());
        }
    }

    @Test
    void equalSubsetsArePreparedOnce() {
        for (Backend backend : KMeansParallelWeightsTest.backends()) {
            CandidateSubsets subsets = new CandidateSubsets(backend, FRESH, D);
            PreparedMatrix first = subsets.of(new int[] {0, 2});
            assertSame(first, subsets.of(new int[] {0, 2}), "an equal array, not the same one");
            assertNotSame(first, subsets.of(new int[] {0, 3}));
            assertArrayEquals(new double[] {0, 1, 2, 30, 31, 32}, subsets.of(new int[] {0, 3}).matrix().compact().data());
        }
    }

    @Test
    void beyondTheBoundSubsetsArePreparedForTheCallOnly() {
        Backend backend = KMeansParallelWeightsTest.backends().get(0);
        // one candidate of MAX_VALUES / 4 features: four subsets of one row fill the bound, the fifth is not kept
        int d = (int) (CandidateSubsets.MAX_VALUES / 4);
        int k = 6;
        double[] fresh = new double[k * d];
        for (int c = 0; c < k; c++) {
            java.util.Arrays.fill(fresh, c * d, (c + 1) * d, c);
        }
        CandidateSubsets subsets = new CandidateSubsets(backend, fresh, d);
        for (int c = 0; c < 4; c++) {
            assertSame(subsets.of(new int[] {c}), subsets.of(new int[] {c}), "within the bound: kept");
        }
        PreparedMatrix fifth = subsets.of(new int[] {4});
        assertNotSame(fifth, subsets.of(new int[] {4}), "beyond the bound: prepared for the call only");
        assertEquals(4.0, fifth.matrix().get(0, d - 1));
        assertSame(subsets.of(new int[] {0}), subsets.of(new int[] {0}), "the first ones stay kept");
    }

    @Test
    void threadsShareOneSubsetsObject() throws Exception {
        for (Backend backend : KMeansParallelWeightsTest.backends()) {
            CandidateSubsets subsets = new CandidateSubsets(backend, FRESH, D);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<double[]>> rows = new ArrayList<>();
                for (int t = 0; t < 64; t++) {
                    int[] keep = t % 2 == 0 ? new int[] {1, 2} : new int[] {0, 1, 3};
                    rows.add(pool.submit(() -> subsets.of(keep).matrix().compact().data()));
                }
                for (int t = 0; t < rows.size(); t++) {
                    assertArrayEquals(t % 2 == 0 ? new double[] {10, 11, 12, 20, 21, 22}
                            : new double[] {0, 1, 2, 10, 11, 12, 30, 31, 32}, rows.get(t).get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theUpdateRefusesSubsetsOfOtherCandidates() {
        Backend backend = KMeansParallelWeightsTest.backends().get(0);
        Matrix x = Matrix.wrap(FRESH.clone(), 4, D);
        PassRunner runner = PassRunner.local(Blocks.of(x), 1);
        FitContext ctx = new FitContext(runner, 1, backend, FitContext.translationFor(runner));
        CandidateSubsets subsets = new CandidateSubsets(backend, FRESH, D);
        assertTrue(subsets.isFor(backend, FRESH));
        double[] other = FRESH.clone();
        assertFalse(subsets.isFor(backend, other), "a copy is other candidates as far as the cache knows");
        assertThrows(IllegalArgumentException.class, () -> PrunedMinUpdate.update(ctx.kernels, x, new double[D], other,
                4, new double[4], 1, new double[4], new int[4], subsets));
    }
}
