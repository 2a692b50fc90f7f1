package org.paraml.backend.simd;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.paraml.backend.Backend;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.PreparedMatrix;
import org.paraml.backend.SmoOps;
import org.paraml.linalg.Matrix;

/**
 * Run in a fresh JVM by {@link SimdAllocationTest}: calls each Vector API loop in rounds, as a fit calls
 * it, until a round allocates no more than the loop's allowance per call (the loop is compiled and keeps
 * its vectors in registers) or the rounds run out, and prints one line per loop: its name, the rounds it
 * took, the bytes per call of its last round and the allowance. A fresh JVM, because a loop compiled
 * earlier by another test would hide how C2 compiles it when a fit is the first caller.
 *
 * <p>Allowances: nothing for the SMO loops; for a kernel-rows call a small constant (the call's task
 * bookkeeping, whatever the number of values); for a k-means pass a few bytes a row (its per-chunk
 * partial sums). A vector boxed per iteration costs 48 bytes for every 4 values or every row.
 */
final class SimdAllocationProbe {
    static final int POSITIONS = 4099;
    static final int KERNEL_POINTS = 2003;
    static final int KMEANS_ROWS = 20_000;
    static final long KERNEL_ALLOWANCE = 1024;
    static final long KMEANS_ALLOWANCE_PER_ROW = 4;
    private static final int MAX_ROUNDS = 300;

    private SimdAllocationProbe() {
    }

    public static void main(String[] args) {
        SplittableRandom r = new SplittableRandom(7);
        // first through SmoOps.best(), as a fit calls them (scalar until the vector form is compiled from
        // short probes), then the vector loops themselves
        smoLoops(r, SmoOps.best(), "warming.");
        smoLoops(r, new SimdSmoOps(), "");
        kernelRows(r);
        kMeansPasses(r);
    }

    private static void smoLoops(SplittableRandom r, SmoOps ops, String prefix) {
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
        probe(prefix + "argmaxUp", 2000, 0, k -> sink[0] += ops.argmaxUp(g, up, k & 63, n));
        probe(prefix + "argminSecondOrder", 2000, 0, k -> sink[0] += ops.argminSecondOrder(g, low, qd, qi, 0.5, 1.0, 2.0,
                1e-12, k & 63, n, result));
        probe(prefix + "updateGradient", 2000, 0, k -> ops.updateGradient(g, qi, 1e-12, qj, -1e-12, k & 63, n));
        probe(prefix + "updateGradientAndBar", 2000, 0, k -> ops.updateGradientAndBar(g, qi, 1e-12, qj, -1e-12, bar, true,
                1e-12, true, -1e-12, k & 63, n));
        probe(prefix + "addScaled", 2000, 0, k -> ops.addScaled(bar, qi, 1e-12, k & 63, n));
        probe(prefix + "gather", 2000, 0, k -> ops.gather(qi, 0, ord, -1f, signs, out, k & 63, n));
        probe(prefix + "copy", 2000, 0, k -> ops.copy(qi, k & 63, -1f, signs, out, k & 31, n - 64));
        double[] sums = new double[n];
        probe(prefix + "addTerms", 2000, 0, k -> ops.addTerms(qi, k & 63, 1e-12, sums, bar, 0, n - 64));
        System.out.println("sink " + sink[0]);
    }

    private static void kernelRows(SplittableRandom r) {
        Backend simd = new SimdBackend();
        int n = KERNEL_POINTS;
        PreparedMatrix x = simd.prepare(Matrix.wrap(doubles(r, n * 4, -1, 1), n, 4));
        float[] column = new float[n];
        double[] rows = new double[64 * n];
        int[] one = {5};
        int[] batch = r.ints(64, 0, n).toArray();
        // rbf before poly, as a search's candidates come: the kernels share one method, which C2 compiles again
        // for each kernel that comes later (a poly helper left out of line then boxed 320 KB a row of 10,000)
        KernelSpec[] kernels = {KernelSpec.linear(), KernelSpec.rbf(0.25), KernelSpec.poly(0.25, 1.0, 3),
            KernelSpec.poly(0.5, 0.0, 2), KernelSpec.sigmoid(0.1, -0.2)};
        for (KernelSpec k : kernels) {
            String name = k.type().name().toLowerCase(java.util.Locale.ROOT)
                    + (k.type() == org.paraml.backend.KernelType.POLY ? k.degree() : "");
            probe(name + "Column", 200, KERNEL_ALLOWANCE, t -> simd.kernelRows(k, x, one, t & 63, n, column, 0, n, 1));
            probe(name + "Rows", 20, KERNEL_ALLOWANCE, t -> simd.kernelRows(k, x, batch, n, rows, 0, n, 1));
        }
    }

    private static void kMeansPasses(SplittableRandom r) {
        Backend simd = new SimdBackend();
        int n = KMEANS_ROWS;
        int d = 20;
        int k = 8;
        Matrix x = Matrix.wrap(doubles(r, n * d, -1, 1), n, d);
        PreparedMatrix centres = simd.prepare(Matrix.wrap(doubles(r, k * d, -1, 1), k, d));
        double[] shift = doubles(r, d, -0.1, 0.1);
        int[] labels = new int[n];
        double[] distances = new double[n];
        double[] sums = new double[k * d];
        double[] counts = new double[k];
        double[] minDistances = new double[n];
        long allowance = KMEANS_ALLOWANCE_PER_ROW * n;
        probe("lloydStep", 10, allowance, t -> simd.lloydStep(x, shift, null, centres, labels, distances, sums, counts, 1));
        probe("updateMinDistances", 10, allowance, t -> {
            java.util.Arrays.fill(minDistances, Double.POSITIVE_INFINITY);
            simd.updateMinDistances(x, shift, centres, minDistances, labels, 0, 1);
        });
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

    /** Rounds of {@code calls} calls until one allocates at most {@code allowance} bytes a call. */
    private static void probe(String name, int calls, long allowance, IntConsumer call) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long perCall = Long.MAX_VALUE;
        int round = 0;
        while (round < MAX_ROUNDS && perCall > allowance) {
            round++;
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int k = 0; k < calls; k++) {
                call.accept(k);
            }
            perCall = (threads.getCurrentThreadAllocatedBytes() - before) / calls;
        }
        System.out.println(name + " " + round + " " + perCall + " " + allowance);
    }
}
