package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.paraml.backend.SmoOps;

/**
 * The pool of kernel-cache column arrays: what it hands out, what it keeps, and that solves whose
 * caches reuse the arrays of earlier solves (holding their old values) compute the same solution.
 */
class ColumnArraysTest {
    @Test
    void takesAnArrayAtLeastAsLongAndAtMostTwiceAsLong() {
        ColumnArrays pool = new ColumnArrays(1000);
        float[] a = new float[100];
        float[] b = new float[300];
        pool.give(a);
        pool.give(b);
        assertEquals(400, pool.pooledFloats());
        assertNull(pool.take(301), "none is long enough");
        assertNull(pool.take(49), "a 100-value array is more than twice 49");
        assertSame(b, pool.take(150), "the 300-value array serves 150");
        assertNull(pool.take(150), "it is gone");
        assertSame(a, pool.take(50));
        assertEquals(0, pool.pooledFloats());
    }

    @Test
    void keepsNoMoreThanItsBound() {
        ColumnArrays pool = new ColumnArrays(250);
        pool.give(new float[100]);
        pool.give(new float[100]);
        pool.give(new float[100]);
        pool.give(null);
        pool.give(new float[0]);
        assertEquals(200, pool.pooledFloats(), "the third array would pass the bound");
    }

    @Test
    void aSearchPoolKeepsWhatTheFitsRunningAtOnceHeldAndNothingOnceClosed() {
        ColumnArrays pool = ColumnArrays.forSearch();
        pool.give(new float[10]);
        assertEquals(0, pool.pooledFloats(), "no fit has entered: nothing is kept");
        pool.enter(100);
        pool.enter(150);
        pool.leave(100);
        pool.leave(150);
        pool.enter(40);
        for (int k = 0; k < 6; k++) {
            pool.give(new float[50]);
        }
        assertEquals(250, pool.pooledFloats(), "at most the 250 floats of the two fits that ran at once");
        pool.leave(40);
        pool.close();
        assertEquals(0, pool.pooledFloats(), "closing drops the pooled arrays");
        pool.enter(100);
        pool.give(new float[10]);
        assertEquals(0, pool.pooledFloats(), "a closed pool keeps nothing");
    }

    @Test
    void enteringFitsRaiseThePoolNoHigherThanItsCeiling() {
        ColumnArrays pool = new ColumnArrays(0, 120);
        pool.enter(250);
        for (int k = 0; k < 4; k++) {
            pool.give(new float[50]);
        }
        assertEquals(100, pool.pooledFloats(), "a third array would pass the ceiling of 120");
        pool.leave(250);
    }

    @Test
    void fitsOutsideASearchHandTheirArraysToTheNextFitAndGiveTheSameModel() {
        TestData.Points data = TestData.blobs(300, 3, 2, 1.0, 5);
        ColumnArrays pool = ColumnArrays.processWide();
        assertSame(pool, ColumnArrays.processWide(), "one pool per JVM");
        SVC svc = new SVC().backend(new org.paraml.backend.ScalarBackend()).C(0.01);
        SVCModel first = svc.fit(data.x(), data.y());
        long kept = pool.pooledFloats();
        assertTrue(kept > 0, "the finished fit's arrays wait for the next fit");
        SVCModel second = svc.fit(data.x(), data.y());
        assertTrue(pool.pooledFloats() <= kept, "the next fit took arrays instead of making new ones");
        assertArrayEquals(first.dualCoef().row(0), second.dualCoef().row(0), 0.0, "reused arrays give the same model");
        assertArrayEquals(first.intercept(), second.intercept(), 0.0);
    }

    @Test
    void aSearchsFitsHandTheirArraysOnAndCloseDropsThem() {
        TestData.Points data = TestData.blobs(200, 3, 2, 1.0, 4);
        try (org.paraml.estimator.SharedWork work = org.paraml.estimator.SharedWork.open(data.x(), 64L << 20)) {
            SVC svc = new SVC().backend(new org.paraml.backend.ScalarBackend()).C(0.01).sharing(work);
            svc.fit(data.x().rowRange(0, 150), Arrays.copyOf(data.y(), 150));
            ColumnArrays pool = SharedColumnArrays.of(work);
            long kept = pool.pooledFloats();
            assertTrue(kept > 0, "the finished fit's arrays wait for the next fit");
            svc.fit(data.x().rowRange(50, 200), Arrays.copyOfRange(data.y(), 50, 200));
            assertTrue(pool.pooledFloats() <= kept, "the next fit took arrays instead of making new ones");
            work.close();
            assertEquals(0, pool.pooledFloats());
            assertNull(SharedColumnArrays.of(work), "a closed scope has no pool");
        }
    }

    @Test
    void aReleasedCacheHandsItsArraysToTheNextCache() {
        ColumnArrays pool = new ColumnArrays(1 << 20);
        int l = 10;
        KernelCache first = new KernelCache(l, 200, pool);
        assertEquals(0, first.request(3, 6));
        float[] used = first.data(3);
        Arrays.fill(used, 0, 6, 7f);
        first.release();
        assertNull(first.data(3), "a released cache holds nothing");

        KernelCache second = new KernelCache(l, 200, pool);
        assertEquals(0, second.request(5, 4), "a reused array is filled from the start: its old values are not a cache hit");
        assertSame(used, second.data(5), "the array of the first cache is reused");
        assertEquals(0, pool.pooledFloats());
        assertEquals(0, first.request(3, 6), "the released cache fills from the start again");
    }

    /** Trains the same problems one after the other: with one shared pool, with a pool each time, and without. */
    @Test
    void solvesOnReusedArraysEqualSolvesOnFreshOnes() {
        TestData.Points p = TestData.blobs(400, 3, 2, 1.5, 21L);
        KernelParams kp = new KernelParams(SVC.Kernel.RBF, 0.5, 0.0, 3);
        KernelSource source = new PlainKernelSource(kp, p.x());
        ColumnArrays shared = new ColumnArrays(1L << 24);
        for (double cacheMb : new double[] {200, 0.01}) {
            for (int n : new int[] {400, 320, 250}) {
                int[] rows = new int[n];
                byte[] y = new byte[n];
                double[] w = new double[n];
                for (int i = 0; i < n; i++) {
                    rows[i] = (i * 7) % 400;
                    y[i] = (byte) (p.y()[rows[i]] == 0 ? 1 : -1);
                    w[i] = 1;
                }
                SolverSettings settings = new SolverSettings(1e-3, true, cacheMb, -1, SmoOps.best());
                SolverResult fresh = BinarySvc.train(source, rows, y, w, 2.0, 3.0, settings, null, 1);
                SolverResult reused = BinarySvc.train(source, rows, y, w, 2.0, 3.0, settings, shared, 1);
                String what = "n=" + n + " cache=" + cacheMb;
                assertArrayEquals(fresh.alpha(), reused.alpha(), 0.0, what);
                assertEquals(fresh.rho(), reused.rho(), 0.0, what);
                assertEquals(fresh.iterations(), reused.iterations(), what);
            }
        }
    }
}
