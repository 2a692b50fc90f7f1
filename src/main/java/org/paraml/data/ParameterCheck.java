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
                    + " must be a float in the range [" + min + ", " + max + "]. Got " + value + " instead.");
        }
        return value;
    }

    /** Throws unless {@code value > min} and finite. */
    static double realAbove(String function, String parameter, double value, double min) {
        if (!(value > min) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("The '" + parameter + "' parameter of " + function
                    + " must be a float in the range (" + min + ", inf). Got " + value + " instead.");
        }
        return value;
    }

    /** Throws unless {@code value ≥ min} and finite. */
    static double realAtLeast(String function, String parameter, double value, double min) {
        if (!(value >= min) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("The '" + parameter + "' parameter of " + function
                    + " must be a float in the range [" + min + ", inf). Got " + value + " instead.");
        }
        return value;
    }

    /** Throws unless {@code value} is finite. */
    static double finite(String function, String parameter, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("The '" + parameter + "' parameter of " + function
                    + " must be a float in the range (-inf, inf). Got " + value + " instead.");
        }
        return value;
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
