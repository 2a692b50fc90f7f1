package org.paraml.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * Issue 6's {@code n_jobs} 1 → 2 ratio measured on a shared machine: {@link GridSearchBenchmark}'s search (the
 * same setup) with {@code n_jobs = 1} and {@code n_jobs = 2} alternately in one JVM, so that both see the
 * same moments of the other tenants' load, where JMH measures them in two forks minutes apart. Wall and process
 * CPU time of every search; medians, the median of the pairs' ratios, and the best against the best.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xms3g -Xmx3g -XX:+AlwaysPreTouch -cp bench/target/benchmarks.jar \
 *      org.paraml.bench.GridScaling [tutorial|large] [PAIRS]
 * </pre>
 * A fixed, pre-touched heap: with a growing one, G1 kept expanding the heap by up to 1.2 GB well into the
 * measured searches, and on a host where a fresh page costs 15-20 µs (bench/RESULTS.md, session 28) the search
 * that first touched the new regions took seconds longer: at {@code n_jobs = 2}, the two C = 0.001 rbf fits
 * that fill the shared kernel matrix took 1.58 s instead of 0.13 s.
 * Three pairs warm the JVM first (not counted); PAIRS (default 20) are measured.
 */
public final class GridScaling {
    private static final int WARM_PAIRS = 3;

    private GridScaling() {
    }

    public static void main(String[] args) {
        String grid = args.length > 0 ? args[0] : "tutorial";
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        GridSearchBenchmark[] searches = {GridSearchBenchmark.setUpFor(grid, 1), GridSearchBenchmark.setUpFor(grid, 2)};
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<double[]> wall = List.of(new double[pairs], new double[pairs]);
        List<double[]> cpu = List.of(new double[pairs], new double[pairs]);
        for (int p = -WARM_PAIRS; p < pairs; p++) {
            for (int s = 0; s < 2; s++) {
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                searches[s].search();
                double w = (System.nanoTime() - t0) / 1e9;
                double c = (os.getProcessCpuTime() - c0) / 1e9;
                if (p >= 0) {
                    wall.get(s)[p] = w;
                    cpu.get(s)[p] = c;
                }
            }
        }
        double[] ratios = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            ratios[p] = wall.get(0)[p] / wall.get(1)[p];
        }
        for (int s = 0; s < 2; s++) {
            System.out.printf("%s grid, n_jobs=%d: wall median %.3f s (min %.3f), process CPU median %.3f s, %d searches%n",
                    grid, s + 1, median(wall.get(s)), min(wall.get(s)), median(cpu.get(s)),
                    pairs);
        }
        System.out.printf("n_jobs 1 -> 2: %.2fx (medians), %.2fx (median of the %d pairs' ratios), %.2fx (best against best)%n",
                median(wall.get(0)) / median(wall.get(1)),
                median(ratios), pairs, min(wall.get(0)) / min(wall.get(1)));
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    /** The median of {@code v} (the mean of the middle two for an even count). */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
