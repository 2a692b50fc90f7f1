package org.paraml.bench;

import java.util.concurrent.TimeUnit;
import libsvm.svm;
import libsvm.svm_parameter;
import libsvm.svm_problem;
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
import org.paraml.backend.Backends;
import org.paraml.data.Dataset;
import org.paraml.svm.SVC;

/**
 * The libsvm Java port's side of {@link SvcFitLargeBenchmark}, in the same JMH run: one fit takes
 * minutes, so it is timed once (no warm-up fit; the JIT warms up within seconds of it).
 *
 * <p>{@link SvcFitBenchmark} at scale: {@code SVC(random_state=0).fit} on {@code
 * make_classification(50000, 20, random_state=0)} (19,831 SMO steps; the 200 MB cache holds about
 * 1,000 of the 50,000 kernel columns, so most columns are computed several times, as in libsvm).
 * One fit takes seconds to minutes: single-shot timing, one warm-up fit and three measured fits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class SvcFitLargeLibsvmBenchmark {
    /**
     * scalar / simd: ParaML's SVC on that backend, one thread; simd2: SIMD with a budget of two
     * threads; libsvm: the port (minutes per fit: {@link SvcFitLargeLibsvmBenchmark} runs it once).
     */
    @Param({"libsvm"})
    public String impl;

    private Dataset data;
    private SVC svc;
    private svm_problem problem;
    private svm_parameter param;

    @Setup
    public void setUp() {
        data = SvcData.named("large");
        if (impl.equals("libsvm")) {
            svm.svm_set_print_string_function(s -> { });
            problem = SvcData.libsvmProblem(data);
            param = SvcData.libsvmDefaults(SvcData.scaleGamma(data.x()));
        } else {
            boolean two = impl.equals("simd2");
            svc = new SVC().randomState(0L).backend(Backends.byName(two ? "simd" : impl)).threads(two ? 2 : 1);
        }
    }

    @Benchmark
    public Object fit() {
        return svc != null ? svc.fit(data.x(), data.y()) : svm.svm_train(problem, param);
    }
}
