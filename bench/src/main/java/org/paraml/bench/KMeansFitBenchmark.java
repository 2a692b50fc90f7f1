package org.paraml.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.paraml.backend.Backend;
import org.paraml.backend.Backends;
import org.paraml.backend.Parallel;
import org.paraml.cluster.KMeans;
import org.paraml.cluster.KMeansModel;
import org.paraml.data.BlockProgress;
import org.paraml.data.Blocks;
import org.paraml.data.TutorialBlobs;
import org.paraml.linalg.Matrix;

/**
 * The Dask-ML tutorial's KMeans on its blobs held in RAM: {@code rows / 200,000} blocks of
 * {@code make_blobs(200000, centers=template, n_features=20, random_state=i)}, persisted in memory,
 * fitted with {@code KMeans(n_clusters=8, init_max_iter=3, oversampling_factor=10, random_state=0)} on
 * {@code threads} threads. Scores: seconds per fit.
 *
 * <p>The fit's own passes are timed from its progress events: {@code lloydPassNanos} /
 * {@code lloydPasses} (secondary results, summed over the iteration) is the mean wall time of one Lloyd
 * pass of the fit (labels, sums, fingerprints, far rows, block results in order; the first, which also
 * computes the feature statistics, included), to compare with {@link #sumPass} and {@link #readPass} over
 * the same blocks (the memory read rate of {@code threads} threads: the faster of the two). {@link #tribuoFit} is Tribuo's KMeans (k-means++,
 * 8 centroids, the same threads) on the same rows, as a Java peer: run it only at 2,000,000 rows
 * (its examples take about ten times the memory of the rows).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx12g"})
public class KMeansFitBenchmark {
    @Param({"2000000"})
    public int rows;

    @Param({"scalar", "simd"})
    public String backend;

    @Param({"2"})
    public int threads;

    private Backend b;
    private Blocks blocks;
    private TribuoPeer tribuo;

    /** The fit's Lloyd passes, timed from its progress events. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Passes {
        public long lloydPassNanos;
        public long lloydPasses;

        @Setup(Level.Iteration)
        public void clear() {
            lloydPassNanos = 0;
            lloydPasses = 0;
        }
    }

    @Setup
    public void setUp() {
        b = Backends.byName(backend);
        blocks = TutorialBlobs.blocks(rows / TutorialBlobs.BLOCK_ROWS).persist(Long.MAX_VALUE, threads);
    }

    @TearDown
    public void tearDown() {
        blocks.close();
    }

    @Benchmark
    public double fit(Passes passes) {
        long[] start = new long[1];
        BlockProgress timer = (phase, done, total) -> {
            if (!phase.startsWith("lloyd iteration")) {
                return;
            }
            if (done == 0) {
                start[0] = System.nanoTime();
            } else if (done == total) {
                passes.lloydPassNanos += System.nanoTime() - start[0];
                passes.lloydPasses++;
            }
        };
        KMeansModel m = new KMeans().initMaxIter(3).oversamplingFactor(10).randomState(0L).threads(threads)
                .backend(b).progress(timer).fit(blocks);
        System.out.println("paraml " + backend + " inertia " + m.inertia() + " n_iter " + m.nIter());
        return m.inertia();
    }

    /** One read of every block, {@code threads} threads, eight accumulators each: the memory read rate. */
    @Benchmark
    public double sumPass() {
        double[] total = new double[1];
        blocks.pass(threads).run(blk -> {
            Matrix x = blk.rows();
            double[] a = x.data();
            int from = x.offset(0);
            int to = from + x.rows() * x.cols();
            return SumPass.sum(a, from, to);
        }, (i, v) -> total[0] += v);
        return total[0];
    }

    /** One read of every block, {@code threads} threads, OR-ing raw bits (vectorised by the JIT on 17 and 25). */
    @Benchmark
    public long readPass() {
        long[] total = new long[1];
        blocks.pass(threads).run(blk -> {
            Matrix x = blk.rows();
            double[] a = x.data();
            int from = x.offset(0);
            int to = from + x.rows() * x.cols();
            long acc = 0;
            for (int i = from; i < to; i++) {
                acc |= Double.doubleToRawLongBits(a[i]);
            }
            return acc;
        }, (i, v) -> total[0] |= v);
        return total[0];
    }

    /** Tribuo's KMeans on the same rows (built once, outside the timing). */
    @Benchmark
    public double tribuoFit() {
        if (tribuo == null) {
            List<Matrix> parts = new ArrayList<>();
            blocks.pass(1).run(blk -> blk.rows().copy(), (i, m) -> parts.add(m));
            tribuo = new TribuoPeer(parts, Math.min(threads, Parallel.poolSize()));
        }
        return tribuo.fit();
    }
}
