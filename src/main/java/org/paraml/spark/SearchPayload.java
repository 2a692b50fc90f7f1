package org.paraml.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;
import org.paraml.selection.ErrorScore;
import org.paraml.selection.SearchJob;
import org.paraml.selection.Split;

/**
 * What every task of a search needs, broadcast once to the executors (Dask's {@code scatter=[X, y]}): the
 * data as plain arrays, the splits, the candidates, the estimator as class name + parameters, the scorer by
 * name, and the scoring options. Each executor JVM deserializes it once (Spark caches a broadcast value per
 * executor) and makes its {@link SearchJob} once, on first use, for all the tasks it runs.
 *
 * <p>The executor's job shares kernel work between the fits it runs ({@link SharedWork}, laid out by test
 * fold as the local searcher does) when the search shares work and the grouping sends it fits that share a
 * kernel: the budget is the search's, but at most {@link SharedWork#defaultBudgetBytes()} of the executor's
 * own heap. That scope lives as long as the executor keeps the broadcast value (until the search destroys
 * the broadcast); it holds only heap arrays, so it needs no closing.
 */
final class SearchPayload implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EstimatorSpec estimator;
    private final List<Map<String, Object>> candidates;
    private final int[][] train;
    private final int[][] test;
    private final double[] x;
    private final int rows;
    private final int cols;
    private final int[] y;
    private final ScorerSpec scorer;
    private final boolean returnTrainScore;
    private final boolean raise;
    private final double errorValue;
    /** The search's shared-work budget in bytes (0: the fits share nothing). */
    private final long sharedBudgetBytes;
    private transient volatile SearchJob job;

    private SearchPayload(SearchJob job, boolean shareKernels) {
        this.estimator = EstimatorSpec.of(job.estimator());
        List<Map<String, Object>> c = new ArrayList<>(job.nCandidates());
        for (Map<String, Object> p : job.candidates()) {
            c.add(Portable.params(p, "candidate"));
        }
        this.candidates = c;
        this.train = new int[job.nSplits()][];
        this.test = new int[job.nSplits()][];
        for (int f = 0; f < job.nSplits(); f++) {
            Split s = job.splits().get(f);
            train[f] = s.train();
            test[f] = s.test();
        }
        Matrix m = job.x().compact();
        this.x = m.data();
        this.rows = m.rows();
        this.cols = m.cols();
        this.y = job.y();
        this.scorer = ScorerSpec.of(job.scorer());
        this.returnTrainScore = job.returnTrainScore();
        this.raise = job.errorScore().raise();
        this.errorValue = job.errorScore().value();
        SharedWork driverScope = job.sharedWork();
        this.sharedBudgetBytes = shareKernels && driverScope != null ? driverScope.budgetBytes() : 0;
    }

    /**
     * The payload of {@code job}.
     *
     * @throws IllegalArgumentException when the estimator, a parameter value or the scorer cannot travel
     */
    static SearchPayload of(SearchJob job, boolean shareKernels) {
        return new SearchPayload(job, shareKernels);
    }

    /** Bytes of the data arrays (for logs). */
    long dataBytes() {
        return 8L * x.length + (y == null ? 0 : 4L * y.length);
    }

    /** The search job on this JVM, made once. */
    SearchJob job() {
        SearchJob j = job;
        if (j == null) {
            synchronized (this) {
                j = job;
                if (j == null) {
                    List<Split> splits = new ArrayList<>(train.length);
                    for (int f = 0; f < train.length; f++) {
                        splits.add(new Split(train[f], test[f]));
                    }
                    ErrorScore es = raise ? ErrorScore.RAISE : ErrorScore.of(errorValue);
                    Matrix data = Matrix.wrap(x, rows, cols);
                    j = new SearchJob(estimator.create(), candidates, splits, data, y,
                            scorer.resolve(), returnTrainScore, es, executorScope(data));
                    job = j;
                }
            }
        }
        return j;
    }

    /** The shared work of this executor's fits, or null when the search shares nothing. */
    private SharedWork executorScope(Matrix data) {
        long budget = Math.min(sharedBudgetBytes, SharedWork.defaultBudgetBytes());
        if (budget <= 0) {
            return null;
        }
        return SharedWork.open(data, budget, SharedWork.layoutByTestSet(rows, List.of(test)));
    }
}
