package org.paraml.data;

/**
 * Range checks for the parameters of the dataset generators, worded as scikit-learn's
 * {@code validate_params} words them: "The 'n_samples' parameter of make_classification must be
 * an int in the range [1, inf). Got 0 instead."
 */
final class ParameterCheck {
    private ParameterCheck() {
    }

    /** Throws unless {@code value ≥ min}. */
    static int intAtLeast(String function, String parameter, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("The '" + parameter + "' parameter of " + function
                    + " must be an int in the range [" + min + ", inf). Got " + value + " instead.");
        }
        return value;
    }

    /** Throws unless {@code min ≤ value ≤ max} (both ends closed). */
    static double realInClosed(String function, String parameter, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("The '" + parameter + "' parameter of " + function
                    + " must be a float in the range [" + bound(min) + ", " + bound(max) + "]. Got "
                    + PythonFormat.floatRepr(value) + " instead.");
        }
        return value;
    }

    /** Throws unless {@code value > min} and finite. */
    static double realAbove(String function, String parameter, double value, double min) {
        return realAbove(function, parameter, value, min, "");
    }

    /**
     * Throws unless {@code value > min} and finite; {@code alternatives} is what scikit-learn lists
     * after the range for a parameter that also takes other types (", an array-like or None").
     */
    static double realAbove(String function, String parameter, double value, double min, String alternatives) {
        if (!(value > min) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("The '" + parameter + "' parameter of " + function
                    + " must be a float in the range (" + bound(min) + ", inf)" + alternatives + ". Got "
                    + PythonFormat.floatRepr(value) + " instead.");
        }
        return value;
    }

    /** Throws unless {@code value ≥ min} and finite; {@code alternatives} as for {@link #realAbove}. */
    static double realAtLeast(String function, String parameter, double value, double min, String alternatives) {
        if (!(value >= min) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("The '" + parameter + "' parameter of " + function
                    + " must be a float in the range [" + bound(min) + ", inf)" + alternatives + ". Got "
                    + PythonFormat.floatRepr(value) + " instead.");
        }
        return value;
    }

    /** Throws unless {@code value} is finite; {@code alternatives} as for {@link #realAbove}. */
    static double finite(String function, String parameter, double value, String alternatives) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("The '" + parameter + "' parameter of " + function
                    + " must be a float in the range (-inf, inf)" + alternatives + ". Got "
                    + PythonFormat.floatRepr(value) + " instead.");
        }
        return value;
    }

    /**
     * A bound as scikit-learn's {@code Interval} prints it: the generators' bounds are declared as
     * Python ints ({@code Interval(Real, 0, 1, closed="both")}), so 0 and 1, not 0.0 and 1.0.
     */
    private static String bound(double b) {
        return b == Math.rint(b) && Math.abs(b) < 1e15 ? Long.toString((long) b) : Double.toString(b);
    }

    /** A random-state seed as numpy accepts it: in [0, 2**32 - 1]. */
    static long seed(String function, long seed) {
        if (seed < 0 || seed > RandomState.MAX_SEED) {
            throw new IllegalArgumentException("The 'random_state' parameter of " + function
                    + " must be a seed in the range [0, 2**32 - 1] (numpy's RandomState). Got " + seed + " instead.");
        }
        return seed;
    }
}
