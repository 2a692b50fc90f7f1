package org.paraml.selection;

import org.paraml.estimator.Model;
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
}
