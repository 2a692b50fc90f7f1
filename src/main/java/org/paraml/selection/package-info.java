/**
 * scikit-learn's model selection on the JVM: parameter grids and samplers, cross-validation
 * splitters, scorers, {@link org.paraml.selection.GridSearchCV} and
 * {@link org.paraml.selection.RandomizedSearchCV}, and the local parallel searcher that runs their
 * (candidate, fold) fits on a bounded pool of threads over one shared copy of the data.
 *
 * <p>Names, defaults, fold assignments, scorer values and {@code cv_results_} follow scikit-learn
 * 1.2; where a number can differ (a logarithm one ulp away from the C library's), the class says so.
 * The library never prints: verbose lines go to a line sink, progress to a listener, warnings to
 * {@link System.Logger}.
 */
package org.paraml.selection;
