package org.paraml.selection;

import org.paraml.data.PythonFormat;

/**
 * scikit-learn's {@code error_score}: the score recorded for a fit (or a scoring) that throws,
 * or {@link #RAISE} to let the exception end the search.
 *
 * @param raise true for {@code error_score='raise'}
 * @param value the score recorded otherwise (NaN by default)
 */
public record ErrorScore(boolean raise, double value) {
    /** {@code error_score=np.nan}, the default. */
    public static final ErrorScore NAN = new ErrorScore(false, Double.NaN);
    /** {@code error_score='raise'}. */
    public static final ErrorScore RAISE = new ErrorScore(true, Double.NaN);

    /** {@code error_score=value}. */
    public static ErrorScore of(double value) {
        return new ErrorScore(false, value);
    }

    @Override
    public String toString() {
        return raise ? "raise" : PythonFormat.floatRepr(value);
    }
}
