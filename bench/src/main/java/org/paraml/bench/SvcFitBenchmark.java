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
 * The tutorial's SVC fit: {@code SVC(random_state=0).fit(X, y)} on {@code make_classification(
 * 10000, 4, random_state=0)} (2,046 SMO steps, 2,628 support vectors), on the scalar and SIMD
 * backends, next to the libsvm Java port ({@code tw.edu.ntu.csie:libsvm:3.31}) on the same problem
 * with scikit-learn's defaults (C = 1, gamma = 'scale', tol 1e-3, cache 200 MB, shrinking) in the
 * same run. Score: seconds per fit. scikit-learn's and libsvm's fits use one thread; so do ParaML's
 * except {@code simd2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// a fixed, pre-touched heap, as SvcFitLargeBenchmark and GridSearchBenchmark: with a growing heap, a fork whose G1
// kept expanding into fresh pages (15-20 µs each on the benchmark host) settled at 0.3-0.47 s a fit instead of
// ~0.1 s, depending on the fork (bench/RESULTS.md, session 32)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class SvcFitBenchmark {
    /** scalar / simd: ParaML's SVC on that backend, one thread; simd2: SIMD with a budget of two threads; libsvm: the port. */
    @Param({"scalar", "simd", "simd2", "libsvm"})
    public String impl;

    private SvcFitCase fitCase;

    @Setup
    public void setUp() {
        fitCase = new SvcFitCase("tutorial", impl);
    }

    @Benchmark
    public Object fit() {
        return fitCase.fit();
    }
}
