/**
 * The estimator contract that model selection works with: scikit-learn's estimator API reduced to
 * what a search needs.
 *
 * <ul>
 *   <li>{@link org.paraml.estimator.Estimator}: an immutable set of hyperparameters under
 *       scikit-learn's names ({@code getParams} / {@code withParams}), a kernel-thread budget
 *       ({@code threads}) and {@code fit}.</li>
 *   <li>{@link org.paraml.estimator.ClassifierEstimator}: an estimator whose fit returns a
 *       {@link org.paraml.estimator.Classifier} (scikit-learn's {@code is_classifier}: integer
 *       {@code cv} then means stratified folds).</li>
 *   <li>{@link org.paraml.estimator.Model}: a fitted, immutable, thread-safe model with
 *       {@code score(X, y)}; {@link org.paraml.estimator.Classifier} adds {@code classes},
 *       {@code predict} and the optional {@code decisionFunction} / {@code predictProba}.</li>
 *   <li>{@link org.paraml.estimator.SharedWork}: what the fits of one search share (kernel
 *       matrices over the search's data), opened and closed by the search and handed to each fit
 *       with {@code Estimator.sharing}; it never changes a model.</li>
 * </ul>
 *
 * <p>An optional method that a model does not offer (scikit-learn: the attribute is missing,
 * {@code hasattr} is false) throws {@link java.lang.UnsupportedOperationException} with
 * scikit-learn's wording, e.g. {@code "predict_proba is not available when probability=False"};
 * scorers that can use either method (roc_auc) fall back on that exception and on nothing else.
 *
 * <p>This package depends only on {@code org.paraml.linalg}; estimators ({@code svm},
 * {@code cluster}) implement it and {@code selection} consumes it.
 */
package org.paraml.estimator;
