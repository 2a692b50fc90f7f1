package org.paraml.backend.simd;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.paraml.backend.SmoOps;

/**
 * Run in a fresh JVM by {@link SmoLoopAllocationTest}: calls each of {@link SimdSmoOps}'s loops in
 * rounds, as a solve calls them, until a round allocates nothing (the loop is compiled and keeps its
 * vectors in registers) or the rounds run out, and prints one line per loop: its name, the rounds
 * it took and the bytes its last round allocated. A fresh JVM, because a loop compiled earlier by
 * another test would hide how C2 compiles it when a solve is the first caller.
 */
final class SmoLoopAllocationProbe {
    static final int POSITIONS = 4099;
    static final int CALLS_PER_ROUND = 2000;
    static final int MAX_ROUNDS = 300;

    private SmoLoopAllocationProbe() {
    }

    public static void main(String[] args) {
        SmoOps ops = new SimdSmoOps();
        SplittableRandom r = new SplittableRandom(7);
        int n = POSITIONS;
        double[] g = doubles(r, n, -2, 1);
        double[] up = doubles(r, n, -1, 1); // the scans only ask whether a value is zero
        double[] low = doubles(r, n, -1, 1);
        double[] qd = doubles(r, n, 0.5, 1.5);
        double[] bar = new double[n];
        float[] qi = floats(doubles(r, n, -1, 1));
        float[] qj = floats(doubles(r, n, -1, 1));
        float[] signs = floats(doubles(r, n, -1, 1));
        float[] out = new float[n];
        int[] ord = r.ints(n, 0, n).toArray();
        double[] result = new double[2];
        int[] sink = new int[1];
        // tiny steps keep the gradient near its start over a million calls
        probe("argmaxUp", k -> sink[0] += ops.argmaxUp(g, up, k & 63, n));
        probe("argminSecondOrder", k -> sink[0] += ops.argminSecondOrder(g, low, qd, qi, 0.5, 1.0, 2.0, 1e-12, k & 63, n,
                result));
        probe("updateGradient", k -> ops.updateGradient(g, qi, 1e-12, qj, -1e-12, k & 63, n));
        probe("updateGradientAndBar", k -> ops.updateGradientAndBar(g, qi, 1e-12, qj, -1e-12, bar, true, 1e-12, true,
                -1e-12, k & 63, n));
        probe("addScaled", k -> ops.addScaled(bar, qi, 1e-12, k & 63, n));
        probe("gather", k -> ops.gather(qi, 0, ord, -1f, signs, out, k & 63, n));
        System.out.println("sink " + sink[0]);
    }

    private static double[] doubles(SplittableRandom r, int n, double lo, double hi) {
        return r.doubles(n, lo, hi).toArray();
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int t = 0; t < v.length; t++) {
            f[t] = (float) v[t];
        }
        return f;
    }

    private static void probe(String name, IntConsumer call) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long bytes = -1;
        int round = 0;
        while (round < MAX_ROUNDS && bytes != 0) {
            round++;
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int k = 0; k < CALLS_PER_ROUND; k++) {
                call.accept(k);
            }
            bytes = threads.getCurrentThreadAllocatedBytes() - before;
        }
        System.out.println(name + " " + round + " " + bytes);
    }
}
