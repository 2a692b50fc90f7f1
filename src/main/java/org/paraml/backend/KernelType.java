package org.paraml.backend;

import java.util.Locale;

/** The kernel functions of {@link KernelSpec}, named as scikit-learn's {@code SVC(kernel=...)} names them. */
public enum KernelType {
    /** {@code K(x, y) = ⟨x, y⟩}. */
    LINEAR("linear"),
    /** {@code K(x, y) = (γ⟨x, y⟩ + coef0)^degree}. */
    POLY("poly"),
    /** {@code K(x, y) = exp(−γ‖x − y‖²)}. */
    RBF("rbf"),
    /** {@code K(x, y) = tanh(γ⟨x, y⟩ + coef0)}. */
    SIGMOID("sigmoid");

    private final String sklearnName;

    KernelType(String sklearnName) {
        this.sklearnName = sklearnName;
    }

    /** The scikit-learn spelling: "linear", "poly", "rbf" or "sigmoid". */
    public String sklearnName() {
        return sklearnName;
    }

    /** Parses a scikit-learn kernel name (case-insensitive); the message lists what is allowed. */
    public static KernelType parse(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (KernelType t : values()) {
                if (t.sklearnName.equals(n)) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("The 'kernel' parameter must be one of 'linear', 'poly', 'rbf', 'sigmoid'. Got "
                + (name == null ? "null" : "'" + name + "'") + " instead. ('precomputed' and callables are not supported.)");
    }
}
