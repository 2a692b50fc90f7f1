package org.paraml.data;

import java.util.Objects;
import org.paraml.linalg.Matrix;

/**
 * What {@code make_blobs(..., return_centers=True)} returns: the samples, their cluster labels and
 * the cluster centres.
 *
 * @param x the samples, {@code n_samples × n_features}
 * @param y the index of the centre each row was drawn around
 * @param centers the centres, {@code n_centers × n_features}
 */
public record Blobs(Matrix x, int[] y, Matrix centers) {
    /** Checks that no argument is null and that {@code x} has one row per label of {@code y}. */
    public Blobs {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(centers, "centers");
        Validation.checkConsistentLength(x, y);
    }

    /** {@code (X, y)} without the centres. */
    public Dataset dataset() {
        return new Dataset(x, y);
    }
}
