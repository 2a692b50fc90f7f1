package org.paraml.backend;

import java.util.concurrent.atomic.AtomicInteger;
import org.paraml.linalg.Matrix;

/**
 * A test backend that computes as {@link ScalarBackend} and throws {@link BackendFailureException}
 * (as a GPU out of memory would) from its {@code failAt}-th operation on (prepare counts), before
 * touching any output.
 */
final class FlakyBackend implements Backend {
    private final ScalarBackend scalar = new ScalarBackend();
    private final int failAt;
    private final boolean outOfMemory;
    final AtomicInteger calls = new AtomicInteger();

    /** @param failAt the 1-based operation from which every operation fails; 0 never fails */
    FlakyBackend(int failAt, boolean outOfMemory) {
        this.failAt = failAt;
        this.outOfMemory = outOfMemory;
    }

    private void maybeFail(String what) {
        int call = calls.incrementAndGet();
        if (failAt > 0 && call >= failAt) {
            throw new BackendFailureException("flaky", outOfMemory, "flaky " + what + " failed (call " + call + ")",
                    null);
        }
    }

    @Override
    public String name() {
        return "flaky";
    }

    @Override
    public PreparedMatrix prepare(Matrix x) {
        maybeFail("prepare");
        return scalar.prepare(x);
    }

    @Override
    public void kernelRows(KernelSpec k, PreparedMatrix x, int[] rows, int len, float[] out, int off, int stride,
                           int threads) {
        maybeFail("kernelRows");
        scalar.kernelRows(k, x, rows, len, out, off, stride, threads);
    }

    /** Calls of the range form, which is the interface's default (whole rows computed, then the range copied). */
    final AtomicInteger rangeCalls = new AtomicInteger();

    @Override
    public void kernelRows(KernelSpec k, PreparedMatrix x, int[] rows, int from, int len, float[] out, int off,
                           int stride, int threads) {
        rangeCalls.incrementAndGet();
        Backend.super.kernelRows(k, x, rows, from, len, out, off, stride, threads);
    }

    @Override
    public void kernelRows(KernelSpec k, PreparedMatrix x, int[] rows, int len, double[] out, int off, int stride,
                           int threads) {
        maybeFail("kernelRows");
        scalar.kernelRows(k, x, rows, len, out, off, stride, threads);
    }

    @Override
    public void kernelBlock(KernelSpec k, PreparedMatrix a, PreparedMatrix b, double[] out, int off, int threads) {
        maybeFail("kernelBlock");
        scalar.kernelBlock(k, a, b, out, off, threads);
    }

    @Override
    public double lloydStep(Matrix x, double[] w, PreparedMatrix c, int[] labels, double[] dist, double[] sums,
                            double[] counts, int threads) {
        maybeFail("lloydStep");
        return scalar.lloydStep(x, w, c, labels, dist, sums, counts, threads);
    }

    @Override
    public double updateMinDistances(Matrix x, PreparedMatrix c, double[] minD, int[] argmin, int base, int threads) {
        maybeFail("updateMinDistances");
        return scalar.updateMinDistances(x, c, minD, argmin, base, threads);
    }

    @Override
    public double lloydStep(PreparedMatrix x, double[] w, PreparedMatrix c, int[] labels, double[] dist,
                            double[] sums, double[] counts, int threads) {
        maybeFail("lloydStep");
        return scalar.lloydStep(x, w, c, labels, dist, sums, counts, threads);
    }

    @Override
    public double updateMinDistances(PreparedMatrix x, PreparedMatrix c, double[] minD, int[] argmin, int base,
                                     int threads) {
        maybeFail("updateMinDistances");
        return scalar.updateMinDistances(x, c, minD, argmin, base, threads);
    }
}
