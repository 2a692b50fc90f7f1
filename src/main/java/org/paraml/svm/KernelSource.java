package org.paraml.svm;

/**
 * Where a fit gets its kernel values: over the rows of the training input, as column providers
 * for the solver and as blocks for the decision values of the probability cross-validation.
 * Row indices are rows of the training input given to {@code fit}.
 */
interface KernelSource {
    /** A provider over training rows {@code rows} (in that order), for one solver. */
    ColumnProvider columns(int[] rows);

    /**
     * {@code out[r·b.length + s] = K(x_{a[r]}, x_{b[s]})} in float64, row-major.
     *
     * @param a   rows of the training input (the points to evaluate)
     * @param b   rows of the training input (the support vectors)
     * @param out at least {@code a.length · b.length} values, written
     */
    void block(int[] a, int[] b, double[] out);

    /**
     * This source with a thread budget of {@code threads} for its kernel evaluations (for
     * trainings that run side by side and split the fit's budget). The values do not change.
     */
    default KernelSource withThreads(int threads) {
        return this;
    }

    /**
     * True when the values are read from a matrix that other fits share (a search's {@link SharedGram}):
     * then a probability calibration reads them from there instead of keeping a {@link CalibrationGram}
     * (measured: no faster, and l² more floats held).
     */
    default boolean readsSharedMatrix() {
        return false;
    }
}
