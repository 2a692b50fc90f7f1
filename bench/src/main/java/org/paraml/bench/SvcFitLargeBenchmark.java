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
 * {@link SvcFitBenchmark} at scale: {@code SVC(random_state=0).fit} on {@code
 * make_classification(50000, 20, random_state=0)} (19,831 SMO steps; the 200 MB cache holds about
 * 1,000 of the 50,000 kernel columns, so most columns are computed several times, as in libsvm).
 * One fit takes seconds to minutes: single-shot timing, one warm-up fit and three measured fits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
// a fixed, pre-touched heap, as GridSearchBenchmark's: with -Xmx4g the heap still grew during the three measured
// fits, into memory this guest faults in at 15-20 us a page, and they ranged 5.2-7.4 s (one thread) where they range
// 5.7-6.0 s on the fixed heap (bench/RESULTS.md, session 29)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class SvcFitLargeBenchmark {
    /** See {@link SvcFitCase}; the libsvm port's fit takes minutes, {@link SvcFitLargeLibsvmBenchmark} runs it once. */
    @Param({"scalar", "simd", "simd2"})
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
