package org.paraml.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link WarmingSmoOps}: every loop splits its range between a vector probe and the scalar form while
 * warming and hands it all to the vector form once switched, with the scalar results either way; {@link LoopWarmup}'s switch follows the
 * calls' times; and in this JVM, where the Vector API is readable, {@link SmoOps#best()} does switch to
 * the vector loops once the JIT has compiled them.
 */
class WarmingSmoOpsTest {
    private static final int N = 1000;

    @Test
    void warmingProbesLongCallsWithLengthsThatRunTheLoopsTails() {
        LoopWarmup w = new LoopWarmup();
        assertEquals(0, w.probeLength(LoopWarmup.MIN_PROBED - 1), "a short call runs the scalar loop alone");
        boolean[] seen = new boolean[8];
        for (int call = 0; call < 64; call++) {
            int p = w.probeLength(LoopWarmup.MIN_PROBED);
            assertTrue(p >= LoopWarmup.PROBE && p < LoopWarmup.PROBE + 8, "probe length " + p);
            seen[p - LoopWarmup.PROBE] = true;
        }
        for (int k = 0; k < 8; k++) {
            assertTrue(seen[k], "probe length " + (LoopWarmup.PROBE + k) + " (remainders mod 8)");
        }
        assertFalse(w.ready());
    }

    @Test
    void theVectorLoopTakesOverAfterFastProbesInARow() {
        LoopWarmup w = new LoopWarmup();
        int p = LoopWarmup.PROBE;
        w.probed(p, 60L * p, 2L * p); // uncompiled: 30x the scalar probe
        w.probed(p, 4L * p, 5L * p); // within 2x of the best scalar probe (2 ns a position): one in a row
        w.probed(p, 60L * p, 2L * p); // the row starts again
        w.probed(p, 3L * p, (long) p); // a faster scalar probe (1 ns) lowers the bar: 3 ns is slow now
        w.probed(p, 2L * p, 2L * p);
        assertFalse(w.ready(), "one fast probe after a slow one");
        w.probed(p, 2L * p, 2L * p);
        assertTrue(w.ready(), "two fast probes in a row");
        w.probed(p, 500L * p, 2L * p);
        assertTrue(w.ready(), "once switched, for good");
    }

    @Test
    void everyLoopGivesTheScalarResultsAndReachesTheVectorFormOnceSwitched() {
        AtomicInteger vectorCalls = new AtomicInteger();
        SmoOps counted = countingCalls(SmoOps.scalar(), vectorCalls);
        WarmingSmoOps warming = new WarmingSmoOps(SmoOps.scalar(), counted);
        for (int call = 0; call < 3; call++) {
            assertEveryLoopIsTheScalarOne(warming, call);
        }
        assertEquals(3 * 8, vectorCalls.get(), "while warming, one probe a call of each of the eight loops");
        for (LoopWarmup w : warming.warmups()) {
            w.probed(LoopWarmup.PROBE, LoopWarmup.PROBE, 2 * LoopWarmup.PROBE);
            w.probed(LoopWarmup.PROBE, LoopWarmup.PROBE, 2 * LoopWarmup.PROBE);
        }
        assertTrue(warming.allVectorReady());
        vectorCalls.set(0);
        assertEveryLoopIsTheScalarOne(warming, 99);
        assertEquals(8, vectorCalls.get(), "once ready, each of the eight loops ran its vector form on the whole range");
    }

    @Test
    @Timeout(120)
    void bestSwitchesToTheVectorLoopsOnceTheyAreCompiled() {
        assumeTrue(SmoOps.vector() != SmoOps.scalar(), "needs the module jdk.incubator.vector");
        WarmingSmoOps best = (WarmingSmoOps) SmoOps.best();
        long deadline = System.nanoTime() + 100_000_000_000L;
        int call = 0;
        while (!best.allVectorReady() && System.nanoTime() < deadline) {
            assertEveryLoopIsTheScalarOne(best, call++);
        }
        // the loops in WarmingSmoOps.warmups() order: argmax, argmin, update, scaled, updateAndBar, gather, copy, terms
        assertTrue(best.allVectorReady(), "after " + call + " calls of each loop: "
                + java.util.Arrays.toString(best.warmups()));
    }

    /**
     * Whichever probe of a call runs first waits on the call's data coming from memory (a search's scoring
     * sums rows of a kernel matrix far larger than the caches), and the probe after it finds its lines
     * prefetched: modelled here by a first touch that costs 20 µs. The vector loop must still take over, so
     * the scalar probe is the one timed first. With the vector probe first, the scoring's loop stayed scalar
     * for the JVM's life (140,000 probes in six tutorial searches, each slower than 2× the best scalar one).
     */
    @Test
    void theProbeThatTakesTheCacheMissesIsTheScalarOne() {
        boolean[] cold = new boolean[1];
        SmoOps scalar = firstTouchWaits(SmoOps.scalar(), cold);
        WarmingSmoOps warming = new WarmingSmoOps(scalar, firstTouchWaits(SmoOps.scalar(), cold));
        int n = LoopWarmup.MIN_PROBED;
        SplittableRandom r = new SplittableRandom(3);
        float[] src = TestData.floats(r, n, -1.2, 1.2);
        double[] g = TestData.doubles(r, n, -2, 1);
        double[] up = signsOrZero(r, n);
        double[] sums = new double[n];
        double[] magnitudes = new double[n];
        // a few calls more than the switch needs, for a probe slowed by the scheduler on a busy host
        int calls = 0;
        while (calls < 10 && !(warming.warmups()[7].ready() && warming.warmups()[0].ready())) {
            cold[0] = true;
            warming.addTerms(src, 0, 0.5, sums, magnitudes, 0, n);
            cold[0] = true;
            warming.argmaxUp(g, up, 0, n);
            calls++;
        }
        assertTrue(warming.warmups()[7].ready(), "addTerms (an element-wise loop) switched");
        assertTrue(warming.warmups()[0].ready(), "argmaxUp (a scan) switched");
        assertEquals(calls * 0.5 * src[n - 1], sums[n - 1], 1e-12, "each position added once a call");
    }

