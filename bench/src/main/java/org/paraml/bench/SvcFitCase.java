package org.paraml.bench;

import libsvm.svm;
import libsvm.svm_parameter;
import libsvm.svm_problem;
import org.paraml.backend.Backends;
import org.paraml.data.Dataset;
import org.paraml.svm.SVC;

/**
 * One SVC fit of the SVC benchmarks, {@code SVC(random_state=0).fit(X, y)} with scikit-learn's
 * defaults on one of {@link SvcData}'s sets, by one implementation:
 * <ul>
 *   <li>{@code scalar} / {@code simd}: ParaML's SVC on that backend with one thread;</li>
 *   <li>{@code simd2}: SIMD with a budget of two threads (SVC's default on this 2-core machine);</li>
 *   <li>{@code libsvm}: the libsvm Java port ({@code tw.edu.ntu.csie:libsvm:3.31}) with the same
 *       parameters (C = 1, gamma = 'scale', tol 1e-3, cache 200 MB, shrinking).</li>
 * </ul>
 */
final class SvcFitCase {
    private final Dataset data;
    private final SVC svc;
    private final svm_problem problem;
    private final svm_parameter param;

    SvcFitCase(String dataName, String impl) {
        data = SvcData.named(dataName);
        if (impl.equals("libsvm")) {
            svm.svm_set_print_string_function(s -> { });
            problem = SvcData.libsvmProblem(data);
            param = SvcData.libsvmDefaults(SvcData.scaleGamma(data.x()));
            svc = null;
        } else {
            boolean two = impl.equals("simd2");
            svc = new SVC().randomState(0L).backend(Backends.byName(two ? "simd" : impl)).threads(two ? 2 : 1);
            problem = null;
            param = null;
        }
    }

    /** Fits once; returns the model (ParaML's or libsvm's), for JMH to consume. */
    Object fit() {
        return svc != null ? svc.fit(data.x(), data.y()) : svm.svm_train(problem, param);
    }
}
