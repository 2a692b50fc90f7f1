package org.paraml.estimator;

import org.paraml.linalg.Matrix;

/**
 * A fitted model: immutable and safe to use from several threads at once.
 */
public interface Model {
    /**
     * scikit-learn's {@code score(X, y)}: mean accuracy for a classifier, the opposite of the
     * inertia for k-means ({@code y} ignored). Greater is better. A search with no
     * {@code scoring} ranks candidates by this value.
     *
     * @param y the true labels, or null for an unsupervised model
     */
    double score(Matrix x, int[] y);
}