    /** {@code inner}, whose first call after {@code cold[0]} is set waits 20 µs (and clears it). */
    private static SmoOps firstTouchWaits(SmoOps inner, boolean[] cold) {
        return around(inner, () -> {
            if (cold[0]) {
                cold[0] = false;
                long until = System.nanoTime() + 20_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
        });
    }

    /** Runs each of the eight loops once on data seeded by {@code seed} and checks them against the scalar loops. */
    private static void assertEveryLoopIsTheScalarOne(SmoOps ops, int seed) {
        SmoOps scalar = SmoOps.scalar();
        SplittableRandom r = new SplittableRandom(seed);
        double[] g = TestData.doubles(r, N, -2, 1);
        double[] up = signsOrZero(r, N);
        double[] low = signsOrZero(r, N);
        double[] qd = TestData.doubles(r, N, 0.5, 1.5);
        float[] qi = TestData.floats(r, N, -1.2, 1.2);
        float[] qj = TestData.floats(r, N, -1.2, 1.2);
        String at = " (call " + seed + ")";
        assertEquals(scalar.argmaxUp(g, up, 0, N), ops.argmaxUp(g, up, 0, N), "argmaxUp" + at);
        double[] s1 = new double[2];
        double[] s2 = new double[2];
        assertEquals(scalar.argminSecondOrder(g, low, qd, qi, 0.5, 1.0, -2.0, 1e-12, 0, N, s1),
                ops.argminSecondOrder(g, low, qd, qi, 0.5, 1.0, -2.0, 1e-12, 0, N, s2), "argminSecondOrder" + at);
        assertArrayEquals(s1, s2, "argminSecondOrder's results" + at);
        double[] a = g.clone();
        double[] b = g.clone();
        scalar.updateGradient(a, qi, 0.3, qj, -1.7, 0, N);
        ops.updateGradient(b, qi, 0.3, qj, -1.7, 0, N);
        assertArrayEquals(a, b, "updateGradient" + at);
        scalar.addScaled(a, qj, -0.25, 0, N);
        ops.addScaled(b, qj, -0.25, 0, N);
        assertArrayEquals(a, b, "addScaled" + at);
        double[] barA = qd.clone();
        double[] barB = qd.clone();
        scalar.updateGradientAndBar(a, qi, 0.1, qj, 0.2, barA, true, 3.0, true, -4.0, 0, N);
        ops.updateGradientAndBar(b, qi, 0.1, qj, 0.2, barB, true, 3.0, true, -4.0, 0, N);
        assertArrayEquals(a, b, "updateGradientAndBar's gradient" + at);
        assertArrayEquals(barA, barB, "updateGradientAndBar's G_bar" + at);
        int[] ord = new int[N];
        for (int k = 0; k < N; k++) {
            ord[k] = 5 + r.nextInt(N);
        }
        float[] src = TestData.floats(r, N + 5, -1.2, 1.2);
        float[] signs = TestData.floats(r, N, -1.2, 1.2);
        float[] outA = new float[N];
        float[] outB = new float[N];
        scalar.gather(src, 5, ord, -1f, signs, outA, 0, N);
        ops.gather(src, 5, ord, -1f, signs, outB, 0, N);
        assertArrayEquals(outA, outB, "gather" + at);
        scalar.copy(src, 3, 1f, signs, outA, 0, N);
        ops.copy(src, 3, 1f, signs, outB, 0, N);
        assertArrayEquals(outA, outB, "copy" + at);
        double[] magA = new double[N + 2];
        double[] magB = new double[N + 2];
        double[] sumA = new double[N + 2];
        double[] sumB = new double[N + 2];
        scalar.addTerms(src, 4, -0.7, sumA, magA, 2, N);
        ops.addTerms(src, 4, -0.7, sumB, magB, 2, N);
        assertArrayEquals(sumA, sumB, "addTerms' sums" + at);
        assertArrayEquals(magA, magB, "addTerms' magnitudes" + at);
    }

    /** {@code inner} behind a proxy that counts the calls made to it. */
    private static SmoOps countingCalls(SmoOps inner, AtomicInteger calls) {
        return around(inner, calls::incrementAndGet);
    }

    /** {@code inner} behind a proxy that runs {@code before} ahead of every call. */
    private static SmoOps around(SmoOps inner, Runnable before) {
        return (SmoOps) Proxy.newProxyInstance(SmoOps.class.getClassLoader(), new Class<?>[] {SmoOps.class},
                (proxy, method, args) -> {
                    before.run();
                    try {
                        return method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static double[] signsOrZero(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = r.nextInt(3) - 1;
        }
        return v;
    }
}
