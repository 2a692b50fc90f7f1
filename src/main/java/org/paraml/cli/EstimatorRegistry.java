package org.paraml.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.paraml.cluster.KMeans;
import org.paraml.estimator.Estimator;
import org.paraml.svm.SVC;

/**
 * The estimators {@code paraml search --estimator NAME} knows, by their scikit-learn names in lower
 * case. Adding one is one line.
 */
final class EstimatorRegistry {
    private static final Map<String, Supplier<? extends Estimator>> ESTIMATORS = new LinkedHashMap<>();

    static {
        register("svc", SVC::new);
        register("kmeans", KMeans::new);
    }

    private EstimatorRegistry() {
    }

    /** Makes {@code name} resolve to a fresh default estimator from {@code factory}. */
    static synchronized void register(String name, Supplier<? extends Estimator> factory) {
        ESTIMATORS.put(name, factory);
    }

    /** The default estimator called {@code name}. */
    static synchronized Estimator create(String name) {
        Supplier<? extends Estimator> f = ESTIMATORS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("invalid value for option '--estimator': '" + name + "' (allowed: "
                    + String.join(", ", ESTIMATORS.keySet()) + ")");
        }
        return f.get();
    }

    static synchronized Iterable<String> names() {
        return java.util.List.copyOf(ESTIMATORS.keySet());
    }
}
