package org.paraml.estimator;

import org.paraml.linalg.Matrix;

/**
 * A fitted classifier. {@link #decisionFunction} and {@link #predictProba} are optional: a model
 * that does not offer one throws {@link UnsupportedOperationException} with scikit-learn's wording
 * (for instance {@code "predict_proba is not available when probability=False"}), which is how
 * scorers learn that the method is missing.
 */
public interface Classifier extends Model {
    /** The class labels, ascending ({@code classes_}). */
    int[] classes();

    /** The predicted label of each row of {@code x}. */
    int[] predict(Matrix x);

    /**
     * {@link #predict(Matrix)} for {@code x}, rows of the data that {@code work} shares (a view of
     * {@link SharedWork#data()}), by a model fitted on rows {@code trainRows} of that data: a model may
     * read values the scope holds already (an SVC its kernel values) and gives the same labels. How a
     * search scores a fold. The default predicts from {@code x} alone.
     *
     * @param trainRows the data rows the model was fitted on, in the order the fit saw them
     */
    default int[] predict(Matrix x, SharedWork work, int[] trainRows) {
        return predict(x);
    }

    /**
     * {@link #score(Matrix, int[])} for rows of the data that {@code work} shares, as
     * {@link #predict(Matrix, SharedWork, int[])} predicts them: the same number. The default scores from
     * {@code x} alone.
     */
    default double score(Matrix x, int[] y, SharedWork work, int[] trainRows) {
        return score(x, y);
    }

    /**
     * The decision function ({@code decision_function}): {@code n × 1} for two classes (positive
     * means {@code classes()[1]}), {@code n × n_classes} (or one column per pair) otherwise.
     *
     * @throws UnsupportedOperationException if this model has no decision function
     */
    default Matrix decisionFunction(Matrix x) {
        throw new UnsupportedOperationException("'" + getClass().getSimpleName()
                + "' object has no attribute 'decision_function'");
    }

    /**
     * Class probabilities ({@code predict_proba}), {@code n × n_classes}, columns in
     * {@link #classes()} order.
     *
     * @throws UnsupportedOperationException if this model gives no probabilities
     */
    default Matrix predictProba(Matrix x) {
        throw new UnsupportedOperationException("'" + getClass().getSimpleName()
                + "' object has no attribute 'predict_proba'");
    }

    /** Mean accuracy of {@link #predict} on {@code (x, y)}, as scikit-learn's {@code ClassifierMixin.score}. */
    @Override
    default double score(Matrix x, int[] y) {
        int[] pred = predict(x);
        if (y == null || pred.length != y.length) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: ["
                    + (y == null ? "None" : y.length) + ", " + pred.length + "]");
        }
        int hits = 0;
        for (int i = 0; i < y.length; i++) {
            if (pred[i] == y[i]) {
                hits++;
            }
        }
        return (double) hits / y.length;
    }
}
