package org.paraml.data;

import org.paraml.linalg.Matrix;

/**
 * Checks made at the public boundary of estimators and I/O, with messages worded as
 * scikit-learn's {@code check_array} / {@code check_X_y} word them, so that a user who knows one
 * recognises the other.
 */
public final class Validation {
    private Validation() {
    }

    /** Throws unless every value of {@code x} is finite; {@code name} is the parameter, e.g. "X". */
    public static void checkFinite(Matrix x, String name) {
        double[] d = x.data();
        for (int i = 0; i < x.rows(); i++) {
            int o = x.offset(i);
            for (int j = 0; j < x.cols(); j++) {
                double v = d[o + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Input " + name + " contains "
                            + (Double.isNaN(v) ? "NaN" : "infinity") + " (first at row " + i + ", column " + j
                            + "); remove or impute non-finite values first");
                }
            }
        }
    }

    /** Throws unless every value of {@code v} is finite. */
    public static void checkFinite(double[] v, String name) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("Input " + name + " contains "
                        + (Double.isNaN(v[i]) ? "NaN" : "infinity") + " (first at index " + i + ")");
            }
        }
    }

    /**
     * Throws unless {@code x} has at least {@code minSamples} rows and {@code minFeatures} columns, with
     * scikit-learn's message ("... is required by SVC.", {@code name} being who requires it).
     */
    public static void checkShape(Matrix x, String name, int minSamples, int minFeatures) {
        if (x.rows() < minSamples) {
            throw new IllegalArgumentException("Found array with " + x.rows() + " sample(s) (shape=(" + x.rows()
                    + ", " + x.cols() + ")) while a minimum of " + minSamples + " is required by " + name + ".");
        }
        if (x.cols() < minFeatures) {
            throw new IllegalArgumentException("Found array with " + x.cols() + " feature(s) (shape=(" + x.rows()
                    + ", " + x.cols() + ")) while a minimum of " + minFeatures + " is required by " + name + ".");
        }
    }

    /** Throws unless {@code x} has one row per label. */
    public static void checkConsistentLength(Matrix x, int[] y) {
        if (x.rows() != y.length) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: ["
                    + x.rows() + ", " + y.length + "]");
        }
    }

    /** Throws unless {@code x} has one row per value of {@code w}. */
    public static void checkConsistentLength(Matrix x, double[] w, String name) {
        if (x.rows() != w.length) {
            throw new IllegalArgumentException(name + " has " + w.length + " values but X has " + x.rows()
                    + " samples: they must have the same length");
        }
    }

    /** Throws unless {@code x} and {@code other} have the same number of columns. */
    public static void checkSameFeatures(Matrix x, int expectedFeatures, String estimator) {
        if (x.cols() != expectedFeatures) {
            throw new IllegalArgumentException("X has " + x.cols() + " features, but " + estimator
                    + " is expecting " + expectedFeatures + " features as input.");
        }
    }
}
