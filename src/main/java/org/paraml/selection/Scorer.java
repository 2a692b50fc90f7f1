package org.paraml.selection;

import org.paraml.estimator.Classifier;
import org.paraml.estimator.Model;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;

/**
 * A scoring function for model selection (scikit-learn's scorer objects): greater is better, so
 * losses are negated ({@code neg_log_loss}). Scorers must be stateless and thread-safe; a search
 * calls one concurrently from its worker threads. {@link Scorers#get(String)} gives scikit-learn's
 * named scorers.
 */
@FunctionalInterface
public interface Scorer {
    /**
     * The score of {@code model} on {@code (x, y)}.
     *
     * @throws RuntimeException when the score is not defined (the search then records
     *         {@code error_score} for this fold, or rethrows with {@code error_score='raise'})
     */
    double score(Model model, Matrix x, int[] y);

    /**
     * The score of {@code model} on {@code (x, y)} as a search scores a fold: {@code x} are rows of the
     * search's data, which {@code work} shares, and the model was fitted on its rows {@code trainRows}. The
     * same number as {@link #score(Model, Matrix, int[])}: scikit-learn's named scorers let the model read
     * what the search holds already (an SVC's kernel values, {@link Classifier#predict(Matrix, SharedWork,
     * int[])}); the default, and so every scorer of the caller's own, gets the model as it is.
     *
     * @param work      the search's shared work, or null
     * @param trainRows the data rows the model was fitted on
     */
    default double score(Model model, Matrix x, int[] y, SharedWork work, int[] trainRows) {
        return score(model, x, y);
    }

    /**
     * Whether this scorer may ask a model for probability estimates ({@code predictProba},
     * {@code predictLogProba}). When it does not, a search fits its cross-validation models with
     * {@link org.paraml.estimator.Estimator#withoutProbabilityModel()}: the same scores, without the work
     * behind probabilities nobody reads (an SVC's internal 5-fold calibration). The default, true, is the
     * safe answer for a scorer that does not say. A scorer that returns false reads only {@code predict},
     * {@code decisionFunction} and {@code score}, or probabilities only from a model that has no decision
     * function (roc_auc's fallback): an estimator may leave probabilities out only when its models have one
     * (see {@code Estimator#withoutProbabilityModel()}).
     */
    default boolean readsProbabilities() {
        return true;
    }
}
