package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.paraml.backend.Backend;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.ScalarBackend;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;

/**
 * Fits that read their kernel from a search's {@link SharedWork} fit exactly the models they fit
 * alone: the same support, dual coefficients, intercepts, iterations and Platt parameters, bit for
 * bit, for every kernel, on folds (row views) of the shared data, with the whole matrix kept, with
 * a bounded row cache (over budget), with no room at all, and with fits running at once.
 *
 * <p>Every kernel on every backend: the SIMD kernels' values do not depend on the JIT's state either (their exp
 * and tanh are plain IEEE arithmetic, the same bits interpreted and compiled).
 */
class SharedKernelTest {
    private static final TestData.Points DATA = TestData.blobs(240, 4, 3, 0.9, 21);

    static int[] fold(int n, int k, int f) {
        int[] rows = new int[n - (n / k)];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (i % k != f) {
                rows[c++] = i;
            }
        }
        return java.util.Arrays.copyOf(rows, c);
    }

    static int[] labels(int[] y, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }

    static void assertSameModel(SVCModel a, SVCModel b, String what) {
        assertArrayEquals(a.support(), b.support(), what + ": support");
        assertArrayEquals(a.nSupport(), b.nSupport(), what + ": n_support");
        assertArrayEquals(a.nIter(), b.nIter(), what + ": n_iter");
        assertArrayEquals(a.dualCoef().data(), b.dualCoef().data(), what + ": dual_coef");
        assertArrayEquals(a.intercept(), b.intercept(), what + ": intercept");
        assertArrayEquals(a.probA(), b.probA(), what + ": probA");
        assertArrayEquals(a.probB(), b.probB(), what + ": probB");
    }

    private static List<SVC> estimators(Backend backend) {
        List<SVC> out = new ArrayList<>();
        SVC base = new SVC().backend(backend).probability(true).randomState(3L);
        out.add(base.kernel("poly").gamma(0.4).coef0(1).C(2));
        out.add(base.kernel("linear").C(0.05));
        out.add(base.C(1));                                   // rbf, gamma='scale' (resolved per fold)
        out.add(base.gamma("auto").C(10).shrinking(false));
        out.add(base.kernel("sigmoid").gamma(0.05).coef0(-0.2).C(0.5).probability(false));
        return out;
    }

    @Test
    void foldsOfSharedDataFitTheUnsharedModels() {
        for (String b : TestBackends.names()) {
            Backend backend = TestBackends.byName(b);
            try (SharedWork work = SharedWork.open(DATA.x(), 64L << 20)) {
                for (SVC svc : estimators(backend)) {
                    for (int f = 0; f < 3; f++) {
                        int[] rows = fold(DATA.y().length, 3, f);
                        Matrix x = DATA.x().selectRows(rows);
                        int[] y = labels(DATA.y(), rows);
                        SVCModel alone = svc.sharing(SharedWork.none()).fit(x, y);
                        SVCModel shared = svc.sharing(work).fit(x, y);
                        assertSameModel(alone, shared, b + " " + svc + " fold " + f);
                        assertNull(shared.params().sharedWork(), "the model does not keep the scope");
                    }
                }
                assertTrue(work.resourceCount() > 0, "kernel matrices were shared");
                assertTrue(work.reservedBytes() <= work.budgetBytes());
            }
        }
    }

    @Test
    void anyRowLayoutGivesTheSameModels() {
        int n = DATA.y().length;
        int[] shuffled = new int[n];
        for (int i = 0; i < n; i++) {
            shuffled[i] = i;
        }
        java.util.Random r = new java.util.Random(5);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        List<int[]> tests = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            int[] all = fold(n, 3, f);
            int testFold = f;
            tests.add(java.util.stream.IntStream.range(0, n).filter(i -> i % 3 == testFold).toArray());
            assertEquals(n - tests.get(f).length, all.length);
        }
        int[] byFold = SharedWork.layoutByTestSet(n, tests);
        assertArrayEquals(new int[] {0, 3, 6}, java.util.Arrays.copyOf(byFold, 3));
        assertEquals(1, byFold[n / 3], "fold 1's test rows follow fold 0's");
        for (int[] layout : new int[][] {shuffled, byFold}) {
            for (long budget : new long[] {64L << 20, 150L * (n * 4L + 16)}) {
                try (SharedWork work = SharedWork.open(DATA.x(), budget, layout)) {
                    for (SVC svc : estimators(new ScalarBackend())) {
                        for (int f = 0; f < 3; f++) {
                            int[] rows = fold(n, 3, f);
                            Matrix x = DATA.x().selectRows(rows);
                            int[] y = labels(DATA.y(), rows);
                            assertSameModel(svc.sharing(SharedWork.none()).fit(x, y), svc.sharing(work).fit(x, y),
                                    "layout, budget " + budget + ", " + svc + " fold " + f);
                        }
                    }
                }
            }
        }
    }

    @Test
    void overBudgetTheBoundedRowCacheGivesTheSameModels() {
        Backend scalar = new ScalarBackend();
        int n = DATA.y().length;
        long rowBytes = (long) n * Float.BYTES + 16;
        // room for 150 of 240 rows: a bounded cache of 75 rows (half of what is left), with evictions
        long budget = 150 * rowBytes;
        for (SVC svc : estimators(scalar)) {
            try (SharedWork work = SharedWork.open(DATA.x(), budget)) {
                for (int f = 0; f < 3; f++) {
                    int[] rows = fold(n, 3, f);
                    Matrix x = DATA.x().selectRows(rows);
                    int[] y = labels(DATA.y(), rows);
                    assertSameModel(svc.sharing(SharedWork.none()).fit(x, y), svc.sharing(work).fit(x, y),
                            "bounded " + svc + " fold " + f);
                }
                if (svc.gamma().equals("scale")) {
                    continue; // each fold resolved its own gamma: three kernels, the later ones without room
                }
                SharedGram gram = SharedGram.of(work, scalar, Kernels.spec(new KernelParams(svc.kernel(),
                        svc.resolveGamma(DATA.x()), svc.coef0(), svc.degree())));
                assertNotNull(gram);
                assertFalse(gram.wholeMatrix());
                assertEquals(75, gram.capacityRows());
                assertTrue(gram.residentRows() <= gram.capacityRows());
                assertTrue(work.reservedBytes() <= budget);
            }
        }
    }

    /**
     * A whole matrix of more rows than one chunk holds: rows asked for in runs that cross chunk boundaries, out of
     * order and repeated are each the backend's own kernel row, wherever they were computed into.
     */
    @Test
    void rowsInRunsAcrossChunksAreTheBackendsRows() {
        int n = 2500; // 419 rows a chunk: six chunks
        Matrix x = TestData.blobs(n, 3, 2, 1.0, 8).x();
        Backend scalar = new ScalarBackend();
        KernelSpec spec = KernelSpec.rbf(0.7);
        try (SharedWork work = SharedWork.open(x, 64L << 20)) {
            SharedGram gram = SharedGram.of(work, scalar, spec);
            assertTrue(gram.wholeMatrix());
            gram.enter();
            try {
                int[][] requests = {
                    range(400, 520),                 // a run across the first chunk boundary, in batches of 64
                    {900, 3, 838, 839, 840, 1, 2},   // out of order, a run across a boundary at 838
                    range(500, 900),                 // partly computed already
                    {2499, 2498, 0},
                };
                float[] want = new float[n];
                for (int[] idx : requests) {
                    int[] offsets = new int[idx.length];
                    float[][] rows = gram.rows(idx, idx.length, 2, offsets);
                    for (int r = 0; r < idx.length; r++) {
                        scalar.kernelRows(spec, scalar.prepare(x), new int[] {idx[r]}, n, want, 0, n, 1);
                        float[] got = java.util.Arrays.copyOfRange(rows[r], offsets[r], offsets[r] + n);
                        assertArrayEquals(want, got, "row " + idx[r]);
                    }
                }
            } finally {
                gram.leave();
            }
        }
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    @Test
    void withNoRoomTheFitComputesItsOwnKernel() {
        try (SharedWork work = SharedWork.open(DATA.x(), 1000)) {
            SVC svc = new SVC().backend(new ScalarBackend()).probability(true).randomState(1L);
            assertSameModel(svc.sharing(SharedWork.none()).fit(DATA.x(), DATA.y()), svc.sharing(work).fit(DATA.x(),
                    DATA.y()), "no room");
            assertEquals(0, work.resourceCount());
            assertEquals(0, work.reservedBytes());
        }
    }

    @Test
    void aCopyOfTheDataIsNotShared() {
        try (SharedWork work = SharedWork.open(DATA.x(), 64L << 20)) {
            assertNull(work.rowsOf(DATA.x().copy()));
            assertArrayEquals(new int[] {5, 2}, work.rowsOf(DATA.x().selectRows(new int[] {5, 2})));
            assertArrayEquals(new int[] {3, 4}, work.rowsOf(DATA.x().rowRange(3, 5)));
            Matrix view = DATA.x().selectRows(new int[] {9, 8, 7});
            try (SharedWork onView = SharedWork.open(view, 1 << 20)) {
                assertArrayEquals(new int[] {2, 0}, onView.rowsOf(view.selectRows(new int[] {2, 0})));
                assertNull(onView.rowsOf(DATA.x().selectRows(new int[] {1})), "row 1 is not in the view");
            }
            SVC svc = new SVC().backend(new ScalarBackend());
            svc.sharing(work).fit(DATA.x().copy(), DATA.y());
            assertEquals(0, work.resourceCount(), "a copy does not use the shared data");
        }
    }

    @Test
    void closingReleasesEverythingAndLaterFitsComputeTheirOwn() {
        SharedWork work = SharedWork.open(DATA.x(), 64L << 20);
        SVC svc = new SVC().backend(new ScalarBackend()).kernel("poly").probability(true).randomState(2L);
        SVCModel first = svc.sharing(SharedWork.none()).fit(DATA.x(), DATA.y());
        assertSameModel(first, svc.sharing(work).fit(DATA.x(), DATA.y()), "shared");
        assertEquals(2, work.resourceCount(), "the kernel matrix and the pool of column arrays");
        assertTrue(work.reservedBytes() > 0);
        work.close();
        assertTrue(work.isClosed());
        assertEquals(0, work.resourceCount());
        assertEquals(0, work.reservedBytes());
        assertSameModel(first, svc.sharing(work).fit(DATA.x(), DATA.y()), "after close");
        assertEquals(0, work.resourceCount(), "nothing is held after close");
        assertFalse(work.tryReserve(1));
    }

    @Test
    void equalKernelsShareOneMatrixAndUnusedParametersDoNotSplitIt() {
        try (SharedWork work = SharedWork.open(DATA.x(), 64L << 20)) {
            Backend b = new ScalarBackend();
            SharedGram g1 = SharedGram.of(work, b, new KernelSpec(org.paraml.backend.KernelType.RBF, 0.5, 3.0, 7));
            SharedGram g2 = SharedGram.of(work, b, KernelSpec.rbf(0.5));
            SharedGram g3 = SharedGram.of(work, b, KernelSpec.rbf(0.25));
            assertSame(g1, g2);
            assertTrue(g1 != g3);
            assertTrue(g1.wholeMatrix());
            assertEquals(2, work.resourceCount());
        }
    }

    @Test
    void concurrentFitsShareRowsAndGetTheirModels() throws Exception {
        Backend scalar = new ScalarBackend();
        SVC svc = new SVC().backend(scalar).kernel("rbf").gamma(0.3).probability(true).randomState(4L);
        List<int[]> folds = new ArrayList<>();
        List<SVCModel> alone = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            int[] rows = fold(DATA.y().length, 4, f);
            folds.add(rows);
            alone.add(svc.C(0.5 + f).sharing(SharedWork.none()).fit(DATA.x().selectRows(rows), labels(DATA.y(), rows)));
        }
        for (long budget : new long[] {64L << 20, 140L * (DATA.y().length * 4L + 16)}) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try (SharedWork work = SharedWork.open(DATA.x(), budget)) {
                List<Future<SVCModel>> futures = new ArrayList<>();
                for (int f = 0; f < 4; f++) {
                    int[] rows = folds.get(f);
                    SVC e = svc.C(0.5 + f).sharing(work);
                    futures.add(pool.submit(() -> e.fit(DATA.x().selectRows(rows), labels(DATA.y(), rows))));
                }
                for (int f = 0; f < 4; f++) {
                    assertSameModel(alone.get(f), futures.get(f).get(), "concurrent fold " + f + " budget " + budget);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
