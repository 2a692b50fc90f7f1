/**
 * Support vector classification as scikit-learn's {@code SVC} computes it with its copy of libsvm.
 *
 * <p>Public API: {@link org.paraml.svm.SVC} (the estimator: parameters, {@code fit}) and
 * {@link org.paraml.svm.SVCModel} (the fitted model: attributes, predictions, save/load).
 *
 * <p>Inside, one job per class:
 * <ul>
 *   <li>{@code SmoSolver} — libsvm's SMO (WSS3, shrinking, gradient reconstruction) over a
 *       {@code QMatrix}; its O(l) loops run through {@link org.paraml.backend.SmoOps} (Vector API
 *       when present, bit for bit the scalar loops); a solve with two or more threads and at least
 *       4,096 points splits each step's loops and new kernel columns with a {@code SmoPartner}
 *       thread, combining the two halves by the scan's own tie rule (the same model);</li>
 *   <li>{@code SvcQ} and {@code KernelCache} — {@code Q = y yᵀ ∘ K} as float32 columns in an LRU
 *       cache bounded by {@code cache_size} megabytes;</li>
 *   <li>{@code ColumnProvider} / {@code KernelSource} — where kernel values come from:
 *       {@code BackendKernelSource} (an {@link org.paraml.backend.Backend}),
 *       {@code PrecomputedKernelSource} (a Gram matrix), or {@code SharedKernelSource}, which
 *       gathers a fold's columns from a {@code SharedGram}: one kernel's float32 values over a
 *       search's whole data set, held by the search's {@link org.paraml.estimator.SharedWork}
 *       and shared by every C, every fold and the probability calibration (the same numbers the
 *       fit computes alone, so the same model);</li>
 *   <li>{@code BinarySvc}, {@code OneVsOneTrainer} — libsvm's {@code solve_c_svc} and
 *       {@code svm_train} (class grouping, pairs, coefficient layout);</li>
 *   <li>{@code ProbabilityCv}, {@code PlattScaling}, {@code PairwiseCoupling},
 *       {@code SklearnRandom} — probability outputs, with scikit-learn's random stream;</li>
 *   <li>{@code FitContext} — what the trainings of one fit share; independent trainings (the
 *       one-vs-one pairs, the calibration's five folds and the pair's own training) run side by
 *       side within the fit's thread budget, with the random draws made first in libsvm's
 *       order, so the model does not depend on the thread count;</li>
 *   <li>{@code OneVsOne} — pair decision values, votes, the 'ovr' transform;</li>
 *   <li>{@code ModelIo} — the saved format ({@code docs/svc-model-format.md}).</li>
 * </ul>
 */
package org.paraml.svm;
