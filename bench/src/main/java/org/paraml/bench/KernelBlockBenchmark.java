package org.paraml.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
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
 * A prediction-shaped rbf kernel block: 1,000 query rows against 2,000 support vectors, into a
 * 1,000 × 2,000 float64 block. Score: blocks per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class KernelBlockBenchmark {
    @Param({"scalar", "simd"})
    public String backend;

    @Param({"20", "784"})
    public int features;

    private Backend b;
    private PreparedMatrix queries;
    private PreparedMatrix supportVectors;
    private KernelSpec rbf;
    private double[] out;

    @Setup
    public void setUp() {
        b = Backends.byName(backend);
        queries = b.prepare(BenchData.uniform(3, 1000, features));
        supportVectors = b.prepare(BenchData.uniform(4, 2000, features));
        rbf = KernelSpec.rbf(1.0 / features);
        out = new double[1000 * 2000];
    }

    @Benchmark
    public double rbfBlock() {
        b.kernelBlock(rbf, queries, supportVectors, out, 0, 1);
        return out[out.length - 1];
    }
}
