package org.paraml.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.paraml.backend.Backend;
import org.paraml.backend.Backends;
import org.paraml.backend.PreparedMatrix;
import org.paraml.cluster.KMeans;
import org.paraml.cluster.KMeansModel;
import org.paraml.data.BlockProgress;
import org.paraml.data.Blocks;
import org.paraml.data.TutorialBlobs;
import org.paraml.linalg.Matrix;

/**
 * CPU-time profiles of the k-means pass and of the KMeans fit, for a machine shared with other work,
 * where wall-clock benchmarks measure the other tenants as much as the code: CPU time counts only the
 * time this process ran (memory stalls included, time spent descheduled excluded).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/paraml.jar:bench/target/benchmarks.jar \
 *      org.paraml.bench.KMeansProfile pass [REPS] [scalar|simd]
 *   one thread, 1,000,000 x 20 uniform rows (160 MB), 12 centres: the thread CPU time of a summation pass
 *   and of a bitwise-OR pass (the faster is the memory read rate of one core), of the Lloyd step (plain matrix and prepared rows), of the assignment alone (prepared rows) and of the
 *   min-distance update with 1, 80 and 241 centres (the k-means|| passes); minimum over REPS (default 9);
 *   both backends unless one is named.
 *
 * ... org.paraml.bench.KMeansProfile fit BLOCKS THREADS FITS [spill] [scalar|simd]
 *   the tutorial's KMeans(init_max_iter=3, oversampling_factor=10, random_state=0) on BLOCKS blocks of the
 *   tutorial's blobs, persisted in memory (or spilled to a file when "spill", as `paraml kmeans --blobs`
 *   does beyond its 1 GB budget), FITS times: wall and process CPU time and minor page faults of every pass of
 *   every fit, and of what comes before its first pass (the rehearsal and the seeding's per-row state in a
 *   fresh JVM's first fit).
 * </pre>
 */
