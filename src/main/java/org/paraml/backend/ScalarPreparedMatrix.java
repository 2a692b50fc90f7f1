package org.paraml.backend;

import org.paraml.linalg.Matrix;

/** What {@link ScalarBackend#prepare} makes: the matrix and its squared row norms. */
record ScalarPreparedMatrix(Matrix matrix, double[] squaredNorms) implements PreparedMatrix {
    @Override
    public String backendName() {
        return ScalarBackend.NAME;
    }
}
