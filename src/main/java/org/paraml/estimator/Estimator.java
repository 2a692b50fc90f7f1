package org.paraml.estimator;

import java.util.Map;
import org.paraml.linalg.Matrix;

/**
 * An unfitted estimator: an immutable set of hyperparameters and a {@link #fit} that returns a
 * fitted {@link Model}, as scikit-learn's estimators without the mutation.
 *
 * <p>Implementations must be immutable and safe to {@link #fit} from several threads at once (a
 * parallel search fits copies with different parameters concurrently on shared, read-only data).
 * Two estimators with equal {@link #getParams()} and the same class must fit equal models on equal
 * data, whatever their {@link #threads(int) thread budget}: a search journal relies on it.
 */
public interface Estimator {
    /**
     * The hyperparameters under scikit-learn's names ({@code C}, {@code kernel}, {@code n_clusters},
     * …), in a stable order, as an unmodifiable map. Values are {@link Number}, {@link Boolean},
     * {@link String} or null (and, for a few parameters, small immutable collections).
     */
    Map<String, Object> getParams();

    /**
     * A copy with the given parameters changed (scikit-learn's {@code set_params}, without mutating
     * this estimator). Values may be any {@link Number} of the right kind; enumerations may be given
     * as scikit-learn's strings.
     *
     * @throws IllegalArgumentException for an unknown name, with a message listing the valid names
     *         (see {@link ParameterNames#requireKnown}), or for a bad value, naming the parameter
     */
    Estimator withParams(Map<String, ?> params);

    /**
     * A copy that may use up to {@code n} threads inside one fit and in its model's predictions
     * (kernel evaluations). Not a scikit-learn parameter and not in {@link #getParams()}: results
     * must not depend on it. A parallel search hands each fit its share of the search's budget.
     *
     * @param n at least 1
     */
    Estimator threads(int n);

    /**
     * A copy that may take work it shares with the other fits of one search from {@code work}
     * (kernel matrices over the search's data, say) and leave such work there. Not a
     * scikit-learn parameter and not in {@link #getParams()}: the fitted model must be the same
     * with or without it. The default ignores it.
     *
     * @param work the search's scope, or null for none
     */
    default Estimator sharing(SharedWork work) {
        return this;
    }

    /**
     * A copy for a fit whose model will only be asked for {@code predict}, {@code decisionFunction} and
     * {@code score}, never for probability estimates: the fit may leave out work that only those estimates
     * need. A search uses it for its cross-validation fits when its scorer reads no probabilities
     * ({@code Scorer#readsProbabilities()}); the refitted best model is always fitted as asked. Not a
     * scikit-learn parameter: the copy's models must give the same {@code predict}, {@code decisionFunction}
     * and {@code score}, bit for bit, as the models fitted without it; only their probability estimates
     * may be missing. Only an estimator whose models have a decision function may leave them out: a
     * scorer such as roc_auc reads probabilities from a model that has none. The default returns this
     * estimator.
     */
    default Estimator withoutProbabilityModel() {
        return this;
    }

    /**
     * Fits a model on the rows of {@code x}.
     *
     * @param x the samples, one row each; may be a row view (a fold); never modified, and not kept
     *          unless the model documents that it keeps rows
     * @param y the label of each row, or null for an unsupervised estimator (a clusterer)
     * @return an immutable, thread-safe fitted model
     * @throws IllegalArgumentException for bad input or an invalid parameter combination
     */
    Model fit(Matrix x, int[] y);
}
