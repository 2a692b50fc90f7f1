package org.paraml.backend;

/**
 * {@link SmoOps#best()} where the Vector API is readable: each loop runs its scalar form until the JIT
 * has compiled its vector form, then the vector form ({@link LoopWarmup} decides, loop by loop, from the
 * calls' own times). Both forms give the same bits ({@link SmoOps}: same arithmetic, same tie rule), so
 * which one a call runs never changes a result.
 *
 * <p>Why: in a fresh JVM the Vector API loops run uncompiled, with every vector a heap object, for the
 * seconds C2 needs to compile them on a busy machine, and a first fit spent most of its time there
 * (the tutorial's fit: 2.0-2.2 s in a fresh JVM against ~0.1 s warm; bench/RESULTS.md, session 18).
 */
final class WarmingSmoOps implements SmoOps {
    private final SmoOps scalar;
    private final SmoOps vector;
    private final LoopWarmup argmax = new LoopWarmup();
    private final LoopWarmup argmin = new LoopWarmup();
    private final LoopWarmup update = new LoopWarmup();
    private final LoopWarmup scaled = new LoopWarmup();
    private final LoopWarmup updateAndBar = new LoopWarmup();
    private final LoopWarmup gather = new LoopWarmup();
    private final LoopWarmup copy = new LoopWarmup();
    private final LoopWarmup terms = new LoopWarmup();

    WarmingSmoOps(SmoOps scalar, SmoOps vector) {
        this.scalar = scalar;
        this.vector = vector;
    }

    /** One call of an element-wise loop over {@code [from, to)} on the given implementation. */
    private interface RangeLoop {
        void run(SmoOps ops, int from, int to);
    }

    /** One call of a scan over {@code [from, to)} on the given implementation, returning its index. */
    private interface RangeScan {
        int run(SmoOps ops, int from, int to);
    }

    /**
     * An element-wise loop while warming: the scalar loop on a probe, the vector loop on a probe as long
     * (the next positions), both timed, then the scalar loop on the rest (each position is computed once,
     * by one of them). The scalar probe goes first so that it takes the cache misses of data that come
     * from memory ({@link LoopWarmup}: the vector probe is timed on data already on their way to the cache).
     */
    private void warming(LoopWarmup w, int from, int to, RangeLoop loop) {
        int p = w.probeLength(to - from);
        if (p == 0) {
            loop.run(scalar, from, to);
            return;
        }
        long t0 = System.nanoTime();
        loop.run(scalar, from, from + p);
        long t1 = System.nanoTime();
        loop.run(vector, from + p, from + 2 * p);
        long t2 = System.nanoTime();
        loop.run(scalar, from + 2 * p, to);
        w.probed(p, t2 - t1, t1 - t0);
    }

    /**
     * A scan while warming: both loops on the same probe, the scalar one first (their results dropped), then
     * the scalar loop on all.
     */
    private int warmingScan(LoopWarmup w, int from, int to, RangeScan scan) {
        int p = w.probeLength(to - from);
        if (p > 0) {
            long t0 = System.nanoTime();
            scan.run(scalar, from, from + p);
            long t1 = System.nanoTime();
            scan.run(vector, from, from + p);
            long t2 = System.nanoTime();
            w.probed(p, t2 - t1, t1 - t0);
        }
        return scan.run(scalar, from, to);
    }

    @Override
    public int argmaxUp(double[] g, double[] up, int from, int to) {
        if (!argmax.ready()) {
            return warmingScan(argmax, from, to, (ops, a, b) -> ops.argmaxUp(g, up, a, b));
        }
        return vector.argmaxUp(g, up, from, to);
    }

    /** While warming, the probes write {@code result} too; the scalar call over the whole range writes it last. */
    @Override
    public int argminSecondOrder(double[] g, double[] low, double[] qd, float[] qi, double gmax, double qdi,
                                 double twoYi, double tau, int from, int to, double[] result) {
        if (!argmin.ready()) {
            return warmingScan(argmin, from, to,
                    (ops, a, b) -> ops.argminSecondOrder(g, low, qd, qi, gmax, qdi, twoYi, tau, a, b, result));
        }
        return vector.argminSecondOrder(g, low, qd, qi, gmax, qdi, twoYi, tau, from, to, result);
    }

    @Override
    public void updateGradient(double[] g, float[] qi, double dai, float[] qj, double daj, int from, int to) {
        if (!update.ready()) {
            warming(update, from, to, (ops, a, b) -> ops.updateGradient(g, qi, dai, qj, daj, a, b));
            return;
        }
        vector.updateGradient(g, qi, dai, qj, daj, from, to);
    }

    @Override
    public void addScaled(double[] v, float[] col, double s, int from, int to) {
        if (!scaled.ready()) {
            warming(scaled, from, to, (ops, a, b) -> ops.addScaled(v, col, s, a, b));
            return;
        }
        vector.addScaled(v, col, s, from, to);
    }

    @Override
    public void updateGradientAndBar(double[] g, float[] qi, double dai, float[] qj, double daj, double[] gBar,
                                     boolean barI, double si, boolean barJ, double sj, int from, int to) {
        if (!updateAndBar.ready()) {
            warming(updateAndBar, from, to,
                    (ops, a, b) -> ops.updateGradientAndBar(g, qi, dai, qj, daj, gBar, barI, si, barJ, sj, a, b));
            return;
        }
        vector.updateGradientAndBar(g, qi, dai, qj, daj, gBar, barI, si, barJ, sj, from, to);
    }

    @Override
    public void gather(float[] src, int base, int[] ord, float sign, float[] signs, float[] out, int from, int to) {
        if (!gather.ready()) {
            warming(gather, from, to, (ops, a, b) -> ops.gather(src, base, ord, sign, signs, out, a, b));
            return;
        }
        vector.gather(src, base, ord, sign, signs, out, from, to);
    }

    @Override
    public void copy(float[] src, int srcFrom, float sign, float[] signs, float[] out, int from, int to) {
        if (!copy.ready()) {
            warming(copy, from, to, (ops, a, b) -> ops.copy(src, srcFrom + (a - from), sign, signs, out, a, b));
            return;
        }
        vector.copy(src, srcFrom, sign, signs, out, from, to);
    }

    /** Its positions are {@code 0 ≤ r < n}: {@code src[srcFrom + r]} into {@code sum[at + r]}. */
    @Override
    public void addTerms(float[] src, int srcFrom, double c, double[] sum, double[] magnitude, int at, int n) {
        if (!terms.ready()) {
            warming(terms, 0, n, (ops, a, b) -> ops.addTerms(src, srcFrom + a, c, sum, magnitude, at + a, b - a));
            return;
        }
        vector.addTerms(src, srcFrom, c, sum, magnitude, at, n);
    }

    /** Each loop's switch, in the order of {@link SmoOps}'s methods. */
    LoopWarmup[] warmups() {
        return new LoopWarmup[] {argmax, argmin, update, scaled, updateAndBar, gather, copy, terms};
    }

    /** Whether every loop has switched to its vector form (for tests and diagnostics). */
    boolean allVectorReady() {
        for (LoopWarmup w : warmups()) {
            if (!w.ready()) {
                return false;
            }
        }
        return true;
    }
}
