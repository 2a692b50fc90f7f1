package org.paraml.selection;

import java.util.List;

/**
 * A cross-validation splitter (scikit-learn's {@code cv} objects): {@link #nSplits()} splits of
 * {@code nSamples} rows into training and test sets. Implementations are immutable; a splitter
 * that shuffles with a seed gives the same splits at every call.
 */
public interface CrossValidator {
    /** The number of splits ({@code get_n_splits()}). */
    int nSplits();

    /**
     * The splits ({@code list(cv.split(X, y))}).
     *
     * @param nSamples the number of rows
     * @param y the labels (needed by stratified splitters), or null
     */
    List<Split> split(int nSamples, int[] y);
}
