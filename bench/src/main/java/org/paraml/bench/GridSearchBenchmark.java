package org.paraml.bench;

import java.util.List;
import java.util.Map;
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
import org.paraml.backend.Backends;
import org.paraml.data.Dataset;
import org.paraml.estimator.Model;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;
import org.paraml.selection.GridSearchCV;
import org.paraml.selection.Scorer;
import org.paraml.selection.Scorers;
import org.paraml.selection.SearchExecutor;
import org.paraml.selection.SearchResult;
import org.paraml.svm.SVC;

/**
 * The tutorial's grid searches on {@code make_classification(10000, 4, random_state=0)} with
 * {@code SVC(gamma='auto', probability=True, random_state=0)}, scikit-learn's defaults otherwise
 * (refit the best on all the data):
 * <ul>
 *   <li>{@code tutorial}: C ∈ {0.001, 10}, kernel ∈ {rbf, poly}, cv=2 (8 fits and the refit);</li>
 *   <li>{@code large}: C ∈ {0.001, 0.1, 1, 2.5, 5, 10}, rbf, cv=5 (30 fits and the refit).</li>
 * </ul>
 * {@code nJobs} is the search's thread budget ({@code n_jobs}); {@code sharedMb} the budget of the
 * kernel matrices shared by candidates and folds (-1: the default, 1 GiB here; 0: no sharing).
 * {@code foldCalibration}: {@code skipped} (the default scoring, accuracy, reads no probabilities, so the
 * fold models are fitted without the internal 5-fold calibration, as {@code GridSearchCV} does) or
 * {@code kept} (the same accuracy through a scorer of the caller's own, which may read probabilities:
 * every fold model is calibrated, as in scikit-learn; the same cv_results).
 * Score: seconds per search (single shot: three warm-up searches, five measured). One warm-up was
 * too few on a 2-core Zen 3 host: C2 was still compiling the solver's loops through the second and
 * third searches (2.0-2.9 s measured where the steady state is 1.7-1.9 s); the warm-up iterations'
 * times stay in JMH's output for the cold cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
// a fixed, pre-touched heap: see GridScaling (a growing heap faulted in new regions mid-measurement)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class GridSearchBenchmark {
    @Param({"tutorial", "large"})
    public String grid;

    @Param({"1", "2"})
    public int nJobs;

    @Param({"simd"})
    public String backend;

    @Param({"-1"})
    public double sharedMb;

    @Param({"skipped"})
    public String foldCalibration;

    private Dataset data;
    private GridSearchCV search;

    @Setup
    public void setUp() {
        data = SvcData.named("tutorial");
        SVC svc = new SVC().gamma("auto").probability(true).randomState(0L).backend(Backends.byName(backend));
        GridSearchCV gs = grid.equals("tutorial")
                ? new GridSearchCV(svc, Map.of("C", List.of(0.001, 10.0), "kernel", List.of("rbf", "poly"))).cv(2)
                : new GridSearchCV(svc, Map.of("C", List.of(0.001, 0.1, 1.0, 2.5, 5.0, 10.0))).cv(5);
        gs = gs.nJobs(nJobs);
        if (foldCalibration.equals("kept")) {
            gs = gs.scoring(new MayReadProbabilities(Scorers.get("accuracy")));
        } else if (!foldCalibration.equals("skipped")) {
            throw new IllegalArgumentException("foldCalibration must be skipped or kept, got " + foldCalibration);
        }
        search = sharedMb >= 0 ? gs.sharedWorkMb(sharedMb) : gs;
    }

    /**
     * A scorer of the caller's own, as the search sees it: it may read probabilities (the default), so every
     * fold is calibrated; it scores exactly as the named scorer does, through the same shared-kernel path.
     */
    private record MayReadProbabilities(Scorer named) implements Scorer {
        @Override
        public double score(Model model, Matrix x, int[] y) {
            return named.score(model, x, y);
        }

        @Override
        public double score(Model model, Matrix x, int[] y, SharedWork work, int[] trainRows) {
            return named.score(model, x, y, work, trainRows);
        }
    }

    @Benchmark
    public SearchResult search() {
        return search.fit(data.x(), data.y());
    }

    /**
     * The benchmark's search of {@code grid} at {@code nJobs}, set up as JMH sets it up by default (SIMD, the default
     * shared-work budget, fold models without calibration), for the tools that time it themselves
     * ({@link GridScaling}, {@link GridTimeline}).
     */
    static GridSearchBenchmark setUpFor(String grid, int nJobs) {
        GridSearchBenchmark b = new GridSearchBenchmark();
        b.grid = grid;
        b.nJobs = nJobs;
        b.backend = "simd";
        b.sharedMb = -1;
        b.foldCalibration = "skipped";
        b.setUp();
        return b;
    }

    /** The same search with its (candidate, fold) tasks run by {@code executor} (for {@link GridTimeline}). */
    SearchResult search(SearchExecutor executor) {
        return search.executor(executor).fit(data.x(), data.y());
    }
}
