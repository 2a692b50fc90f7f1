package org.paraml.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.paraml.backend.Backend;
import org.paraml.backend.Backends;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.PreparedMatrix;

/**
 * rbf kernel rows as an SMO kernel cache asks for them: a batch of {@value #BATCH} rows, each
 * against all {@code n} rows, into float32. Score: kernel rows per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class KernelRowsBenchmark {
    static final int BATCH = 16;

    @Param({"scalar", "simd"})
    public String backend;

    @Param({"4", "20", "784"})
    public int features;

    @Param({"10000"})
    public int n;

    @Param({"1"})
    public int threads;

    private Backend b;
    private PreparedMatrix x;
    private KernelSpec rbf;
    private float[] out;
    private final int[] rows = new int[BATCH];
    private int next;

    @Setup
    public void setUp() {
        b = Backends.byName(backend);
        x = b.prepare(BenchData.uniform(1, n, features));
        rbf = KernelSpec.rbf(1.0 / features);
        out = new float[BATCH * n];
        // warm the lazily built layout outside the measurement
        b.kernelRows(rbf, x, new int[]{0}, n, out, 0, n, threads);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float rbfRows() {
        for (int r = 0; r < BATCH; r++) {
            rows[r] = next;
            next = (next + 7919) % n;
        }
        b.kernelRows(rbf, x, rows, n, out, 0, n, threads);
        return out[n - 1];
    }
}
