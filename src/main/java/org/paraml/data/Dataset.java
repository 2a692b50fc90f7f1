package org.paraml.data;

import java.util.Objects;
import org.paraml.linalg.Matrix;

/**
 * A feature matrix and its labels, as scikit-learn's dataset functions return them ({@code X, y}).
 *
 * @param x the samples, one row each ({@code n_samples × n_features})
 * @param y the label of each row ({@code n_samples}); integers, as scikit-learn's generators make them
 */
public record Dataset(Matrix x, int[] y) {
    /** Checks that neither argument is null and that {@code x} has one row per label of {@code y}. */
    public Dataset {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Validation.checkConsistentLength(x, y);
    }
}
