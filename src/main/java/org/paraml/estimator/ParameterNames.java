package org.paraml.estimator;

import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

/** The check every {@link Estimator#withParams} makes first, with scikit-learn's message. */
public final class ParameterNames {
    private ParameterNames() {
    }

    /**
     * Throws unless every key of {@code params} is one of {@code valid}. The message is
     * scikit-learn's: {@code Invalid parameter 'Cc' for estimator SVC(). Valid parameters are:
     * ['C', 'kernel'].}
     *
     * @param estimator the estimator's name as scikit-learn prints it, e.g. "SVC"
     */
    public static void requireKnown(String estimator, Map<String, ?> params, Collection<String> valid) {
        for (String name : params.keySet()) {
            if (!valid.contains(name)) {
                StringJoiner names = new StringJoiner(", ", "[", "]");
                valid.stream().sorted().forEach(v -> names.add("'" + v + "'"));
                throw new IllegalArgumentException("Invalid parameter '" + name + "' for estimator " + estimator
                        + "(). Valid parameters are: " + names + ".");
            }
        }
    }
}
