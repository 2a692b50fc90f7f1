package org.paraml.estimator;

import org.paraml.linalg.Matrix;

/**
 * An estimator that fits a {@link Classifier} (scikit-learn's {@code is_classifier(estimator)}).
 * Model selection uses the distinction the way scikit-learn does: an integer {@code cv} means
 * {@code StratifiedKFold} for a classifier and {@code KFold} otherwise.
 */
public interface ClassifierEstimator extends Estimator {
    @Override
    ClassifierEstimator withParams(java.util.Map<String, ?> params);

    @Override
    ClassifierEstimator threads(int n);

    @Override
    default ClassifierEstimator sharing(SharedWork work) {
        return this;
    }

    @Override
    default ClassifierEstimator withoutProbabilityModel() {
        return this;
    }

    /**
     * Fits the classifier.
     *
     * @param y the class label of each row; not null
     */
    @Override
    Classifier fit(Matrix x, int[] y);
}
