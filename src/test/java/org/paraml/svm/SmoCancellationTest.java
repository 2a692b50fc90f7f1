package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paraml.backend.Backends;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.SmoOps;

/**
 * An SMO solve stops with a {@link CancellationException} soon after its thread is interrupted (a cancelled
 * search interrupts its running fits), keeping the interrupt status; an uninterrupted solve is unaffected.
 */
class SmoCancellationTest {
    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptMidSolveStopsItWithinTheCheckInterval() {
        TestData.Points p = TestData.blobs(5000, 4, 2, 1.0, 11); // 1,875 steps when not interrupted
        BackendKernelSource source = new BackendKernelSource(Backends.byName("scalar"), KernelSpec.rbf(0.5), p.x(), 1);
        TestData.BinaryDual dual = TestData.BinaryDual.of(p, i -> 1.0);
        int l = dual.rows().length;
        int[] rows = dual.rows();
        byte[] y = dual.y();
        double[] c = dual.c();
        double[] minusOnes = dual.p();
        StepCounter whole = new StepCounter(new SvcQ(source.columns(rows.clone()), y, 200), -1);
        SolverResult full = SmoSolver.solve(whole, SmoOps.scalar(), minusOnes, y, new double[l], c, 1e-3, true, -1, 1);
        whole.release();
        assertTrue(full.iterations() > SmoSolver.CANCEL_CHECK_STEPS + 10, "the solve is long enough to be cut short");

        StepCounter cut = new StepCounter(new SvcQ(source.columns(rows.clone()), y, 200), 10);
        CancellationException e = assertThrows(CancellationException.class, () ->
                SmoSolver.solve(cut, SmoOps.scalar(), minusOnes, y, new double[l], c, 1e-3, true, -1, 1));
        cut.release();
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
        assertTrue(cut.steps > 10 && cut.steps <= SmoSolver.CANCEL_CHECK_STEPS + 1,
                "stopped at the first check after the interrupt: " + cut.steps + " steps; " + e.getMessage());
        assertTrue(cut.steps < whole.steps, cut.steps + " of " + whole.steps + " steps");
    }

    @Test
    void aFitOnAnInterruptedThreadIsCancelledAndAnUninterruptedOneIsNot() {
        TestData.Points p = TestData.blobs(600, 3, 2, 1.5, 5);
        SVCModel reference = new SVC().fit(p.x(), p.y());
        Thread.currentThread().interrupt();
        assertThrows(CancellationException.class, () -> new SVC().fit(p.x(), p.y()));
        assertTrue(Thread.interrupted(), "the interrupt status is kept");
        SVCModel again = new SVC().fit(p.x(), p.y());
        assertEquals(reference.nIter()[0], again.nIter()[0]);
        assertEquals(reference.intercept()[0], again.intercept()[0], 0.0);
    }

    /**
     * A multi-class fit on two threads runs its pairs on the caller and a pool helper: interrupted, it is
     * cancelled on both, and the helper's interrupt does not outlive the fit (the next two-thread fit, whose
     * pairs run on the same pool, gives the uninterrupted model).
     */
    @Test
    void aTwoThreadMultiClassFitIsCancelledAndLeavesThePoolUninterrupted() {
        TestData.Points p = TestData.blobs(1200, 3, 4, 2.0, 9);
        SVCModel reference = new SVC().threads(2).fit(p.x(), p.y());
        for (int attempt = 0; attempt < 3; attempt++) {
            Thread.currentThread().interrupt();
            assertThrows(CancellationException.class, () -> new SVC().threads(2).fit(p.x(), p.y()));
            assertTrue(Thread.interrupted(), "the interrupt status is kept");
            SVCModel again = new SVC().threads(2).fit(p.x(), p.y());
            assertArrayEquals(reference.nIter(), again.nIter());
            assertArrayEquals(reference.intercept(), again.intercept(), 0.0);
        }
    }

    /** A Q matrix that counts the solver's steps (one {@link #reuseColumnArrays()} each) and interrupts at one. */
    private static final class StepCounter implements QMatrix {
        private final QMatrix inner;
        private final int interruptAt;
        int steps;

        StepCounter(QMatrix inner, int interruptAt) {
            this.inner = inner;
            this.interruptAt = interruptAt;
        }

        @Override
        public void reuseColumnArrays() {
            if (++steps == interruptAt) {
                Thread.currentThread().interrupt();
            }
            inner.reuseColumnArrays();
        }

        @Override
        public float[] column(int a, int len) {
            return inner.column(a, len);
        }

        @Override
        public float[][] columns(int[] positions, int count, int len) {
            return inner.columns(positions, count, len);
        }

        @Override
        public void columnsUncached(int[] positions, int count, int from, int len, float[][] out) {
            inner.columnsUncached(positions, count, from, len, out);
        }

        @Override
        public boolean cachesWholeMatrix() {
            return inner.cachesWholeMatrix();
        }

        @Override
        public double[] diagonal() {
            return inner.diagonal();
        }

        @Override
        public void swap(int a, int b) {
            inner.swap(a, b);
        }

        @Override
        public void release() {
            inner.release();
        }
    }
}