public final class KMeansProfile {
    private KMeansProfile() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("pass")) {
            pass(args.length > 1 ? Integer.parseInt(args[1]) : 9,
                    args.length > 2 ? new String[] {args[2]} : new String[] {"scalar", "simd"});
        } else if (args.length >= 4 && args[0].equals("fit")) {
            boolean spill = Arrays.asList(args).contains("spill");
            String backend = Arrays.asList(args).contains("scalar") ? "scalar" : "simd";
            fit(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), spill, backend);
        } else {
            System.err.println("usage: KMeansProfile pass [REPS] [scalar|simd] | fit BLOCKS THREADS FITS [spill] [scalar|simd]");
            System.exit(2);
        }
    }

    private static void pass(int reps, String[] backends) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int n = KMeansAssignBenchmark.N;
        int d = KMeansAssignBenchmark.D;
        Matrix x = BenchData.uniform(5, n, d);
        double bytes = (double) n * d * Double.BYTES;
        Map<String, Long> best = new LinkedHashMap<>();
        int[] labels = new int[n];
        double[] dist = new double[n];
        double sink = 0;
        // a fit translates its rows by the mean of the first ones (the data here are uniform on [0, 1))
        double[] shift = new double[d];
        Arrays.fill(shift, 0.5);
        for (String name : backends) {
            Backend b = Backends.byName(name);
            PreparedMatrix px = b.prepare(x);
            PreparedMatrix c12 = b.prepare(BenchData.uniform(6, 12, d));
            PreparedMatrix c1 = b.prepare(BenchData.uniform(7, 1, d));
            PreparedMatrix c80 = b.prepare(BenchData.uniform(8, 80, d));
            PreparedMatrix c241 = b.prepare(BenchData.uniform(9, 241, d));
            b.lloydStep(px, null, c12, labels, dist, new double[12 * d], new double[12], 1);
            for (int r = 0; r < reps; r++) {
                long t0 = mx.getCurrentThreadCpuTime();
                sink += sum(x.data());
                record(best, "sum pass", mx.getCurrentThreadCpuTime() - t0);
                t0 = mx.getCurrentThreadCpuTime();
                sink += read(x.data());
                record(best, "read pass (OR of bits, vectorised)", mx.getCurrentThreadCpuTime() - t0);
                t0 = mx.getCurrentThreadCpuTime();
                sink += b.lloydStep(x, null, c12, labels, dist, new double[12 * d], new double[12], 1);
                record(best, name + " Lloyd step, k=12, plain matrix", mx.getCurrentThreadCpuTime() - t0);
                t0 = mx.getCurrentThreadCpuTime();
                sink += b.lloydStep(x, shift, null, c12, labels, dist, new double[12 * d], new double[12], 1);
                record(best, name + " Lloyd step, k=12, translated (a fit's pass)", mx.getCurrentThreadCpuTime() - t0);
                t0 = mx.getCurrentThreadCpuTime();
                sink += b.lloydStep(px, null, c12, labels, dist, new double[12 * d], new double[12], 1);
                record(best, name + " Lloyd step, k=12, prepared rows", mx.getCurrentThreadCpuTime() - t0);
                t0 = mx.getCurrentThreadCpuTime();
                sink += b.lloydStep(px, null, c12, labels, dist, null, null, 1);
                record(best, name + " assignment alone, k=12, prepared rows", mx.getCurrentThreadCpuTime() - t0);
                for (PreparedMatrix c : new PreparedMatrix[] {c1, c80, c241}) {
                    Arrays.fill(dist, Double.POSITIVE_INFINITY);
                    t0 = mx.getCurrentThreadCpuTime();
                    sink += b.updateMinDistances(x, c, dist, null, 0, 1);
                    record(best, name + " min-distance update, k=" + c.rows(), mx.getCurrentThreadCpuTime() - t0);
                }
                Arrays.fill(dist, Double.POSITIVE_INFINITY);
                t0 = mx.getCurrentThreadCpuTime();
                sink += b.updateMinDistances(x, shift, c80, dist, null, 0, 1);
                record(best, name + " min-distance update, k=80, translated", mx.getCurrentThreadCpuTime() - t0);
            }
        }
        System.out.printf("one thread, %d x %d rows (%.0f MB), minimum thread CPU time of %d passes%n", n, d,
                bytes / 1e6, reps);
        double sum = Math.min(best.get("sum pass"), best.get("read pass (OR of bits, vectorised)")) / 1e9;
        for (Map.Entry<String, Long> e : best.entrySet()) {
            double s = e.getValue() / 1e9;
            System.out.printf("  %-44s %8.4f s  %6.1f ns/row  %6.2f GB/s  %5.2fx the read rate%n", e.getKey(), s,
                    s * 1e9 / n, bytes / s / 1e9, s / sum);
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static void record(Map<String, Long> best, String name, long nanos) {
        best.merge(name, nanos, Math::min);
    }

    private static double read(double[] a) {
        long acc = 0;
        for (double v : a) {
            acc |= Double.doubleToRawLongBits(v);
        }
        return acc;
    }

    private static double sum(double[] a) {
        return SumPass.sum(a, 0, a.length);
    }

    private static void fit(int blocks, int threads, int fits, boolean spill, String backend) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Backend b = Backends.byName(backend);
        long t0 = System.nanoTime();
        long c0 = os.getProcessCpuTime();
        Blocks data = TutorialBlobs.blocks(blocks).persist(spill ? 1L << 30 : Long.MAX_VALUE, threads);
        System.out.printf("%d blocks (%,d rows) %s in %.2f s wall, %.2f s CPU%n", blocks, data.rows(),
                spill ? "made and spilled" : "made and kept in memory", (System.nanoTime() - t0) / 1e9,
                (os.getProcessCpuTime() - c0) / 1e9);
        for (int f = 1; f <= fits; f++) {
            Map<String, double[]> phases = new LinkedHashMap<>();
            long[] last = new long[3];
            long t1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            long f1 = minorFaults();
            BlockProgress p = (phase, done, total) -> {
                if (done == 0) {
                    if (phases.isEmpty()) {
                        phases.put("(before the first pass)", new double[] {(System.nanoTime() - t1) / 1e9,
                            (os.getProcessCpuTime() - c1) / 1e9, minorFaults() - f1});
                    }
                    last[0] = System.nanoTime();
                    last[1] = os.getProcessCpuTime();
                    last[2] = minorFaults();
                } else if (done == total) {
                    phases.put(phase, new double[] {(System.nanoTime() - last[0]) / 1e9,
                        (os.getProcessCpuTime() - last[1]) / 1e9, minorFaults() - last[2]});
                }
            };
            KMeansModel m = new KMeans().initMaxIter(3).oversamplingFactor(10).randomState(0L).threads(threads)
                    .backend(b).progress(p).fit(data);
            System.out.printf("fit %d: %.2f s wall, %.2f s CPU (%s, %d threads), n_iter %d, inertia %.17g%n", f,
                    (System.nanoTime() - t1) / 1e9, (os.getProcessCpuTime() - c1) / 1e9, backend, threads, m.nIter(),
                    m.inertia());
            for (Map.Entry<String, double[]> e : phases.entrySet()) {
                double[] v = e.getValue();
                System.out.printf("  %-26s %7.3f s wall %7.3f s CPU  %6.1f ns/row CPU  %5.2f GB/s wall  %7.0f page faults%n",
                        e.getKey(), v[0], v[1], v[1] * 1e9 / data.rows(), data.bytes() / v[0] / 1e9, v[2]);
            }
        }
        data.close();
    }

    /**
     * This process's minor page faults so far (Linux: field 10 of {@code /proc/self/stat}), or −1 elsewhere. On a
     * virtual machine a first touch of memory can cost 15-20 µs a page (bench/RESULTS.md, sessions 28 and 31).
     */
    private static long minorFaults() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[7]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
