package org.paraml.selection;

import java.util.List;
import java.util.Map;
import org.paraml.estimator.Model;

/**
 * The outcome of {@link GridSearchCV#fit} / {@link RandomizedSearchCV#fit}: scikit-learn's fitted
 * search attributes. Immutable.
 */
public final class SearchResult {
    private final CvResults cvResults;
    private final int bestIndex;
    private final Model bestModel;
    private final double refitTime;
    private final List<FitFailure> fitFailures;
    private final String scorer;
    private final String searchName;

    SearchResult(String searchName, CvResults cvResults, Model bestModel, double refitTime,
                 List<FitFailure> fitFailures, String scorer) {
        this.searchName = searchName;
        this.cvResults = cvResults;
        this.bestIndex = Ranking.best(cvResults.rankTestScore());
        this.bestModel = bestModel;
        this.refitTime = refitTime;
        this.fitFailures = List.copyOf(fitFailures);
        this.scorer = scorer;
    }

    /** {@code cv_results_}. */
    public CvResults cvResults() {
        return cvResults;
    }

    /** {@code best_index_}: the first candidate of rank 1. */
    public int bestIndex() {
        return bestIndex;
    }

    /** {@code best_score_}: the mean test score of the best candidate. */
    public double bestScore() {
        return cvResults.meanTestScore()[bestIndex];
    }

    /** {@code best_params_}. */
    public Map<String, Object> bestParams() {
        return cvResults.params().get(bestIndex);
    }

    /** Whether the best candidate was refitted on all the data ({@code refit=True}). */
    public boolean refitted() {
        return bestModel != null;
    }

    /**
     * {@code best_estimator_}: the best candidate fitted on all the data.
     *
     * @throws IllegalStateException with {@code refit=false}
     */
    public Model bestModel() {
        if (bestModel == null) {
            throw new IllegalStateException("This " + searchName + " instance was initialized with `refit=False`. "
                    + "best_estimator_ is available only after refitting on the best parameters. You can refit an "
                    + "estimator manually using the `best_params_` attribute");
        }
        return bestModel;
    }

    /** {@code refit_time_}: seconds spent refitting, NaN without refit. */
    public double refitTime() {
        return refitTime;
    }

    /** {@code n_splits_}. */
    public int nSplits() {
        return cvResults.nSplits();
    }

    /** The fits that failed (their scores are {@code error_score}), in (candidate, split) order. */
    public List<FitFailure> fitFailures() {
        return fitFailures;
    }

    /** The scorer's name: a scikit-learn scoring name, or "score" for the model's own score. */
    public String scorer() {
        return scorer;
    }
}
