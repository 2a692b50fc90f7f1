package org.paraml.backend;

import org.paraml.linalg.Matrix;

/**
 * A matrix made ready for one {@link Backend}'s kernels by {@link Backend#prepare(Matrix)}: the rows
 * it was made from, their squared norms, and whatever layout that backend reads fastest (a
 * transposed panel for few features, a device copy on a GPU).
 *
 * <p>A prepared matrix is immutable and safe to share between threads. It snapshots the norms (and
 * any copied layout) when it is made: the caller must not modify the matrix's values while the
 * prepared handle is in use. It is only accepted by the backend that made it.
 */
public interface PreparedMatrix {
    /** The matrix (or row view) this was prepared from; not copied. */
    Matrix matrix();

    /** Number of rows, {@code matrix().rows()}. */
    default int rows() {
        return matrix().rows();
    }

    /** Number of columns (features), {@code matrix().cols()}. */
    default int cols() {
        return matrix().cols();
    }

    /** {@code ‖x_i‖² = Σ_j x_ij²} for row i at index i; shared, do not modify. */
    double[] squaredNorms();

    /** The {@link Backend#name()} of the backend that made this. */
    String backendName();
}
