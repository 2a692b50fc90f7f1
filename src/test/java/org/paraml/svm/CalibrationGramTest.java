package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.paraml.backend.ScalarBackend;
import org.paraml.backend.SmoOps;

/** Timed out rather than hung: a fill that stops advancing, or a wrong matrix that keeps a solve from converging. */
@Timeout(120)
class CalibrationGramTest {
    private static final KernelParams RBF = new KernelParams(SVC.Kernel.RBF, 0.3, 0.0, 3);

    /** A pair's points (rows of the input, labels ±1) and a calibration shuffle of them, as ProbabilityCv draws it. */
    private record Pair(TestData.Points data, int[] rows, byte[] y, int[] perm) {
        static Pair of(int n, long seed) {
            TestData.Points p = TestData.blobs(n + 20, 4, 2, 1.5, seed);
            int[] rows = new int[n];
            byte[] y = new byte[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i + 20; // not the identity: the gram maps rows of the input, not positions
                y[i] = (byte) (p.y()[rows[i]] == 0 ? 1 : -1);
            }
            return new Pair(p, rows, y, ProbabilityCv.permutation(new SklearnRandom((int) seed), n));
        }

        /** Fold f's training rows in its solver's order: the shuffle less the fold, label -1 first. */
        int[] foldOrder(int f) {
            int l = rows.length;
            int begin = f * l / ProbabilityCv.FOLDS;
            int end = (f + 1) * l / ProbabilityCv.FOLDS;
            int[] out = new int[l - (end - begin)];
            int k = 0;
            for (byte label : new byte[] {-1, 1}) {
                for (int j = 0; j < l; j++) {
                    if ((j < begin || j >= end) && y[perm[j]] == label) {
                        out[k++] = rows[perm[j]];
                    }
                }
            }
            return out;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void columnsAreTheInnerSourcesValuesThroughSwapsSignsAndPartialLengths(String opsName) {
        SmoOps ops = opsName.equals("scalar") ? SmoOps.scalar() : SmoOps.vector();
        Pair pair = Pair.of(230, 3);
        KernelSource inner = new PlainKernelSource(RBF, pair.data().x());
        CalibrationGram gram = CalibrationGram.of(inner, pair.rows(), pair.y(), pair.perm(), new ColumnArrays(1 << 20),
                ops);
        SplittableRandom r = new SplittableRandom(9);
        int[][] orders = {pair.foldOrder(0), pair.foldOrder(2), pair.foldOrder(4), pair.rows()};
        for (int[] order : orders) {
            ColumnProvider mine = gram.columns(order);
            ColumnProvider ref = inner.columns(order);
            int l = order.length;
            float[] signs = new float[l];
            for (int j = 0; j < l; j++) {
                signs[j] = r.nextBoolean() ? 1f : -1f;
            }
            for (int round = 0; round < 6; round++) {
                for (int t = 0; t < 25; t++) {
                    int a = r.nextInt(l);
                    int from = r.nextInt(l);
                    // lengths that end inside a stretch, a few positions past its start, and at the end
                    int len = t % 3 == 0 ? l : Math.min(l, from + 1 + r.nextInt(40));
                    float[] got = new float[l];
                    float[] want = new float[l];
                    Arrays.fill(got, 5f);
                    Arrays.fill(want, 5f);
                    float sign = r.nextBoolean() ? 1f : -1f;
                    assertEquals(from, mine.signedColumn(a, from, len, got, sign, signs));
                    ref.column(a, 0, l, want);
                    for (int j = from; j < len; j++) {
                        want[j] *= sign * signs[j];
                    }
                    for (int j = 0; j < from; j++) {
                        want[j] = 5f;
                    }
                    for (int j = len; j < l; j++) {
                        want[j] = 5f;
                    }
                    assertArrayEquals(want, got, "round " + round + " a=" + a + " [" + from + ", " + len + ")");
                    assertEquals(ref.diagonal(a), mine.diagonal(a), 0.0);

                    float[][] many = {new float[l], new float[l]};
                    float[][] manyRef = {new float[l], new float[l]};
                    int b = r.nextInt(l);
                    mine.columns(new int[] {a, b}, 2, len, many);
                    ref.columns(new int[] {a, b}, 2, len, manyRef);
                    assertArrayEquals(manyRef[0], many[0]);
                    assertArrayEquals(manyRef[1], many[1]);
                }
                // shrinking-like swaps: a few, then many (the order loses its long stretches)
                for (int s = 0; s < (round + 1) * 7; s++) {
                    int a = r.nextInt(l);
                    int b = r.nextInt(l);
                    mine.swap(a, b);
                    ref.swap(a, b);
                    float t = signs[a];
                    signs[a] = signs[b];
                    signs[b] = t;
                }
            }
        }
        assertTrue(gram.keptColumns() > 0);
    }

    @Test
    void closingHandsTheColumnsToThePoolAndRowsOutsideThePairAreRefused() {
        Pair pair = Pair.of(120, 5);
        ColumnArrays pool = ColumnArrays.forSearch();
        pool.enter(1);
        CalibrationGram gram = CalibrationGram.of(new PlainKernelSource(RBF, pair.data().x()), pair.rows(), pair.y(),
                pair.perm(), pool, SmoOps.best());
        ColumnProvider p = gram.columns(pair.foldOrder(1));
        float[] out = new float[p.size()];
        p.column(0, 0, p.size(), out);
        p.column(7, 0, p.size(), out);
        assertEquals(2, gram.keptColumns());
        gram.close();
        assertEquals(0, gram.keptColumns());
        assertEquals(2L * 120, pool.pooledFloats(), "the two kept columns wait in the pool");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gram.columns(new int[] {3}));
        assertTrue(e.getMessage().contains("row 3"), e.getMessage());
    }

    @Test
    void onlyAMatrixThatFitsTheCacheBudgetIsKept() {
        assertTrue(CalibrationGram.fits(5000, 200));
        assertFalse(CalibrationGram.fits(8000, 200), "8000² floats are 256 MB");
        assertFalse(CalibrationGram.fits(0, 200));
    }

    /**
     * The calibration's matrix is used when it fits the cache budget; with a tiny budget it is not, and the
     * solves compute their own columns. The cache never changes a model: both give the same numbers.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rbf", "poly", "linear"})
    void probabilityFitsWithAndWithoutTheMatrixAreTheSame(String kernel) {
        TestData.Points p = TestData.blobs(300, 3, 3, 2.5, 17);
        for (int threads : new int[] {1, 3}) {
            SVC base = new SVC().backend(new ScalarBackend()).kernel(kernel).C(2.0).probability(true).randomState(4L)
                    .threads(threads);
            SVCModel kept = base.cacheSize(200).fit(p.x(), p.y());
            SVCModel own = base.cacheSize(0.01).fit(p.x(), p.y());
            String what = kernel + " threads=" + threads;
            assertArrayEquals(own.probA(), kept.probA(), 0.0, what);
            assertArrayEquals(own.probB(), kept.probB(), 0.0, what);
            assertArrayEquals(own.intercept(), kept.intercept(), 0.0, what);
            assertArrayEquals(own.dualCoef().data(), kept.dualCoef().data(), 0.0, what);
            assertArrayEquals(own.support(), kept.support(), what);
        }
    }
}
