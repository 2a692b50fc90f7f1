package org.paraml.backend;

import java.util.Objects;

/**
 * An immutable, validated kernel function: its type and the parameters scikit-learn's {@code SVC}
 * gives it. All arithmetic is in float64.
 *
 * <ul>
 *   <li>{@code linear}: {@code K(x, y) = ⟨x, y⟩} (gamma, coef0, degree unused)</li>
 *   <li>{@code poly}: {@code K(x, y) = (γ⟨x, y⟩ + coef0)^degree}</li>
 *   <li>{@code rbf}: {@code K(x, y) = exp(−γ‖x − y‖²)} (coef0, degree unused)</li>
 *   <li>{@code sigmoid}: {@code K(x, y) = tanh(γ⟨x, y⟩ + coef0)} (degree unused)</li>
 * </ul>
 *
 * <p>Unused parameters are stored as given but must still be finite; {@code gamma} must be
 * {@code >= 0} and finite for poly, rbf and sigmoid (0 is allowed, as in scikit-learn 1.2's
 * {@code SVC}); {@code degree} must be {@code >= 0} for poly.
 * The factories {@link #linear()}, {@link #poly}, {@link #rbf} and {@link #sigmoid} set unused
 * parameters to scikit-learn's defaults (coef0 = 0, degree = 3).
 *
 * @param type   which function
 * @param gamma  γ, the scale of the inner product or squared distance (already resolved: a number, not "scale")
 * @param coef0  the additive constant of poly and sigmoid
 * @param degree the exponent of poly
 */
public record KernelSpec(KernelType type, double gamma, double coef0, int degree) {
    /**
     * Checks the parameters: a type, a finite gamma ({@code >= 0} for every type but linear), a finite coef0 and
     * {@code degree >= 0}.
     */
    public KernelSpec {
        Objects.requireNonNull(type, "type");
        if (type != KernelType.LINEAR && !(gamma >= 0 && gamma < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("gamma must be a finite number >= 0 for the " + type.sklearnName()
                    + " kernel, got " + gamma);
        }
        if (!Double.isFinite(gamma)) {
            throw new IllegalArgumentException("gamma must be finite, got " + gamma);
        }
        if (!Double.isFinite(coef0)) {
            throw new IllegalArgumentException("coef0 must be finite, got " + coef0);
        }
        if (degree < 0) {
            throw new IllegalArgumentException("degree must be an integer >= 0, got " + degree);
        }
    }

    /** {@code ⟨x, y⟩}. */
    public static KernelSpec linear() {
        return new KernelSpec(KernelType.LINEAR, 0.0, 0.0, 3);
    }

    /** {@code (γ⟨x, y⟩ + coef0)^degree}. */
    public static KernelSpec poly(double gamma, double coef0, int degree) {
        return new KernelSpec(KernelType.POLY, gamma, coef0, degree);
    }

    /** {@code exp(−γ‖x − y‖²)}. */
    public static KernelSpec rbf(double gamma) {
        return new KernelSpec(KernelType.RBF, gamma, 0.0, 3);
    }

    /** {@code tanh(γ⟨x, y⟩ + coef0)}. */
    public static KernelSpec sigmoid(double gamma, double coef0) {
        return new KernelSpec(KernelType.SIGMOID, gamma, coef0, 3);
    }

    /**
     * The kernel value from the inner product {@code dot = ⟨x, y⟩} and, for rbf only, the squared
     * distance {@code sqDist = ‖x − y‖²} (ignored by the other types). This is the reference
     * definition; {@code poly} raises to the power as libsvm does ({@link #powi}).
     */
    public double value(double dot, double sqDist) {
        return switch (type) {
            case LINEAR -> dot;
            case POLY -> powi(gamma * dot + coef0, degree);
            case RBF -> Math.exp(-gamma * sqDist);
            case SIGMOID -> Math.tanh(gamma * dot + coef0);
        };
    }

    /**
     * {@code base^degree} as libsvm's {@code powi} computes it ({@code degree >= 0}; {@code x^0 = 1}): the squares
     * {@code b, b², b⁴, …} multiplied into the result from the lowest set bit of the exponent up. Not
     * {@link Math#pow(double, double)}, which rounds once and so differs in the last bit for about a quarter of
     * cubes: libsvm's diagonal {@code Q_ii} is float64, and an SMO step that ends one ulp away from a bound can move
     * the intercept from one end of its interval to the other (session 19 found a calibration fold doing so).
     */
    public static double powi(double base, int degree) {
        double result = 1.0;
        double b = base;
        for (int e = degree; e > 0; e >>= 1) {
            if ((e & 1) != 0) {
                result *= b;
            }
            if (e > 1) {
                b *= b;
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return switch (type) {
            case LINEAR -> "linear";
            case POLY -> "poly(gamma=" + gamma + ", coef0=" + coef0 + ", degree=" + degree + ")";
            case RBF -> "rbf(gamma=" + gamma + ")";
            case SIGMOID -> "sigmoid(gamma=" + gamma + ", coef0=" + coef0 + ")";
        };
    }
}
