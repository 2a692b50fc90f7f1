package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.paraml.backend.Backends;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.SmoOps;

/**
 * Whole solves with the scalar loops (each step's gradient and {@code G_bar} updates as separate passes)
 * and with {@link SmoOps#vector()} (one fused pass where the Vector API is readable), alone and split with a
 * partner thread: the same solution, offset, objective and step count. (The loops' own bit-for-bit equality,
 * which a solve's outcome cannot always show, is {@code SmoOpsTest}'s.)
 */
class SmoSolverOpsTest {
    @Test
    void theFusedStepUpdatesGiveTheSeparateLoopsSolution() {
        // overlapping blobs: 1,875 steps, so shrinking (every 1,000) and the G_bar updates are in use; 5,000
        // points, so that a second thread splits the loops
        TestData.Points p = TestData.blobs(5000, 4, 2, 1.0, 11);
        BackendKernelSource source = new BackendKernelSource(Backends.byName("scalar"), KernelSpec.rbf(0.5), p.x(), 1);
        // per-variable bounds, as class and sample weights make them
        TestData.BinaryDual dual = TestData.BinaryDual.of(p, i -> i % 7 == 0 ? 4.0 : 1.0);
        int[] rows = dual.rows();
        byte[] y = dual.y();
        double[] c = dual.c();
        double[] minusOnes = dual.p();
        for (double cacheMb : new double[] {200, 2}) { // the whole matrix cached, and columns evicted
            SolverResult reference = solve(source, rows, y, c, minusOnes, SmoOps.scalar(), cacheMb, 1);
            for (int threads : new int[] {1, 2}) {
                SolverResult r = solve(source, rows, y, c, minusOnes, SmoOps.vector(), cacheMb, threads);
                String at = "cache " + cacheMb + " MB, threads " + threads;
                assertEquals(reference.iterations(), r.iterations(), at);
                assertArrayEquals(reference.alpha(), r.alpha(), at);
                assertEquals(reference.rho(), r.rho(), 0.0, at);
                assertEquals(reference.objective(), r.objective(), 0.0, at);
            }
        }
    }

    private static SolverResult solve(BackendKernelSource source, int[] rows, byte[] y, double[] c, double[] p,
                                      SmoOps ops, double cacheMb, int threads) {
        QMatrix q = new SvcQ(source.columns(rows.clone()), y, cacheMb);
        try {
            return SmoSolver.solve(q, ops, p, y, new double[rows.length], c, 1e-3, true, -1, threads);
        } finally {
            q.release();
        }
    }
}
