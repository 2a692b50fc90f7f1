package org.paraml.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.paraml.backend.Backend;
import org.paraml.backend.Backends;
import org.paraml.backend.Parallel;
import org.paraml.backend.PreparedMatrix;
import org.paraml.linalg.Matrix;

/**
 * The k-means assignment pass over 1,000,000 × 20 rows in RAM (160 MB) with 12 centres: one Lloyd
 * step (labels, distances, per-centre sums and counts), next to a plain summation pass over
 * the same array, the memory read rate that bounds it, each with 1 and 2 threads (the machine's
 * cores). Scores: passes per second; multiply by 0.16 GB for the read rate in GB/s. Issue 3's target
 * compares {@link #assignOnly} (the assignment pass) with the faster of {@link #readPass} and
 * {@link #sumPass} at the same thread count; issue 5's compares {@link #lloydStep} (a Lloyd pass) with them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class KMeansAssignBenchmark {
    static final int N = 1_000_000;
    static final int D = 20;
    static final int K = 12;

    @Param({"scalar", "simd"})
    public String backend;

    @Param({"1", "2"})
    public int threads;

    private Backend b;
    private Matrix x;
    private PreparedMatrix preparedX;
    private PreparedMatrix centers;
    private int[] labels;
    private double[] distances;
    private double[] sums;
    private double[] counts;

    @Setup
    public void setUp() {
        b = Backends.byName(backend);
        x = BenchData.uniform(5, N, D);
        centers = b.prepare(BenchData.uniform(6, K, D));
        preparedX = b.prepare(x);
        b.lloydStep(preparedX, null, centers, null, null, null, null, threads); // builds lazy layouts
        labels = new int[N];
        distances = new double[N];
        sums = new double[K * D];
        counts = new double[K];
    }

    /** In-memory data, prepared once (as KMeans.fit holds it): the SIMD backend reads row tiles. */
    @Benchmark
    public double lloydStep() {
        return b.lloydStep(preparedX, null, centers, labels, distances, sums, counts, threads);
    }

    /**
     * The assignment alone on the prepared rows: each row's nearest centre and squared distance
     * (labels and distances written), without the per-centre sums and counts of a Lloyd step.
     */
    @Benchmark
    public double assignOnly() {
        return b.lloydStep(preparedX, null, centers, labels, distances, null, null, threads);
    }

    /**
     * The k-means|| round's pass on the prepared rows: the distance to the nearest of the 12 centres,
     * kept where it is below the row's current minimum (every row's minimum is reset to +inf first, so
     * every row is written, as in the first round).
     */
    @Benchmark
    public double minDistancePass() {
        java.util.Arrays.fill(distances, Double.POSITIVE_INFINITY);
        return b.updateMinDistances(preparedX, centers, distances, labels, 0, threads);
    }

    /** The same pass on a plain Matrix block (as streamed blocks arrive): the SIMD backend transposes on the fly. */
    @Benchmark
    public double lloydStepMatrix() {
        return b.lloydStep(x, null, centers, labels, distances, sums, counts, threads);
    }

    /**
     * Reads the 160 MB array once, OR-ing the raw bits of every value: a reduction the JIT vectorises on
     * JDK 17 as on 25, so it runs at the memory read rate where {@link #sumPass} on JDK 17 is bound by its
     * scalar additions. The memory read rate is the faster of the two.
     */
    @Benchmark
    public long readPass() {
        double[] a = x.data();
        int parts = 64;
        long[] partial = new long[parts];
        int per = (a.length + parts - 1) / parts;
        Parallel.forEach(parts, threads, p -> {
            int from = p * per;
            int to = Math.min(a.length, from + per);
            long acc = 0;
            for (int i = from; i < to; i++) {
                acc |= Double.doubleToRawLongBits(a[i]);
            }
            partial[p] = acc;
        });
        long s = 0;
        for (long v : partial) {
            s |= v;
        }
        return s;
    }

    /** Reads the 160 MB array once with eight independent accumulators (no vector API needed). */
    @Benchmark
    public double sumPass() {
        double[] a = x.data();
        int parts = 64;
        double[] partial = new double[parts];
        int per = (a.length + parts - 1) / parts;
        Parallel.forEach(parts, threads, p -> {
            int from = p * per;
            int to = Math.min(a.length, from + per);
            partial[p] = SumPass.sum(a, from, to);
        });
        double s = 0;
        for (double v : partial) {
            s += v;
        }
        return s;
    }
}
