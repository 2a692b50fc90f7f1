package org.paraml.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.paraml.linalg.Matrix;

/**
 * The self-check behind {@code paraml backends --check}: compares a backend with
 * {@link ScalarBackend} on small random problems that cover every kernel and the k-means
 * operations (row views included), then measures two throughputs.
 *
 * <p>Errors are measured as {@code |v − ref| / (|ref| + 1)}: relative for large values, absolute
 * near zero. The check passes when this stays within {@link Backend#RELATIVE_TOLERANCE} for every
 * float64 output, every float32 output is within one float rounding of the reference, and k-means
 * labels agree except at near-ties (distances within the tolerance).
 */
public final class BackendCheck {
    private BackendCheck() {
    }

    /**
     * What to run.
     *
     * @param threads           thread budget for every call, {@code >= 1}
     * @param seconds           length of each throughput measure (after a warm-up of a quarter of it); 0 skips them
     * @param seed              seed of the random problems
     * @param kernelRows        rows (and columns) of the kernel-row throughput matrix
     * @param kernelFeatures    its features
     * @param kmeansRows        rows of the k-means throughput block
     * @param kmeansFeatures    its features
     * @param kmeansCenters     its centres
     */
    public record Options(int threads, double seconds, long seed, int kernelRows, int kernelFeatures,
                          int kmeansRows, int kmeansFeatures, int kmeansCenters) {
        /**
         * Checks the options: {@code threads >= 1}, {@code seconds} finite and {@code >= 0}, every problem size
         * {@code >= 1}.
         */
        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("seconds must be a finite number >= 0, got " + seconds);
            }
            if (kernelRows < 1 || kernelFeatures < 1 || kmeansRows < 1 || kmeansFeatures < 1 || kmeansCenters < 1) {
                throw new IllegalArgumentException("problem sizes must be >= 1");
            }
        }

        /**
         * The standard check: rbf rows over 20,000 × 16, a Lloyd pass of 1,000,000 × 20 rows to 12
         * centres, about 1 s each.
         */
        public static Options standard(int threads) {
            return new Options(threads, 1.0, 42L, 20_000, 16, 1_000_000, 20, 12);
        }
    }

    /**
     * The outcome.
     *
     * @param backend               the backend's name
     * @param check                 "pass" or "fail"
     * @param maxRelError           the largest {@code |v − ref| / (|ref| + 1)} over float64 outputs
     * @param failures              what failed, one line each (empty on pass)
     * @param threads               the thread budget used
     * @param kernelRowsPerSecond   rbf kernel rows (each against all rows) per second; NaN if not measured
     * @param kmeansRowsPerSecond   rows assigned per second by a Lloyd step (labels, distances, sums); NaN if not measured
     */
    public record Result(String backend, String check, double maxRelError, List<String> failures, int threads,
                         double kernelRowsPerSecond, double kmeansRowsPerSecond) {
        /** Keeps an unmodifiable copy of {@code failures}. */
        public Result {
            failures = List.copyOf(failures);
        }

        /** True when the check passed ({@code check} is "pass"). */
        public boolean passed() {
            return "pass".equals(check);
        }

        /** The fields with snake_case keys, in a stable order, for JSON or table output. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("backend", backend);
            m.put("check", check);
            m.put("max_rel_error", maxRelError);
            m.put("failures", failures);
            m.put("threads", threads);
            m.put("kernel_rows_per_second", kernelRowsPerSecond);
            m.put("kmeans_rows_per_second", kmeansRowsPerSecond);
            return m;
        }
    }

    /** Checks {@code backend} against {@link ScalarBackend} and measures it as {@code options} say. */
    public static Result run(Backend backend, Options options) {
        Comparison cmp = new Comparison();
        ScalarBackend ref = new ScalarBackend();
        SplittableRandom random = new SplittableRandom(options.seed());
        int[][] shapes = {{203, 5}, {67, 41}, {9, 1}};
        for (int[] shape : shapes) {
            try {
                compare(backend, ref, randomMatrix(random, shape[0], shape[1]), options.threads(), random, cmp);
            } catch (RuntimeException e) {
                cmp.fail(shape[0] + " x " + shape[1] + ": " + e);
            }
        }
        double kernelRate = Double.NaN;
        double kmeansRate = Double.NaN;
        if (options.seconds() > 0) {
            kernelRate = kernelRowsPerSecond(backend, options, random);
            kmeansRate = kmeansRowsPerSecond(backend, options, random);
        }
        return new Result(backend.name(), cmp.failures.isEmpty() ? "pass" : "fail", cmp.maxRelError, cmp.failures,
                options.threads(), kernelRate, kmeansRate);
    }

    private static void compare(Backend b, ScalarBackend ref, Matrix x, int threads, SplittableRandom random,
                                Comparison cmp) {
        int n = x.rows();
        String shape = n + " x " + x.cols();
        PreparedMatrix px = b.prepare(x);
        PreparedMatrix rx = ref.prepare(x);
        int[] rows = {0, n - 1, n / 2, n / 3};
        int len = Math.max(1, n - 2);
        KernelSpec[] kernels = {KernelSpec.linear(), KernelSpec.poly(0.3, 0.5, 3), KernelSpec.rbf(0.7),
                KernelSpec.sigmoid(0.05, -0.2)};
        for (KernelSpec k : kernels) {
            double[] got = new double[rows.length * n];
            double[] want = new double[rows.length * n];
            b.kernelRows(k, px, rows, len, got, 0, n, threads);
            ref.kernelRows(k, rx, rows, len, want, 0, n, 1);
            cmp.doubles("kernelRows " + k + " " + shape, got, want);
            float[] gotF = new float[rows.length * n];
            float[] wantF = new float[rows.length * n];
            b.kernelRows(k, px, rows, len, gotF, 0, n, threads);
            ref.kernelRows(k, rx, rows, len, wantF, 0, n, 1);
            cmp.floats("kernelRows(float) " + k + " " + shape, gotF, wantF);
            // a block between two row views
            Matrix va = x.rowRange(n / 4, n);
            Matrix vb = x.selectRows(new int[]{n - 1, 0, n / 2, n / 2});
            double[] gotB = new double[va.rows() * vb.rows()];
            double[] wantB = new double[va.rows() * vb.rows()];
            b.kernelBlock(k, b.prepare(va), b.prepare(vb), gotB, 0, threads);
            ref.kernelBlock(k, ref.prepare(va), ref.prepare(vb), wantB, 0, 1);
            cmp.doubles("kernelBlock " + k + " " + shape, gotB, wantB);
        }
        int k = Math.min(n, 5);
        Matrix centers = x.selectRows(new int[]{1 % n, n - 1, n / 2, 2 % n, n / 3}).rowRange(0, k).copy();
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = random.nextDouble(0.5, 2.0);
        }
        int d = x.cols();
        int[] labels = new int[n];
        int[] labelsRef = new int[n];
        double[] dist = new double[n];
        double[] distRef = new double[n];
        double[] sums = new double[k * d];
        double[] sumsRef = new double[k * d];
        double[] counts = new double[k];
        double[] countsRef = new double[k];
        double inertia = b.lloydStep(x, weights, b.prepare(centers), labels, dist, sums, counts, threads);
        double inertiaRef = ref.lloydStep(x, weights, ref.prepare(centers), labelsRef, distRef, sumsRef, countsRef, 1);
        boolean same = cmp.labels("lloydStep labels " + shape, x, centers, labels, labelsRef);
        cmp.doubles("lloydStep distances " + shape, dist, distRef);
        if (same) {
            cmp.doubles("lloydStep sums " + shape, sums, sumsRef);
            cmp.doubles("lloydStep counts " + shape, counts, countsRef);
            cmp.doubles("lloydStep inertia " + shape, new double[]{inertia}, new double[]{inertiaRef});
        }
        double[] minD = new double[n];
        Arrays.fill(minD, Double.POSITIVE_INFINITY);
        double[] minDRef = minD.clone();
        int[] arg = new int[n];
        int[] argRef = new int[n];
        b.updateMinDistances(x, b.prepare(centers.rowRange(0, 1)), minD, arg, 0, threads);
        ref.updateMinDistances(x, ref.prepare(centers.rowRange(0, 1)), minDRef, argRef, 0, 1);
        double cost = b.updateMinDistances(x, b.prepare(centers.rowRange(1, k)), minD, arg, 1, threads);
        double costRef = ref.updateMinDistances(x, ref.prepare(centers.rowRange(1, k)), minDRef, argRef, 1, 1);
        cmp.doubles("updateMinDistances " + shape, minD, minDRef);
        if (cmp.labels("updateMinDistances argmin " + shape, x, centers, arg, argRef)) {
            cmp.doubles("updateMinDistances cost " + shape, new double[]{cost}, new double[]{costRef});
        }
    }

    private static double kernelRowsPerSecond(Backend b, Options o, SplittableRandom random) {
        int n = o.kernelRows();
        PreparedMatrix p = b.prepare(randomMatrix(random, n, o.kernelFeatures()));
        int batch = Math.min(16, n);
        float[] out = new float[batch * n];
        int[] rows = new int[batch];
        KernelSpec rbf = KernelSpec.rbf(1.0 / o.kernelFeatures());
        long[] counter = {0};
        double seconds = measure(o.seconds(), () -> {
            for (int r = 0; r < batch; r++) {
                rows[r] = (int) ((counter[0] * batch + r) % n);
            }
            b.kernelRows(rbf, p, rows, n, out, 0, n, o.threads());
            counter[0]++;
        }, counter);
        return counter[0] * batch / seconds;
    }

    private static double kmeansRowsPerSecond(Backend b, Options o, SplittableRandom random) {
        int n = o.kmeansRows();
        int d = o.kmeansFeatures();
        int k = Math.min(o.kmeansCenters(), n);
        Matrix x = randomMatrix(random, n, d);
        PreparedMatrix px = b.prepare(x); // in memory across iterations, as KMeans.fit holds it
        PreparedMatrix c = b.prepare(x.rowRange(0, k).copy());
        int[] labels = new int[n];
        double[] dist = new double[n];
        double[] sums = new double[k * d];
        double[] counts = new double[k];
        long[] counter = {0};
        double seconds = measure(o.seconds(), () -> {
            b.lloydStep(px, null, c, labels, dist, sums, counts, o.threads());
            counter[0]++;
        }, counter);
        return counter[0] * (double) n / seconds;
    }

    /** Warms up for a quarter of {@code seconds}, resets the counter, then repeats until {@code seconds} pass. */
    private static double measure(double seconds, Runnable step, long[] counter) {
        long warm = System.nanoTime() + (long) (seconds * 0.25e9);
        do {
            step.run();
        } while (System.nanoTime() < warm);
        counter[0] = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            step.run();
            now = System.nanoTime();
        } while (now < end);
        return (now - start) / 1e9;
    }

    private static Matrix randomMatrix(SplittableRandom random, int rows, int cols) {
        double[] data = new double[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextDouble(-1.0, 1.0);
        }
        return Matrix.wrap(data, rows, cols);
    }

    /** Accumulates the errors and failures of one check. */
    private static final class Comparison {
        final List<String> failures = new ArrayList<>();
        double maxRelError;

        void fail(String what) {
            failures.add(what);
        }

        void doubles(String what, double[] got, double[] want) {
            double worst = 0.0;
            int at = -1;
            for (int i = 0; i < got.length; i++) {
                double e = Math.abs(got[i] - want[i]) / (Math.abs(want[i]) + 1.0);
                if (!(e <= worst)) {
                    worst = e;
                    at = i;
                }
            }
            maxRelError = Math.max(maxRelError, Double.isNaN(worst) ? Double.POSITIVE_INFINITY : worst);
            if (!(worst <= Backend.RELATIVE_TOLERANCE)) {
                fail(what + ": error " + worst + " at " + at + " (" + got[at] + " vs " + want[at] + ")");
            }
        }

        void floats(String what, float[] got, float[] want) {
            for (int i = 0; i < got.length; i++) {
                double allowed = Math.ulp(want[i]) + Backend.ABSOLUTE_TOLERANCE;
                if (!(Math.abs(got[i] - want[i]) <= allowed)) {
                    fail(what + ": " + got[i] + " vs " + want[i] + " at " + i);
                    return;
                }
            }
        }

        /** True when all labels agree; a disagreement at a near-tie is allowed but reported as false. */
        boolean labels(String what, Matrix x, Matrix centers, int[] got, int[] want) {
            boolean same = true;
            for (int i = 0; i < got.length; i++) {
                if (got[i] != want[i]) {
                    same = false;
                    double dg = ScalarBackend.squaredDistance(x, i, centers, got[i]);
                    double dw = ScalarBackend.squaredDistance(x, i, centers, want[i]);
                    if (!(Math.abs(dg - dw) <= Backend.RELATIVE_TOLERANCE * dw + Backend.ABSOLUTE_TOLERANCE)) {
                        fail(what + ": row " + i + " label " + got[i] + " (distance " + dg + ") vs " + want[i]
                                + " (distance " + dw + ")");
                        return false;
                    }
                }
            }
            return same;
        }
    }
}
