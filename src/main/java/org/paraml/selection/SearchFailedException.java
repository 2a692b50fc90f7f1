package org.paraml.selection;

/** Every fit of a search or cross-validation failed (scikit-learn raises "All the N fits failed."). */
public final class SearchFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SearchFailedException(String message) {
        super(message);
    }
}
