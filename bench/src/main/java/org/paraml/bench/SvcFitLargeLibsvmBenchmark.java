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

/**
 * The libsvm Java port's side of {@link SvcFitLargeBenchmark} (50,000 × 20), in the same JMH run:
 * one fit takes minutes, so it is timed once (no warm-up fit; the JIT warms up within seconds of it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class SvcFitLargeLibsvmBenchmark {
    /** libsvm: the port (see {@link SvcFitCase}). */
    @Param({"libsvm"})
    public String impl;

    private SvcFitCase fitCase;

    @Setup
    public void setUp() {
        fitCase = new SvcFitCase("large", impl);
    }

    @Benchmark
    public Object fit() {
        return fitCase.fit();
    }
}
