package org.paraml.selection;

/**
 * A fit that threw during a search: which candidate, which split, and the error text (the
 * exception and its stack trace, as scikit-learn keeps Python's traceback).
 */
public record FitFailure(int candidate, int fold, String error) {
    /** The first line of {@link #error()}: the exception's class and message. */
    public String message() {
        int nl = error.indexOf('\n');
        return (nl < 0 ? error : error.substring(0, nl)).strip();
    }
}
