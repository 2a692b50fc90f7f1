package org.paraml.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.paraml.data.Validation;
import org.paraml.estimator.Estimator;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;

/**
 * scikit-learn's {@code cross_validate} and {@code cross_val_score}: one estimator, fitted and
 * scored on every split, on the local parallel searcher.
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    /**
     * The per-split results of {@link #crossValidate}.
     *
     * @param fitTime {@code fit_time}
     * @param scoreTime {@code score_time}
     * @param testScore {@code test_score}
     * @param trainScore {@code train_score}, or null when not asked for
     * @param fitFailures the fits that failed
     */
    public record Result(double[] fitTime, double[] scoreTime, double[] testScore, double[] trainScore,
                         List<FitFailure> fitFailures) {
    }

    /**
     * scikit-learn's {@code check_cv(k, y, classifier=is_classifier(estimator))}:
     * {@link StratifiedKFold}{@code (k)} for a classifier with labels, {@link KFold}{@code (k)} otherwise.
     */
    public static CrossValidator checkCv(int folds, Estimator estimator, int[] y) {
        SearchSettings s = new SearchSettings();
        s.cvFolds = folds;
        return SearchEngine.checkCv(s, estimator, y);
    }

    /** {@code cross_val_score(estimator, X, y)}: 5 folds, the model's own score, one thread. */
    public static double[] crossValScore(Estimator estimator, Matrix x, int[] y) {
        return crossValScore(estimator, x, y, checkCv(5, estimator, y), null, 1);
    }

    /** {@code cross_val_score(estimator, X, y, cv=cv, scoring=scoring, n_jobs=nJobs)}. */
    public static double[] crossValScore(Estimator estimator, Matrix x, int[] y, CrossValidator cv, String scoring,
                                         int nJobs) {
        return crossValidate(estimator, x, y, cv, scoring, nJobs, false, ErrorScore.NAN).testScore();
    }

    /**
     * {@code cross_validate(estimator, X, y, cv=cv, scoring=scoring, n_jobs=nJobs,
     * return_train_score=..., error_score=...)} with a single metric.
     *
     * @param scoring a scorer name, or null for the model's own score
     * @throws SearchFailedException if every fit failed
     * @throws CancellationException if the calling thread is interrupted
     */
    public static Result crossValidate(Estimator estimator, Matrix x, int[] y, CrossValidator cv, String scoring,
                                       int nJobs, boolean returnTrainScore, ErrorScore errorScore) {
        if (y != null) {
            Validation.checkConsistentLength(x, y);
        }
        Scorer scorer = scoring == null ? Scorers.modelScore() : Scorers.get(scoring);
        List<Split> splits = cv.split(x.rows(), y);
        int n = splits.size();
        TaskResult[] results = new TaskResult[n];
        // the folds share kernel work (one kernel matrix over x for all of them), released at the end
        List<int[]> testSets = new ArrayList<>();
        for (Split split : splits) {
            testSets.add(split.test());
        }
        try (SharedWork shared = SharedWork.open(x, SharedWork.defaultBudgetBytes(),
                SharedWork.layoutByTestSet(x.rows(), testSets))) {
            SearchJob job = new SearchJob(estimator, List.of(Map.of()), splits, x, y, scorer, returnTrainScore,
                    errorScore, shared);
            new LocalExecutor(nJobs).execute(job, job.tasks(), r -> results[r.fold()] = r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("cross-validation cancelled");
        }
        double[] fit = new double[n];
        double[] score = new double[n];
        double[] test = new double[n];
        double[] train = returnTrainScore ? new double[n] : null;
        List<FitFailure> failures = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            TaskResult r = results[f];
            fit[f] = r.fitTime();
            score[f] = r.scoreTime();
            test[f] = r.testScore();
            if (train != null) {
                train[f] = r.trainScore();
            }
            if (r.failed()) {
                failures.add(new FitFailure(0, f, r.fitError()));
            }
        }
        FitFailures.warnOrRaise(failures, n, errorScore);
        return new Result(fit, score, test, train, List.copyOf(failures));
    }
}
